"""What kind of quantity a target counts: ``share``, ``intensity``, ``absolute``, ``count`` or ``year``.

Comparisons are like with like only when two targets count the same kind of quantity (with the
same metric kind, base year and unit family): a province's 9000万千瓦 (absolute) is never ranked
against the national 12亿千瓦, and a 比重 (share) against a 强度 (intensity) never at all.

The kind comes from the catalogue entry's unit family when the target has one; otherwise from the
subject as written (…强度, 单位…, 每… → intensity; …率, 比重, 占比 → share) and then from the unit.
Rejected: reading it from the unit alone — "下降13.5%" is a change in an intensity, not a share.
"""

from __future__ import annotations

import re

from .units import UNITS

_FAMILY_QUANTITY = {
    "share": "share", "intensity": "intensity", "specific_energy": "intensity", "concentration": "intensity",
    "count": "count", "vehicles": "count", "year": "year",
    "mass": "absolute", "co2": "absolute", "power": "absolute", "energy": "absolute", "electricity": "absolute",
    "area": "absolute", "land_area": "absolute", "money": "absolute", "volume": "absolute", "length": "absolute",
}
_INTENSITY_RE = re.compile(r"强度|^单位|^每|(?:单位|每)(?:国内|地区)?(?:生产总值|GDP|产品|工业增加值|建筑面积)|能效|PUE|浓度")
_SHARE_RE = re.compile(r"(?:比重|占比|比例|份额|覆盖率|利用率|达标率|普及率|渗透率|回收率|处置率|化率|[^效]率)$|(?<!效)率(?:达到|提高)?$")
_PER_HEAD_RE = re.compile(r"每|单位|人均|万人")  # 每万人拥有充电桩10个: a count per head is an intensity
# normalised units by the kind their family measures, read from the one unit table (units.UNITS)
_COUNT_UNITS = frozenset(u.normalized for u in UNITS.values() if _FAMILY_QUANTITY.get(u.family) == "count")
_ABSOLUTE_UNITS = frozenset(u.normalized for u in UNITS.values() if _FAMILY_QUANTITY.get(u.family) == "absolute")


def quantity_of(unit_family: str = "", subject: str = "", unit_normalized: str = "", metric_kind: str = "level",
                has_value: bool = True) -> str:
    """The kind of quantity, or "" when the text does not say enough to tell.

    >>> quantity_of("share")
    'share'
    >>> quantity_of("", "新建城市排水管道", "km")
    'absolute'
    >>> quantity_of("", "数据中心PUE值", "")
    'intensity'
    """
    if unit_family in _FAMILY_QUANTITY:
        return _FAMILY_QUANTITY[unit_family]
    if not has_value and metric_kind == "level" and not unit_normalized:
        return "year"  # a peak or neutrality year: the year is the aim
    subject = (subject or "").strip()
    if unit_normalized in _COUNT_UNITS and not _PER_HEAD_RE.match(subject):
        return "count"  # 遴选8家能效领跑者: things counted, whatever the words in their name
    if subject and _INTENSITY_RE.search(subject):
        return "intensity"
    if subject and _SHARE_RE.search(subject):
        return "share"
    unit = unit_normalized or ""
    if "/" in unit:
        return "intensity"
    if unit in _COUNT_UNITS:
        return "count"
    if unit in _ABSOLUTE_UNITS:
        return "absolute"
    if unit in ("%", "pp") and metric_kind == "level":
        return "share"
    return ""
