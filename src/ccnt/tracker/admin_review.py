"""The review actions every curated model's admin shares: publish, send back to review, reject,
and the edit-history page — one mixin for ``Policy`` (``tracker.admin``), ``Actor`` and
``Commitment`` (``actors.admin``).

Invariant: a review state changes only for a user holding the model's publish permission
(``publish_permission``), each change is one ``ChangeRecord`` and the message counts the rows that
changed. A model whose publishing does more than set the field (a policy's version, search index
and caches) overrides ``move_one`` alone. Rejected alternative: the actions written out in each
admin, which they were — two copies that had to be kept alike by hand.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from . import history
from .models.review import ReviewState


class ReviewActionsMixin:
    """Put before ``admin.ModelAdmin`` in the bases; set ``publish_permission``."""

    publish_permission: str = ""
    actions = ["publish", "send_to_review", "reject"]

    def move_one(self, request, obj, state: str, label: str) -> bool:
        """Move one object to ``state``; returns whether it changed. Records the change."""
        if obj.review_state == state:
            return False
        old = obj.review_state
        obj.review_state = state
        obj.save(update_fields=["review_state", "updated_at"])
        history.record(obj, request.user, "changed", {"review_state": [old, state]}, note=label)
        return True

    def move(self, request, queryset, state: str, label: str) -> None:
        if not request.user.has_perm(self.publish_permission):
            self.message_user(request, _("没有发布权限 You may not publish or reject"), messages.ERROR)
            return
        moved = sum(1 for obj in queryset if self.move_one(request, obj, state, label))
        self.message_user(request, f"{label}: {moved}")

    @admin.action(description=_("发布 Publish"), permissions=["publish"])
    def publish(self, request, queryset):
        self.move(request, queryset, ReviewState.PUBLISHED, "published")

    @admin.action(description=_("退回待审核 Send back to review"), permissions=["publish"])
    def send_to_review(self, request, queryset):
        self.move(request, queryset, ReviewState.NEEDS_REVIEW, "needs review")

    @admin.action(description=_("驳回 Reject"), permissions=["publish"])
    def reject(self, request, queryset):
        self.move(request, queryset, ReviewState.REJECTED, "rejected")

    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm(self.publish_permission)

    def history_view(self, request, object_id, extra_context=None):
        """Every ``ChangeRecord`` of the object, old and new values (Django's log keeps only a message)."""
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
