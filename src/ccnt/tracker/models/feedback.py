"""Readers' reports of a wrong target ("报告错误 Report an error").

Invariant: a report belongs to the policy it was made on, whatever happens to the target: the
target row may be replaced when a new version is extracted (``target`` then becomes empty), so the
report keeps a snapshot of what the reader saw (``target_text``). An unresolved report puts its
policy in the review queue (``ReviewQueueAdmin``) until a curator resolves it. Rejected: a report
by email only (nothing in the queue, nothing to resolve) and a report that cascades away with its
target (a re-extraction would silently drop the reader's message).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class TargetReport(models.Model):
    policy = models.ForeignKey("tracker.Policy", on_delete=models.CASCADE, related_name="target_reports",
                               verbose_name=_("政策 Policy"))
    target = models.ForeignKey("tracker.Target", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="reports", verbose_name=_("量化目标 Target"))
    target_text = models.TextField(_("读者所见目标 Target as shown"), blank=True)
    message = models.TextField(_("问题说明 What is wrong"), max_length=2000)
    email = models.EmailField(_("联系邮箱 Email"), blank=True)
    created_at = models.DateTimeField(_("提交时间 Reported"), auto_now_add=True)
    resolved = models.BooleanField(_("已处理 Resolved"), default=False, db_index=True)
    resolved_at = models.DateTimeField(_("处理时间 Resolved at"), null=True, blank=True)

    class Meta:
        ordering = ["resolved", "-created_at"]
        verbose_name = _("读者报错 Reader report")
        verbose_name_plural = _("读者报错 Reader reports")

    def __str__(self) -> str:
        return f"#{self.pk} {self.target_text[:40]}"
