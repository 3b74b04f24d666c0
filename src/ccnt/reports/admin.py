"""The report in the curation admin: generate a draft, reorder / move / edit, publish, download.

* adding a report for a month generates its draft from the month's published policies;
* sections (keyword, lead) and entries (section, order, headline, summary) are edited inline —
  move an entry by choosing another section, reorder by its number;
* "重写导语" writes the leads again from the entries now in each section;
* "发布" freezes the report: it becomes read-only here and public at /reports/YYYY-MM/;
* every format can be downloaded, drafts included (staff only).
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from .build import ReportError
from .drafts import correct, curator_edits, generate_draft, publish, report_tree, rewrite_leads
from .models import Report, ReportEntry, ReportSection
from .render import FORMATS, render
from .views import download_response

PUBLISH_PERMISSION = "tracker.publish_policy"


def _editable(request, report: Report | None) -> bool:
    if report is not None and report.status == Report.Status.PUBLISHED:
        return False  # a published report is frozen
    return request.user.has_perm("reports.change_report")


class _ReportPartInline:
    """Inline permissions follow the report's (curators hold reports.change_report)."""

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("reports.view_report")

    def has_change_permission(self, request, obj=None):
        return _editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return _editable(request, obj)


class ReportSectionInline(_ReportPartInline, admin.TabularInline):
    model = ReportSection
    extra = 0
    fields = ["order", "part", "keyword", "category", "lead"]
    verbose_name_plural = "栏目（按顺序；国家部分在前）Sections — in order, national part first"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "lead":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 4, "cols": 90})
        if db_field.name == "order":
            kwargs["widget"] = forms.NumberInput(attrs={"style": "width:4em"})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def has_add_permission(self, request, obj=None):
        return _editable(request, obj)


class ReportEntryInline(_ReportPartInline, admin.TabularInline):
    model = ReportEntry
    extra = 0
    fields = ["section", "order", "headline", "summary", "supplement", "date_note", "policy_link"]
    readonly_fields = ["date_note", "policy_link"]
    verbose_name_plural = "条目（改“栏目”即移动，改“顺序”即排序）Entries — change the section to move, the order to reorder"

    def get_formset(self, request, obj=None, **kwargs):
        request._ccnt_report = obj
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "section":
            report = getattr(request, "_ccnt_report", None)
            kwargs["queryset"] = ReportSection.objects.filter(report=report) if report else ReportSection.objects.none()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "headline":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 2, "cols": 40})
        if db_field.name == "summary":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 4, "cols": 60})
        if db_field.name == "order":
            kwargs["widget"] = forms.NumberInput(attrs={"style": "width:4em"})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def has_add_permission(self, request, obj=None):
        return False  # entries come from policies

    @admin.display(description="日期 Date")
    def date_note(self, obj):
        if not obj.date:
            return "—"
        if obj.date_basis == "signed":
            return format_html("{}<br><small>无发布日期，按成文日期 (signed date)</small>", obj.date)
        return obj.date

    @admin.display(description="政策 Policy")
    def policy_link(self, obj):
        if not obj.policy_id:
            return "—"
        return format_html('<a href="{}">#{}</a>', reverse("admin:tracker_policy_change", args=[obj.policy_id]),
                           obj.policy_id)


class ReportForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = ["month", "about"]
        help_texts = {"month": "该月任意一天（保存为当月1日）Any day of the month (stored as its first day)"}
        widgets = {"about": forms.Textarea(attrs={"rows": 4, "cols": 90})}

    def clean_month(self):
        month = self.cleaned_data["month"].replace(day=1)
        if Report.objects.filter(month=month).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("该月已有月报 A report for this month exists")
        return month


