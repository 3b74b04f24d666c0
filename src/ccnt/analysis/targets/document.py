"""The one data object every rule reads: ``Doc`` (the text, its length-preserving normalised form,
the catalogue, document-wide facts and the targets found so far) and the small records the rules
pass between them (a year scope, a value candidate, the previous target of a paragraph).

``Doc.trace`` collects each rule's decision on each candidate (kept or dropped, and why) when
``explain`` is on; ``ccnt extract --explain`` prints it. Rejected: logging, which cannot be
asserted on in a test nor shown per candidate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..indicators import IndicatorCatalogue
from ..normalize import normalize
from ..policy_type import default_title
from ..types import Target
from .patterns import PERIOD_NAMES, YEAR_RE


@dataclass
class YearScope:
    years: tuple[int, ...]
    year_comparator: str = "="
    period_start: int | None = None
    firmness: str = ""
    start: int = 0
    end: int = 0
    historical: bool = False
    until: int | None = None  # temporary context (historical / start year): ends at the sentence end
    saved: YearScope | None = None


@dataclass
class Candidate:
    start: int  # value start (number)
    end: int  # after the suffix
    low: float
    high: float
    unit: str
    suffix: str
    chinese: bool
    noun_end: int | None = None  # count-before-noun: 培育100个智能建造产业基地
    doubling: bool = False  # 翻一番 (+100 %)
    zero_growth: bool = False  # 化肥使用量实现零增长: a yearly rate of 0 %, held down
    second_unit: bool = False  # the energy of a power/energy pair (200万千瓦/400万千瓦时): its own quantity
    pct_noun: bool = False  # 达到75%节能要求
    share_of: bool = False  # 60%的城市社区…达到 (clause-initial share of subjects)
    de: bool = False  # value + 的 + metric: 具备5%以上的尖峰负荷响应能力


@dataclass
class Previous:
    code: str
    subject: str
    group_codes: tuple[str, ...] = ()
    pos: int = 0
    phrase: str = ""  # the cleaned subject phrase (subject.clean_subject) an elliptic clause inherits
    group_subjects: tuple[str, ...] = ()


@dataclass
class DocInfo:
    hist_threshold: int = 0
    max_base_year: int = 0
    period_start: int = 0  # the first year of the period the title covers ((2021—2023年) → 2021), or 0
    plan_year: int = 0  # the year an annual plan's title names (…2022年行动计划): the aim of its yearless items
    current_year: int = 0  # the year 今年 names: the plan year, the text's dateline, or a cited annual plan


@dataclass
class Decision:
    """One rule's verdict on one candidate: ``kept`` False means the candidate was dropped here."""

    rule: str
    kept: bool
    reason: str
    start: int
    end: int
    text: str = ""


@dataclass
class Doc:
    text: str
    catalogue: IndicatorCatalogue
    explain: bool = False
    norm: str = ""
    info: DocInfo = field(default_factory=DocInfo)
    targets: list[Target] = field(default_factory=list)
    trace: list[Decision] = field(default_factory=list)
    count_chain: tuple[int, re.Match[str] | None] | None = None

    def __post_init__(self) -> None:
        self.norm = normalize(self.text)
        self.info = doc_info(self.norm)

    @property
    def cat(self) -> IndicatorCatalogue:
        return self.catalogue

    def decide(self, rule: str, kept: bool, reason: str, start: int, end: int) -> bool:
        """Record a rule's decision (when explaining) and return ``kept``, so a rule can
        ``return doc.decide(...)``-style and the trace never drifts from the code path."""
        if self.explain:
            self.trace.append(Decision(rule, kept, reason, start, end, self.text[start:end]))
        return kept


def doc_info(norm: str) -> DocInfo:
    base_years: list[int] = []
    to_years: list[int] = []
    for m in YEAR_RE.finditer(norm):
        y = int(m.group("year"))
        pre, post = m.group("pre") or "", (m.group("post") or "").replace("\u3000", "")
        if pre in ("比", "较", "相比", "相较") or post in ("的基础上", "基础上", "水平上", "相比", "为基数", "为基准", "为基期"):
            base_years.append(y)
        elif pre in ("到", "力争到", "争取到", "确保到", "计划到", "预计到"):
            to_years.append(y)
    if to_years:
        # 到2025年…；到2030年，…在2025年基础上翻一番: a base that is the text's own aim year is no history
        base_years = [y for y in base_years if y < min(to_years)]
    thr = max(base_years) if base_years else 0
    if not to_years:
        thr = max(thr, reported_until(default_title(norm[:400])))
    if to_years:
        thr = max(thr, min(to_years) - 1)
        dated = latest_full_date_year(norm)
        if dated:
            # a text signed 2022年5月2日 that looks to 到2025年: its 2022年、2023年 are aims, not history
            thr = max(max(base_years, default=0), min(thr, dated - 1))
    period_start = planning_period_start(norm[:300])
    thr = max(thr, period_start - 1)
    ranged = TITLE_PERIOD_RE.search(norm[:300])
    if to_years and ranged is not None and ranged.group(2):
        # 三年行动方案（2023—2025年）: its own years are its stages (2023年：…), not history; a “十四五” plan,
        # written a year or two into its period, may report its first years
        thr = max(max(base_years, default=0), min(thr, period_start - 1))
    plan_year = title_plan_year(norm)
    if plan_year:
        # an annual plan (山东省绿色低碳转型2022年行动计划): its own year is the aim, whatever
        # later years it also looks to (到2025年); only base years stay history
        thr = max(max(base_years, default=0), plan_year - 1)
    dates = {int(m.group(1)) for m in _DATELINE_RE.finditer(norm)}
    reported = {int(m.group(1)) for m in _ANNUAL_PLAN_CITED_RE.finditer(norm)}  # 《…2024年能源工作要点》日前印发
    current = plan_year or (dates.pop() if len(dates) == 1 else reported.pop() if len(reported) == 1 else 0)
    return DocInfo(hist_threshold=thr, max_base_year=max(base_years) if base_years else 0,
                   period_start=period_start, plan_year=plan_year, current_year=current)


