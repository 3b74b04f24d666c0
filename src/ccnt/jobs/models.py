"""The outbox: work requested by a page, a command or a task, written in the caller's own
transaction and published to the broker (or run in-process) only after that transaction commits.

A rolled-back request leaves no job behind; a committed one always leaves a row, so a broker that
is down delays the work (the relay publishes the row later) and never fails the request.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class Outbox(models.Model):
    task = models.CharField(max_length=100)
    args = models.JSONField(default=list, blank=True)
    kwargs = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # a relay owns the row until then (two relays never publish one row at the same time)
    claimed_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True, help_text="published to the broker (or run in-process)")
    # set by the worker when the task has run to its end (success, or a failure it will not retry):
    # a row published long ago and never done was lost on the way (``outbox.relay`` publishes it again)
    done_at = models.DateTimeField(null=True, blank=True, help_text="the task ran to its end")
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = "outbox row"
        indexes = [models.Index(fields=["sent_at", "id"], name="jobs_outbox_pending"),
                   # the relay's look for lost rows reads only the rows not done (few), not the history
                   models.Index(fields=["sent_at"], condition=models.Q(done_at__isnull=True),
                                name="jobs_outbox_not_done")]

    def __str__(self) -> str:
        state = "sent" if self.sent_at else "pending"
        return f"#{self.pk} {self.task} ({state})"

    @property
    def task_id(self) -> str:
        """The Celery task id: the same on every publication of this row."""
        return f"outbox-{self.pk}"
