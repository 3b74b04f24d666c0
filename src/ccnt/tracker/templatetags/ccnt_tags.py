"""Template helpers for the public pages: the reader's language picks the Chinese or English
name of a record (English where a translation exists, Chinese otherwise)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _gettext

register = template.Library()

# the language of the page being rendered, when fixed for it (``one_language``)
_FIXED: ContextVar[str | None] = ContextVar("ccnt_fixed_language", default=None)
_TRANSLATED: dict[tuple[str, str], str] = {}  # (language, message) → translation: the catalogue's, static


@contextmanager
def one_language(active: str | None = None) -> Iterator[None]:
    """Within the block, ``english()`` and ``_()`` here read the active language once, at entry,
    not on each call: a page's filters asked for it per cell (7,700 times on a cold /targets/,
    1.4 µs each through the translation machinery's context-local lookup, and 2 µs per gettext).

    Invariant: nothing inside the block switches the language; code that does (the API's
    ``translation.override("en")``) opens its own block inside the switch. Entered by
    ``ChineseFirstLocaleMiddleware`` around each request, after it activates the reader's
    language (``active``: the language it just read, so the block costs no second lookup). Rejected: a memo per process (two readers in two languages share it) and passing
    the language through every filter (the templates cannot)."""
    token = _FIXED.set(active if active is not None else (get_language() or ""))
    try:
        yield
    finally:
        _FIXED.reset(token)


def language() -> str:
    fixed = _FIXED.get()
    return fixed if fixed is not None else (get_language() or "")


def english() -> bool:
    return language().startswith("en")


def _(message: str) -> str:
    """``gettext`` of a literal message, remembered per language inside ``one_language``."""
    fixed = _FIXED.get()
    if fixed is None:
        return _gettext(message)
    key = (fixed, message)
    found = _TRANSLATED.get(key)
    if found is None:
        found = _TRANSLATED[key] = _gettext(message)
    return found


@register.filter
def loc(obj, field: str = "name") -> str:
    """``{{ indicator|loc }}`` → name_en in English when set, else name_zh (or ``name``)."""
    if obj is None:
        return ""
    if english():
        value = getattr(obj, f"{field}_en", "")
        if value:
            return value
    value = getattr(obj, f"{field}_zh", None)
    if value is None:
        value = getattr(obj, field, "")
    return value or ""


HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def escaped(value) -> str:
    """``conditional_escape(value)``'s text: a safe string as it is, any other string escaped
    (``html.escape``, as Django's ``escape``). Invariant: the same characters as
    ``conditional_escape``. A plain string skips Django's lazy-argument wrappers (``keep_lazy``
    looks through every argument for a lazy translation on each call: a national region page's
    table and an explorer page escape thousands of cells); anything else goes through
    ``conditional_escape`` itself. Rejected: the template engine's escaping per cell (the tables
    are built in Python for the same reason, ``region_table``, ``views_explorer.table_body``)."""
    if type(value) is str:
        return html.escape(value)
    return conditional_escape(value)


@register.filter(needs_autoescape=True)
def zh(value, autoescape: bool = True) -> SafeString:
    """``{{ policy|loc:"title"|zh }}``: on an English page, text with Chinese characters marked as
    Chinese (``<span lang="zh-Hans">``), so a screen reader reads it with a Chinese voice (WCAG 3.1.2,
    language of parts; tests/test_accessibility.py). English text, and every text on a Chinese page,
    are left as they are. Only for element content, never inside an attribute or an <option>.

    Rejected: ``lang="zh-Hans"`` written on each element in the templates — right only where the
    text is always Chinese; a field shown through ``loc`` is English wherever a translation exists."""
    text = escaped(value) if autoescape else str(value)
    if not english() or not HAN.search(str(value)):
        return SafeString(text)
    return SafeString(f'<span lang="zh-Hans">{text}</span>')


LEVEL_LABELS = {"national": gettext_noop("国家"), "province": gettext_noop("省级"), "city": gettext_noop("市级"),
                "county": gettext_noop("县级")}
AMBITION_LABELS = {"above": gettext_noop("高于全国目标"), "equal": gettext_noop("与全国目标持平"),
                   "below": gettext_noop("低于全国目标"), "not_comparable": gettext_noop("不可比")}


@register.filter
def level_label(code: str) -> str:
    label = LEVEL_LABELS.get(code or "")
    return _(label) if label is not None else code or "—"  # one translation, not four, per cell


@register.filter
def metric_label(target) -> str:
    """How a target is measured: a level, or a change against its base year."""
    kind = getattr(target, "metric_kind", target)
    base = getattr(target, "base_year", None)
    if kind == "change":
        return _("较%(year)s年变化") % {"year": base} if base else _("变化")
    return {
        "level": _("水平值"), "cumulative": _("期间累计"), "annual_rate": _("年均"),
    }.get(kind, kind)


@register.filter
def ambition_label(value: str | None) -> str:
    """A verdict of ``tracker.benchmarks`` in words (ambition, not size)."""
    label = AMBITION_LABELS.get(value or "")
    return _(label) if label is not None else ""


@register.filter
def target_value(target) -> str:
    """``{{ t|target_value }}``: 下降14%（较2020年）, ≥ 8%, 约 20%, 2030年前 — the value with its
    direction, comparator and base year (``tracker.target_text``), in the reader's language."""
    if target is None:
        return ""
    from ..target_text import target_value_text

    return target_value_text(target, "en" if english() else "zh")


@register.filter
def firmness_label(value: str) -> str:
    return {"stretch": _("力争"), "ensure": _("确保")}.get(value or "", "")


@register.filter
def target_value_firm(target) -> str:
    """``target_value`` with its 力争 / 确保 beside it: 2030年前（确保）, by 2030 (ensure)."""
    text = target_value(target)
    firm = firmness_label(getattr(target, "firmness", ""))
    if not firm:
        return text
    return f"{text} ({firm})" if english() else f"{text}（{firm}）"


@register.filter
def get_item(mapping, key):
    if not mapping:
        return ""
    return mapping.get(key if not isinstance(key, int) else key, mapping.get(str(key), "")) or ""


@register.filter
def contains(values, value) -> bool:
    """``{% if params.level|contains:"city" %}`` for the search's tuple-valued filters."""
    return str(value) in {str(v) for v in (values or ())}


@register.filter
def explorer_url(target) -> str:
    """The target explorer at a target's indicator and year, on the page of the target's own row and
    scrolled to it: every public target is a row there (``tracker.explorer``), so the link never
    opens an empty table.
    A target outside the catalogue (``other``) is narrowed to its subject as written."""
    code = target.indicator.code
    query = f"indicator={_quoted(code)}"
    if target.target_year:
        query += f"&year={target.target_year}"
    if code == "other" and target.subject:
        query += f"&subject={_quoted(target.subject)}"
    # the table is paged: open the page that holds the row. What ``urlencode`` writes (and so
    # QueryDict.urlencode), without its generic machinery per link (a region page has hundreds)
    return f"/targets/?{query}&at={target.pk}#r-{target.pk}"


_URL_SAFE = re.compile(r"[A-Za-z0-9_.~-]*")


def _quoted(value: str) -> str:
    """``quote_plus(value)``: the value itself when ``quote_plus`` would leave it as it is."""
    from urllib.parse import quote_plus

    return value if _URL_SAFE.fullmatch(value) else quote_plus(value)
