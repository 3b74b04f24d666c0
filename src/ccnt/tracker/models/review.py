"""What every curated record shares: a review state, field provenance, an import key and its
timestamps — declared once here and inherited by ``Policy``, ``actors.Actor`` and
``actors.Commitment``.

Invariant: the public gate of each of those models filters on this one ``review_state`` field,
and a machine never overwrites a field whose ``field_sources`` entry is ``curator``
(``set_field``). Rejected alternative: the same five fields written out in each model, which
drifted (``Commitment`` lacked ``set_field``; a change of the review states had to be made three
times, with its migration, and nothing checked that it was).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewState(models.TextChoices):
    DRAFT = "draft", _("草稿 Draft")
    NEEDS_REVIEW = "needs_review", _("待审核 Needs review")
    PUBLISHED = "published", _("已发布 Published")
    REJECTED = "rejected", _("已驳回 Rejected")


class FieldSource(models.TextChoices):
    EXTRACTED = "extracted", _("机器提取 Extracted")
    PAGE = "page", _("页面元数据 Page metadata")
    IMPORT = "import", _("导入 Imported")
    CURATOR = "curator", _("编辑 Curator")


class CuratedFields:
    """Field provenance for a model with a ``field_sources`` JSON field: a machine never
    overwrites a value a curator set."""

    field_sources: dict

    def set_field(self, name: str, value, source: str) -> bool:
        """Set a field unless a curator owns it. Returns whether it was set."""
        if self.field_sources.get(name) == FieldSource.CURATOR and source != FieldSource.CURATOR:
            return False
        setattr(self, name, value)
        self.field_sources[name] = source
        return True


class Reviewed(CuratedFields, models.Model):
    """The review fields of a curated record (abstract: no table of its own).

    ``field_sources`` maps a field name to ``extracted`` | ``page`` | ``import:<source>`` |
    ``curator``; ``import_key`` identifies a row an importer made, so a re-run updates it.
    """

    review_state = models.CharField(
        _("审核状态 Review state"), max_length=16, choices=ReviewState.choices, default=ReviewState.NEEDS_REVIEW,
        db_index=True,
    )
    field_sources = models.JSONField(default=dict, blank=True)
    import_key = models.CharField(max_length=400, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
