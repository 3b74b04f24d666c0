"""Lead paragraphs written from the data (pure: plain dataclasses in, text and facts out).

Every number in a lead comes from the facts passed in — a count of the section's policies, a
target's year, base year or value, a national benchmark's value — and each comparison is also
returned as a structured fact so a test can recompute it. Which targets are set side by side,
and the verdict against the national target, are ``tracker.benchmarks``' one rule (the pages'
and the API's): the same indicator, kind of quantity, metric kind, base year, normalised unit
(万千瓦 is never compared with 万千瓦时), period and year; ambition read with direction and strict
comparators; a local total never ranked against the national total.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from ccnt.editorial import editorial
from ccnt.tracker import benchmarks as rule
from ccnt.tracker.target_text import value_text as quoted_value

MAX_COMPARISONS = 3
MAX_NAMES = 6
# the headline indicators a researcher compares first: data/editorial.toml, [report]
PRIORITY = list(editorial().headline_indicators)
PEAK_WORDS = {"co2_peak": "实现碳达峰"}
FIRMNESS_WORDS = {"ensure": "确保", "stretch": "力争", "plain": ""}
LEVEL_NAMES = {"province": "省级", "city": "市级", "county": "县级"}


@dataclass
class TargetFact:
    indicator: str
    indicator_name: str
    year: int | None
    low: float | None = None
    high: float | None = None
    unit: str = ""
    norm_low: float | None = None
    norm_high: float | None = None
    unit_normalized: str = ""
    comparator: str = ""
    metric_kind: str = "level"
    base_year: int | None = None
    period_start: int | None = None
    direction: str = "level"
    firmness: str = "plain"
    year_comparator: str = "="
    better: str = ""
    text: str = ""
    subject: str = ""
    quantity: str = ""

    @property
    def has_value(self) -> bool:
        return self.norm_low is not None and self.norm_high is not None

    @property
    def is_peak(self) -> bool:
        return self.better == "earlier" or self.indicator.endswith("_peak")

    def key(self) -> tuple:
        """What makes two targets comparable (``tracker.benchmarks.Measure.key``)."""
        return rule.measure(self).key()


@dataclass
class PolicyFacts:
    policy_id: int | None
    title: str
    jurisdiction: str = ""
    adcode: str = ""
    level: str = ""
    policy_type: str = ""
    issuers: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    targets: list[TargetFact] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PolicyFacts:
        data = dict(data)
        data["targets"] = [TargetFact(**t) for t in data.get("targets", [])]
        return cls(**data)


@dataclass
class Benchmark:
    """A national policy's target, the yardstick for local targets with the same key."""

    policy_id: int | None
    policy_title: str
    target: TargetFact


@dataclass
class Lead:
    text: str
    facts: list[dict[str, Any]] = field(default_factory=list)


# ------------------------------------------------------------------------------ formatting
def num(value: float) -> str:
    return f"{value:g}"


def value_text(t: TargetFact) -> str:
    """14%, 20%左右, 65%以上, 3至5个 — the value as written with its comparator in words."""
    if t.low is None and t.high is None:
        return ""
    low = t.low if t.low is not None else t.high
    high = t.high if t.high is not None else t.low
    core = f"{num(low)}{t.unit}" if low == high else f"{num(low)}至{num(high)}{t.unit}"
    return {">=": f"{core}以上", ">": f"超过{core}", "<=": f"{core}以下", "<": f"低于{core}",
            "~": f"{core}左右"}.get(t.comparator, core)


def joined(names: list[str], noun: str = "", limit: int = MAX_NAMES) -> str:
    """A、B、C — or A、B等9个地区 when the list is long (the count is the real count)."""
    names = list(dict.fromkeys(names))
    if len(names) > limit:
        return "、".join(names[:limit]) + f"等{len(names)}个{noun}"
    return "、".join(names)


def metric_phrase(t: TargetFact) -> str:
    """到2025年单位地区生产总值能源消耗比2020年下降 — what the target measures, without the value."""
    verb = {"decrease": "下降", "increase": "提高"}.get(t.direction, "")
    year = f"{t.year}年" if t.year else ""
    if t.metric_kind == "change":
        base = f"比{t.base_year}年" if t.base_year else ""
        return f"{year}{t.indicator_name}{base}{verb or '变化'}"
    if t.metric_kind == "annual_rate":
        return f"至{year}{t.indicator_name}年均{'下降' if t.direction == 'decrease' else '增长'}"
    if t.metric_kind == "cumulative":
        period = f"{t.period_start}—{t.year}年" if t.period_start and t.year else year
        return f"{period}{t.indicator_name}累计{'减少' if t.direction == 'decrease' else '增加'}"
    return f"{year}{t.indicator_name}"


