"""The curation admin: review queue, every field editable, targets inline, full history."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.forms.models import BaseInlineFormSet
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from . import history
from .models import (
    Authority,
    Category,
    ChangeRecord,
    Document,
    Indicator,
    Jurisdiction,
    JurisdictionAlias,
    Policy,
    PolicyForReview,
    PolicyIssuer,
    PolicyRelation,
    PolicyVersion,
    Sector,
    Source,
    Target,
    Topic,
)
from .models.policy import ReviewState


class ProvinceFilter(admin.SimpleListFilter):
    title = _("省份 Province")
    parameter_name = "province"

    def lookups(self, request, model_admin):
        provinces = Jurisdiction.objects.current().filter(level__in=["national", "province"])
        return [(j.adcode, j.short_name or j.name) for j in provinces]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        if self.value() == "100000":
            return queryset.filter(level="national")
        return queryset.filter(jurisdictions__adcode__startswith=self.value()[:2]).distinct()


class HasTargetsFilter(admin.SimpleListFilter):
    title = _("有量化目标 Has targets")
    parameter_name = "has_targets"

    def lookups(self, request, model_admin):
        return [("1", _("是 Yes")), ("0", _("否 No"))]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.filter(targets__isnull=False).distinct()
        if self.value() == "0":
            return queryset.filter(targets__isnull=True)
        return queryset


class PolicyIssuerInline(admin.TabularInline):
    model = PolicyIssuer
    extra = 0
    autocomplete_fields = ["authority"]
    verbose_name = _("发布机关 Issuer")
    verbose_name_plural = _("发布机关（按顺序，牵头在前）Issuers, lead first")


class FirstTargetsFormSet(BaseInlineFormSet):
    """The first ``TargetInline.shown`` targets of the policy (in text order), not all of them: a
    4 MB text gave 3,499 targets and a change page of 54 MB that took two minutes. The rest are
    edited in the Target change list, filtered to the policy (the inline's template links it);
    saving the page changes only the targets shown. Rejected: a read-only list of all targets
    (still thousands of rows) and no inline at all (the common policy has a dozen)."""

    shown = 50

    def get_queryset(self):
        if not hasattr(self, "_first"):
            everything = super().get_queryset()
            self.total = everything.count()
            self._first = everything.order_by("order", "pk")[: self.shown]
            len(self._first)  # evaluated once: the forms index into it
        return self._first


class TargetInline(admin.StackedInline):
    model = Target
    formset = FirstTargetsFormSet
    template = "admin/tracker/target_inline.html"
    extra = 0
    autocomplete_fields = ["indicator"]
    raw_id_fields = ["version"]
    fields = [
        ("indicator", "target_year", "year_comparator"),
        ("comparator", "value_low", "value_high", "unit"),
        ("metric_kind", "base_year", "period_start", "direction"),
        ("firmness", "binding", "verified"),
        "text",
        ("version", "start", "end", "page", "order"),
    ]
    verbose_name = _("量化目标 Target")
    verbose_name_plural = _("量化目标（原文句子可核对）Targets, with their source sentences")


class RelationInline(admin.TabularInline):
    model = PolicyRelation
    fk_name = "source"
    extra = 0
    autocomplete_fields = ["target"]
    verbose_name_plural = _("关联政策 Related policies")


@admin.register(Policy)
class PolicyAdmin(admin.ModelAdmin):
    list_display = ["title", "jurisdiction", "level", "category", "policy_type", "date_display", "review_state", "n_targets"]
    list_filter = ["review_state", ProvinceFilter, "level", "category", "policy_type", HasTargetsFilter, "published_date", "signed_date"]
    search_fields = ["title", "title_en", "doc_number", "issuers__name"]
    date_hierarchy = "signed_date"
    autocomplete_fields = ["jurisdiction", "jurisdictions", "category", "published_version"]
    filter_horizontal = ["sectors", "topics"]
    inlines = [PolicyIssuerInline, TargetInline, RelationInline]
    actions = ["publish", "send_to_review", "reject"]
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["title", "title_en", "doc_number", "review_state"]}),
        (_("地区与分类 Region and classification"), {
            "fields": ["jurisdiction", "jurisdictions", "level", "policy_type", "legal_force", "category", "sectors", "topics"],
        }),
        (_("日期与状态 Dates and status"), {
            "fields": [("signed_date", "published_date"), ("effective_date", "expiry_date"), "status"],
        }),
        (_("摘要与来源 Summary and source"), {"fields": ["summary_zh", "summary_en", "source_url", "published_version"]}),
        (_("来源记录 Provenance"), {"classes": ["collapse"], "fields": ["field_sources", "import_key"]}),
    ]
    readonly_fields = ["import_key"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("jurisdiction", "category").annotate(
            target_count=Count("targets", distinct=True)
        )

    @admin.display(description=_("日期 Date"), ordering="published_date")
    def date_display(self, obj):
        return obj.date or "—"

    @admin.display(description=_("目标数 Targets"), ordering="target_count")
    def n_targets(self, obj):
        return obj.target_count

    # --- history: snapshot before, diff after the inlines and m2m are saved ---------------
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if object_id and request.method == "POST":
            obj = self.get_object(request, object_id)
            request._ccnt_before = history.snapshot_policy(obj) if obj else None
        return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        # A curator's edit owns the field from now on: the machine never overwrites it.
        for name in form.changed_data:
            obj.field_sources[name] = "curator"
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for instance in instances:
            if isinstance(instance, Target):
                if instance.version_id is None:
                    instance.version = form.instance.current_version()
                if not instance.pk:
                    instance.source = "curator"
            instance.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        before = getattr(request, "_ccnt_before", None)
        after = history.snapshot_policy(form.instance)
        history.record(form.instance, request.user, "changed" if change else "created", history.diff(before, after))

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_view_or_change_permission(request, obj):
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        context = {
            **self.admin_site.each_context(request),
            "title": _("修改历史 History: %s") % obj,
            "object": obj,
            "records": history.history_of(obj),
            "opts": self.opts,
        }
        return TemplateResponse(request, "admin/tracker/policy_history.html", context)

    # --- review actions ---------------------------------------------------------------------
    def _move(self, request, queryset, state: str, label: str):
        if not request.user.has_perm("tracker.publish_policy"):
            self.message_user(request, _("没有发布权限 You may not publish or reject"), messages.ERROR)
            return
        moved = 0
        for policy in queryset:
            if policy.review_state == state:
                continue
            old = policy.review_state
            policy.review_state = state
            if state == ReviewState.PUBLISHED and policy.published_version_id is None:
                policy.published_version = policy.versions.order_by("-number").first()
            policy.save(update_fields=["review_state", "published_version", "updated_at"])
            history.record(policy, request.user, "changed", {"review_state": [old, state]}, note=label)
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
        return request.user.has_perm("tracker.publish_policy")


@admin.register(PolicyForReview)
class ReviewQueueAdmin(PolicyAdmin):
    """Drafts and machine extractions waiting for a curator, oldest first."""

    list_filter = ["review_state", ProvinceFilter, "level", "category", HasTargetsFilter]
    ordering = ["created_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(
            review_state__in=[ReviewState.DRAFT, ReviewState.NEEDS_REVIEW]
        )


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["policy", "indicator", "target_year", "comparator", "value_low", "value_high", "unit", "verified"]
    list_filter = ["verified", "target_year", "metric_kind", "firmness", "indicator__sector"]
    search_fields = ["text", "policy__title", "indicator__name_zh", "indicator__code"]
    autocomplete_fields = ["policy", "indicator", "version"]


@admin.register(PolicyVersion)
class PolicyVersionAdmin(admin.ModelAdmin):
    list_display = ["policy", "number", "text_hash", "created_at"]
    search_fields = ["policy__title"]
    autocomplete_fields = ["policy", "document"]


class JurisdictionAliasInline(admin.TabularInline):
    model = JurisdictionAlias
    extra = 0


@admin.register(Jurisdiction)
class JurisdictionAdmin(admin.ModelAdmin):
    list_display = ["adcode", "name", "short_name", "level", "kind", "parent", "valid_to"]
    list_filter = ["level", "kind"]
    search_fields = ["adcode", "name", "short_name", "aliases__alias"]
    autocomplete_fields = ["parent", "successor"]
    inlines = [JurisdictionAliasInline]

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        return queryset.exclude(kind="placeholder"), may_have_duplicates


@admin.register(Authority)
class AuthorityAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "jurisdiction"]
    search_fields = ["name", "name_en"]
    autocomplete_fields = ["jurisdiction"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name_zh", "name_en", "unit_family", "better", "sector"]
    list_filter = ["sector", "unit_family"]
    search_fields = ["code", "name_zh", "name_en"]


@admin.register(Category, Sector, Topic)
class TermAdmin(admin.ModelAdmin):
    list_display = ["code", "name_zh", "name_en", "order"]
    search_fields = ["code", "name_zh", "name_en"]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "media_type", "size", "http_status", "fetched_at", "parse_status", "role", "original"]
    list_filter = ["parse_status", "role", "media_type"]
    search_fields = ["url", "filename", "sha256", "title"]
    raw_id_fields = ["parent", "policy", "source"]
    readonly_fields = ["original"]

    @admin.display(description=_("原件 Original"))
    def original(self, obj):
        from django.urls import reverse
        from django.utils.html import format_html

        if not obj.pk or not obj.archive_path:
            return "—"
        return format_html('<a href="{}">{}</a>', reverse("admin:tracker_document_original", args=[obj.pk]),
                           obj.sha256[:12])

    def get_urls(self):
        from django.urls import path

        return [path("<int:pk>/original/", self.admin_site.admin_view(self.original_view),
                     name="tracker_document_original"), *super().get_urls()]

    def original_view(self, request, pk):
        """Staff download of any archived original (the public view serves published ones only)."""
        from django.http import FileResponse, Http404

        from ccnt.ingest.archive import default_archive

        doc = Document.objects.filter(pk=pk).first()
        if doc is None or not self.has_view_permission(request, doc) or not doc.archive_path:
            raise Http404("No such document")
        path = default_archive().path(doc.sha256)
        if not path.is_file():
            raise Http404("The archived file is missing")
        response = FileResponse(path.open("rb"), content_type=doc.media_type or "application/octet-stream",
                                as_attachment=True, filename=doc.filename or doc.sha256)
        response["Content-Security-Policy"] = "sandbox"
        return response


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "crawler", "enabled", "last_crawled_at"]
    autocomplete_fields = ["jurisdiction"]


# The monthly report's admin lives in ccnt.reports.admin.


@admin.register(ChangeRecord)
class ChangeRecordAdmin(admin.ModelAdmin):
    list_display = ["at", "user", "action", "content_type", "object_repr"]
    list_filter = ["action", "content_type", ("user", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["object_repr", "note"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def review_queue_count() -> int:
    return Policy.objects.filter(Q(review_state=ReviewState.NEEDS_REVIEW) | Q(review_state=ReviewState.DRAFT)).count()


from . import admin_actors  # noqa: E402,F401 - registers the actors' and commitments' admin