if admin.site.is_registered(Report):  # the tracker app's placeholder, if it still registers one
    admin.site.unregister(Report)


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    form = ReportForm
    list_display = ["month_display", "status", "n_entries", "published_at", "links"]
    list_filter = ["status"]
    ordering = ["-month"]
    inlines = [ReportSectionInline, ReportEntryInline]
    actions = ["generate_action", "rewrite_leads_action", "publish_action", "correct_action"]
    change_form_template = "admin/reports/report/change_form.html"

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["month", "about"]
        return ["month", "status", "published_at", "about", "downloads"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["month", "status", "published_at", "downloads"]

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.status == Report.Status.PUBLISHED:
            return False
        return super().has_change_permission(request, obj)

    @admin.display(description="月份 Month", ordering="month")
    def month_display(self, obj):
        return f"{obj.month:%Y-%m}"

    @admin.display(description="条目 Entries")
    def n_entries(self, obj):
        return obj.entries.count()

    def _download_links(self, obj):
        return format_html_join(" · ", '<a href="{}">{}</a>', (
            (reverse("admin:reports_report_download", args=[obj.pk, fmt]), fmt.upper()) for fmt in FORMATS
        ))

    @admin.display(description="下载 Downloads")
    def links(self, obj):
        public = format_html(' · <a href="/reports/{}/">网页 Page</a>', f"{obj.month:%Y-%m}") \
            if obj.status == Report.Status.PUBLISHED else ""
        return format_html("{}{}", self._download_links(obj), public)

    @admin.display(description="下载 Downloads")
    def downloads(self, obj):
        return self.links(obj)

    # --- saving --------------------------------------------------------------------------------
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            try:
                generate_draft(obj.month)
                self.message_user(request, f"已生成草稿 Draft generated: {obj}")
            except ReportError as error:
                self.message_user(request, str(error), messages.WARNING)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        report = form.instance
        report.refresh_from_db()
        if report.status == Report.Status.DRAFT:
            report.curator_edits = curator_edits(report)
            report.save(update_fields=["curator_edits", "updated_at"])

    # --- actions -------------------------------------------------------------------------------
    def _run(self, request, reports, verb: str, func) -> None:
        done = 0
        for report in reports:
            try:
                func(report)
                done += 1
            except ReportError as error:
                self.message_user(request, f"{report}: {error}", messages.ERROR)
        if done:
            self.message_user(request, f"{verb}: {done}")

    @admin.action(description="生成/重新生成草稿 Generate draft (keeps edited text)")
    def generate_action(self, request, queryset):
        if not request.user.has_perm("reports.change_report"):
            raise PermissionDenied
        self._run(request, queryset, "已生成 Generated", lambda r: generate_draft(r.month))

    @admin.action(description="按当前条目重写导语 Rewrite leads from the entries")
    def rewrite_leads_action(self, request, queryset):
        if not request.user.has_perm("reports.change_report"):
            raise PermissionDenied
        self._run(request, queryset, "已重写 Rewritten", rewrite_leads)

    @admin.action(description="发布（冻结）Publish (freeze)")
    def publish_action(self, request, queryset):
        if not request.user.has_perm(PUBLISH_PERMISSION):
            self.message_user(request, "没有发布权限 You may not publish", messages.ERROR)
            return
        def publish_and_tell(report):
            published = publish(report)
            for headline in published.dropped:
                self.message_user(request, f"{published}: 已不再公开，未收入 no longer public, left out: {headline}",
                                  messages.WARNING)

        self._run(request, queryset, "已发布 Published", publish_and_tell)

    @admin.action(description="勘误：移除已不公开的政策 Erratum: remove entries no longer public")
    def correct_action(self, request, queryset):
        if not request.user.has_perm(PUBLISH_PERMISSION):
            self.message_user(request, "没有发布权限 You may not publish", messages.ERROR)
            return

        def correct_and_tell(report):
            removed = correct(report)
            self.message_user(request, f"{report}: 勘误 erratum, {len(removed)} removed"
                              + (f": {'; '.join(removed)}" if removed else ""))

        self._run(request, queryset, "已更正 Corrected", correct_and_tell)

    # --- buttons on the change page and downloads ----------------------------------------------
    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/download/<str:fmt>/", wrap(self.download_view), name="reports_report_download"),
            path("<int:pk>/do/<str:what>/", wrap(self.do_view), name="reports_report_do"),
        ] + super().get_urls()

    def download_view(self, request, pk: int, fmt: str):
        report = get_object_or_404(Report, pk=pk)
        if not self.has_view_permission(request, report) or fmt not in FORMATS:
            raise PermissionDenied
        tree = report_tree(report)
        return download_response(tree, fmt, render(tree, fmt))

    def do_view(self, request, pk: int, what: str):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        report = get_object_or_404(Report, pk=pk)
        actions = {"generate": self.generate_action, "rewrite": self.rewrite_leads_action,
                   "publish": self.publish_action}
        if what not in actions:
            raise PermissionDenied
        actions[what](request, Report.objects.filter(pk=report.pk))
        return redirect("admin:reports_report_change", report.pk)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = extra_context or {}
        if object_id:
            report = Report.objects.filter(pk=object_id).first()
            extra_context["report_buttons"] = report is not None and report.status == Report.Status.DRAFT
            extra_context["can_publish"] = request.user.has_perm(PUBLISH_PERMISSION)
        return super().changeform_view(request, object_id, form_url, extra_context)
