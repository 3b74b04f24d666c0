"""The API's field names: the export columns of DESIGN.md first, then a few extras. Stable:
rows are cut to these lists, so a key added to the shared dicts does not leak in unannounced."""

from __future__ import annotations

from ccnt.tracker.serializers import POLICY_COLUMNS, TARGET_COLUMNS

POLICY_FIELDS = POLICY_COLUMNS + [
    "jurisdictions", "category_name", "effective_date", "expiry_date", "summary", "summary_en", "url",
]
TARGET_FIELDS = TARGET_COLUMNS + ["indicator_name_en", "year_comparator", "start", "end", "verified"]
# the policy's key columns beside each row of /targets/
TARGET_POLICY_COLUMNS = [
    "policy_id", "title", "doc_number", "jurisdiction_adcode", "jurisdiction_name", "level", "category",
    "signed_date", "published_date",
]
# the national benchmark and the verdict against it: ``tracker.benchmarks``, as on the region page
TARGET_ROW_FIELDS = TARGET_POLICY_COLUMNS + TARGET_FIELDS + ["national_benchmark_target_id", "ambition"]
JURISDICTION_FIELDS = [
    "adcode", "name", "short_name", "name_en", "level", "kind", "parent_adcode", "valid_from", "valid_to",
    "successor_adcode", "policy_count",
]
INDICATOR_FIELDS = ["code", "name_zh", "name_en", "unit_family", "better", "sector", "aliases", "national_benchmarks"]
BENCHMARK_FIELDS = [
    "target_id", "policy_id", "title", "target_year", "metric_kind", "base_year", "comparator", "value_low",
    "value_high", "unit", "value_normalized", "unit_normalized", "firmness",
]
REPORT_FIELDS = ["month", "status", "published_at", "links"]
DOCUMENT_FIELDS = ["sha256", "url", "media_type", "size", "fetched_at", "filename", "policy_ids", "download_url"]