# the text's own date: a line that is only a date (a dateline or the signing line) or a publication label;
# rejected: any full date of the body (2015年12月12日，《巴黎协定》通过 says nothing of the text's year)
_DATELINE_RE = re.compile(r"(?:^|\n)\s*(?:(?:发布时间|发布日期|成文日期|印发日期|日期|时间)\s?[：:]\s?)?((?:19|20)\d{2})\s?年\s?"
                          r"\d{1,2}\s?月\s?\d{1,2}\s?日\s*(?=\n|$|\s{2}|[ 　]*(?:来源|作者|字号))")
_ANNUAL_PLAN_CITED_RE = re.compile(r"《[^》]{0,40}?((?:19|20)\d{2})年[^》\d]{0,30}?(?:计划|要点|安排)》[^。]{0,12}?印发")
_FULL_DATE_RE = re.compile(r"((?:19|20)\d{2})\s?年\s?\d{1,2}\s?月\s?\d{1,2}\s?日")


def latest_full_date_year(norm: str) -> int:
    """The year of the latest full date (2022年5月2日) in the text, or 0: the text is at least that
    recent, so a year from then on is not history in it. The latest, not the signing line's, since
    finding that line is guesswork; a deadline after it (2025年12月31日前) only makes this cautious."""
    return max((int(m.group(1)) for m in _FULL_DATE_RE.finditer(norm)), default=0)


# a plan's period in its title: “十四五” (group 1: 十四) or （2022—2025年） (groups 2 and 3)
TITLE_PERIOD_RE = re.compile(r"[“\"]?(十[一二三四五六])五[”\"]?|((?:19|20)\d{2})\s?(?:—|-|－|至|~)+\s?((?:19|20)\d{2})\s?年")


# a single year in a title (2022年山东省…工作要点, 上海市2021年…重点工作安排): not a target year (到2025年),
# a deadline (2030年前), a date (2022年3月) or a period (2021—2023年)
_TITLE_YEAR_RE = re.compile(r"(?<![到至\d—\-－~])((?:19|20)\d{2})\s?年度?(?![前底末内\d月—\-－~])(?=[\u4e00-\u9fff“])")


def title_plan_year(norm: str) -> int:
    """The year an annual plan's title names (江苏省2022年推动碳达峰碳中和工作计划 → 2022), or 0.

    The title is the one the pipeline gives the policy (``policy_type.default_title``: wrapped lines
    joined, mastheads and document numbers skipped), cut before a web page's metadata (来源：…时间：…),
    so a date or a year in the body is never taken for the plan's year; and only a plan's title
    (计划, 要点, 安排, 方案, 清单, 工作指导意见): a year's funding rules (2021年度资金支持政策) set no aims.
    Rejected: reading the first 300 characters, as for the period (a date line and a 到2025年 in the
    preamble would both pass for the plan's year)."""
    head = _TITLE_META_RE.split(default_title(norm[:400]), maxsplit=1)[0]
    if not _PLAN_WORD_RE.search(head) or _NOT_PLAN_RE.search(head) or TITLE_PERIOD_RE.search(head):
        return 0
    years = {int(m.group(1)) for m in _TITLE_YEAR_RE.finditer(head)}
    return years.pop() if len(years) == 1 else 0


def reported_until(title: str) -> int:
    """The last year a report's title says it reports on, or 0: 江苏“十三五”节能减排目标任务圆满完成 → 2020,
    关于右玉县2022年预算执行情况和2023年预算草案的报告 → 2022, …2021年工作总结和2022年工作计划 → 2021. Only
    the years (and 十X五 periods) written before the report word count: a plan or draft for a later
    year in the same title stays an aim. Rejected: every year of the text, which made a report's
    next-year plan (2022年，…下降3%) history."""
    m = _REPORT_TITLE_RE.search(title)
    if m is None:
        return 0
    head = title[:m.start()]
    years = [int(y.group("year")) for y in YEAR_RE.finditer(head)]
    years += [PERIOD_NAMES[p] for p in re.findall(r"十[一二三四五六]五", head)]
    return max(years, default=0)


_REPORT_TITLE_RE = re.compile(r"执行情况|完成情况|圆满完成|超额完成|顺利完成|成效显著|取得[^，。\d]{0,4}(?:成效|进展|成绩)|工作总结|回顾|公报")
_TITLE_META_RE = re.compile(r"来源[：:]|时间[：:]|发布日期|发布时间")
# a year's quota allocation, list or call for applications sets rules and names, not the year's aims
_NOT_PLAN_RE = re.compile(r"分配|配额|名单|申报|指南|细则|办法")
_PLAN_WORD_RE = re.compile(r"计划|要点|安排|方案|清单|工作指导意见|工作意见|政府工作报告")  # 2017年政府工作报告: that year's aims


def planning_period_start(head: str) -> int:
    """The first year of the period a plan's title covers (“十四五”… → 2021, （2022—2025年） → 2022), or 0.
    A year before it is history in that plan (三亚市2020年陆域废水排放总量为…), never a target year."""
    m = TITLE_PERIOD_RE.search(head)
    if m is None:
        return 0
    return PERIOD_NAMES[m.group(1) + "五"] - 4 if m.group(1) else int(m.group(2))  # “十四五” → 2021
