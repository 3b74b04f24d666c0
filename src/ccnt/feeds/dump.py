"""The bulk download: one dated zip of the public data, streamed (bounded memory).

    data/policies.csv  data/policies.json      policies (the export's serializers; JSON with targets)
    data/targets.csv   data/targets.json       targets with their policy's key columns
    data/jurisdictions.csv|json                divisions with public policy counts
    data/indicators.csv|json                   the catalogue with national benchmark target ids
    datapackage.json                           Frictionless description: fields, bytes, sha256
    README.md  CHANGELOG.md  SOURCES.md        what it is, what changed, sources and licences

CSV files are UTF-8 with a byte-order mark (as ``ccnt export``), one row per record; lists are
joined with "; ". Every file is written into the zip as it is produced, chunk by chunk.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from ccnt.api import licence, rows
from ccnt.api.fields import INDICATOR_FIELDS, JURISDICTION_FIELDS, TARGET_ROW_FIELDS
from ccnt.api.renderers import cell
from ccnt.paths import DATA_DIR
from ccnt.tabular import csv_writer
from ccnt.tracker.benchmarks import national_index
from ccnt.tracker.export import CHUNK, export_queryset, iter_policies, write_json
from ccnt.tracker.models import ChangeRecord, Policy
from ccnt.tracker.serializers import POLICY_COLUMNS

from .models import DataRelease, PolicyEvent

INTEGER = {"policy_id", "target_id", "target_year", "base_year", "start", "end", "policy_count",
           "national_benchmark_target_id"}
NUMBER = {"value_low", "value_high", "confidence"}
DATE = {"signed_date", "published_date", "effective_date", "expiry_date", "valid_from", "valid_to"}
BOOLEAN = {"verified"}
LISTS = {"issuers", "sectors", "topics", "jurisdictions", "aliases", "value_normalized",
         "national_benchmark_target_ids"}
DESCRIPTIONS = {
    "issuers": "issuing bodies, lead issuer first, separated by '; '",
    "value_normalized": "a number, or 'low; high' for a range, in unit_normalized",
    "national_benchmark_target_id": "target_id of the national published policy's target it is compared with: the "
                                    "same indicator, kind of quantity, metric kind, base year, unit and year",
    "ambition": "above / below / equal the national target in ambition, not_comparable (e.g. a local total "
                "against the national total), or empty when not compared",
    "value_text": "the value as a reader quotes it, with direction, comparator and base year: 下降14%（较2020年）",
    "direction": "increase / decrease / level",
    "quantity": "share / intensity / absolute / count / year",
    "subject": "what the target counts, as written",
    "confidence": "0–1, for a machine-extracted target",
    "national_benchmark_target_ids": "target_ids of national published policies' targets for this indicator",
    "policy_count": "public policies of this unit and the units below it",
}
INDICATOR_CSV_FIELDS = [f for f in INDICATOR_FIELDS if f != "national_benchmarks"] + ["national_benchmark_target_ids"]


def field_type(name: str) -> str:
    if name in INTEGER:
        return "integer"
    if name in NUMBER:
        return "number"
    if name in DATE:
        return "date"
    if name in BOOLEAN:
        return "boolean"
    return "string"


def table_schema(columns: list[str], key: str | None) -> dict[str, Any]:
    fields = []
    for name in columns:
        item: dict[str, Any] = {"name": name, "type": field_type(name)}
        if name in DESCRIPTIONS:
            item["description"] = DESCRIPTIONS[name]
        fields.append(item)
    schema: dict[str, Any] = {"fields": fields, "missingValues": [""]}
    if key:
        schema["primaryKey"] = key
    return schema


class _Counter(io.RawIOBase):
    """Bytes through to the zip entry, counted and hashed on the way."""

    def __init__(self, raw) -> None:
        self.raw, self.size, self.digest = raw, 0, hashlib.sha256()

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.raw.write(data)
        self.size += len(data)
        self.digest.update(data)
        return len(data)


@dataclass
class Written:
    path: str
    size: int
    sha256: str
    rows: int = 0


@dataclass
class DumpResult:
    path: Path
    size: int
    sha256: str
    counts: dict[str, int]
    files: list[Written] = field(default_factory=list)


class ZipWriter:
    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.files: list[Written] = []

    def text(self, name: str, write) -> Written:
        """``write(stream)`` produces the text; returns the entry's size and checksum."""
        with self.archive.open(name, "w", force_zip64=True) as raw:
            counter = _Counter(raw)
            buffered = io.BufferedWriter(counter, buffer_size=1 << 16)
            stream = io.TextIOWrapper(buffered, encoding="utf-8", newline="")
            count = write(stream)
            stream.flush()
            buffered.flush()
            stream.detach()
        written = Written(name, counter.size, counter.digest.hexdigest(), count or 0)
        self.files.append(written)
        return written

    def csv(self, name: str, columns: list[str], records: Iterable[dict[str, Any]]) -> Written:
        def write(stream) -> int:
            stream.write("\ufeff")
            writer = csv_writer(stream)
            writer.writerow(columns)
            n = 0
            for record in records:
                writer.writerow([cell(record.get(c)) for c in columns])
                n += 1
            return n

        return self.text(name, write)

    def json_array(self, name: str, records: Iterable[dict[str, Any]]) -> Written:
        def write(stream) -> int:
            n = 0
            stream.write("[")
            for record in records:
                stream.write(",\n" if n else "\n")
                stream.write(json.dumps(record, ensure_ascii=False))
                n += 1
            stream.write("\n]\n")
            return n

        return self.text(name, write)


