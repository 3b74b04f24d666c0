"""The curation admin: review queue, every field editable, targets inline, full history."""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, F, IntegerField, Max, Min, Q, Value, When
from django.forms.models import BaseInlineFormSet
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ccnt.analysis.confidence import CONFIDENT

from . import history, merging, publishing
from .admin_review import ReviewActionsMixin
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
    Target,
    TargetReport,
    Topic,
)
from .models.review import ReviewState

LOW_CONFIDENCE = CONFIDENT  # below it a target goes to the curators first


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
        ("firmness", "binding", "verified", "confidence_display"),
        "text",
        ("version", "start", "end", "page", "order"),
    ]
    readonly_fields = ["confidence_display"]
    verbose_name = _("量化目标 Target")

    @admin.display(description=_("置信度 Confidence"))
    def confidence_display(self, obj):
        """The machine's confidence (analysis/confidence.py); below 0.8 the target wants a look."""
        if obj is None or obj.confidence is None:
            return "—"
        low = obj.confidence < LOW_CONFIDENCE and not obj.verified
        return format_html('<span class="{}">{}</span>', "confidence-low" if low else "confidence",
                           f"{obj.confidence:.2f}" + (" ⚠" if low else ""))
    verbose_name_plural = _("量化目标（原文句子可核对）Targets, with their source sentences")


class TargetReportInline(admin.TabularInline):
    """Readers' reports on this policy's targets: read them, tick 已处理 to resolve."""

    model = TargetReport
    extra = 0
    can_delete = False
    fields = ["target_text", "message", "email", "created_at", "resolved", "resolved_at"]
    readonly_fields = ["target_text", "message", "email", "created_at", "resolved_at"]
    verbose_name_plural = _("读者报错 Reader reports")

    def has_add_permission(self, request, obj=None):
        return False


class RelationInline(admin.TabularInline):
    model = PolicyRelation
    fk_name = "source"
    extra = 0
    autocomplete_fields = ["target"]
    verbose_name_plural = _("关联政策 Related policies")


@admin.register(Policy)
class PolicyAdmin(ReviewActionsMixin, admin.ModelAdmin):
    list_display = ["title", "jurisdiction", "level", "category", "policy_type", "date_display", "review_state", "n_targets"]
    list_filter = ["review_state", ProvinceFilter, "level", "category", "policy_type", HasTargetsFilter, "published_date", "signed_date"]
    search_fields = ["title", "title_en", "doc_number", "issuers__name"]
    date_hierarchy = "signed_date"
    autocomplete_fields = ["jurisdiction", "jurisdictions", "category", "published_version"]
    filter_horizontal = ["sectors", "topics"]
    inlines = [PolicyIssuerInline, TargetInline, TargetReportInline, RelationInline]
    publish_permission = "tracker.publish_policy"
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
        return self.with_counts(super().get_queryset(request))

    @staticmethod
    def with_counts(queryset):
        return queryset.select_related("jurisdiction", "category").annotate(target_count=Count("targets", distinct=True))

    @admin.display(description=_("日期 Date"), ordering="published_date")
    def date_display(self, obj):
        return obj.date or "—"

    @admin.display(description=_("目标数 Targets"), ordering="target_count")
    def n_targets(self, obj):
        return obj.target_count

    change_form_template = "admin/tracker/policy/change_form.html"

    # --- history: snapshot before, diff after the inlines and m2m are saved ---------------
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        obj = self.get_object(request, object_id) if object_id else None
        if obj is not None and request.method == "POST":
            request._ccnt_before = history.snapshot_policy(obj)
        if obj is not None:
            extra_context = {**(extra_context or {}), **self.review_context(obj)}
        return super().changeform_view(request, object_id, form_url, extra_context)

    @staticmethod
    def review_context(policy) -> dict:
        """The text (newest version, the one a curator reviews) and its originals, shown
        beside the fields and targets so a curator confirms rather than retypes."""
        version = publishing.latest_version(policy)
        documents = Document.objects.filter(policy=policy).exclude(archive_path="").order_by("role", "pk")[:5]
        return {"review_version": version, "review_text": version.text if version else "",
                "review_documents": list(documents)}

    def save_model(self, request, obj, form, change):
        # A curator's edit owns the field from now on: the machine never overwrites it.
        for name in form.changed_data:
            obj.field_sources[name] = "curator"
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for instance in instances:
            if isinstance(instance, TargetReport):
                instance.resolved_at = (instance.resolved_at or timezone.now()) if instance.resolved else None
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
        policy = form.instance
        before = getattr(request, "_ccnt_before", None)
        if "review_state" in form.changed_data or "published_version" in form.changed_data:
            # the form's 审核状态 goes through the one publish path (version, index, caches);
            # the history diff below records the change
            publishing.set_review_state(policy, policy.review_state, user=request.user,
                                        version=policy.published_version, record=False)
        else:
            publishing.ensure_primary_region(policy)
        after = history.snapshot_policy(form.instance)
        history.record(form.instance, request.user, "changed" if change else "created", history.diff(before, after))

    # --- review actions (ReviewActionsMixin): publishing goes through the one publish path ----
    def move_one(self, request, policy, state: str, label: str) -> bool:
        if policy.review_state == state and not self._awaits_review(policy):
            return False
        version = publishing.latest_version(policy) if state == ReviewState.PUBLISHED else None
        return bool(publishing.set_review_state(policy, state, user=request.user, version=version, note=label))

    @staticmethod
    def _awaits_review(policy) -> bool:
        """A published policy with a newer version (ingest found a revision): publishing it
        again shows the newest version."""
        latest = publishing.latest_version(policy)
        return latest is not None and latest.pk != policy.published_version_id


