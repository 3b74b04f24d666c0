"""How a target's value reads: with its direction, comparator and base year, never bare.

One helper for every place a reader sees a target's value (policy page, region page, target
explorer, actor page, export's ``value_text``, API rows, the monthly report's benchmark clause):
下降14%（较2020年）, ≥ 8%, 约 20%, 年均下降3%, 累计新增500万千瓦（2021—2025年）, and for a target
without a value its year: 2030年前.

Pure (plain values in, text out) so the report's facts and the stored targets read the same.
Rejected: a value column beside a comparator column ("14% =" beside "=") — the direction and
base year were lost, and "下降14%" read as a level of 14%.
"""

from __future__ import annotations

from typing import Any

_PREFIX_ZH = {">=": "≥ ", "<=": "≤ ", ">": "> ", "<": "< ", "~": "约 "}
_PREFIX_EN = {">=": "≥ ", "<=": "≤ ", ">": "> ", "<": "< ", "~": "about "}
# after a verb (下降, 年均增长) the comparator reads as a word: 下降超过14%, 下降约14%
_WORD_ZH = {">=": "至少", "<=": "至多", ">": "超过", "<": "不到", "~": "约"}
_WORD_EN = {">=": "at least ", "<=": "at most ", ">": "more than ", "<": "less than ", "~": "about "}
_CHANGE_ZH = {"decrease": "下降", "increase": "提高"}
_CHANGE_EN = {"decrease": "down ", "increase": "up "}


def _num(v: float) -> str:
    return f"{v:g}"


# units a reader of English cannot read as written; the rest stay as the document writes them
_UNIT_EN = {"个百分点": " percentage points", "百分点": " percentage points"}


def _core(low: float | None, high: float | None, unit: str) -> str:
    if low is None and high is None:
        return ""
    if low is None or high is None or low == high:
        return f"{_num(low if low is not None else high)}{unit}"
    return f"{_num(low)}–{_num(high)}{unit}"


def value_text(*, low: float | None, high: float | None, unit: str = "", comparator: str = "",
               metric_kind: str = "level", direction: str = "level", base_year: int | None = None,
               period_start: int | None = None, year: int | None = None, year_comparator: str = "=",
               lang: str = "zh") -> str:
    """The value as a reader should quote it; "" when there is neither value nor year."""
    en = lang.startswith("en")
    core = _core(low, high, _UNIT_EN.get(unit or "", unit or "") if en else unit or "")
    if not core:
        if year is None:
            return ""
        if year_comparator in ("<=", "<"):
            return f"by {year}" if en else f"{year}年前"
        return str(year) if en else f"{year}年"
    if metric_kind == "level":
        return (_PREFIX_EN if en else _PREFIX_ZH).get(comparator or "", "") + core
    prefix = (_WORD_EN if en else _WORD_ZH).get(comparator or "", "")
    if metric_kind == "change":
        verb = (_CHANGE_EN if en else _CHANGE_ZH).get(direction, "change " if en else "变化")
        text = f"{verb}{prefix}{core}"
        if base_year:
            text += f" (vs {base_year})" if en else f"（较{base_year}年）"
        return text
    if metric_kind == "annual_rate":
        if en:
            verb = "annual decrease of " if direction == "decrease" else "annual growth of "
        else:
            verb = "年均下降" if direction == "decrease" else "年均增长"
        return f"{verb}{prefix}{core}"
    if metric_kind == "cumulative":
        if en:
            verb = "cumulative decrease of " if direction == "decrease" else "cumulative increase of "
        else:
            verb = "累计减少" if direction == "decrease" else "累计新增"
        text = f"{verb}{prefix}{core}"
        if period_start and year:
            text += f" ({period_start}–{year})" if en else f"（{period_start}—{year}年）"
        return text
    return f"{prefix}{core}"  # an unknown metric kind: the value with its comparator


def target_value_text(t: Any, lang: str = "zh") -> str:
    """``value_text`` of a stored ``Target`` (its values as written, in its own unit)."""
    return value_text(
        low=t.value_low, high=t.value_high, unit=t.unit, comparator=t.comparator, metric_kind=t.metric_kind,
        direction=t.direction, base_year=t.base_year, period_start=t.period_start, year=t.target_year,
        year_comparator=t.year_comparator, lang=lang,
    )