# -- the records, chunk by chunk --------------------------------------------------------------

def policy_records() -> Iterator[dict[str, Any]]:
    """The export's policy dicts (``ccnt export --format json``), targets included."""
    return iter_policies(export_queryset())


def target_records() -> Iterator[dict[str, Any]]:
    index = national_index()  # once for the whole dump, not per chunk
    last = 0
    base = rows.target_queryset_for_rows(rows.public_targets())
    while True:
        chunk = list(base.filter(id__gt=last).order_by("id")[:CHUNK])
        if not chunk:
            return
        yield from rows.target_rows(chunk, index)
        last = chunk[-1].pk


def jurisdiction_records() -> Iterator[dict[str, Any]]:
    counts = rows.policy_counts()
    queryset = rows.jurisdiction_queryset().order_by("adcode", "id")
    ids = list(queryset.values_list("id", flat=True))
    for offset in range(0, len(ids), CHUNK):
        for j in queryset.filter(id__in=ids[offset : offset + CHUNK]):
            yield rows.jurisdiction_row(j, counts)


def indicator_records() -> list[dict[str, Any]]:
    return rows.indicator_rows(list(rows.indicator_queryset()))


def indicator_csv(records: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for record in records:
        flat = {k: v for k, v in record.items() if k != "national_benchmarks"}
        flat["national_benchmark_target_ids"] = [b["target_id"] for b in record["national_benchmarks"]]
        yield flat


# -- changelog --------------------------------------------------------------------------------

MAX_LISTED = 500


def changelog(since: datetime | None) -> dict[str, Any]:
    """What changed since the previous release: new, updated and withdrawn policies (feed events)
    and curators' corrections of public policies (the edit history)."""
    events = PolicyEvent.objects.all()
    history = ChangeRecord.objects.filter(content_type=ContentType.objects.get_for_model(Policy), action="changed")
    if since is not None:
        events = events.filter(at__gt=since)
        history = history.filter(at__gt=since)
    public_ids = set(rows.public_policies().values_list("id", flat=True)) if since is not None else set()
    log: dict[str, Any] = {"since": since.isoformat() if since else None, "first_release": since is None}
    for kind in ("published", "updated", "withdrawn"):
        kind_events = events.filter(kind=kind)
        key = "new" if kind == "published" else kind
        log[f"{key}_count"] = kind_events.count()
        if since is not None:
            log[key] = list(kind_events.order_by("at", "id").values_list("policy_id", flat=True)[:MAX_LISTED])
    corrections = []
    if since is not None:
        titles = {}
        for record in history.order_by("at", "id").iterator():
            changes = {k: v for k, v in record.changes.items() if k != "review_state"}
            policy_id = int(record.object_id) if record.object_id.isdigit() else None
            if not changes or policy_id not in public_ids:
                continue
            titles.setdefault(policy_id, record.object_repr)
            corrections.append({"policy_id": policy_id, "title": titles[policy_id], "at": record.at.isoformat(),
                                "changes": changes})
    log["correction_count"] = len(corrections)
    log["corrections"] = corrections[:MAX_LISTED]
    return log


def changelog_markdown(name: str, log: dict[str, Any]) -> str:
    lines = [f"# 零碳录 data release {name}", ""]
    if log["first_release"]:
        lines += ["First release.", ""]
    else:
        lines += [f"Changes since {log['since']}:", ""]
    lines += [f"- new policies: {log['new_count']}", f"- policies whose published text changed: {log['updated_count']}",
              f"- withdrawn: {log['withdrawn_count']}", f"- corrections by curators: {log['correction_count']}", ""]
    for key, label in (("new", "New"), ("updated", "Text updated"), ("withdrawn", "Withdrawn")):
        if log.get(key):
            lines.append(f"{label}: " + ", ".join(f"#{pk}" for pk in log[key]))
            lines.append("")
    if log["corrections"]:
        lines.append("## Corrections")
        lines.append("")
        for item in log["corrections"]:
            fields = "; ".join(f"{k}: {v[0]!r} → {v[1]!r}" for k, v in item["changes"].items())
            lines.append(f"- #{item['policy_id']} {item['title']} ({item['at'][:10]}): {fields}")
    return "\n".join(lines) + "\n"


# -- the zip ----------------------------------------------------------------------------------

def release_name(day: str) -> str:
    name, n = day, 1
    while DataRelease.objects.filter(name=name).exists():
        n += 1
        name = f"{day}-{n}"
    return name


def write_dump(path: Path, name: str, log: dict[str, Any], base_url: str = "") -> DumpResult:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    try:
        return _write_dump(path, partial, name, log, base_url)
    except BaseException:  # a full disk, a crash: no half-written zip stays behind
        partial.unlink(missing_ok=True)
        raise


def _write_dump(path: Path, partial: Path, name: str, log: dict[str, Any], base_url: str) -> DumpResult:
    created = timezone.now()
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        out = ZipWriter(archive)
        policies_json = out.text("data/policies.json", lambda s: _write_policies_json(s))
        policies_csv = out.csv("data/policies.csv", POLICY_COLUMNS, policy_records())
        targets_csv = out.csv("data/targets.csv", TARGET_ROW_FIELDS, target_records())
        targets_json = out.json_array("data/targets.json", target_records())
        jurisdictions_csv = out.csv("data/jurisdictions.csv", JURISDICTION_FIELDS, jurisdiction_records())
        jurisdictions_json = out.json_array("data/jurisdictions.json", jurisdiction_records())
        indicators = indicator_records()
        indicators_csv = out.csv("data/indicators.csv", INDICATOR_CSV_FIELDS, indicator_csv(indicators))
        indicators_json = out.json_array("data/indicators.json", indicators)
        counts = {"policies": policies_csv.rows, "targets": targets_csv.rows,
                  "jurisdictions": jurisdictions_csv.rows, "indicators": indicators_csv.rows}
        meta = licence.meta()
        sources_text = (DATA_DIR / "SOURCES.md").read_text(encoding="utf-8")
        out.text("SOURCES.md", lambda s: s.write(sources_text))
        out.text("CHANGELOG.md", lambda s: s.write(changelog_markdown(name, log)))
        out.text("README.md", lambda s: s.write(_readme(name, created, counts, meta)))
        tables = [
            ("policies", policies_csv, POLICY_COLUMNS, "policy_id", "Public policies, one row per policy"),
            ("targets", targets_csv, TARGET_ROW_FIELDS, "target_id",
             "Quantitative targets of the policies' published versions, with the policy's key columns"),
            ("jurisdictions", jurisdictions_csv, JURISDICTION_FIELDS, None,
             "Administrative divisions (GB/T 2260) with public policy counts"),
            ("indicators", indicators_csv, INDICATOR_CSV_FIELDS, "code", "Indicator catalogue"),
        ]
        resources = []
        for resource, written, columns, key, title in tables:
            resources.append({
                "name": resource, "path": written.path, "title": title, "profile": "tabular-data-resource",
                "format": "csv", "mediatype": "text/csv", "encoding": "utf-8-sig", "bytes": written.size,
                "hash": f"sha256:{written.sha256}", "dialect": {"delimiter": ",", "header": True},
                "schema": table_schema(columns, key),
            })
        for resource, written, title in (
            ("policies-json", policies_json, "Policies with their targets (as `ccnt export --format json`)"),
            ("targets-json", targets_json, "Targets (JSON)"),
            ("jurisdictions-json", jurisdictions_json, "Jurisdictions (JSON)"),
            ("indicators-json", indicators_json, "Indicators with national benchmark targets (JSON)"),
        ):
            resources.append({"name": resource, "path": written.path, "title": title, "format": "json",
                              "mediatype": "application/json", "encoding": "utf-8", "bytes": written.size,
                              "hash": f"sha256:{written.sha256}"})
        package = {
            "profile": "data-package",
            "name": "ccnt-china-carbon-neutrality-tracker",
            "title": "零碳录 China Carbon Neutrality Tracker — policies and targets",
            "version": name,
            "created": created.isoformat(),
            "homepage": base_url + "/downloads/" if base_url else "/downloads/",
            "licenses": [{"name": settings.CCNT_DATA_LICENSE.replace(" ", "-"), "path": meta["license_url"],
                          "title": settings.CCNT_DATA_LICENSE}],
            "sources": [{"title": "Sources and their licences: SOURCES.md in this package", "path": "SOURCES.md"}],
            "citation": meta["citation"],
            "resources": resources,
        }
        out.text("datapackage.json", lambda s: s.write(json.dumps(package, ensure_ascii=False, indent=2) + "\n"))
    digest = hashlib.sha256()
    with partial.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    partial.replace(path)
    return DumpResult(path=path, size=path.stat().st_size, sha256=digest.hexdigest(), counts=counts, files=out.files)


def _write_policies_json(stream) -> int:
    counter = {"n": 0}

    def counted():
        for record in policy_records():
            counter["n"] += 1
            yield record

    write_json(counted(), stream)
    return counter["n"]


def _readme(name: str, created: datetime, counts: dict[str, int], meta: dict[str, str]) -> str:
    lines = [
        f"# 零碳录 China Carbon Neutrality Tracker — data release {name}",
        "",
        f"Created {created.isoformat()}. Public (published) policies only.",
        "",
        "| file | rows |", "| --- | --- |",
    ]
    lines += [f"| data/{k}.csv / data/{k}.json | {v} |" for k, v in counts.items()]
    lines += [
        "",
        "CSV: UTF-8 with a byte-order mark, comma-separated, one header row; lists are joined with '; '.",
        "Columns of policies.csv and targets.csv follow the export contract of `ccnt export` (see datapackage.json).",
        "",
        f"Licence: {meta['license']} ({meta['license_url']}). {meta['notice']}",
        f"Cite as: {meta['citation']}",
        "",
        "CHANGELOG.md lists what changed since the previous release; SOURCES.md the sources and their licences.",
    ]
    return "\n".join(lines) + "\n"


def make_release(note: str = "", directory: Path | None = None, base_url: str = "") -> DataRelease:
    """Write today's zip into the downloads folder and record it as a data release."""
    directory = Path(directory or settings.CCNT_DOWNLOADS_DIR)
    previous = DataRelease.objects.first()
    name = release_name(timezone.localdate().isoformat())
    log = changelog(previous.created_at if previous else None)
    filename = f"ccnt-data-{name}.zip"
    result = write_dump(directory / filename, name, log, base_url)
    return DataRelease.objects.create(
        name=name, filename=filename, size=result.size, sha256=result.sha256, counts=result.counts,
        changelog=log, note=note,
    )

