"""The data invariants a reader relies on, checked against the live database: ``ccnt check --data``.

* every public policy has a published version (of its own) and a search-index row, and the
  index holds nothing that is not public;
* the primary region is among a policy's regions (region pages and filters read those);
* every public count agrees: home, list, a facet's parts, API, export, sitemap;
* every target's offsets quote its sentence, and every passage of meaning search its policy's text;
* every archived original belongs to a row, and every row's original is in the archive.

Counts are read through the public pages themselves (Django's test client, no network), so a
page that miscounts is caught, not only a query that does. CI runs this after ``ccnt demo`` on
SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db.models import F
from django.test import Client

from ccnt.search.models import PolicyIndex
from ccnt.tracker.models import Document, Policy, PolicyVersion, Target

SHOW = 5  # examples listed per problem


@dataclass
class Problem:
    check: str
    message: str
    examples: list[str] = field(default_factory=list)

    def render(self) -> str:
        more = f" (e.g. {', '.join(self.examples[:SHOW])})" if self.examples else ""
        return f"{self.check}: {self.message}{more}"


def _ids(queryset) -> list[str]:
    return [f"#{pk}" for pk in queryset.values_list("pk", flat=True)[:SHOW]]


def check_versions_and_index() -> Iterator[Problem]:
    public = Policy.objects.public()
    missing = public.filter(published_version__isnull=True)
    if missing.exists():
        yield Problem("published-version", f"{missing.count()} public policies have no published version",
                      _ids(missing))
    foreign = public.exclude(published_version__isnull=True).exclude(published_version__policy=F("pk"))
    if foreign.exists():
        yield Problem("published-version", f"{foreign.count()} public policies show another policy's version",
                      _ids(foreign))
    unindexed = public.exclude(pk__in=PolicyIndex.objects.values("policy_id"))
    if unindexed.exists():
        yield Problem("index", f"{unindexed.count()} public policies have no search-index row", _ids(unindexed))
    leaked = PolicyIndex.objects.exclude(policy_id__in=public.values("pk"))
    if leaked.exists():
        examples = [f"#{pk}" for pk in leaked.values_list("policy_id", flat=True)[:SHOW]]
        yield Problem("index", f"{leaked.count()} search-index rows are not public policies", examples)
    with_primary = Policy.jurisdictions.through.objects.filter(
        jurisdiction_id=F("policy__jurisdiction_id")).values("policy_id")
    stray = public.exclude(jurisdiction__isnull=True).exclude(pk__in=with_primary)
    if stray.exists():
        yield Problem("regions", f"{stray.count()} public policies lack their primary region among their regions",
                      _ids(stray))


def _client() -> Client:
    hosts = [h for h in settings.ALLOWED_HOSTS if h and not h.startswith(".") and h != "*"]
    return Client(SERVER_NAME=hosts[0] if hosts else "localhost")


def _json(client: Client, path: str) -> dict:
    response = client.get(path, secure=getattr(settings, "SECURE_SSL_REDIRECT", False))
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code}")
    return json.loads(response.content)


def public_counts() -> dict[str, int]:
    """The number of public policies as each public surface states it."""
    from ccnt.feeds.sitemaps import PolicySitemap
    from ccnt.tracker.export import export_queryset

    client = _client()
    home = _json(client, "/?format=json")["counts"]["policies"]
    listing = _json(client, "/policies/?format=json")
    api = _json(client, "/api/v1/policies/")["meta"]["count"]
    levels = listing["facets"].get("level", [])
    counts = {
        "database": Policy.objects.public().count(),
        "home": home,
        "list": listing["count"],
        "API": api,
        "export": export_queryset().count(),
        "sitemap": len(list(PolicySitemap().items())),
    }
    if levels:  # every public policy has exactly one level (or none, counted apart)
        counts["level facet + no level"] = sum(v["count"] for v in levels) + Policy.objects.public().filter(
            level="").count()
    return counts


def check_counts() -> Iterator[Problem]:
    try:
        counts = public_counts()
    except (RuntimeError, ValueError, KeyError) as error:
        yield Problem("counts", f"could not read a public count: {error}")
        return
    if len(set(counts.values())) > 1:
        yield Problem("counts", "public counts disagree: " + ", ".join(f"{k} {v}" for k, v in counts.items()))


def check_target_offsets() -> Iterator[Problem]:
    bad = []
    rows = (Target.objects.filter(policy__isnull=False, version__isnull=False, start__isnull=False)
            .values_list("pk", "start", "end", "text", "version_id"))
    texts: dict[int, str] = {}
    for pk, start, end, text, version_id in rows.iterator(chunk_size=2000):
        if version_id not in texts:
            texts[version_id] = PolicyVersion.objects.filter(pk=version_id).values_list("text", flat=True).first() or ""
        if texts[version_id][start:end] != text:
            bad.append(f"target #{pk}")
    if bad:
        yield Problem("offsets", f"{len(bad)} targets' offsets do not quote their text", bad)


def check_passages() -> Iterator[Problem]:
    """Meaning search's passages: only public policies have them, every public policy has some, and
    every text passage quotes its policy's published text (``text == version.text[start:end]``).
    Nothing to check with embeddings off (no passages are made)."""
    from ccnt.search.embedder import enabled
    from ccnt.search.models import Passage

    if not enabled():
        return
    public = Policy.objects.public()
    leaked = Passage.objects.exclude(policy_id__in=public.values("pk"))
    if leaked.exists():
        yield Problem("passages", f"{leaked.count()} passages belong to policies that are not public",
                      [f"#{pk}" for pk in leaked.values_list("policy_id", flat=True).distinct()[:SHOW]])
    bare = public.exclude(pk__in=Passage.objects.values("policy_id"))
    if bare.exists():
        yield Problem("passages", f"{bare.count()} public policies have no passage "
                                  "(`ccnt reindex --embeddings` rebuilds them)", _ids(bare))
    bad = []
    texts: dict[int, str] = {}
    rows = (Passage.objects.filter(kind="text").order_by("policy_id", "ordinal")
            .values_list("pk", "start", "end", "text", "policy__published_version_id"))
    for pk, start, end, text, version_id in rows.iterator(chunk_size=2000):
        if version_id not in texts:
            texts[version_id] = PolicyVersion.objects.filter(pk=version_id).values_list("text", flat=True).first() or ""
        if start is None or end is None or texts[version_id][start:end] != text:
            bad.append(f"passage #{pk}")
    if bad:
        yield Problem("passages", f"{len(bad)} passages' offsets do not quote their policy's text", bad)


def archive_root() -> Path:
    from ccnt.ingest.archive import default_archive

    return default_archive().root


def orphan_files() -> list[Path]:
    """Files in the archive that no Document row references (and stray ``.tmp`` files of a
    write that was killed)."""
    root = archive_root()
    if not root.is_dir():
        return []
    known = set(Document.objects.values_list("sha256", flat=True))
    return sorted(p for p in root.rglob("*") if p.is_file() and (p.suffix == ".tmp" or p.name not in known))


def check_archive() -> Iterator[Problem]:
    orphans = orphan_files()
    if orphans:
        yield Problem("archive", f"{len(orphans)} archived files belong to no document row "
                                 "(`ccnt check --data --remove-orphans` removes them)",
                      [str(p.relative_to(archive_root())) for p in orphans])
    root = archive_root()
    missing = [f"document #{pk}" for pk, path in Document.objects.exclude(archive_path="")
               .values_list("pk", "archive_path") if not (root / path).is_file()]
    if missing:
        yield Problem("archive", f"{len(missing)} document rows have no archived file", missing)


CHECKS = (check_versions_and_index, check_counts, check_target_offsets, check_passages, check_archive)


def run_checks() -> list[Problem]:
    return [problem for check in CHECKS for problem in check()]


def remove_orphans() -> int:
    removed = 0
    for path in orphan_files():
        path.unlink(missing_ok=True)
        removed += 1
    return removed
