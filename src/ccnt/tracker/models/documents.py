"""Fetched originals (the sites they come from, ``Source``, are the ingest app's)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ParseStatus(models.TextChoices):
    OK = "ok", _("已解析 Parsed")
    NEEDS_OCR = "needs_ocr", _("需OCR Needs OCR (no text layer)")
    OCR = "ocr", _("OCR识别 Text from OCR")
    FAILED = "failed", _("解析失败 Failed")
    BLOCKED = "blocked", _("被拦截 Blocked (firewall, login, empty)")


class DocumentRole(models.TextChoices):
    MAIN = "main", _("正文 Main document")
    ATTACHMENT = "attachment", _("附件 Attachment")
    FORWARD = "forward", _("转发 Forwarding notice")
    COPY = "copy", _("副本 Same policy, another copy")


class Document(models.Model):
    """An original as fetched, stored content-addressed by sha256 and never changed."""

    sha256 = models.CharField(max_length=64, unique=True)
    url = models.URLField(max_length=1000, blank=True)
    media_type = models.CharField(max_length=128, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    fetched_at = models.DateTimeField(null=True, blank=True)
    archive_path = models.CharField(max_length=300, blank=True)
    filename = models.CharField(max_length=300, blank=True)
    text = models.TextField(blank=True)
    source = models.ForeignKey("ingest.Source", null=True, blank=True, on_delete=models.SET_NULL)
    # --- ingest (src/ccnt/ingest) ---------------------------------------------------------
    final_url = models.URLField(max_length=1000, blank=True, help_text="after redirects")
    urls = models.JSONField(default=list, blank=True, help_text="every URL this exact file was fetched from")
    last_fetched_at = models.DateTimeField(null=True, blank=True)
    title = models.CharField(max_length=400, blank=True)
    encoding = models.CharField(max_length=32, blank=True)
    page_metadata = models.JSONField(default=dict, blank=True, help_text="索引号, 发文机关, 成文日期 … as the page shows them")
    parse_status = models.CharField(max_length=16, choices=ParseStatus.choices, blank=True)
    parse_error = models.TextField(blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="attachments",
        help_text="the page this file is attached to",
    )
    policy = models.ForeignKey(
        "tracker.Policy", null=True, blank=True, on_delete=models.SET_NULL, related_name="documents"
    )
    role = models.CharField(max_length=16, choices=DocumentRole.choices, blank=True)

    def __str__(self) -> str:
        return self.filename or self.title or self.url or self.sha256[:12]