class PossibleDuplicateFilter(admin.SimpleListFilter):
    title = _("疑似重复 Possible duplicate")
    parameter_name = "duplicate"

    def lookups(self, request, model_admin):
        return [("1", _("是 Yes")), ("0", _("否 No"))]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.filter(possible_duplicate_of__isnull=False)
        if self.value() == "0":
            return queryset.filter(possible_duplicate_of__isnull=True)
        return queryset


class LowConfidenceFilter(admin.SimpleListFilter):
    title = _("低置信度目标 Low-confidence targets")
    parameter_name = "low_confidence"

    def lookups(self, request, model_admin):
        return [("1", _("有 Some")), ("0", _("无 None"))]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.filter(lowest_confidence__lt=LOW_CONFIDENCE)
        if self.value() == "0":
            return queryset.exclude(lowest_confidence__lt=LOW_CONFIDENCE)
        return queryset


class ReaderReportsFilter(admin.SimpleListFilter):
    title = _("读者报错 Reader reports")
    parameter_name = "reports"

    def lookups(self, request, model_admin):
        return [("open", _("待处理 Open")), ("none", _("无 None"))]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.filter(open_reports__gt=0)
        if self.value() == "none":
            return queryset.filter(open_reports=0)
        return queryset


@admin.register(PolicyForReview)
class ReviewQueueAdmin(PolicyAdmin):
    """Drafts, machine extractions, new versions of published policies and policies with open reader
    reports, waiting for a curator. Order: open reports first, then policies with an unverified
    target of confidence below 0.8 (``LOW_CONFIDENCE``), then the rest; oldest first within each.
    Possible duplicates are shown beside their twin and can be merged. Rejected: sorting by the
    lowest confidence alone (a policy of a hundred sure targets and one doubtful one is still
    doubtful, but a reader's report outranks any score)."""

    list_display = ["title", "jurisdiction", "review_state", "awaiting", "lowest_confidence_display",
                    "open_reports_display", "duplicate_of", "n_targets", "created_at"]
    list_filter = ["review_state", ReaderReportsFilter, LowConfidenceFilter, PossibleDuplicateFilter, ProvinceFilter,
                   "level", "category", HasTargetsFilter]
    actions = ["publish", "send_to_review", "reject", "merge_into_duplicate"]

    def get_ordering(self, request):
        # by annotations of get_queryset: the ``ordering`` attribute may name model fields only (admin.E033)
        return ["attention", "created_at"]

    def get_queryset(self, request):
        # ordered after the annotations it orders by (ModelAdmin.get_queryset would order first)
        queryset = self.with_counts(self.model._default_manager.get_queryset()).annotate(
            latest_number=Max("versions__number"),
            published_number=F("published_version__number"),
            lowest_confidence=Min("targets__confidence", filter=Q(targets__verified=False)),
            open_reports=Count("target_reports", filter=Q(target_reports__resolved=False), distinct=True),
        ).annotate(attention=Case(
            When(open_reports__gt=0, then=Value(0)),
            When(lowest_confidence__lt=LOW_CONFIDENCE, then=Value(1)),
            default=Value(2), output_field=IntegerField(),
        ))
        return queryset.filter(
            Q(review_state__in=[ReviewState.DRAFT, ReviewState.NEEDS_REVIEW])
            | Q(review_state=ReviewState.PUBLISHED, latest_number__gt=F("published_version__number"))
            | Q(open_reports__gt=0)
        ).order_by(*self.get_ordering(request))

    @admin.display(description=_("最低置信度 Lowest confidence"), ordering="lowest_confidence")
    def lowest_confidence_display(self, obj):
        if obj.lowest_confidence is None:
            return "—"
        return f"{obj.lowest_confidence:.2f}" + (" ⚠" if obj.lowest_confidence < LOW_CONFIDENCE else "")

    @admin.display(description=_("读者报错 Reader reports"), ordering="open_reports")
    def open_reports_display(self, obj):
        return obj.open_reports or "—"

    def get_object(self, request, object_id, from_field=None):
        """Any policy: one just published from the queue is still editable here
        ("保存并继续编辑" after publishing must not land on "不存在")."""
        return self.with_counts(self.model._default_manager.get_queryset()).filter(pk=object_id).first()

    @admin.display(description=_("待审内容 Awaiting"))
    def awaiting(self, obj):
        newer = obj.latest_number is not None and obj.published_number is not None and (
            obj.latest_number > obj.published_number)
        if obj.review_state == ReviewState.PUBLISHED and obj.open_reports and not newer:
            return _("读者报错 Reader report")
        if obj.review_state == ReviewState.PUBLISHED:
            return _("新版本 v%(n)s New version") % {"n": obj.latest_number}
        return _("新政策 New policy")

    @admin.display(description=_("疑似重复 Possible duplicate of"))
    def duplicate_of(self, obj):
        if not obj.possible_duplicate_of_id:
            return "—"
        url = reverse("admin:tracker_policyforreview_compare", args=[obj.pk])
        return format_html('<a href="{}">#{} {}</a><br><small>{}</small>', url, obj.possible_duplicate_of_id,
                           _("对照 Compare"), obj.duplicate_reason)

    def get_urls(self):
        return [path("<int:pk>/compare/", self.admin_site.admin_view(self.compare_view),
                     name="tracker_policyforreview_compare"), *super().get_urls()]

    def compare_view(self, request, pk):
        """The possible duplicate and its twin side by side, with the merge button."""
        policy = Policy.objects.filter(pk=pk).select_related("possible_duplicate_of").first()
        if policy is None or not self.has_view_permission(request, policy):
            raise Http404("No such policy")
        other = policy.possible_duplicate_of
        if request.method == "POST" and other is not None:
            if not request.user.has_perm("tracker.publish_policy"):
                raise PermissionDenied
            merging.merge(policy, other, user=request.user)
            self.message_user(request, _("已合并为 #%(id)s 的新版本 Merged into #%(id)s as a new version") % {"id": other.pk})
            return redirect("admin:tracker_policy_change", other.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("对照 Compare: %s") % policy,
            "pair": [merging.side(policy), merging.side(other)] if other else [merging.side(policy)],
            "policy": policy,
            "other": other,
            "can_merge": other is not None and request.user.has_perm("tracker.publish_policy"),
            "opts": self.opts,
        }
        return TemplateResponse(request, "admin/tracker/policy_compare.html", context)

    @admin.action(description=_("合并入疑似重复的政策 Merge into the possible duplicate"), permissions=["publish"])
    def merge_into_duplicate(self, request, queryset):
        merged = 0
        for policy in queryset.filter(possible_duplicate_of__isnull=False).select_related("possible_duplicate_of"):
            merging.merge(policy, policy.possible_duplicate_of, user=request.user)
            merged += 1
        self.message_user(request, _("已合并 Merged: %(n)s") % {"n": merged})