def peak_phrase(t: TargetFact) -> str:
    firm = FIRMNESS_WORDS.get(t.firmness, "")
    before = "前" if t.year_comparator in ("<=", "<") else ""
    what = PEAK_WORDS.get(t.indicator, f"实现{t.indicator_name}")
    return f"{firm or '提出'}{t.year}年{before}{what}"


# ------------------------------------------------------------------------------ the paragraph
def _labels(policies: list[PolicyFacts], part: str) -> dict[int, str]:
    """How a policy is named in the lead: its jurisdiction, or its title where that is ambiguous
    (two policies with targets from one place) and in the national part."""
    counts = Counter(p.jurisdiction for p in policies if p.targets)
    labels = {}
    for i, p in enumerate(policies):
        if part == "local" and p.jurisdiction and counts[p.jurisdiction] == 1:
            labels[i] = p.jurisdiction
        else:
            labels[i] = f"《{p.title}》"
    return labels


def _opening(part: str, keyword: str, policies: list[PolicyFacts]) -> str:
    n = len(policies)
    if part == "national":
        issuers = [name for p in policies for name in p.issuers]
        by = f"，发布机关为{joined(issuers, '部门', 4)}" if issuers else ""
        return f"本月国家层面在这一关键词下发布{n}项政策{by}。"
    places = [p.jurisdiction for p in policies if p.jurisdiction]
    text = f"本月这一关键词下共有{n}项地方政策"
    if places:
        text += f"，来自{joined(places, '地区')}"
    levels = Counter(p.level for p in policies if p.level in LEVEL_NAMES)
    if len(levels) > 1:
        text += "（" + "、".join(f"{LEVEL_NAMES[lv]}{levels[lv]}项" for lv in LEVEL_NAMES if levels[lv]) + "）"
    return text + "。"


def _common(policies: list[PolicyFacts]) -> str:
    n = len(policies)
    if n < 2:
        return ""
    parts = []
    types = Counter(p.policy_type for p in policies if p.policy_type)
    if types and len(types) == 1 and sum(types.values()) == n:
        parts.append(f"均为{next(iter(types))}")
    elif types and types.most_common(1)[0][1] >= 2:
        parts.append("以" + "、".join(f"{t}（{c}项）" for t, c in types.most_common(2) if c >= 2) + "为主")
    topics = Counter(t for p in policies for t in dict.fromkeys(p.topics))
    shared_all = [t for t, c in topics.most_common() if c == n][:4]
    if shared_all:
        parts.append(f"均涉及{'、'.join(shared_all)}")
    else:
        shared = [(t, c) for t, c in topics.most_common(3) if c >= 2]
        if shared:
            parts.append("，".join(f"{c}项涉及{t}" for t, c in shared))
    return ("这些政策" + "；".join(parts) + "。") if parts else ""


def _peaks(policies: list[PolicyFacts], labels: dict[int, str], facts: list[dict]) -> str:
    phrases: dict[str, list[str]] = {}
    for i, p in enumerate(policies):
        peak = next((t for t in p.targets if t.is_peak and t.indicator == "co2_peak" and t.year), None)
        if peak is None:
            continue
        phrase = peak_phrase(peak)
        phrases.setdefault(phrase, []).append(labels[i])
        facts.append({"kind": "peak", "policy_id": p.policy_id, "label": labels[i], "year": peak.year,
                      "year_comparator": peak.year_comparator, "firmness": peak.firmness, "phrase": phrase})
    if not phrases:
        return ""
    return "在达峰时间上，" + "，".join(f"{joined(names)}{phrase}" for phrase, names in phrases.items()) + "。"


