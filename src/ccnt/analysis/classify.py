"""Sectors, topics, climate relevance and the report category.

Keyword lists live in ``data/taxonomy.json`` (categories / sectors / topics each carry
``keywords``; categories may add ``weak_keywords`` that count a third). A keyword's weight is its
length (节约能源 outweighs 能源), and a hit inside a longer hit does not count twice.

Report category, in order:

1. "1+N": a carbon-peaking plan of any sector (…碳达峰实施方案/工作方案/行动方案/行动计划) or the
   overall opinions on carbon peaking and neutrality (…做好碳达峰碳中和工作的(实施)意见) unless
   the title names a specific instrument (财政, 金融, 科技, 标准…);
2. the title's keywords (highest weighted score, ties to the earlier category);
3. the body's keywords, weighted, per 10 000 characters.
"""

from __future__ import annotations

import functools
import re

from ccnt.editorial import editorial

from .policy_type import clean_title, taxonomy
from .types import PolicyAnalysis

_PEAK_PLAN = re.compile(
    r"碳达峰(?:碳中和)?(?:专项)?(?:实施|工作|行动)(?:方案|计划)$|碳达峰(?:碳中和)?(?:行动)?(?:方案|计划|规划)$"
)
_OVERALL_OPINION = re.compile(r"(?:做好|推进|推动|实现|贯彻落实)?碳达峰(?:、)?碳中和工作的?(?:实施)?意见")
_SPECIFIC_INSTRUMENT = re.compile(r"财政|金融|税|科技|标准|计量|人才|教育|统计|价格|司法|检察|法治|审计")




@functools.lru_cache(maxsize=1)
def _tables() -> dict:
    tax = taxonomy()

    def table(items: list[dict]) -> list[tuple[str, list[tuple[str, float]]]]:
        out = []
        for it in items:
            kws = [(k, float(len(k))) for k in it.get("keywords", [])]
            kws += [(k, len(k) / 3.0) for k in it.get("weak_keywords", [])]
            out.append((it["code"], kws))
        return out

    return {
        "categories": table(tax.get("categories", [])),
        "sectors": table(tax.get("sectors", [])),
        "topics": table(tax.get("topics", [])),
    }


def _counts(text: str, keywords: list[tuple[str, float]]) -> dict[str, int]:
    """Occurrences of each keyword, a hit inside a longer keyword's hit not counted again.

    Linear in the text: a hit ``[s, e)`` lies inside a counted hit ``[a, b)`` only if that one
    starts at most ``longest`` characters before ``e``, so only those starts are looked at
    (``end_from[a]``: the furthest end of a counted hit starting at ``a``). Rejected: testing
    every counted hit (quadratic — 8 s of a 2 MB text's analysis went there)."""
    counts: dict[str, int] = {}
    end_from: dict[int, int] = {}
    longest = max((len(k) for k, _w in keywords), default=0)
    for kw, _w in sorted(keywords, key=lambda p: len(p[0]), reverse=True):
        n = 0
        for m in re.finditer(re.escape(kw), text):
            s, e = m.start(), m.end()
            if any(end_from.get(a, -1) >= e for a in range(max(0, e - longest), s + 1)):
                continue
            if end_from.get(s, -1) < e:
                end_from[s] = e
            n += 1
        if n:
            counts[kw] = n
    return counts


def score(text: str, keywords: list[tuple[str, float]]) -> float:
    weights = dict(keywords)
    return sum(n * weights[k] for k, n in _counts(text, keywords).items())


def scores(text: str, kind: str) -> dict[str, float]:
    return {code: score(text, kws) for code, kws in _tables()[kind]}


def is_one_plus_n(title: str) -> bool:
    t = clean_title(title)
    if _PEAK_PLAN.search(t):
        return not _SPECIFIC_INSTRUMENT.search(t.split("碳达峰")[0])
    if _OVERALL_OPINION.search(t) and not _SPECIFIC_INSTRUMENT.search(t):
        return True
    return False


def category_of(title: str, text: str) -> str:
    if title and is_one_plus_n(title):
        return "one_plus_n"
    order = [code for code, _ in _tables()["categories"] if code != "one_plus_n"]
    if title:
        ts = scores(clean_title(title), "categories")
        best = max(order, key=lambda c: (ts.get(c, 0), -order.index(c)))
        if ts.get(best, 0) >= 2:
            return best
    body = scores(text, "categories")
    body.pop("one_plus_n", None)
    if not body or max(body.values()) <= 0:
        return "cross_sector" if climate_relevance(title, text) >= 0.3 else ""
    return max(order, key=lambda c: (body.get(c, 0), -order.index(c)))


def climate_relevance(title: str, text: str) -> float:
    """0–1: a climate term in the title counts 0.6 (an energy / environment word 0.3); the body
    adds the rest by the density of climate terms (10 per 1000 characters fills it)."""
    lists = editorial()  # the terms: data/editorial.toml, [climate]
    t_hit = any(w in (title or "") for w in lists.climate_terms)
    t_weak = any(w in (title or "") for w in lists.weak_climate_terms)
    n = sum((text or "").count(w) for w in lists.climate_terms)
    density = n / max(1, len(text or "")) * 1000  # hits per 1000 characters
    base = 0.6 if t_hit else 0.3 if t_weak else 0.0
    body = min(1.0 - base, density / 10 * (1.0 - base)) if base else min(1.0, density / 8)
    return round(min(1.0, base + body), 2)


def _select(title: str, text: str, kind: str, min_density: float, limit: int) -> list[str]:
    t_scores = scores(clean_title(title or ""), kind)
    b_scores = scores(text or "", kind)
    length = max(2000, len(text or ""))
    chosen = []
    for code, _ in _tables()[kind]:
        per10k = b_scores.get(code, 0) / length * 10000
        if t_scores.get(code, 0) > 0 or per10k >= min_density:
            chosen.append((t_scores.get(code, 0) * 1000 + per10k, code))
    chosen.sort(reverse=True)
    return [c for _s, c in chosen[:limit]]


def sectors_of(title: str, text: str) -> list[str]:
    out = _select(title, text, "sectors", min_density=40.0, limit=8)
    if (
        title
        and is_one_plus_n(title)
        and "economy" not in out
        and not re.search(r"领域|行业|工业|建筑|交通|农业|能源", clean_title(title).split("碳达峰")[0])
    ):
        out.insert(0, "economy")
    return out


def topics_of(title: str, text: str) -> list[str]:
    return _select(title, text, "topics", min_density=25.0, limit=10)


def step_classify(pa: PolicyAnalysis, gazetteer=None) -> PolicyAnalysis:
    pa.sectors = sectors_of(pa.title, pa.text)
    pa.topics = topics_of(pa.title, pa.text)
    pa.climate_relevance = climate_relevance(pa.title, pa.text)
    pa.category = category_of(pa.title, pa.text)
    return pa
