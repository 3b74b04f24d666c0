"""Site configurations: TOML files in ``src/ccnt/data/sources`` and/or ``Source`` rows.

A configuration is a plain dict (it is what ``Source.config`` stores)::

    slug = "example-province"           name = "某省人民政府 政策文件"
    kind = "portal"                      # or "gov_policy_library" (list → detail → attachment)
    jurisdiction = "320000"
    start_urls = ["https://www.example.gov.cn/zcwj/index.html"]
    since = "2021-01-01"                 # date filter on the list pages' dates

    [list]                               # list pages
    item_selector = "ul.list li"         # one row per policy (CSS)
    link_selector = "a::attr(href)"
    title_selector = "a::text"           # optional; the link text otherwise
    date_selector = "span::text"         # optional; a date is also found in the row's text
    detail_allow = ["/art/", "/content_"]   # regexes a detail URL must match (optional)

    [pagination]
    next_selector = "a.next::attr(href)"    # or:
    template = "index_{n}.html"         # page n (n from `start`), relative to the first list URL
    start = 1
    max_pages = 20

    [politeness]                        # defaults shown
    download_delay = 2.0                # seconds between requests to one host
    concurrency_per_host = 2
    timeout = 30
    retries = 3
    obey_robots = true

Every key is checked against ``KEYS``: an unknown key (a typo such as ``item_selctor``) is an
error naming the file, the key and its close matches. Rejected alternative: ignoring it, which
silently crawled with the default selector instead of the one the curator meant.
"""

from __future__ import annotations

import difflib
import json
import tomllib
from pathlib import Path

from ccnt.paths import DATA_DIR

SOURCES_DIR = DATA_DIR / "sources"

POLITENESS = {
    "download_delay": 2.0,
    "concurrency_per_host": 2,
    "concurrency": 8,
    "timeout": 30,
    "retries": 3,
    "backoff": 2.0,
    "obey_robots": True,
    "max_bytes": 50 * 1024 * 1024,
    "cache": False,
}

KIND_DEFAULTS = {
    # The national policy library (国务院政策文件库) and sites built like it: list rows with a
    # link and a date, detail pages with the 索引号/发文机关/成文日期… table, PDF/DOC attachments.
    "gov_policy_library": {
        "list": {"item_selector": "ul li, table tr, .list li, .news_box li", "link_selector": "a::attr(href)"},
        "pagination": {"max_pages": 10},
        "attachments": True,
    },
    # Provincial and city portals: everything comes from the configuration.
    "portal": {
        "list": {"item_selector": "li", "link_selector": "a::attr(href)"},
        "pagination": {"max_pages": 5},
        "attachments": True,
    },
}


# Every key a configuration may hold: the top level, then each table's keys.
TOP_KEYS = frozenset({"slug", "name", "kind", "jurisdiction", "start_urls", "since", "schedule", "enabled",
                      "attachments", "list", "pagination", "politeness"})
TABLE_KEYS = {
    "list": frozenset({"item_selector", "link_selector", "title_selector", "date_selector", "detail_allow"}),
    "pagination": frozenset({"next_selector", "template", "start", "max_pages"}),
    "politeness": frozenset({*POLITENESS, "user_agent"}),
}


class ConfigError(ValueError):
    pass


def _unknown(key: str, known: frozenset[str], prefix: str = "") -> str:
    close = difflib.get_close_matches(key, sorted(known), n=3, cutoff=0.6)
    hint = f"did you mean {', '.join(prefix + c for c in close)}?" if close else f"known keys: {', '.join(sorted(known))}"
    return f"unknown key {prefix + key!r} ({hint})"


def check_keys(config: dict, where: str) -> None:
    """Raise ``ConfigError`` naming ``where`` (the file, or the source) and every unknown key."""
    problems = [_unknown(key, TOP_KEYS) for key in config if key not in TOP_KEYS]
    for table, known in TABLE_KEYS.items():
        value = config.get(table, {})
        if not isinstance(value, dict):
            problems.append(f"[{table}] must be a table of keys, got {value!r}")
            continue
        problems += [_unknown(key, known, f"{table}.") for key in value if key not in known]
    if problems:
        raise ConfigError(f"{where}: " + "; ".join(problems))


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for key, value in over.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def normalise(config: dict, where: str = "") -> dict:
    """Check the keys, fill defaults by kind and check the shape; ``where`` names the file in errors."""
    if not config.get("slug"):
        raise ConfigError(f"{where or 'a site configuration'}: no slug")
    check_keys(config, where or f"source {config['slug']}")
    kind = config.get("kind", "portal")
    if kind not in KIND_DEFAULTS:
        raise ConfigError(f"{config['slug']}: unknown crawler kind {kind!r} (one of {', '.join(KIND_DEFAULTS)})")
    if not config.get("start_urls"):
        raise ConfigError(f"{config['slug']}: no start_urls")
    full = _merge({"kind": kind, "name": config["slug"], "politeness": POLITENESS, **KIND_DEFAULTS[kind]}, config)
    full["politeness"] = _merge(POLITENESS, config.get("politeness", {}))
    return full


def load_file(path: str | Path) -> dict:
    path = Path(path)
    try:
        if path.suffix == ".json":
            data = json.loads(path.read_text(encoding="utf-8"))
        else:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ConfigError(f"{path}: {error}") from error
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: a site configuration is a table of keys")
    return normalise(data, where=str(path))


def data_file_configs(directory: Path = SOURCES_DIR) -> list[dict]:
    return [load_file(p) for p in sorted(directory.glob("*.toml"))]
