"""A monthly report (``Report``) and a draft report's editable parts: its sections and entries.

The report itself is ``Report`` (month, status, about, content, curator_edits, published_at);
its table keeps the name it had when it lived in the tracker app (``tracker_report``). While it
is a draft, curators reorder, move and edit these rows; publishing writes the whole tree into ``Report.content`` and from then on the public pages and downloads
read only that frozen snapshot, so later edits to policies never change a published report.
"""

from __future__ import annotations

from django.db import models


class Report(models.Model):
    """A monthly report: generated content, curators' edits, frozen when published."""

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿 Draft"
        PUBLISHED = "published", "已发布 Published"

    month = models.DateField(unique=True, help_text="the first day of the month")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    about = models.TextField(blank=True)
    content = models.JSONField(default=dict, blank=True)
    curator_edits = models.JSONField(default=dict, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "tracker_report"  # the table it had in the tracker app: moved without a copy
        ordering = ["-month"]

    def __str__(self) -> str:
        return f"零碳录月报 {self.month:%Y-%m}"


class Part(models.TextChoices):
    NATIONAL = "national", "碳中和国家行动一览"
    LOCAL = "local", "碳中和地方行动一览"


class ReportSection(models.Model):
    report = models.ForeignKey("Report", on_delete=models.CASCADE, related_name="sections")
    part = models.CharField("部分 Part", max_length=16, choices=Part.choices)
    category = models.ForeignKey(
        "tracker.Category", null=True, blank=True, on_delete=models.SET_NULL, verbose_name="关键词 Category"
    )
    keyword = models.CharField("关键词 Keyword", max_length=64)
    lead = models.TextField("导语 Lead paragraph", blank=True)
    lead_generated = models.TextField(blank=True, editable=False)
    order = models.PositiveIntegerField("顺序 Order", default=0, help_text="国家部分在前 national part first")

    class Meta:
        ordering = ["report", "order", "id"]
        verbose_name = "栏目 Section"
        verbose_name_plural = "栏目（关键词）Sections"

    def __str__(self) -> str:
        return f"{self.get_part_display()} · 关键词：{self.keyword}"


class ReportEntry(models.Model):
    report = models.ForeignKey("Report", on_delete=models.CASCADE, related_name="entries")
    section = models.ForeignKey(ReportSection, on_delete=models.CASCADE, related_name="entries",
                                verbose_name="栏目 Section")
    # a published report keeps its entries even if the policy is deleted later
    policy = models.ForeignKey("tracker.Policy", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="report_entries", verbose_name="政策 Policy")
    order = models.PositiveIntegerField("顺序 Order", default=0)
    headline = models.CharField("标题行 Headline", max_length=600)
    summary = models.TextField("摘要 Summary", blank=True)
    headline_generated = models.CharField(max_length=600, blank=True, editable=False)
    summary_generated = models.TextField(blank=True, editable=False)
    supplement = models.BooleanField("补录 Late addition", default=False,
                                     help_text="政策晚于其所属月份的月报发布而收录 Found after its month's report")
    date = models.DateField("日期 Date", null=True, blank=True)
    date_basis = models.CharField(
        "日期依据 Date basis", max_length=16, blank=True,
        help_text="published = 发布日期; signed = 无发布日期，按成文日期 (flagged)",
    )
    facts = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        ordering = ["report", "section__order", "order", "id"]
        verbose_name = "条目 Entry"
        verbose_name_plural = "条目 Entries"

    def __str__(self) -> str:
        return self.headline
