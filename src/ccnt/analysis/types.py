"""The data objects the analysis produces. Pure dataclasses: no Django, no I/O.

Every step of the pipeline (see ``pipeline.py``) reads a ``PolicyAnalysis`` and fills
some of its fields; ``to_json()`` gives the shape of ``ccnt extract --json`` (a contract
documented in docs/commands.md and DESIGN.md).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class JurisdictionRef:
    adcode: str
    name: str
    level: str  # national / province / city / county
    source: str = ""  # issuer / title / text: where it was resolved from


@dataclass
class DateFact:
    kind: str  # signed (成文) / published (发布) / effective (施行) / expires (有效期至) / unknown
    date: str  # ISO yyyy-mm-dd
    text: str = ""
    start: int | None = None
    end: int | None = None


@dataclass
class Target:
    indicator: str  # code from data/indicators.csv ("other" when no catalogue entry truly fits)
    indicator_name: str  # the catalogue name, or failing that the subject: never 其他指标
    target_year: int | None
    value_low: float | None  # as written, in `unit`; equal to value_high for a single value
    value_high: float | None  # both None for a qualitative target or a peak/neutrality year
    unit: str  # as written: %, 万千瓦, 亿吨, 个百分点 …
    value_normalized: float | list[float] | None  # in unit_normalized (range → [low, high])
    unit_normalized: str  # %, pp, kW, tce, t, tCO2, vehicles, mu, m2, m3, km, yuan, count …
    comparator: str | None  # = >= <= > < ~   (None when there is no value)
    text: str  # always text[start:end] of the analysed text
    start: int
    end: int
    base_year: int | None = None
    direction: str = "level"  # increase / decrease / level
    stretch: bool = False  # 力争
    firmness: str = "plain"  # ensure (确保) / stretch (力争) / plain
    metric_kind: str = "level"  # level / change / cumulative / annual_rate
    period_start: int | None = None  # 十四五期间 → 2021
    year_comparator: str = "="  # "<=" for 2030年前达峰
    binding: str = ""  # binding (约束性) / indicative (预期性) / "" unknown
    sentence: str = ""  # the whole source sentence, for curators
    subject: str = ""  # the subject phrase as written: 新建城市排水管道, 水泥行业碳排放, 二氧化硫排放总量
    quantity: str = ""  # share (比重) / intensity (单位GDP能耗) / absolute (万千瓦) / count (个) / year (达峰)
    role: str = "target"  # target / restated (a headline target said again) / cited (another's goal as context)
    confidence: float = 0.0  # 0–1 (confidence.py): fitted on the gold's dev part; ≥ 0.8 is right ≥ 90% of the time on its test part

    @property
    def value(self) -> float | list[float] | None:
        if self.value_low is None and self.value_high is None:
            return None
        if self.value_low == self.value_high:
            return self.value_low
        return [self.value_low, self.value_high]

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["value"] = self.value
        return data


@dataclass
class PolicyAnalysis:
    text: str
    title: str = ""
    issuer_hint: str = ""
    jurisdiction: JurisdictionRef | None = None
    jurisdictions: list[JurisdictionRef] = field(default_factory=list)
    issuers: list[str] = field(default_factory=list)
    doc_number: str = ""
    dates: list[DateFact] = field(default_factory=list)
    policy_type: str = ""  # the Chinese word: 实施方案, 指导意见 …
    policy_type_code: str = ""  # its stable code in taxonomy.json: implementation_plan …
    wrapper: str = ""  # 印发 / 转发 when the text is a notice wrapping another policy
    wrapped_title: str = ""
    notice_title: str = ""  # the wrapping notice's own title (关于印发《X》的通知) when wrapper is set
    notice_issuers: list[str] = field(default_factory=list)  # who forwarded it (转发), when different
    sectors: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    category: str = ""
    climate_relevance: float = 0.0
    cited_titles: list[str] = field(default_factory=list)
    cited_doc_numbers: list[str] = field(default_factory=list)  # 发文字号 of cited documents
    summary: str = ""
    targets: list[Target] = field(default_factory=list)  # each target once
    restated: list[Target] = field(default_factory=list)  # a target of this text said again (全文目标重述)
    cited: list[Target] = field(default_factory=list)  # another's target quoted as context (国家2030年前达峰)
    warnings: list[str] = field(default_factory=list)
    # non-state actors (analysis/actors.py): the text's own actor in actor mode, and mentions
    actor: Any = None  # ActorRef: the targets belong to it, not to a jurisdiction
    actors: list[Any] = field(default_factory=list)  # ActorMention
    max_targets: int = field(default=1000, repr=False)  # the cap step_targets keeps (``too_many_targets``)

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "jurisdiction": asdict(self.jurisdiction) if self.jurisdiction else None,
            "jurisdictions": [asdict(j) for j in self.jurisdictions],
            "issuers": self.issuers,
            "doc_number": self.doc_number,
            "dates": [asdict(d) for d in self.dates],
            "policy_type": self.policy_type,
            "policy_type_code": self.policy_type_code,
            "wrapper": self.wrapper,
            "wrapped_title": self.wrapped_title,
            "notice_title": self.notice_title,
            "notice_issuers": self.notice_issuers,
            "sectors": self.sectors,
            "topics": self.topics,
            "category": self.category,
            "climate_relevance": self.climate_relevance,
            "cited_titles": self.cited_titles,
            "cited_doc_numbers": self.cited_doc_numbers,
            "summary": self.summary,
            "targets": [t.to_json() for t in self.targets],
            "restated": [t.to_json() for t in self.restated],
            "cited": [t.to_json() for t in self.cited],
            "warnings": self.warnings,
            "actor": asdict(self.actor) if self.actor is not None else None,
            "actors": [asdict(m) for m in self.actors],
        }
