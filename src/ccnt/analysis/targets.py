"""Quantitative target extraction from Chinese policy text.

``extract_targets(text)`` finds the targets a policy sets — an indicator, a target year,
a value or range with its unit and comparator — plus peak and neutrality commitments
(2030年前碳达峰, 2060年前实现碳中和). Pure Python, regex and linear scans only.

How it reads a text
-------------------
1. The text is normalised with a length-preserving map (full-width → half-width), so
   every offset found is an offset into the original: ``text[t.start:t.end] == t.text``.
2. It is cut into paragraphs (lines). Inside a paragraph, events are read in order:
   year phrases (到2025年, 2030年前, 十四五期间) set the *year context*, which carries over
   the following clauses and sentences of the paragraph until another year phrase, an
   inline section heading (。2．推动…) or the end of the paragraph. Historical years
   (2020年达到…, 十三五期间) and start years (2022年起) blank the context for their sentence.
3. Each value (number + unit from :mod:`ccnt.analysis.units`, or a range) in a year
   context is checked against the "never a target" rules: a threshold that qualifies a
   noun (30万千瓦以下机组, 超过1万吨标准煤的数据中心), ordinals, codes (5G, PM2.5),
   historical statements (已, 了). Its clause gives the comparator verb (达到, 不低于,
   控制在, 下降…), the suffix (以上, 以内, 左右), the base year (比2020年), the firmness
   (力争, 确保) and the indicator: the catalogue alias nearest before the verb (the longest
   wins when aliases overlap); an elliptic clause (到2030年，力争达到700万千瓦) inherits the
   indicator of the previous target of the paragraph.
4. Parallel lists (A、B分别达到60%和55%以上; 光伏、风电和生物质发电装机容量分别达…) pair
   subjects and values; a shared head (装机容量) completes the short subjects (风电).
5. Peak and neutrality statements are found by keyword (碳达峰, 达到峰值, 碳中和) with a
   year phrase in the same clause; titles (《…行动方案》) and "为实现碳达峰奠定基础" are not.

Inputs are capped per paragraph window, so the cost is linear in the text length.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from .indicators import IndicatorCatalogue, default_catalogue
from .normalize import normalize
from .numbers import parse_number
from .types import Target
from .units import COUNT_UNITS, UNIT_PATTERN, lookup, normalize_value

__all__ = ["extract_targets", "MAX_TEXT_CHARS"]

MAX_TEXT_CHARS = 50_000_000  # refuse absurd inputs instead of working for minutes
_WINDOW = 80  # how far back (chars) a value's clause is read
_SENTENCE_CAP = 400  # how far the `sentence` field reaches each side

# --------------------------------------------------------------------------- patterns

_CN_NUM = "零〇一二两三四五六七八九十百千万亿"
_NUM_A = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?: \d{3})+(?![\d.])|\d+(?:\.\d+)?"
_VALUE_RE = re.compile(
    r"(?<![\d.A-Za-z/±+_])(?:"
    rf"(?P<n1>{_NUM_A})\s?(?P<u1>{UNIT_PATTERN})?\s?(?:-|—{{1,2}}|~|至|到)\s?(?P<n2>{_NUM_A})\s?(?P<u2>{UNIT_PATTERN})"
    rf"|(?P<n>{_NUM_A})\s?(?P<u>{UNIT_PATTERN})"
    rf"|(?<![{_CN_NUM}第每])(?P<cn>[{_CN_NUM}]{{1,12}}?)(?P<cu>{UNIT_PATTERN})"
    r")(?P<suf>\s?(?:及以上|及以下|以上|以下|以内|之内|左右|上下))?"
)
# a bare number right after a comparator verb, no unit: PUE 不高于1.3
_BARE_RE = re.compile(rf"(?<![\d.A-Za-z/±+_])(?P<n>{_NUM_A})(?![\d.%A-Za-z/])")

_YEAR_RE = re.compile(
    r"(?P<pre>力争到|争取到|确保到|计划到|预计到|力争在|力争于|确保在|力争|确保|截至|截止|"
    r"到|至|在|于|从|自|比|较|与|同|和|、)?"
    r"(?<!\d)(?P<year>(?:19|20)\d{2})\s?年"
    r"(?P<post>底前|末前|以前|之前|年底|底|末|前|起|以来|开始|的基础上|基础上|水平上|的水平|水平|相比|比|以后|之后|后|度|"
    r"\d{1,2}月|左右)?"
)
_PERIOD_NAMES = {"十一五": 2010, "十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030, "十六五": 2035}
_PERIOD_RE = re.compile(
    r"(?P<pre>力争在|力争|确保在|确保|到|在|至)?[“\"]?(?P<p1>十[一二三四五六]五)[”\"]?"
    r"(?:(?:[、和及与至到]|—)[“\"]?(?P<p2>十[一二三四五六]五)[”\"]?)?"
    r"(?P<post>期间|时期|期末|末期|末|中后期|前期|以来)?"
)
_HEADING_RE = re.compile(
    r"(?:(?<=[。；;！？!?])|^)\s*(?:\d{1,2}[.、](?!\d)|[(（][一二三四五六七八九十\d]{1,3}[)）]"
    r"|(?:[二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])、)"
)
_CLAUSE_STOPS = frozenset("，,；;。！？!?：:\n")
_SENT_STOPS = frozenset("。！？!?\n")

# comparator verbs: text → (comparator, direction, kind) ; kind: to (reach a level) / change / build
_VERBS: dict[str, tuple[str, str, str]] = {}
for _w in ("不低于", "不少于", "不小于", "至少", "不得低于", "不应低于", "最低"):
    _VERBS[_w] = (">=", "", "to")
for _w in ("不超过", "不高于", "不大于", "不多于", "不得超过", "不应超过", "不宜超过", "最高不超过", "控制在", "控制到",
           "严控在", "严格控制在", "压减至", "压缩至", "压减到", "压缩到", "最多"):
    _VERBS[_w] = ("<=", "decrease" if _w.startswith("压") else "", "to")
for _w in ("超过", "突破", "大于", "多于", "高于", "超", "逾"):
    _VERBS[_w] = (">", "", "to")
for _w in ("低于", "小于", "少于"):
    _VERBS[_w] = ("<", "", "to")
for _w in ("提高到", "提高至", "提升到", "提升至", "增加到", "增加至", "增长到", "增长至", "上升到", "上升至", "扩大到",
           "扩大至", "增至", "增到", "扩大为", "提高为"):
    _VERBS[_w] = ("=", "increase", "to")
for _w in ("下降到", "下降至", "降到", "降至", "降低到", "降低至", "减少到", "减少至", "减至", "压降至", "降为", "下降为"):
    _VERBS[_w] = ("=", "decrease", "to")
for _w in ("达到", "达", "实现", "保持在", "稳定在", "维持在", "保持", "为", "占", "是"):
    _VERBS[_w] = ("=", "", "to")
for _w in ("下降", "降低", "减少", "压减", "削减", "压降", "缩减", "减排", "节约", "节能"):
    _VERBS[_w] = ("=", "decrease", "change")
for _w in ("提高", "提升", "增长", "增加", "上升", "扩大", "净增", "增幅达", "增长率达到"):
    _VERBS[_w] = ("=", "increase", "change")
for _w in ("具备", "拥有", "新增", "新建", "建成", "建设", "培育", "打造", "创建", "建立", "组建", "完成", "落实", "推广", "布局", "认定", "遴选", "开展", "选择", "实施", "累计完成", "累计建成",
           "累计新增", "新开工", "投运", "投产", "安装", "配备", "部署", "推动", "支持", "培训", "创成", "争创", "形成", "具备", "拥有", "新改建", "改扩建",
           "新（改、扩）建", "新改扩建", "超低排放改造"):
    _VERBS.setdefault(_w, ("=", "increase" if _w.startswith(("新", "累计新")) else "", "build"))
_VERB_RE = re.compile("|".join(re.escape(v) for v in sorted(_VERBS, key=len, reverse=True)))
_FILLER_RE = re.compile(r"(?:约|大约|共|总计|合计|累计|平均|分别|均|各|力争|确保|争取|每年|年均|全市|全省|全区|全国|本市|"
                        r"原则上|基本|稳定|进一步|再|\s)*$")
_HAVE_VERBS = {"具备", "形成", "达到", "实现", "保持", "拥有", "提高到", "提升至", "提升到", "提高至", "达"}
_SCOPE_START = ("其他", "其余", "其它", "另", "剩余", "其中", "各", "全")
_SCOPE_END = ("地区", "区域", "城市", "市区", "县城", "县", "农村", "城区", "乡村", "地市", "省份", "园区", "企业")
_SHARE_OF_VERB_RE = re.compile(r"建成|达到|实现|完成|开展|建立|具备|执行|采用|使用")
_TRAIL_RE = re.compile(r"(?:力争|确保|争取|努力|原则上|基本|进一步|均|分别|平均|将|要|应|逐步|稳步|持续|全部|全面|率先|"
                       r"先行|总体|整体上|\s)+")
_HAVE_RE = re.compile(r"具备|形成|拥有|达到|实现|保持")
_BASE_RE = re.compile(r"(?:比|较|相比|相较|对比|与)\s?((?:19|20)\d{2})\s?年|((?:19|20)\d{2})\s?年(?:的)?(?:基础上|水平上|相比)")
_DOUBLE_RE = re.compile(r"翻([一两二三])番")
_PCT_NOUN_OK = ("节能要求", "节能标准", "节能设计标准", "节能率")
_PCT_VERB_OK = ("执行", "达到", "实现", "采用", "使用", "覆盖", "完成", "达标")
_BUILD_COUNT_OK = {"新增", "新建", "建成", "建设", "培育", "打造", "创建", "建立", "组建", "布局", "认定", "遴选",
                   "开展", "选择", "创成", "争创", "累计建成", "累计新增", "推广", "部署", "新改建"}
_SUFFIX_CMP = {"以上": ">=", "及以上": ">=", "以下": "<=", "及以下": "<=", "以内": "<=", "之内": "<=", "左右": "~",
               "上下": "~"}
_FOLLOW_OK = frozenset("和、及与或，,。；;：:）)（(”\"」』!！?？\n ")
_SUBJECT_FILLER_RE = re.compile(
    r"(?:[，,、\s“”\"]|力争|确保|争取|努力|进一步|分别|持续|稳定|逐步|基本|全面|同时|其中|届时|"
    r"全省|全市|全区|全国|本市|本省|本区|全县|我省|我市|我区|各地区|各地|当年|累计|实现|达到|提高|提升|"
    r"(?:力争|确保|争取)?(?:到|至|在|于|从|自)?(?:19|20)\d{2}\s?年(?:底前|末前|以前|之前|底|末|前|起|开始)?|"
    r"[“\"]?十[一二三四五六]五[”\"]?(?:[、和及与至到—][“\"]?十[一二三四五六]五[”\"]?)?(?:期间|时期|期末|末期|末)?)+"
)
_HIST_WORDS = ("已经", "已", "曾", "比上年", "同比")
_METRIC_HEADS = ("率", "比重", "比例", "占比", "量", "容量", "面积", "能力", "强度", "能耗", "规模", "总量", "数量", "产值",
                 "收入", "里程", "系数", "指数", "效率", "盖度", "水平", "占有率", "分担率", "增加值", "排放", "消耗",
                 "装机", "产能", "人数", "个数", "密度", "长度", "余额", "投资", "资金")


# --------------------------------------------------------------------------- helpers

@dataclass
class _Ctx:
    years: tuple[int, ...]
    year_comparator: str = "="
    period_start: int | None = None
    firmness: str = ""
    start: int = 0
    end: int = 0
    historical: bool = False
    until: int | None = None  # temporary context (historical / start year): ends at the sentence end
    saved: _Ctx | None = None


@dataclass
class _Val:
    start: int  # value start (number)
    end: int  # after the suffix
    low: float
    high: float
    unit: str
    suffix: str
    chinese: bool
    noun_end: int | None = None  # count-before-noun: 培育100个智能建造产业基地
    doubling: bool = False  # 翻一番 (+100 %)
    pct_noun: bool = False  # 达到75%节能要求
    share_of: bool = False  # 60%的城市社区…达到 (clause-initial share of subjects)
    de: bool = False  # value + 的 + metric: 具备5%以上的尖峰负荷响应能力


@dataclass
class _Prev:
    code: str
    subject: str
    group_codes: tuple[str, ...] = ()
    pos: int = 0


@dataclass
class _DocInfo:
    hist_threshold: int = 0
    max_base_year: int = 0
    text_len: int = 0
    sent_bounds: list[int] = field(default_factory=list)


def _doc_info(norm: str) -> _DocInfo:
    base_years: list[int] = []
    to_years: list[int] = []
    for m in _YEAR_RE.finditer(norm):
        y = int(m.group("year"))
        pre, post = m.group("pre") or "", m.group("post") or ""
        if pre in ("比", "较") or post in ("的基础上", "基础上", "水平上", "相比"):
            base_years.append(y)
        elif pre in ("到", "力争到", "争取到", "确保到", "计划到", "预计到"):
            to_years.append(y)
    thr = max(base_years) if base_years else 0
    if to_years:
        thr = max(thr, min(to_years) - 1)
    return _DocInfo(hist_threshold=thr, max_base_year=max(base_years) if base_years else 0, text_len=len(norm))


def _in_title_quotes(norm: str, pos: int, lo: int) -> bool:
    """True when pos is inside 《…》 (looking back at most 60 chars, not before lo)."""
    left = max(lo, pos - 60)
    i = norm.rfind("《", left, pos)
    if i < 0:
        return False
    return norm.find("》", i, pos) < 0


def _clause_start(norm: str, pos: int, lo: int) -> int:
    i = pos - 1
    floor = max(lo, pos - _WINDOW)
    while i >= floor:
        if norm[i] in _CLAUSE_STOPS:
            return i + 1
        i -= 1
    return floor


def _clause_end(norm: str, pos: int, hi: int) -> int:
    ceil = min(hi, pos + _WINDOW)
    i = pos
    while i < ceil:
        if norm[i] in _CLAUSE_STOPS:
            return i
        i += 1
    return ceil


def _sentence(text: str, norm: str, start: int, end: int, lo: int, hi: int) -> str:
    a = start - 1
    floor = max(lo, start - _SENTENCE_CAP)
    while a >= floor and norm[a] not in _SENT_STOPS:
        a -= 1
    b = end
    ceil = min(hi, end + _SENTENCE_CAP)
    while b < ceil and norm[b] not in _SENT_STOPS:
        b += 1
    if b < hi and norm[b] in "。！？!?":
        b += 1
    return text[a + 1:b].strip()


def _firmness(window: str) -> str:
    if "力争" in window or "争取" in window or "努力" in window:
        return "stretch"
    if "确保" in window:
        return "ensure"
    return ""


def _binding(norm: str, start: int, end: int, hi: int) -> str:
    """约束性 / 预期性 stated right after the value (…下降18%（约束性）) or in the clause before it."""
    after = norm[end:min(hi, end + 8)]
    before = norm[max(0, start - 30):start]
    cut = max(before.rfind(c) for c in "，,；;。")
    before = before[cut + 1:]
    for seg in (after, before):
        if "约束性" in seg:
            return "binding"
        if "预期性" in seg:
            return "indicative"
    return ""


# --------------------------------------------------------------------------- extractor


class _Extractor:
    def __init__(self, text: str, catalogue: IndicatorCatalogue) -> None:
        self.text = text
        self.norm = normalize(text)
        self.cat = catalogue
        self.doc = _doc_info(self.norm)
        self.targets: list[Target] = []
        self._count_chain: tuple[int, re.Match[str] | None] | None = None

    # -- driver -------------------------------------------------------------
    def run(self) -> list[Target]:
        norm = self.norm
        pos = 0
        n = len(norm)
        while pos < n:
            nl = norm.find("\n", pos)
            if nl < 0:
                nl = n
            if nl > pos:
                self._paragraph(pos, nl)
            pos = nl + 1
        self.targets.sort(key=lambda t: (t.start, t.end))
        return self.targets

    # -- one paragraph ------------------------------------------------------
    def _paragraph(self, lo: int, hi: int) -> None:
        norm = self.norm
        if not any(ch.isdigit() for ch in norm[lo:hi]) and "五" not in norm[lo:hi]:
            return  # no year can be stated without a digit or a 十四五-like period
        events: list[tuple[int, int, str, object]] = []
        for m in _YEAR_RE.finditer(norm, lo, hi):
            events.append((m.start(), 0, "year", m))
        for m in _PERIOD_RE.finditer(norm, lo, hi):
            events.append((m.start(), 0, "period", m))
        for m in _HEADING_RE.finditer(norm, lo, hi):
            if m.start() > lo:
                events.append((m.start(), 1, "reset", m))
        values: list[_Val] = []
        value_ends: list[int] = []  # every number with a unit, kept or not: subjects never reach over one
        for m in _VALUE_RE.finditer(norm, lo, hi):
            value_ends.append(m.end())
            v = self._make_value(m, lo, hi)
            if v is not None:
                values.append(v)
        for m in _BARE_RE.finditer(norm, lo, hi):
            v = self._bare_value(m, lo, hi)
            if v is not None:
                values.append(v)
        if values:
            values.sort(key=lambda v: v.start)
        for m in _DOUBLE_RE.finditer(norm, lo, hi):
            times = {"一": 1, "两": 2, "二": 2, "三": 3}[m.group(1)]
            pct = 100.0 * (2 ** times - 1)
            values.append(_Val(m.start(), m.end(), pct, pct, "%", "", True, doubling=True))
        for v in values:
            events.append((v.start, 2, "value", v))
        for m in _PEAK_RE.finditer(norm, lo, hi):
            events.append((m.start("kw"), 3, "peak", m))
        sentence_ends = [i for i in range(lo, hi) if norm[i] in "。！？!?"] if events else []
        events.sort(key=lambda e: (e[0], e[1]))

        ctx: _Ctx | None = None
        prev: _Prev | None = None
        last_year_end = -1
        handled_until = -1
        peaks_seen: set[tuple[int, str, int]] = set()
        for idx, (pos, _prio, kind, obj) in enumerate(events):
            if ctx is not None and ctx.until is not None and pos >= ctx.until:
                ctx = ctx.saved
            if kind == "reset":
                ctx, prev = None, None
            elif kind == "year":
                m = obj  # type: ignore[assignment]
                if m.start() < last_year_end:
                    continue
                new = self._year_ctx(m, ctx, lo, hi, sentence_ends)
                if new is not False:
                    last_year_end = m.end()
                    ctx = new  # type: ignore[assignment]
            elif kind == "period":
                m = obj  # type: ignore[assignment]
                new = self._period_ctx(m, ctx, hi, sentence_ends)
                if new is not False:
                    ctx = new  # type: ignore[assignment]
            elif kind == "value":
                v = obj  # type: ignore[assignment]
                if v.start < handled_until:
                    continue
                if ctx is None or ctx.historical or not ctx.years:
                    continue
                group = [v]
                j = idx + 1
                while j < len(events):
                    e = events[j]
                    if e[2] != "value":
                        if e[2] in ("year", "period") and e[0] < group[-1].end:
                            j += 1
                            continue
                        break
                    sep = norm[group[-1].end:e[3].start]  # type: ignore[union-attr]
                    if re.fullmatch(r"\s*(?:、|和|及|与|或|以及|，(?=\s*\d))\s*", sep):
                        group.append(e[3])  # type: ignore[arg-type]
                        j += 1
                    else:
                        break
                k = bisect_right(value_ends, v.start) - 1
                floor = value_ends[k] if k >= 0 else lo
                prev = self._emit_group(group, ctx, prev, lo, hi, max(lo, floor))
                handled_until = group[-1].end
            elif kind == "peak":
                self._peak(obj, ctx, lo, hi, peaks_seen)  # type: ignore[arg-type]

    # -- year contexts ------------------------------------------------------
    def _sentence_end(self, pos: int, hi: int, ends: list[int]) -> int:
        k = bisect_right(ends, pos)
        return ends[k] + 1 if k < len(ends) else hi

    def _year_ctx(self, m: re.Match[str], ctx: _Ctx | None, lo: int, hi: int, ends: list[int]):
        norm = self.norm
        year = int(m.group("year"))
        pre, post = m.group("pre") or "", m.group("post") or ""
        if _in_title_quotes(norm, m.start(), lo):
            return False
        if post.endswith("月") or post == "度":
            return False  # a date or a fiscal year: neither sets nor clears the context
        if pre in ("比", "较", "与", "同") or post in ("的基础上", "基础上", "水平上", "的水平", "水平", "相比", "比"):
            return False  # a base year (比2020年, 在2020年基础上, 保持2025年水平)
        after = norm[m.end():m.end() + 3]
        if after.startswith(("的", "版", "修订", "年度", "工作")):
            return False
        if pre in ("和", "、") and ctx is not None and not ctx.historical and ctx.end >= m.start() - 6:
            # 2025年和2030年 / 到2025年、2030年分别…: a list of years
            comp = "<=" if post in ("前", "以前", "之前", "底前", "末前") else ctx.year_comparator
            return _Ctx(ctx.years + (year,), comp, ctx.period_start, ctx.firmness, ctx.start, m.end())
        until = self._sentence_end(m.start(), hi, ends)
        saved = ctx.saved if (ctx is not None and ctx.until is not None) else ctx
        if post in ("起", "开始") and pre not in ("截至", "截止") and year > self.doc.max_base_year:
            # 2022年起新建公共建筑…不低于50%: a requirement from that year on, for this sentence
            return _Ctx((year,), "=", None, "", m.start(), m.end(), until=until, saved=saved)
        if pre in ("从", "自", "截至", "截止") or post in ("起", "以来", "开始", "以后", "之后", "后"):
            return _Ctx((), historical=True, start=m.start(), end=m.end(), until=until, saved=saved)
        firm = _firmness(pre) or _firmness(norm[max(lo, m.start() - 4):m.start()])
        is_to = pre in ("到", "至", "力争到", "争取到", "确保到", "计划到", "预计到", "力争在", "力争于", "确保在", "在", "于",
                        "力争", "确保")
        before = post in ("前", "以前", "之前", "底前", "末前")
        if is_to or before or post in ("底", "末", "年底") or year > self.doc.hist_threshold:
            if pre in ("在", "于") and not before and year <= self.doc.hist_threshold:
                return _Ctx((), historical=True, start=m.start(), end=m.end(), until=until, saved=saved)
            return _Ctx((year,), "<=" if before else "=", None, firm, m.start(), m.end())
        return _Ctx((), historical=True, start=m.start(), end=m.end(), until=until, saved=saved)

    def _period_ctx(self, m: re.Match[str], ctx: _Ctx | None, hi: int, ends: list[int]):
        post = m.group("post") or ""
        nxt = self.norm[m.end():m.end() + 1]
        if not post and nxt not in ("，", ",", "、"):
            return False  # 十四五规划, 十四五能源发展规划: a name, not a period
        if post == "以来":
            until = self._sentence_end(m.start(), hi, ends)
            return _Ctx((), historical=True, start=m.start(), end=m.end(), until=until, saved=ctx)
        end1 = _PERIOD_NAMES[m.group("p1")]
        end2 = _PERIOD_NAMES[m.group("p2")] if m.group("p2") else None
        last = end2 or end1
        if last <= self.doc.hist_threshold and not (m.group("pre") or "").startswith(("到", "力争", "确保")):
            until = self._sentence_end(m.start(), hi, ends)
            return _Ctx((), historical=True, start=m.start(), end=m.end(), until=until, saved=ctx)
        firm = _firmness(m.group("pre") or "")
        if post in ("末", "期末", "末期"):
            return _Ctx((last,), "=", None, firm, m.start(), m.end())
        years = (end1, end2) if end2 else (end1,)
        return _Ctx(years, "=", end1 - 4, firm, m.start(), m.end())

    # -- values -------------------------------------------------------------
    def _make_value(self, m: re.Match[str], lo: int, hi: int) -> _Val | None:
        norm = self.norm
        suffix = (m.group("suf") or "").strip()
        if m.group("n2") is not None:
            low = parse_number(m.group("n1"))
            high = parse_number(m.group("n2"))
            unit = m.group("u2")
            u1 = m.group("u1")
            if u1 and u1 != unit:
                a, b = lookup(u1), lookup(unit)
                if a is None or b is None or a.normalized != b.normalized or low is None:
                    return None
                low = low * a.factor / b.factor
            chinese = False
        elif m.group("n") is not None:
            low = high = parse_number(m.group("n"))
            unit = m.group("u")
            chinese = False
        else:
            low = high = parse_number(m.group("cn"))
            unit = m.group("cu")
            chinese = True
            if low is None or (low == 1 and unit in COUNT_UNITS) or (unit in COUNT_UNITS and len(unit) == 1 and low < 2):
                return None
            if unit in ("成",) and low > 10:
                return None
        if low is None or high is None:
            return None
        if unit == "成" and not chinese:
            return None  # "3成" is rare; "成" after digits is usually 成本/成效…
        start, end = m.start(), m.end()
        # what follows decides between a target value and a qualifier
        nxt = norm[end:end + 1]
        if norm[end:end + 1] == "/" and norm[end + 1:end + 2].isdigit():
            return None
        if norm.startswith(("的目标", "的任务", "的要求", "的水平"), end):
            return _Val(start, end, low, high, unit, suffix, chinese)
        if unit == "%" and (norm.startswith(_PCT_NOUN_OK, end) or (not suffix and norm.startswith(_PCT_VERB_OK, end))):
            # 达到75%节能要求 / 执行75%节能标准 / 新建建筑100%执行绿色建筑标准
            if norm.startswith(_PCT_NOUN_OK, end):
                return _Val(start, end, low, high, unit, suffix, chinese, noun_end=self._noun_end(end, hi), pct_noun=True)
            return _Val(start, end, low, high, unit, suffix, chinese)
        if unit == "%" and nxt and (nxt == "的" or "\u4e00" <= nxt <= "\u9fff") and not norm.startswith(
                _PCT_VERB_OK, end) and self._clause_initial(start, lo):
            return _Val(start, end, low, high, unit, suffix, chinese, share_of=True)
        if nxt == "的" and (not suffix or suffix in ("以上", "左右")) and not chinese:
            # 具备5%以上的尖峰负荷响应能力 (kept only after 具备/形成/达到, see _emit_group)
            return _Val(start, end, low, high, unit, suffix, chinese, noun_end=self._noun_end(end + 1, hi), de=True)
        if nxt and nxt not in _FOLLOW_OK:
            if nxt in "的级型倍期年号条款项次章节":
                return None
            if "\u4e00" <= nxt <= "\u9fff" or nxt.isalnum():
                if not suffix and low >= 2 and (unit in COUNT_UNITS or not chinese) and unit != "%":
                    # 培育100个智能建造产业基地 / 建设约160万千瓦燃机 (kept only after a build verb)
                    return _Val(start, end, low, high, unit, suffix, chinese, noun_end=self._noun_end(end, hi))
                return None
        prev = norm[start - 1:start] if start > lo else ""
        if prev in ("第", "〔", "[", "【", "#", "№"):
            return None
        return _Val(start, end, low, high, unit, suffix, chinese)

    def _clause_initial(self, pos: int, lo: int) -> bool:
        """True when only a year phrase (or nothing) precedes pos in its clause."""
        cs = _clause_start(self.norm, pos, lo)
        head = self.norm[cs:pos]
        return not _strip_years(head) and not re.search(r"[\d%]", _YEAR_RE.sub("", head))

    def _bare_value(self, m: re.Match[str], lo: int, hi: int) -> _Val | None:
        """A number without unit right after a comparator verb: PUE不高于1.3, 比值控制在0.6."""
        norm = self.norm
        start, end = m.start(), m.end()
        if norm[end:end + 1] not in _FOLLOW_OK or norm[end:end + 1] in "和、及与或":
            if end < hi:
                return None
        if _VALUE_RE.match(norm, start) or norm[end:end + 1] == "年":
            return None
        seg = norm[max(lo, start - 4):start]
        if not seg.endswith(("不高于", "不低于", "不超过", "达到", "降至", "降到", "控制在", "低于", "高于", "提高到",
                             "下降到", "下降至", "优于", "小于", "大于", "不大于", "不小于", "达")):
            return None
        value = parse_number(m.group("n"))
        if value is None:
            return None
        return _Val(start, end, value, value, "", "", False)

    def _noun_end(self, pos: int, hi: int) -> int:
        norm = self.norm
        i = pos
        ceil = min(hi, pos + 30)
        while i < ceil and norm[i] not in _CLAUSE_STOPS and norm[i] not in "、（(":
            if norm[i] == "和" and i + 1 < ceil and (norm[i + 1].isdigit() or norm[i + 1] in _CN_NUM):
                break
            i += 1
        return i

    def _verb_before(self, window_start: int, pos: int) -> tuple[re.Match[str] | None, int]:
        """The comparator verb ending right before ``pos`` (fillers allowed), and where fillers start."""
        norm = self.norm
        seg = norm[window_start:pos]
        fm = _FILLER_RE.search(seg)
        cut = window_start + (fm.start() if fm else len(seg))
        for k in range(max(window_start, cut - 8), cut):
            vm = _VERB_RE.fullmatch(norm, k, cut)
            if vm is not None:
                return vm, cut
        return None, cut

    def _emit_group(self, group: list[_Val], ctx: _Ctx, prev: _Prev | None, lo: int, hi: int,
                    floor: int) -> _Prev | None:
        norm = self.norm
        first = group[0]
        cstart = max(_clause_start(norm, first.start, lo), floor)
        verb, cut = self._verb_before(cstart, first.start)
        if verb is None and not norm[cstart:cut].strip(" ，,") and cstart - 1 > lo and norm[cstart - 1] == "。":
            # a sentence cut after its verb (…占比达到。20%以上。): read the clause before the stop
            pstart = max(_clause_start(norm, cstart - 1, lo), floor)
            v2, cut2 = self._verb_before(pstart, cstart - 1)
            if v2 is not None and cut2 == cstart - 1:
                verb, cstart = v2, pstart
        window = norm[cstart:first.start]
        if any(w in window for w in _HIST_WORDS) or "了" in window[-4:]:
            return prev
        noun_lo = noun_hi = None  # where the indicator is named after the value (培育100个X, 具备5%的X能力)
        span_end = group[-1].end
        if first.pct_noun:
            span_end = max(span_end, first.noun_end or 0)
        elif first.noun_end is not None:
            chained = (self._count_chain is not None and self._count_chain[0] <= first.start
                       and re.fullmatch(r"\s*(?:和|、|及|以及)\s*", norm[self._count_chain[0]:first.start]))
            if first.de:
                have = None
                for hm in _HAVE_RE.finditer(norm, cstart, first.start):
                    have = hm
                if have is None:
                    return prev
                noun_lo, noun_hi = first.end + 1, first.noun_end
                if not norm[noun_lo:noun_hi].endswith(_METRIC_HEADS):
                    return prev
                if verb is None:
                    verb = have
            elif verb is not None and verb.group(0) in _BUILD_COUNT_OK:
                noun_lo, noun_hi = first.end, first.noun_end
            elif chained:
                verb = self._count_chain[1]  # type: ignore[index]
                noun_lo, noun_hi = first.end, first.noun_end
            else:
                return prev
            if not first.de:
                self._count_chain = (first.noun_end, verb)
            span_end = max(span_end, first.noun_end)
        head_text = norm[cstart:verb.start() if verb is not None and verb.start() >= cstart else cut]
        bare_value = not first.unit
        if first.share_of:
            # 60%的城市社区先行达到创建要求 / 30%以上城市建成照明数字化系统: a share of subjects
            if norm[cstart:first.start].strip(" ，,") and _strip_years(norm[cstart:first.start]):
                return prev
            cend = _clause_end(norm, first.end, hi)
            if not _SHARE_OF_VERB_RE.search(norm, first.end, cend):
                return prev
            tail = norm[first.end:cend]
            code, _m = self._resolve(first.end, cend, tail, None, "share", "level", False)
            start = first.start
            self._add(first, code, ctx.years[-1], _SUFFIX_CMP.get(first.suffix, "="), "", "level", None,
                      _firmness(norm[cstart:cend]) or ctx.firmness, ctx, start, cend, lo, hi)
            return _Prev(code, tail, (), cend)
        if verb is None and first.doubling:
            pass
        elif verb is None:
            if bare_value:
                return prev
            # no verb: the value must follow a metric (占比100%, 充电桩20万个) or a noun
            if not head_text.endswith(_METRIC_HEADS) and noun_lo is None and not re.search(
                    r"[\u4e00-\u9fff]{2,}$", head_text):
                return prev
        subj_end = verb.start() if verb is not None and verb.start() >= cstart else cut
        if verb is not None and _VERBS.get(verb.group(0), ("", "", ""))[2] == "build" and noun_lo is None:
            subj_end = cut  # 累计完成既有建筑节能改造8000万平方米: the object names the indicator
        if first.de and verb is not None:
            subj_end = min(subj_end, verb.start()) if verb.start() >= cstart else cut
        # --- comparator / direction / metric kind
        cmp_, direction, vkind = ("=", "", "to")
        if verb is not None:
            cmp_, direction, vkind = _VERBS.get(verb.group(0), ("=", "", "to"))
            if noun_lo is not None:
                vkind = "to" if first.de else "build"
        if first.doubling:
            cmp_, direction, vkind = "=", "increase", "change"
        if "约" in norm[subj_end:first.start] and cmp_ == "=":
            cmp_ = "~"
        base_year = None
        for bm in _BASE_RE.finditer(window):
            base_year = int(bm.group(1) or bm.group(2))
        metric = "level"
        if "年均" in window or "每年" in window[-8:] or (verb is not None and "增长率" in verb.group(0)):
            metric = "annual_rate"
        elif vkind == "change" or (base_year is not None and direction):
            metric = "change"
        if metric != "annual_rate" and ctx.period_start is not None and (
            "累计" in window or vkind in ("change", "build") or "新增" in window
        ):
            metric = "cumulative"
        elif metric == "level" and "累计" in window:
            metric = "cumulative"
        if metric == "change" and ctx.period_start is not None and base_year is None:
            metric = "cumulative"
        firm = _firmness(window) or (ctx.firmness if ctx.end >= cstart - 12 else "")
        fenbie = "分别" in window
        fam = _family(first.unit)

        # --- subjects and indicators
        tm = _TRAIL_RE.search(norm, cstart, subj_end)
        if tm is not None and tm.end() == subj_end:
            subj_end = tm.start()  # …使用率力争达到: 力争 is not part of the subject
        lead = _subject_lead(norm, cstart, subj_end)
        stripped = _strip_years(norm[lead:subj_end])
        same_sentence = prev is not None and not any(c in _SENT_STOPS for c in norm[prev.pos:cstart])
        codes: list[str] = []
        spans: list[tuple[int, int]] = []
        group_codes: tuple[str, ...] = ()
        vals = list(group)
        if noun_lo is not None:
            code, _m = self._resolve(noun_lo, noun_hi, norm[noun_lo:noun_hi], None, fam, metric, False)  # type: ignore[arg-type]
            if code == "other" and first.de:
                code, _m = self._resolve(lead, subj_end, stripped, None, fam, metric, False)
            codes = [code] * len(vals)
            s0 = lead if first.de and stripped else (verb.start() if verb is not None else first.start)
            spans = [(s0, span_end)] * len(vals)
        elif len(vals) > 1:
            items = _split_items(norm, lead, subj_end, len(vals))
            if items is not None:
                codes = [self._item_code(items, k, fam, metric) for k in range(len(items))]
                group_codes = tuple(codes)
            elif not stripped and prev is not None and len(prev.group_codes) == len(vals):
                codes = list(prev.group_codes)
                group_codes = prev.group_codes
            else:
                code, _m = self._resolve(lead, subj_end, stripped, prev, fam, metric, same_sentence, window,
                                              first.start)
                codes = [code] * len(vals)
            spans = [(lead, span_end)] * len(vals)
        else:
            if not fenbie and stripped and any(c in stripped for c in "、和及与"):
                items = _split_items(norm, lead, subj_end, None)
                if items is not None and len(items) > 1 and self._all_complete(items):
                    # A率、B率达到90%以上: one target per complete item
                    codes = [self._item_code(items, k, fam, metric) for k in range(len(items))]
                    vals = vals * len(items)
                    spans = [(lead, span_end)] * len(items)
            if not codes:
                code, mention = self._resolve(lead, subj_end, stripped, prev, fam, metric, same_sentence, window,
                                              first.start)
                codes = [code]
                if mention is not None:
                    spans = [(mention.start, span_end)]
                else:
                    spans = [(lead if stripped else (verb.start() if verb is not None else lead), span_end)]

        # --- years: a list of years pairs with the values when 分别 says so
        years = list(ctx.years)
        if len(years) > 1 and len(group) == len(years) and fenbie:
            pairs = list(zip(vals, codes, spans, years, strict=False))
        elif len(years) > 1 and fenbie and len(group) == 1:
            pairs = [(g, c, sp, y) for y in years for g, c, sp in zip(vals, codes, spans, strict=False)]
        else:
            pairs = [(g, c, sp, years[-1]) for g, c, sp in zip(vals, codes, spans, strict=False)]
        last_suffix = group[-1].suffix
        for v, code, (s0, e0), year in pairs:
            cmp_v = cmp_
            suf = v.suffix or (last_suffix if len(group) > 1 else "")
            if suf in _SUFFIX_CMP:
                sc = _SUFFIX_CMP[suf]
                if sc == "~":
                    cmp_v = "~" if cmp_ in ("=", "~") else cmp_
                elif cmp_ in ("=", "~"):
                    cmp_v = sc
            self._add(v, code, year, cmp_v, direction, metric, base_year, firm, ctx, s0, max(e0, v.end), lo, hi)
        if codes:
            subj = stripped if stripped else (prev.subject if prev is not None else "")
            return _Prev(codes[-1], subj, group_codes, group[-1].end)
        return prev

    def _resolve(self, a: int, b: int, stripped: str, prev: _Prev | None, fam: str, metric: str,
                 same_sentence: bool, window: str = "", vstart: int = 0):
        """The indicator of a subject text[a:b]: (code, mention or None)."""
        cat, norm = self.cat, self.norm
        if not stripped and prev is not None:
            return prev.code, None
        # a mention may run into the verb (改造后实现整体能效提升20%: 整体能效提升)
        mentions = [m for m in cat.find_all(norm, a, max(b, vstart)) if m.start < b] if vstart else cat.find_all(norm, a, b)
        ordered = _nearest_first(mentions)
        for m in ordered:
            if cat.compatible(m.code, fam, metric):
                return m.code, m
        if prev is not None and stripped:
            if len(stripped) <= 5 and prev.subject.endswith(stripped):
                return prev.code, None
            if same_sentence and len(stripped) <= 10 and prev.subject:
                # 生活垃圾回收利用率达到45%、资源化利用率达到85%: the shared head is left out
                ps = prev.subject
                for cut in range(len(ps) - 1, 0, -1):
                    cand = ps[:cut] + stripped
                    for m in cat.find_all(cand):
                        if m.start < cut < m.end and cat.compatible(m.code, fam, metric):
                            return m.code, None
            if "其中" in window:
                return prev.code, None
        if stripped:
            fz = cat.fuzzy(stripped, fam, metric)
            if fz is not None:
                return fz[0], None
        if prev is not None and same_sentence and stripped and not stripped.endswith(_METRIC_HEADS) \
                and len(stripped) <= 8 and (stripped.startswith(_SCOPE_START) or stripped.endswith(_SCOPE_END)):
            return prev.code, None  # 其他区域不低于80%: a new scope, the same indicator
        if ordered:
            return ordered[0].code, ordered[0]
        return "other", None

    def _item_code(self, items: list[tuple[int, int]], k: int, fam: str = "", metric: str = "level") -> str:
        norm, cat = self.norm, self.cat
        a, b = items[k]
        item = norm[a:b]
        last = norm[items[-1][0]:items[-1][1]]
        head_code = None
        if k < len(items) - 1:
            # complete a short item with the head it shares with the last item (风电 + 装机容量)
            for cut in range(1, len(last)):
                candidate = item + last[cut:]
                for m in cat.find_all(candidate):
                    if m.start < len(item) < m.end and cat.compatible(m.code, fam, metric):
                        return m.code
                    if head_code is None and m.start >= len(item) and cat.compatible(m.code, fam, metric):
                        head_code = m.code
        if k > 0:
            # complete a later item with the head of the first one (非化石能源装机和消费比重: 非化石能源 + 消费比重)
            first_item = norm[items[0][0]:items[0][1]]
            for cut in range(len(first_item) - 1, 0, -1):
                candidate = first_item[:cut] + item
                for m in cat.find_all(candidate):
                    if m.start < cut < m.end and m.end >= len(candidate) - 1 and cat.compatible(m.code, fam, metric):
                        return m.code
        for m in _nearest_first(cat.find_all(norm, a, b)):
            if cat.compatible(m.code, fam, metric):
                return m.code
        if k == len(items) - 1 and "总" in item:
            for m in _nearest_first(cat.find_all(item.replace("总", ""))):
                if cat.compatible(m.code, fam, metric):
                    return m.code
        if head_code is not None:
            return head_code  # 单位电石、甲醇生产综合能耗: the head names the indicator
        fz = cat.fuzzy(item, fam, metric)
        if fz is not None:
            return fz[0]
        return "other"

    def _all_complete(self, items: list[tuple[int, int]]) -> bool:
        for a, b in items:
            item = self.norm[a:b]
            if len(item) < 4 or not item.endswith(_METRIC_HEADS):
                return False
        return True

    def _add(self, v: _Val, code: str, year: int, cmp_: str, direction: str, metric: str, base_year: int | None,
             firm: str, ctx: _Ctx, start: int, end: int, lo: int, hi: int, unitless: bool = False) -> None:
        text, norm = self.text, self.norm
        start = max(lo, min(start, v.start))
        end = min(hi, end)
        while start < end and norm[start] in " ，,、；;：:":
            start += 1
        low, high = v.low, v.high
        if low is not None and high is not None and low > high:
            low, high = high, low  # a range written high-to-low (10-5%) is still [5, 10]
        nl, unit_norm = normalize_value(low, v.unit)
        nh, _ = normalize_value(high, v.unit)
        value_norm: float | list[float] | None
        value_norm = nl if low == high else [nl, nh]  # type: ignore[list-item]
        if not direction:
            ind = self.cat.get(code)
            direction = ind.better if ind is not None and code != "other" and ind.better in (
                "increase", "decrease") else "level"
        t = Target(
            indicator=code,
            indicator_name=self.cat.name(code),
            target_year=year,
            value_low=low,
            value_high=high,
            unit=v.unit,
            value_normalized=value_norm,
            unit_normalized=unit_norm,
            comparator=cmp_,
            text=text[start:end],
            start=start,
            end=end,
            base_year=base_year,
            direction=direction,
            stretch=firm == "stretch",
            firmness=firm or "plain",
            metric_kind=metric,
            period_start=ctx.period_start if metric == "cumulative" else None,
            year_comparator=ctx.year_comparator,
            binding=_binding(norm, start, end, hi),
            sentence=_sentence(text, norm, start, end, lo, hi),
        )
        if unitless:
            t.unit = ""
            t.unit_normalized = ""
        self.targets.append(t)

    # -- peaks and neutrality ------------------------------------------------
    def _peak(self, m: re.Match[str], ctx: _Ctx | None, lo: int, hi: int, seen: set) -> None:
        """A peak or neutrality commitment (2030年前碳达峰, 力争2060年前实现碳中和)."""
        norm, text = self.norm, self.text
        kw = m.group("kw")
        kpos = m.start("kw")
        if _in_title_quotes(norm, kpos, lo):
            return
        tail = norm[m.end():m.end() + 5]
        if tail.startswith(_PEAK_NOT_AFTER):
            return
        # year phrase in this clause, or the whole previous clause (2030年前，X达到峰值)
        cstart = _clause_start(norm, kpos, lo)
        ym = _last_year(norm, cstart, kpos)
        if ym is None and cstart - 1 > lo and norm[cstart - 1] in "，,":
            pstart = _clause_start(norm, cstart - 1, lo)
            if _YEAR_ONLY_RE.fullmatch(norm, pstart, cstart - 1):
                ym = _YEAR_RE.search(norm, pstart, cstart)
                cstart = pstart
        before = norm[max(cstart, kpos - 6):kpos]
        if ym is not None:
            between = norm[ym.end():kpos]
            if any(w in between for w in ("为", "奠定", "基础", "支撑", "之后", "以后", "后", "打下", "创造")):
                return
            if any(c.isdigit() for c in between) or len(between) > 24:
                return
            if not (len(between.strip()) <= 2 or kw.startswith(("达到", "实现")) or
                    re.search(r"(?:实现|达到|完成|达)$", between) or re.search(r"排放(?:量|总量)?(?:力争|率先)?$", between)
                    or _SCOPED_PEAK_RE.search(between)):
                return
            year = int(ym.group("year"))
            post = ym.group("post") or ""
            pre = ym.group("pre") or ""
            if post in ("起", "以来", "开始", "以后", "之后", "后", "的基础上", "基础上", "相比", "比") or pre in (
                    "比", "较", "从", "自"):
                return
            if year <= self.doc.hist_threshold and not post.endswith("前") and not _FUTURE_BEFORE_RE.search(
                    norm, max(cstart, ym.start() - 6), ym.start() + len(pre)):
                return  # historical (2013年实现达峰), unless announced as an aim (公司将于2023年实现碳达峰)
            ycmp = "<=" if post in ("前", "以前", "之前", "底前", "末前") else "="
            start = min(cstart, ym.start())
        else:
            # no year in the clause: a commitment in a paragraph whose year is stated
            # (到2030年，…，确保实现碳达峰目标 / 碳达峰目标顺利实现)
            if ctx is None or ctx.historical or not ctx.years:
                return
            committed = re.search(r"(?:实现|达到|完成)$", before) or kw.startswith(("达到", "实现")) or \
                re.match(r"目标(?:顺利|如期|基本|全面)?(?:实现|完成)", norm[m.end():m.end() + 8])
            if not committed or re.search(r"为(?:实现|达到)?$|为[^，。；]{0,4}(?:实现|达到)$", before):
                return
            if re.search(r"(?:率先|提前|推动|推进)[^，。；]{0,3}$", before) or re.search(
                    r"支撑|支持|助力|服务|保障|奠定|为实现|为如期", norm[cstart:kpos]):
                return  # groundwork for the peak, not a commitment to it
            year = ctx.years[-1]
            ycmp = ctx.year_comparator
            start = cstart
        code = "carbon_neutrality" if kw.endswith("中和") else "co2_peak"
        key = (_sentence_key(norm, kpos, lo), code, year)
        if key in seen:
            return
        seen.add(key)
        while start < kpos and norm[start] in " ，,、“\"":
            start += 1
        end = m.end()
        if norm.startswith("目标", end):
            end += 2
            tm = re.match(r"(?:任务)?(?:顺利|如期|基本|全面)?(?:实现|完成)?", norm[end:end + 6])
            if tm:
                end += tm.end()
        subject = norm[start:kpos]
        ind_code = code
        if code == "co2_peak":
            ind_code = self.cat.peak_indicator(subject + kw, "co2_peak")
        firm = _firmness(norm[cstart:kpos]) or _firmness(norm[max(lo, cstart - 3):cstart])
        if not firm and ym is None and ctx is not None:
            firm = ctx.firmness
        self.targets.append(Target(
            indicator=ind_code,
            indicator_name=self.cat.name(ind_code),
            target_year=year,
            value_low=None,
            value_high=None,
            unit="",
            value_normalized=None,
            unit_normalized="",
            comparator=None,
            text=text[start:end],
            start=start,
            end=end,
            direction="level",
            stretch=firm == "stretch",
            firmness=firm or "plain",
            metric_kind="level",
            year_comparator=ycmp,
            sentence=_sentence(text, norm, start, end, lo, hi),
        ))


_PEAK_NOT_AFTER = ("后", "之后", "以后", "行动", "实施方案", "工作方案", "方案", "试点", "示范", "路径", "时间表", "路线图", "相关", "领域", "工作",
                   "技术", "的基础上", "的", "和碳中和", "、碳中和", "碳中和", "奠定", "提供", "目标的", "要求")
# a company's scope between the verb and the keyword: 实现核心运营碳中和, 实现自身运营及供应链的全面碳中和
_SCOPED_PEAK_RE = re.compile(r"(?:实现|达到|完成)(?:自身|核心|全|整体)?(?:运营|价值链|供应链|生产|业务|范围[一二三123])"
                             r"[^，,。；;\d为]{0,10}$")
_FUTURE_BEFORE_RE = re.compile(r"(?:将于|将在|力争于|力争在|力争|计划于|计划在|计划|预计|争取|承诺|确保)$")
_PEAK_RE = re.compile(r"(?P<kw>碳达峰|碳排放达峰|排放达峰|实现达峰|达峰|达到峰值|达到排放峰值|实现峰值|碳中和)")
_YEAR_ONLY_RE = re.compile(
    r"\s*(?:力争到|力争在|力争于|确保到|确保在|力争|确保|到|在|于)?(?:19|20)\d{2}\s?年(?:底前|前|以前|之前)?\s*"
)


def _last_year(norm: str, a: int, b: int) -> re.Match[str] | None:
    found = None
    for m in _YEAR_RE.finditer(norm, a, b):
        found = m
    return found


def _sentence_key(norm: str, pos: int, lo: int) -> int:
    i = pos - 1
    floor = max(lo, pos - _SENTENCE_CAP)
    while i >= floor and norm[i] not in _SENT_STOPS and norm[i] not in "；;":
        i -= 1
    return i


def _nearest_first(mentions: list) -> list:
    """Mentions ordered nearest-to-the-value first; a longer mention overlapping a nearer one wins."""
    out = []
    rest = list(mentions)
    while rest:
        best = rest[-1]
        for m in reversed(rest[:-1]):
            if m.end > best.start and (m.end - m.start) > (best.end - best.start):
                best = m
        out.append(best)
        rest = [m for m in rest if m is not best and not (m.end > best.start and m.start < best.end)]
    return out


def _family(unit: str) -> str:
    u = lookup(unit) if unit else None
    return u.family if u is not None else ""


def _subject_lead(norm: str, a: int, b: int) -> int:
    """Where the subject of text[a:b] starts, after punctuation, year phrases and adverbs."""
    m = _SUBJECT_FILLER_RE.match(norm, a, b)
    return m.end() if m else a


def _strip_years(subject: str) -> str:
    """The subject without year phrases and fillers ('' when elliptic: 到2030年，力争达到…)."""
    s = _YEAR_RE.sub("", subject)
    s = _PERIOD_RE.sub(lambda m: "" if m.group("post") else m.group(0), s)
    m = _SUBJECT_FILLER_RE.match(s)
    if m:
        s = s[m.end():]
    return s.strip(" ，,、")


def _split_items(norm: str, a: int, b: int, n: int | None) -> list[tuple[int, int]] | None:
    """Split a parallel subject (A、B和C) into item spans; None when the count is not n."""
    seg = norm[a:b]
    # drop a leading year phrase and firmness words
    lead = 0
    m = re.match(r"\s*(?:(?:力争|确保|争取)?(?:到|在)?(?:19|20)\d{2}\s?年(?:底|末)?(?:前)?|[“\"]?十[一二三四五六]五[”\"]?"
                 r"(?:期间|时期|末)?)?\s*(?:[，,]\s*)?(?:力争|确保|争取|全省|全市|全区|全国|本市)*", seg)
    if m:
        lead = m.end()
    fb = seg.rfind("分别")
    end = fb if fb >= lead else len(seg)
    body = seg[lead:end]
    if not body:
        return None
    parts: list[tuple[int, int]] = []
    for splitter in (r"、", r"、|和|及|与|以及"):
        parts = []
        pos = 0
        for sm in re.finditer(splitter, body):
            parts.append((pos, sm.start()))
            pos = sm.end()
        parts.append((pos, len(body)))
        if (n is None and len(parts) > 1) or len(parts) == n:
            break
    if n is not None and len(parts) != n:
        return None
    if any(p[1] - p[0] < 1 for p in parts):
        return None
    off = a + lead
    return [(off + p, off + q) for p, q in parts]


def extract_targets(text: str, catalogue: IndicatorCatalogue | None = None) -> list[Target]:
    """All quantitative targets and peak/neutrality commitments in ``text``, in text order.

    ``text[t.start:t.end] == t.text`` holds for every target. Empty or non-Chinese input
    gives ``[]``; a non-string raises ``TypeError``; a text over ``MAX_TEXT_CHARS``
    characters raises ``ValueError``.
    """
    if text is None:
        return []
    if isinstance(text, (bytes, bytearray)):
        raise TypeError("extract_targets() needs str, not bytes: decode the document first")
    if not isinstance(text, str):
        raise TypeError(f"extract_targets() needs str, got {type(text).__name__}")
    if not text.strip():
        return []
    if len(text) > MAX_TEXT_CHARS:
        raise ValueError(f"text too long for target extraction ({len(text)} > {MAX_TEXT_CHARS} characters)")
    return _Extractor(text, catalogue or default_catalogue()).run()