@admin.register(TargetReport)
class TargetReportAdmin(admin.ModelAdmin):
    list_display = ["created_at", "policy", "target_text", "message", "email", "resolved"]
    list_filter = ["resolved", "created_at"]
    search_fields = ["message", "target_text", "policy__title", "email"]
    raw_id_fields = ["policy", "target"]
    readonly_fields = ["policy", "target", "target_text", "message", "email", "created_at", "resolved_at"]
    actions = ["resolve"]

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        obj.resolved_at = (obj.resolved_at or timezone.now()) if obj.resolved else None
        super().save_model(request, obj, form, change)

    @admin.action(description=_("标为已处理 Mark resolved"))
    def resolve(self, request, queryset):
        n = queryset.filter(resolved=False).update(resolved=True, resolved_at=timezone.now())
        self.message_user(request, _("已处理 Resolved: %(n)s") % {"n": n})


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["policy", "indicator", "target_year", "comparator", "value_low", "value_high", "unit", "confidence",
                    "verified"]
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
        if not obj.pk or not obj.archive_path:
            return "—"
        return format_html('<a href="{}">{}</a>', reverse("admin:tracker_document_original", args=[obj.pk]),
                           obj.sha256[:12])

    def get_urls(self):
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


# The crawled sites' admin lives in ccnt.ingest.admin, the monthly report's in ccnt.reports.admin
# and the actors' and commitments' in ccnt.actors.admin.


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

