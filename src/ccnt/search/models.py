"""The search index: one row per public policy, plus its facet terms.

``PolicyIndex`` holds the tokens (``tokenize.tokenize``) and the few columns that filters,
facets and ranking need, small ones first (SQLite reads a row's leading bytes without
following the overflow pages of ``tokens``). Full-text matching runs on SQLite through the
FTS5 table ``search_fts`` (kept in step by triggers) and on PostgreSQL through GIN indexes
on ``ccnt_tsvector(tokens)`` and ``ccnt_tsvector(title_tokens)`` (``to_tsvector('simple', …)``, migration
0002); all are
made by this app's migration.

``PolicyTerm`` holds the many-valued facets: ``sector``, ``topic``, ``province`` (adcode) and
``j`` (every adcode prefix of the policy's jurisdictions: 32, 3201, 320105) so
``jurisdiction=`` includes the units below it exactly as ``PolicyQuerySet.in_jurisdiction``.
"""

from __future__ import annotations

from django.db import models


class PolicyIndex(models.Model):
    policy = models.OneToOneField("tracker.Policy", primary_key=True, on_delete=models.CASCADE,
                                  related_name="search_index")
    date = models.DateField(null=True)  # published, else signed
    year = models.PositiveSmallIntegerField(null=True)
    level = models.CharField(max_length=16, blank=True)
    category = models.CharField(max_length=64, blank=True)  # category code
    policy_type = models.CharField(max_length=32, blank=True)
    legal_force = models.CharField(max_length=32, blank=True)
    has_targets = models.BooleanField(default=False)
    # the policy's sector, topic and province terms (its PolicyTerm rows of those kinds) as
    # "kind:value" words, sorted: the facet counts group matched rows by it (query.facet_sql)
    # instead of joining every matched policy's terms
    facet_key = models.TextField(blank=True)
    title_tokens = models.TextField(blank=True)
    tokens = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["-date", "-policy"], name="search_pi_date")]

    def __str__(self) -> str:
        return f"index of policy {self.policy_id}"


class PolicyTerm(models.Model):
    policy = models.ForeignKey("tracker.Policy", on_delete=models.CASCADE, related_name="search_terms")
    kind = models.CharField(max_length=8)
    value = models.CharField(max_length=64)

    class Meta:
        indexes = [
            models.Index(fields=["kind", "value", "policy"], name="search_pt_kvp"),
            models.Index(fields=["policy", "kind", "value"], name="search_pt_pkv"),
        ]

    def __str__(self) -> str:
        return f"{self.policy_id} {self.kind}={self.value}"



class IndexState(models.Model):
    """One row: ``generation`` changes (to a random value) with every write to the index, so
    cached facet counts of an older state are never used."""

    generation = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"search index generation {self.generation}"


# --- a rebuild beside the live index (``index.rebuild``) ------------------------------------------


class IndexBuild(models.Model):
    """One full rebuild in progress: its rows are written to the ``*Build`` tables beside the live
    index and swapped in by one transaction at the end. ``heartbeat`` is renewed per batch; a build
    whose heartbeat is older than ``index.BUILD_STALE`` was killed and its rows are dropped by the
    next build."""

    started_at = models.DateTimeField(auto_now_add=True)
    heartbeat = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"search index build {self.pk}"


class PolicyIndexBuild(models.Model):
    """A ``PolicyIndex`` row computed by a build, not yet visible to readers."""

    build = models.ForeignKey(IndexBuild, on_delete=models.CASCADE, related_name="rows")
    policy = models.ForeignKey("tracker.Policy", on_delete=models.CASCADE, related_name="+")
    date = models.DateField(null=True)
    year = models.PositiveSmallIntegerField(null=True)
    level = models.CharField(max_length=16, blank=True)
    category = models.CharField(max_length=64, blank=True)
    policy_type = models.CharField(max_length=32, blank=True)
    legal_force = models.CharField(max_length=32, blank=True)
    has_targets = models.BooleanField(default=False)
    facet_key = models.TextField(blank=True)
    title_tokens = models.TextField(blank=True)
    tokens = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["build", "policy"], name="search_pib_bp")]


class PolicyTermBuild(models.Model):
    """A ``PolicyTerm`` row computed by a build."""

    build = models.ForeignKey(IndexBuild, on_delete=models.CASCADE, related_name="terms")
    policy = models.ForeignKey("tracker.Policy", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=8)
    value = models.CharField(max_length=64)

    class Meta:
        indexes = [models.Index(fields=["build", "policy"], name="search_ptb_bp")]


class IndexTouch(models.Model):
    """A policy whose live index rows were written while a build ran: the live rows are newer than
    what the build computed, so the swap keeps them."""

    build = models.ForeignKey(IndexBuild, on_delete=models.CASCADE, related_name="touched")
    policy_id = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["build", "policy_id"], name="search_it_bp")]


class CacheScope(models.Model):
    """The generation of one part of the public data that whole pages depend on: ``policy:<id>``
    (that policy's page), ``region:<adcode prefix>`` (policies of a region and the units below it),
    ``catalogue`` (names of places, issuers, categories and indicators; code releases). A random
    new value on every change (``index.touch``); a cached page keyed by an older value is never
    served. Read from the database, so every server process sees every write."""

    key = models.CharField(max_length=40, primary_key=True)
    value = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.key} = {self.value}"


# --- meaning search: passages and their vectors (``passages.py``, ``vectors.py``) -----------------


class PassageKind(models.TextChoices):
    TEXT = "text", "text"
    META = "meta", "meta"


class Passage(models.Model):
    """A passage of a public policy, for meaning search: a span of its published version's text
    (``kind`` "text": ``text == version.text[start:end]``), or, for a policy without text, a piece of
    its title, issuers, summary and target sentences (``kind`` "meta", no offsets). ``text_hash`` is
    the sha256 of the exact string given to the model (``passages.model_text``): the key of its vector.
    Only public policies have passages; they go with the policy (cascade) or when it stops being public."""

    policy = models.ForeignKey("tracker.Policy", on_delete=models.CASCADE, related_name="passages")
    ordinal = models.PositiveIntegerField()
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    kind = models.CharField(max_length=8, choices=PassageKind.choices, default=PassageKind.TEXT)
    heading = models.CharField(max_length=200, blank=True)
    text = models.TextField()
    text_hash = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["policy", "ordinal"], name="search_passage_policy_ordinal")]
        indexes = [models.Index(fields=["text_hash"], name="search_passage_hash")]

    def __str__(self) -> str:
        return f"passage {self.ordinal} of policy {self.policy_id}"


class PassageVector(models.Model):
    """The embedding of one passage string by one model: float32 bytes (``dim`` × 4). Keyed by
    (model, text_hash), not by passage: a rebuild that keeps a passage's text keeps its vector, two
    policies with the same paragraph share one, and a new model embeds everything under its own id."""

    model = models.CharField(max_length=64)
    text_hash = models.CharField(max_length=64)
    vector = models.BinaryField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["model", "text_hash"], name="search_vector_model_hash")]

    def __str__(self) -> str:
        return f"{self.model} vector of {self.text_hash[:12]}"
