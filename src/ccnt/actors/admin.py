"""Curation of non-state actors and their commitments: the same review states, inline targets
with their source sentences, publish / reject actions and the full edit history as policies."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Count
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from ccnt.tracker import history
from ccnt.tracker.models import Target
from ccnt.tracker.models.review import ReviewState

from . import history as actor_history
from .models import Actor, Commitment, CommitmentForReview


class CommitmentTargetInline(admin.StackedInline):
    model = Target
    fk_name = "commitment"
    extra = 0
    autocomplete_fields = ["indicator"]
    fields = [
        ("indicator", "target_year", "year_comparator"),
        ("comparator", "value_low", "value_high", "unit"),
        ("metric_kind", "base_year", "period_start", "direction"),
        ("firmness", "binding", "verified"),
        "text",
        ("start", "end", "page", "order"),
    ]
    verbose_name = _("量化目标 Target")
    verbose_name_plural = _("量化目标（原文句子可核对）Targets, with their source sentences")


class CommitmentInline(admin.TabularInline):
    model = Commitment
    extra = 0
    fields = ["title", "date", "kind", "review_state"]
    show_change_link = True


class _ReviewActions:
    """Publish / send back / reject, recorded in the history (needs ``publish_commitment``)."""

    perm = "actors.publish_commitment"
    actions = ["publish", "send_to_review", "reject"]

    def _move(self, request, queryset, state: str, label: str):
        if not request.user.has_perm(self.perm):
            self.message_user(request, _("没有发布权限 You may not publish or reject"), messages.ERROR)
            return
        moved = 0
        for obj in queryset:
            if obj.review_state == state:
                continue
            old = obj.review_state
            obj.review_state = state
            obj.save(update_fields=["review_state", "updated_at"])
            history.record(obj, request.user, "changed", {"review_state": [old, state]}, note=label)
            moved += 1
        self.message_user(request, f"{label}: {moved}")

    @admin.action(description=_("发布 Publish"), permissions=["publish"])
    def publish(self, request, queryset):
        self._move(request, queryset, ReviewState.PUBLISHED, "published")

    @admin.action(description=_("退回待审核 Send back to review"), permissions=["publish"])
    def send_to_review(self, request, queryset):
        self._move(request, queryset, ReviewState.NEEDS_REVIEW, "needs review")

    @admin.action(description=_("驳回 Reject"), permissions=["publish"])
    def reject(self, request, queryset):
        self._move(request, queryset, ReviewState.REJECTED, "rejected")

    def has_publish_permission(self, request):
        return request.user.has_perm(self.perm)

    # --- history: snapshot before, diff after the inlines and m2m are saved -----------------
    snapshot = staticmethod(actor_history.snapshot_actor)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if object_id and request.method == "POST":
            obj = self.get_object(request, object_id)
            request._ccnt_before = self.snapshot(obj) if obj else None
        return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        for name in form.changed_data:  # a curator's edit owns the field: no machine overwrites it
            obj.field_sources[name] = "curator"
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        before = getattr(request, "_ccnt_before", None)
        history.record(form.instance, request.user, "changed" if change else "created",
                       history.diff(before, self.snapshot(form.instance)))

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_view_or_change_permission(request, obj):
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        context = {
            **self.admin_site.each_context(request),
            "title": _("修改历史 History: %s") % obj, "object": obj,
            "records": history.history_of(obj), "opts": self.opts,
        }
        return TemplateResponse(request, "admin/tracker/policy_history.html", context)


@admin.register(Actor)
class ActorAdmin(_ReviewActions, admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "headquarters", "parent", "n_commitments", "review_state"]
    list_filter = ["review_state", "kind", "sectors"]
    search_fields = ["name", "short_name", "name_en", "credit_code", "stock_code"]
    autocomplete_fields = ["headquarters", "parent"]
    filter_horizontal = ["sectors"]
    raw_id_fields = ["policies"]
    inlines = [CommitmentInline]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "name_en", "aliases", "kind", "review_state"]}),
        (_("代码与归属 Codes and group"), {"fields": ["credit_code", "stock_code", "headquarters", "parent", "sectors"]}),
        (_("简介 About"), {"fields": ["description", "website", "policies"]}),
        (_("来源记录 Provenance"), {"classes": ["collapse"], "fields": ["field_sources", "import_key"]}),
    ]
    readonly_fields = ["import_key"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("headquarters", "parent").annotate(
            commitment_count=Count("commitments", distinct=True))

    @admin.display(description=_("承诺数 Commitments"), ordering="commitment_count")
    def n_commitments(self, obj):
        return obj.commitment_count


@admin.register(Commitment)
class CommitmentAdmin(_ReviewActions, admin.ModelAdmin):
    list_display = ["title", "actor", "kind", "date", "review_state", "n_targets"]
    list_filter = ["review_state", "kind", "actor__kind", "date"]
    search_fields = ["title", "statement", "actor__name", "actor__short_name", "source_title", "publisher"]
    autocomplete_fields = ["actor"]
    raw_id_fields = ["document"]
    inlines = [CommitmentTargetInline]
    snapshot = staticmethod(actor_history.snapshot_commitment)
    fieldsets = [
        (None, {"fields": ["actor", "title", "date", "kind", "review_state"]}),
        (_("原文与来源 Statement and source"), {
            "fields": ["statement", "source_title", "publisher", "source_url", "document"]}),
        (_("全文 Full text"), {"classes": ["collapse"], "fields": ["text"]}),
        (_("来源记录 Provenance"), {"classes": ["collapse"], "fields": ["field_sources", "import_key", "extracted"]}),
    ]
    readonly_fields = ["import_key"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor").annotate(target_count=Count("targets"))

    @admin.display(description=_("目标数 Targets"), ordering="target_count")
    def n_targets(self, obj):
        return obj.target_count

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for instance in instances:
            if isinstance(instance, Target) and not instance.pk:
                instance.source = "curator"
            instance.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()


@admin.register(CommitmentForReview)
class CommitmentReviewQueueAdmin(CommitmentAdmin):
    """Commitment drafts (e.g. from ``ccnt ingest --actor``) waiting for a curator, oldest first."""

    ordering = ["created_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(review_state__in=[ReviewState.DRAFT, ReviewState.NEEDS_REVIEW])
