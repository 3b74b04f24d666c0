"""Curation of non-state actors and their commitments: the same review states, inline targets
with their source sentences, publish / reject actions and the full edit history as policies."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from ccnt.tracker import history
from ccnt.tracker.admin_review import ReviewActionsMixin
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


class _CuratedAdmin(ReviewActionsMixin, admin.ModelAdmin):
    """The review actions and history page of every curated model (``ReviewActionsMixin``,
    needing ``publish_commitment``), and the history of an edit: a snapshot before, the diff after
    the inlines and m2m are saved."""

    publish_permission = "actors.publish_commitment"
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


@admin.register(Actor)
class ActorAdmin(_CuratedAdmin):
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
class CommitmentAdmin(_CuratedAdmin):
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