def _comparisons(policies: list[PolicyFacts], labels: dict[int, str], benchmarks: dict[tuple, Benchmark],
                 facts: list[dict]) -> list[str]:
    groups: dict[tuple, list[tuple[int, TargetFact]]] = {}
    for i, p in enumerate(policies):
        seen: set[tuple] = set()
        for t in p.targets:
            if t.is_peak or not t.has_value or not t.year:
                continue
            key = t.key()
            if key in seen:
                continue  # the policy's first (headline) target of this kind speaks for it
            seen.add(key)
            groups.setdefault(key, []).append((i, t))

    def score(item):
        key, members = item
        bench = key in benchmarks
        first = members[0][1]
        prio = PRIORITY.index(first.indicator) if first.indicator in PRIORITY else len(PRIORITY)
        return (-(len(members) >= 2 and bench), -len(members), -bench, prio, first.indicator, first.year or 0,
                first.subject)

    candidates = [(k, m) for k, m in groups.items() if len(m) >= 2 or k in benchmarks]
    sentences = []
    for key, members in sorted(candidates, key=score)[:MAX_COMPARISONS]:
        first = members[0][1]
        what = metric_phrase(first)
        fact: dict[str, Any] = {
            "kind": "comparison", "indicator": first.indicator, "year": first.year, "metric_kind": first.metric_kind,
            "base_year": first.base_year, "unit_normalized": first.unit_normalized, "quantity": first.quantity,
            "values": [{"policy_id": policies[i].policy_id, "label": labels[i], "low": t.norm_low, "high": t.norm_high,
                        "text": value_text(t)} for i, t in members],
        }
        if len(members) >= 2:
            texts = {value_text(t) for _, t in members}
            names = joined([labels[i] for i, _ in members])
            if len(texts) == 1:
                sentence = f"{names}均提出{what}的目标，均为{texts.pop()}"
            else:
                lo = min(t.norm_low for _, t in members)
                hi = max(t.norm_high for _, t in members)
                lo_names = [labels[i] for i, t in members if t.norm_low == lo]
                hi_names = [labels[i] for i, t in members if t.norm_high == hi]
                lo_text = value_text(next(t for _, t in members if t.norm_low == lo))
                hi_text = value_text(next(t for _, t in members if t.norm_high == hi))
                sentence = (f"{names}均提出{what}的目标，从{joined(lo_names)}的{lo_text}"
                            f"到{joined(hi_names)}的{hi_text}不等")
                fact["min"], fact["max"] = lo, hi
        else:
            i, t = members[0]
            verb = ("控制在" if t.direction == "decrease" else "达到") if t.metric_kind == "level" else ""
            sentence = f"{labels[i]}提出{what}{verb}{value_text(t)}"
        bench = benchmarks.get(key)
        if bench is not None:
            verdicts: dict[str, list[str]] = {v: [] for v in rule.VERDICTS}
            for i, t in members:
                verdict = rule.verdict(t, bench.target)
                verdicts[verdict].append(f"{labels[i]}（{value_text(t)}）")
                fact["values"][[m[0] for m in members].index(i)]["vs_national"] = verdict
            # the national value read in the group's words; with its own verb if it goes the other way
            b = bench.target
            bench_text = value_text(b) if b.direction == first.direction or b.metric_kind == "level" else quoted_value(
                low=b.low, high=b.high, unit=b.unit, comparator=b.comparator, metric_kind=b.metric_kind,
                direction=b.direction, base_year=b.base_year, period_start=b.period_start, year=b.year)
            fact["benchmark"] = {"policy_id": bench.policy_id, "title": bench.policy_title,
                                 "low": b.norm_low, "high": b.norm_high, "text": bench_text}
            clauses = []
            if verdicts[rule.ABOVE]:
                clauses.append(f"{'、'.join(verdicts[rule.ABOVE])}比国家目标更积极")
            if verdicts[rule.BELOW]:
                clauses.append(f"{'、'.join(verdicts[rule.BELOW])}不及国家目标")
            if verdicts[rule.EQUAL]:
                clauses.append(f"{'、'.join(verdicts[rule.EQUAL])}与国家目标持平")
            if clauses:
                sentence += f"；国家《{bench.policy_title}》的目标为{bench_text}，" + "，".join(clauses)
        facts.append(fact)
        sentences.append(sentence + "。")
    return sentences


def lead_paragraph(part: str, keyword: str, policies: list[PolicyFacts],
                   benchmarks: dict[tuple, Benchmark] | None = None) -> Lead:
    """The lead of one section. ``benchmarks`` (national targets by key) apply to the local part,
    and only those a local target can be ranked against (never a national total)."""
    if not policies:
        return Lead("")
    benchmarks = ({k: b for k, b in (benchmarks or {}).items() if rule.rankable(rule.measure(b.target))}
                  if part == "local" else {})
    labels = _labels(policies, part)
    levels = Counter(p.level for p in policies if p.level in LEVEL_NAMES)
    facts: list[dict] = [{"kind": "count", "policies": len(policies), "levels": dict(levels)}]
    text = _opening(part, keyword, policies) + _common(policies)
    with_targets = [p for p in policies if any(t.year for t in p.targets)]
    if with_targets:
        n_targets = sum(len([t for t in p.targets if t.year]) for p in with_targets)
        if len(policies) > 1:
            text += f"其中{len(with_targets)}项提出了量化目标，共{n_targets}项。"
        else:
            text += f"该政策提出了{n_targets}项量化目标。"
        facts.append({"kind": "targets", "policies": len(with_targets), "targets": n_targets})
    text += _peaks(policies, labels, facts)
    text += "".join(_comparisons(policies, labels, benchmarks or {}, facts))
    return Lead(text, facts)
