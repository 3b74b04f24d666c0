"""The unit table: a unit as written in a policy → (normalised unit, factor, family).

``value_normalized = value_as_written * factor`` in ``unit_normalized``. Magnitude
prefixes are part of the written unit (4000万千瓦 → value 4000, unit 万千瓦, normalised
4000 × 10⁴ kW), because gold annotations keep values as written.

Compound units (吨/日, 万吨/年, 克/千瓦时, 万人/平方公里) are a numerator from the table,
"/" and a denominator from ``DENOMINATORS``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Unit:
    written: str
    normalized: str
    factor: float
    family: str


# base units: written, normalised, factor, family
_BASE: list[tuple[str, str, float, str]] = [
    ("%", "%", 1, "share"),
    ("‰", "%", 0.1, "share"),  # 森林火灾受害率≤0.9‰: per mille, a share
    ("个百分点", "pp", 1, "share_change"),
    ("百分点", "pp", 1, "share_change"),
    ("成", "%", 10, "share"),
    ("千瓦", "kW", 1, "power"),
    ("兆瓦", "kW", 1e3, "power"),
    ("吉瓦", "kW", 1e6, "power"),
    ("MW", "kW", 1e3, "power"),
    ("GW", "kW", 1e6, "power"),
    ("kW", "kW", 1, "power"),
    ("千瓦时", "kWh", 1, "electricity"),
    ("兆瓦时", "kWh", 1e3, "electricity"),
    ("MWh", "kWh", 1e3, "electricity"),
    ("GWh", "kWh", 1e6, "electricity"),
    ("度", "kWh", 1, "electricity"),
    ("kWh", "kWh", 1, "electricity"),
    ("吨标准煤", "tce", 1, "energy"),
    ("吨标煤", "tce", 1, "energy"),
    ("吨标油", "toe", 1, "energy"),
    ("吨二氧化碳当量", "tCO2e", 1, "co2"),
    ("吨二氧化碳", "tCO2", 1, "co2"),
    ("吨CO2", "tCO2", 1, "co2"),
    ("吨碳", "tC", 1, "co2"),
    ("吨", "t", 1, "mass"),
    ("克标准煤", "gce", 1, "energy"),
    ("克标煤", "gce", 1, "energy"),
    ("千克", "t", 1e-3, "mass"),
    ("公斤", "t", 1e-3, "mass"),
    ("克", "g", 1, "mass"),
    ("毫克", "g", 1e-3, "mass"),
    ("微克", "g", 1e-6, "mass"),
    ("立方米", "m3", 1, "volume"),
    ("立方", "m3", 1, "volume"),  # 15亿立方: 米 left out
    ("方", "m3", 1, "volume"),
    ("平方公里", "km2", 1, "land_area"),
    ("平方千米", "km2", 1, "land_area"),
    ("平方米", "m2", 1, "area"),
    ("亩", "mu", 1, "land_area"),
    ("公顷", "ha", 1, "land_area"),
    ("km²", "km2", 1, "land_area"),
    ("km2", "km2", 1, "land_area"),
    ("公里", "km", 1, "length"),
    ("km", "km", 1, "length"),
    ("千米", "km", 1, "length"),
    ("米", "m", 1, "length"),
    ("元", "yuan", 1, "money"),
    ("美元", "usd", 1, "money"),
    ("辆", "vehicles", 1, "vehicles"),
    ("标台", "vehicles", 1, "vehicles"),
    ("艘", "vessels", 1, "count"),
    ("个", "count", 1, "count"),
    ("家", "count", 1, "count"),
    ("座", "count", 1, "count"),
    ("处", "count", 1, "count"),
    ("台", "count", 1, "count"),
    ("套", "count", 1, "count"),
    ("所", "count", 1, "count"),
    ("项", "count", 1, "count"),
    ("条", "count", 1, "count"),
    ("根", "count", 1, "count"),
    ("户", "count", 1, "count"),
    ("栋", "count", 1, "count"),
    ("只", "count", 1, "count"),
    ("块", "count", 1, "count"),
    ("张", "count", 1, "count"),
    ("种", "count", 1, "count"),
    ("株", "count", 1, "count"),
    ("棵", "count", 1, "count"),
    ("件", "count", 1, "count"),
    ("架", "count", 1, "count"),  # 机架 (racks), 架次
    ("班", "count", 1, "count"),  # 中欧班列年开行2000班
    ("标准箱", "TEU", 1, "count"),  # 集装箱吞吐量4000万标准箱
    ("标箱", "TEU", 1, "count"),  # 集装箱海铁联运量150万标箱
    ("TEU", "TEU", 1, "count"),
    ("部", "count", 1, "count"),
    ("间", "count", 1, "count"),
    ("幢", "count", 1, "count"),
    ("头", "count", 1, "count"),
    ("人次", "count", 1, "count"),
    ("人", "persons", 1, "count"),
    ("名", "persons", 1, "count"),
    ("天", "day", 1, "time"),
    ("小时", "h", 1, "time"),
    # computing power (数据中心总算力突破7EFLOPS): floating-point operations per second
    ("EFLOPS", "FLOPS", 1e18, "compute"),
    ("PFLOPS", "FLOPS", 1e15, "compute"),
    ("TFLOPS", "FLOPS", 1e12, "compute"),
]

# 千万/百万 are not prefixes: 一千万千瓦 is 一千 × 万千瓦 (and 百万千瓦级 a qualifier)
_PREFIXES: list[tuple[str, float]] = [("万亿", 1e12), ("亿", 1e8), ("万", 1e4), ("千", 1e3)]
# prefixes that make sense per family (no 千% or 万个百分点)
_PREFIX_FAMILIES = {"power", "electricity", "energy", "co2", "mass", "volume", "area", "land_area", "length",
                    "money", "vehicles", "count"}
_NO_PREFIX = {"个百分点", "百分点", "%", "‰", "成", "MW", "GW", "kW", "kWh", "MWh", "GWh", "克", "毫克", "微克", "千克", "米",
              "兆瓦时", "间", "部", "头", "人次", "处", "条", "根", "块", "只",
              "天", "小时", "名", "度", "吨碳", "方", "千瓦时", "千米", "平方千米"}

DENOMINATORS: dict[str, str] = {
    "日": "d", "天": "d", "年": "a", "小时": "h", "千瓦时": "kWh", "度": "kWh", "平方公里": "km2",
    "万平方米": "1e4m2", "平方米": "m2", "万人": "1e4persons", "人": "person", "公里": "km", "吨": "t",
    "万元": "1e4yuan", "辆": "vehicle", "立方米": "m3",
}

UNITS: dict[str, Unit] = {}
for _w, _n, _f, _fam in _BASE:
    UNITS[_w] = Unit(_w, _n, _f, _fam)
    if _fam in _PREFIX_FAMILIES and _w not in _NO_PREFIX:
        for _p, _pf in _PREFIXES:
            if _p in ("千",) and _w.startswith("千"):
                continue
            UNITS.setdefault(_p + _w, Unit(_p + _w, _n, _pf * _f, _fam))
# 万千瓦时 / 亿千瓦时 / 亿度 / 万度 / 亿方 / 万方 / 万人 / 万人次
for _p, _pf in (("万", 1e4), ("亿", 1e8), ("万亿", 1e12)):
    UNITS[_p + "千瓦时"] = Unit(_p + "千瓦时", "kWh", _pf, "electricity")
    UNITS[_p + "度"] = Unit(_p + "度", "kWh", _pf, "electricity")
    UNITS[_p + "方"] = Unit(_p + "方", "m3", _pf, "volume")
    UNITS[_p + "人"] = Unit(_p + "人", "persons", _pf, "count")
    UNITS[_p + "人次"] = Unit(_p + "人次", "count", _pf, "count")
UNITS["千亿方"] = Unit("千亿方", "m3", 1e11, "volume")
del UNITS["度"], UNITS["方"]  # bare 度/方 are too ambiguous (温度, 地方); keep 万度/亿方

# units whose bare written form needs an Arabic number (never after a Chinese numeral:
# 一度, 一方, 三处 are words, 十项 too often a list of measures)
COUNT_UNITS = {w for w, u in UNITS.items() if u.family in ("count", "vehicles")}


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_NUMERATORS = [w for w, u in UNITS.items() if u.family not in ("share", "share_change", "time")]
UNIT_PATTERN = (
    r"(?:(?:" + _alternation(_NUMERATORS) + r")/(?:" + _alternation(list(DENOMINATORS)) + r")|"
    + _alternation(list(UNITS)) + r")"
)
UNIT_RE = re.compile(UNIT_PATTERN)


def lookup(written: str) -> Unit | None:
    """The Unit for a written unit (compound 吨/日 included); None when unknown."""
    if not written:
        return None
    unit = UNITS.get(written)
    if unit is not None:
        return unit
    if "/" in written:
        num, _, den = written.partition("/")
        nu = UNITS.get(num)
        if nu is not None and den in DENOMINATORS:
            d = DENOMINATORS[den]
            return Unit(written, f"{nu.normalized}/{d}", nu.factor, nu.family + "_rate")
    return None


def normalize_value(value: float | None, written: str) -> tuple[float | None, str]:
    """(value in the normalised unit, normalised unit) for a value in ``written``."""
    unit = lookup(written)
    if unit is None:
        return value, written
    if value is None:
        return None, unit.normalized
    v = value * unit.factor
    if not math.isfinite(v):
        return None, unit.normalized  # 1e305 万千瓦 overflows: no normalised value rather than inf
    if abs(v - round(v)) < 1e-9 * max(1.0, abs(v)):
        v = float(round(v))
    return v, unit.normalized
