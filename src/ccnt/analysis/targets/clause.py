"""A value group in its clause: the verb, comparator, direction, metric kind, base year and
subjects, then one ``Target`` per value (or per item of a parallel subject)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..types import Target
from ..units import normalize_value
from .document import Candidate, Doc, Previous, YearScope
from .naming import all_complete, item_code, name_subject, resolve
from .patterns import (
    BASE_RE,
    BUILD_COUNT_OK,
    CONDITION_RE,
    CONVERSION_WORDS,
    COORDINATED_RE,
    COUNT_VERB_LEAD_RE,
    FILLER_RE,
    FUNDING_ANY_RE,
    FUNDING_RE,
    HAVE_RE,
    HIST_WORDS,
    METRIC_HEADS,
    PAST_WORDS,
    PERIOD_NAMES,
    SENT_STOPS,
    SHARE_LEAD_RE,
    SHARE_OF_VERB_RE,
    SUFFIX_CMP,
    TRAIL_RE,
    VERB_RE,
    VERBS,
)
from .spans import binding_of, clause_end, clause_start, firmness_of, sentence_of
from .subject import clean_subject, complete_items, split_items, strip_years, subject_lead
from .values import SCOPE_THEN_AIM_RE, unit_family

_EXAMPLES_RE = re.compile(r"(?:[\u4e00-\u9fff]{2,4})(?P<names>[\u4e00-\u9fff“”\"、]{1,10})等$")


_BARE_HEADS = ("规模", "总规模", "容量", "总容量", "总量", "面积", "总面积", "装机", "装机容量", "装机规模")


_ITEM_MARKER_RE = re.compile(r"(?:[①-⑳]|\d{1,2}\s?[.．、](?!\d)|[(（][\d一二三四五六七八九十]{1,3}[)）])\s*")


def verb_before(doc: Doc, window_start: int, pos: int) -> tuple[re.Match[str] | None, int]:
    """The comparator verb ending right before ``pos`` (fillers allowed), and where fillers start."""
    norm = doc.norm
    seg = norm[window_start:pos]
    fm = FILLER_RE.search(seg)
    cut = window_start + (fm.start() if fm else len(seg))
    for k in range(max(window_start, cut - 8), cut):
        vm = VERB_RE.fullmatch(norm, k, cut)
        if vm is not None:
            return vm, cut
    em = _EXAMPLES_RE.search(seg)
    if em is not None and em.end() == cut - window_start:
        # 完成大凌河等6条水流: named examples and 等 between the verb and its count
        last = None
        for vm in VERB_RE.finditer(norm, window_start + em.start(), window_start + em.start("names")):
            last = vm
        if last is not None:
            return last, cut
    return None, cut


def emit_group(doc: Doc, group: list[Candidate], ctx: YearScope, prev: Previous | None, lo: int, hi: int,
               floor: int) -> Previous | None:
    """The targets of one value group, in four steps: the clause and its verb (``_clause_verb``), a
    noun the value counts (``_value_noun``), the comparator and metric (``_comparator``), the subjects
    (``_subjects``), then one target per value (``_emit_values``). Returns what the next clause may
    inherit (``prev`` unchanged when the group is rejected; every rejection is a ``doc.decide``).
    Rejected: one 225-line function — the steps share their inputs but no hidden state."""
    norm = doc.norm
    first = group[0]
    cstart, verb, cut = _clause_verb(doc, first, lo, floor)
    window = norm[cstart:first.start]
    hist_words = HIST_WORDS if not doc.info.plan_year else PAST_WORDS  # an annual plan's 同比 is its aim
    if any(w in window for w in hist_words) or "了" in window[-4:]:
        doc.decide("not_history", False, "a past figure (已, 了, 同比)", first.start, first.end)
        return prev
    if any(w in window for w in CONVERSION_WORDS):
        doc.decide("not_conversion", False, "a conversion of another target (折合, 相当于)", first.start, first.end)
        return prev
    if CONDITION_RE.match(window):
        doc.decide("not_condition", False, "a condition (且…, 但…, 若…), not an aim", first.start, first.end)
        return prev
    if ((first.unit.endswith("元") or first.unit == "%") and FUNDING_RE.search(window)) or FUNDING_ANY_RE.search(window):
        doc.decide("not_funding", False, "a funding rule (最高奖励, 给予, 补助, 分别承担), not an aim", first.start, first.end)
        return prev
    noun = _value_noun(doc, group, cstart, verb)
    if noun is None:
        return prev
    verb, noun_lo, noun_hi, build, span_end = noun
    head_text = norm[cstart:verb.start() if verb is not None and verb.start() >= cstart else cut]
    bare_value = not first.unit
    if first.share_of:
        return _emit_share_of(doc, first, ctx, prev, cstart, lo, hi)
    if verb is None and not first.doubling and not first.zero_growth:
        if bare_value:
            doc.decide("verb", False, "a bare number without a comparator verb", first.start, first.end)
            return prev
        # no verb: the value must follow a metric (占比100%, 充电桩20万个) or a noun
        if not head_text.endswith(METRIC_HEADS) and noun_lo is None and not re.search(
                r"[\u4e00-\u9fff]{2,}[”\"」]?$", head_text):  # “煤改电”1.3万户: a noun in quotes
            doc.decide("verb", False, "no verb and no metric or noun before the value", first.start, first.end)
            return prev
    subj_end = verb.start() if verb is not None and verb.start() >= cstart else cut
    if verb is not None and VERBS.get(verb.group(0), ("", "", ""))[2] == "build" and noun_lo is None:
        subj_end = cut  # 累计完成既有建筑节能改造8000万平方米: the object names the indicator
    if first.de and verb is not None:
        subj_end = min(subj_end, verb.start()) if verb.start() >= cstart else cut
    cmp_, direction, metric, base_year = _comparator(norm, first, verb, noun_lo, subj_end, window, ctx)
    firm = firmness_of(window) or (ctx.firmness if ctx.end >= cstart - 12 else "")
    named = _subjects(doc, group, ctx, prev, cstart, subj_end, window, verb, build, noun_lo, noun_hi, span_end,
                      metric)
    return _emit_values(doc, group, ctx, prev, named, (cmp_, direction, metric, base_year, firm), "分别" in window,
                        lo, hi)


def _clause_verb(doc: Doc, first: Candidate, lo: int, floor: int) -> tuple[int, re.Match[str] | None, int]:
    """Where the value's clause starts, its comparator verb, and where the fillers before the value start."""
    norm = doc.norm
    cstart = max(clause_start(norm, first.start, lo), floor)
    verb, cut = verb_before(doc, cstart, first.start)
    if verb is None and not norm[cstart:cut].strip(" ，,") and cstart - 1 > lo and norm[cstart - 1] == "。" \
            and first.noun_end is None:
        # a sentence cut after its verb (…占比达到。20%以上。): read the clause before the stop
        pstart = max(clause_start(norm, cstart - 1, lo), floor)
        v2, cut2 = verb_before(doc, pstart, cstart - 1)
        if v2 is not None and cut2 == cstart - 1:
            verb, cstart = v2, pstart
    if verb is None and first.unit == "%":
        # 需求侧响应能力达到最大用电负荷的5%: the verb before the whole the share is of
        wm = _WHOLE_OF_RE.search(norm[cstart:first.start])
        named = wm is not None and re.search(r"[\u4e00-\u9fff]{2}", norm[cstart:cstart + wm.start("verb")])
        vm = VERB_RE.match(norm, cstart + wm.start("verb")) if wm is not None and named else None
        if vm is not None and vm.end() == cstart + wm.end("verb"):  # type: ignore[union-attr]
            verb = vm
    return cstart, verb, cut


_WHOLE_OF_RE = re.compile(r"(?P<verb>达到|达|占|为|不低于|不少于|不超过|不高于|控制在|保持在|提高到|提升到)"
                          r"(?P<whole>[\u4e00-\u9fff]{2,16})的\s?$")


_Noun = tuple["re.Match[str] | None", "int | None", "int | None", "re.Match[str] | None", int]


def _value_noun(doc: Doc, group: list[Candidate], cstart: int, verb: re.Match[str] | None) -> _Noun | None:
    """(verb, noun start, noun end, build verb, span end) for a value that counts the noun after it
    (培育100个X, 具备5%的X能力, 建设不少于10个示范项目); None when such a count is not a target."""
    norm = doc.norm
    first = group[0]
    noun_lo = noun_hi = None  # where the indicator is named after the value (培育100个X, 具备5%的X能力)
    span_end = group[-1].end
    build = None  # 建设不少于10个示范项目: a build verb before the comparator word
    if verb is not None and first.noun_end is not None and VERBS.get(verb.group(0), ("", "", ""))[2] == "to" \
            and VERBS[verb.group(0)][0] in (">=", ">", "~"):
        bv, _cut = verb_before(doc, cstart, verb.start())
        if bv is not None and bv.group(0) in BUILD_COUNT_OK:
            build = bv
    if first.pct_noun:
        span_end = max(span_end, first.noun_end or 0)
    elif first.noun_end is not None:
        chained = (doc.count_chain is not None and doc.count_chain[0] <= first.start
                   and re.fullmatch(r"\s*(?:和|、|及|以及)\s*(?:[\u4e00-\u9fff“”]{1,8}等)?\s*",
                                   norm[doc.count_chain[0]:first.start]))
        if first.de and (build is not None or (verb is not None and verb.group(0) in BUILD_COUNT_OK)):
            noun_lo, noun_hi = first.end + 1, first.noun_end  # 建成不少于500亩的碳汇示范林 / 推进60个以上的…项目
        elif first.de:
            have = None
            for hm in HAVE_RE.finditer(norm, cstart, first.start):
                have = hm
            if have is None:
                doc.decide("count_noun", False, "a value + 的 + noun without 具备/形成/达到 before it", first.start, first.end)
                return None
            noun_lo, noun_hi = first.end + 1, first.noun_end
            if not norm[noun_lo:noun_hi].endswith(METRIC_HEADS):
                doc.decide("count_noun", False, "the noun after the value is not a metric (率, 量, 能力 …)", first.start, first.end)
                return None
            if verb is None:
                verb = have
        elif verb is not None and (verb.group(0) in BUILD_COUNT_OK or build is not None):
            noun_lo, noun_hi = first.end, first.noun_end
        elif chained:
            verb = doc.count_chain[1]  # type: ignore[index]
            noun_lo, noun_hi = first.end, first.noun_end
        elif verb is None and not strip_years(norm[cstart:first.start]) and (
                sv := SHARE_OF_VERB_RE.search(norm, first.end, first.noun_end)) is not None and sv.start() > first.end:
            # 60个左右城市率先建成…体系: a count of subjects that open the clause, the verb after them
            verb = sv
            noun_lo, noun_hi = first.end, sv.start()
            tm = TRAIL_RE.search(norm, noun_lo, noun_hi)
            while tm is not None and tm.end() != noun_hi:
                tm = TRAIL_RE.search(norm, tm.end(), noun_hi)
            if tm is not None and tm.start() > noun_lo:
                noun_hi = tm.start()  # 城市率先建成: 率先 belongs to the verb
        else:
            doc.decide("count_noun", False, "a count before its noun without a build verb (建成, 培育 …)", first.start, first.end)
            return None
        if not first.de:
            doc.count_chain = (first.noun_end, verb)
        span_end = max(span_end, first.noun_end)
    return verb, noun_lo, noun_hi, build, span_end


def _emit_share_of(doc: Doc, first: Candidate, ctx: YearScope, prev: Previous | None, cstart: int, lo: int,
                   hi: int) -> Previous | None:
    """60%的城市社区先行达到创建要求 / 30%以上城市建成照明数字化系统: a share of subjects."""
    norm = doc.norm
    before = strip_years(norm[cstart:first.start]).strip(" ，,")
    before = SHARE_LEAD_RE.sub("", before)  # 确保完成全省70%以上的…: an aim's lead words, then the share
    if before and not COORDINATED_RE.search(before) and not SCOPE_THEN_AIM_RE.match(before):
        doc.decide("share_of", False, "a share of subjects not at the clause's start", first.start, first.end)
        return prev
    cend = clause_end(norm, first.end, hi)
    if not SHARE_OF_VERB_RE.search(norm, first.end, cend):
        doc.decide("share_of", False, "a share of subjects without a verb after it (建成, 达到 …)", first.start, first.end)
        return prev
    tail = norm[first.end:cend]
    code, _m = resolve(doc, first.end, cend, tail, None, "share", "level", False)
    start = first.start
    share_verb = SHARE_OF_VERB_RE.search(norm, first.end, cend)
    subject = clean_subject(norm[first.end:share_verb.start()] if share_verb else tail) or clean_subject(tail)
    add_target(doc, first, code, ctx.years[-1], SUFFIX_CMP.get(first.suffix, "="), "", "level", None,
               firmness_of(norm[cstart:cend]) or ctx.firmness, ctx, start, cend, lo, hi, subject=subject)
    return Previous(code, tail, (), cend, subject)


def base_year_of(bm: re.Match[str]) -> int:
    """The year a BASE_RE match names: 比2020年 / 2020年基础上 → 2020, 比“十三五”期末 → 2020."""
    return PERIOD_NAMES[bm.group(2)] if bm.group(2) else int(bm.group(1) or bm.group(3))


_BASE_LEAD_RE = re.compile(r"以\s?((?:19|20)\d{2})\s?年(?:为|作为)基(?:数|准|期|年)")


def _comparator(norm: str, first: Candidate, verb: re.Match[str] | None, noun_lo: int | None, subj_end: int,
                window: str, ctx: YearScope) -> tuple[str, str, str, int | None]:
    """(comparator, direction, metric kind, base year) of the clause."""
    cmp_, direction, vkind = ("=", "", "to")
    if verb is not None:
        cmp_, direction, vkind = VERBS.get(verb.group(0), ("=", "", "to"))
        if verb.group(0) == "优于" and first.unit:
            cmp_, direction = ">", "increase"  # 优良天数比率优于90%: with a unit, better is more
        if noun_lo is not None:
            vkind = "to" if first.de else "build"
    if first.doubling:
        cmp_, direction, vkind = "=", "increase", "change"
    if first.zero_growth:
        cmp_, direction, vkind = "=", "decrease", "to"
    if ("约" in norm[subj_end:first.start] or norm[first.start - 1:first.start] == "近") and cmp_ == "=":
        cmp_ = "~"
    base_year = None
    for bm in BASE_RE.finditer(window):
        base_year = base_year_of(bm)
    if base_year is None:
        # 比2010年的1.034吨标准煤下降16%: the base year before the base value, in the value's own clause
        clause = max(norm.rfind(c, 0, first.start) for c in "，,；;。\n") + 1
        for bm in BASE_RE.finditer(norm, clause, first.start):
            base_year = base_year_of(bm)
    if base_year is None:
        # 以2020年为基数，A下降5%、B下降6%: a base stated once for the clauses of its sentence
        floor = max(norm.rfind(c, 0, first.start) for c in "。；;\n") + 1
        for bm in _BASE_LEAD_RE.finditer(norm, floor, first.start):
            base_year = int(bm.group(1))
    metric = "level"
    # 年均增长 / 每年提升: a yearly rate; 细颗粒物年均浓度: a yearly average, a level
    if first.zero_growth or (("年均" in window and not _AVERAGE_LEVEL_RE.search(window)) or "每年" in window[-8:]
            or (verb is not None and "增长率" in verb.group(0))):
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
    return cmp_, direction, metric, base_year


@dataclass
class _Named:
    """The clause's subjects: a code, subject and span per value (``vals``: the group's values, each
    repeated once per item when one value applies to several items)."""

    vals: list[Candidate]
    codes: list[str] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    group_codes: tuple[str, ...] = ()
    group_subjects: tuple[str, ...] = ()
    stripped: str = ""
    inherited: str = ""


def _subjects(doc: Doc, group: list[Candidate], ctx: YearScope, prev: Previous | None, cstart: int, subj_end: int,
              window: str, verb: re.Match[str] | None, build: re.Match[str] | None, noun_lo: int | None,
              noun_hi: int | None, span_end: int, metric: str) -> _Named:
    """Who or what each value is about: the noun it counts, the items of a parallel subject, the
    clause's own subject, or the previous clause's (an elliptic clause inherits it)."""
    norm = doc.norm
    first = group[0]
    fam = unit_family(first.unit)
    fenbie = "分别" in window
    tm = TRAIL_RE.search(norm, cstart, subj_end)
    if tm is not None and tm.end() == subj_end:
        subj_end = tm.start()  # …使用率力争达到: 力争 is not part of the subject
    lead = subject_lead(norm, cstart, subj_end)
    stripped = strip_years(BASE_RE.sub("", norm[lead:subj_end]))  # 比“十三五”期末: the base goes first
    same_sentence = prev is not None and not any(c in SENT_STOPS for c in norm[prev.pos:cstart])
    own = clean_subject(stripped)
    inherited = prev.phrase if prev is not None else ""
    if own.startswith("占") and same_sentence and inherited:
        own = share_subject(inherited, own, first.unit)
    elif "其中" in window and same_sentence and inherited and own:
        own = part_subject(inherited, own)
    elif own in _BARE_HEADS and same_sentence and inherited and not inherited.endswith(_BARE_HEADS):
        own = (COUNT_VERB_LEAD_RE.sub("", inherited) or inherited) + own  # 建成储能电站10座，规模达到50万千瓦
    n = _Named(list(group), stripped=stripped, inherited=inherited)
    vals = n.vals
    if noun_lo is not None:
        code, _m = resolve(doc, noun_lo, noun_hi, norm[noun_lo:noun_hi], None, fam, metric, False)  # type: ignore[arg-type]
        if code == "other" and first.de:
            code, _m = resolve(doc, lead, subj_end, stripped, None, fam, metric, False)
        n.codes = [code] * len(vals)
        n.subjects = [clean_subject(norm[noun_lo:noun_hi]) or own] * len(vals)  # type: ignore[misc]
        s0 = lead if first.de and stripped and build is None else (
            (build or verb).start() if verb is not None else first.start)
        n.spans = [(s0, span_end)] * len(vals)
    elif len(vals) > 1 and (enum := numeral_enumeration(stripped, len(vals))) is not None:
        # 获得绿色建筑一、二星级评价标识的项目中绿色建材比例分别达到70%、80%: one subject per numeral
        n.subjects = [clean_subject(s) for s in enum]
        n.codes = [name_subject(doc, s, "other", fam, metric) for s in n.subjects]
        n.spans = [(lead, span_end)] * len(vals)
    elif len(vals) > 1:
        items = split_items(norm, lead, subj_end, len(vals))
        if items is not None:
            n.codes = [item_code(doc, items, k, fam, metric) for k in range(len(items))]
            n.group_codes = tuple(n.codes)
            n.subjects = complete_items([clean_subject(norm[a:b]) for a, b in items], doc.cat)
            n.group_subjects = tuple(n.subjects)
        elif not stripped and prev is not None and len(prev.group_codes) == len(vals):
            n.codes = list(prev.group_codes)
            n.group_codes = prev.group_codes
            n.subjects = list(prev.group_subjects) or [inherited] * len(vals)
            n.group_subjects = prev.group_subjects
        else:
            code, _m = resolve(doc, lead, subj_end, stripped, prev, fam, metric, same_sentence, window, first.start)
            n.codes = [code] * len(vals)
            n.subjects = [own or inherited] * len(vals)
        n.spans = [(lead, span_end)] * len(vals)
    else:
        # A、B均达到90%: each item has it (平均, 年均, 人均 are no 均 of this kind)
        each = _EACH_RE.search(window) is not None or (fenbie and len(ctx.years) <= 1)
        if (not fenbie or each) and stripped and any(c in stripped for c in "、和及与"):
            items = split_items(norm, lead, subj_end, None)
            if items is not None and len(items) > 1 and (all_complete(doc, items) or each):
                # A率、B率达到90%以上 / A、B排放总量分别下降10%: one target per item (分别 with one value
                # and one year says each item has it; with a list of years it pairs the years instead)
                n.codes = [item_code(doc, items, k, fam, metric) for k in range(len(items))]
                n.subjects = complete_items([clean_subject(norm[a:b]) for a, b in items], doc.cat)
                n.vals = vals * len(items)
                n.spans = [(lead, span_end)] * len(items)
        shared = prev.group_codes if prev is not None and same_sentence and fenbie and not own else ()
        if not n.codes and len(shared) > 1 and prev is not None:
            # A和B排放总量分别控制在X、Y，比2010年分别下降8%: the one value is each item's of the clause before
            n.codes, n.vals = list(shared), vals * len(shared)
            n.subjects = list(prev.group_subjects) or [inherited] * len(shared)
            n.group_codes, n.group_subjects = shared, prev.group_subjects
            n.spans = [(verb.start() if verb is not None else first.start, span_end)] * len(shared)
        if not n.codes:
            code, mention = resolve(doc, lead, subj_end, stripped, prev, fam, metric, same_sentence, window,
                                    first.start)
            n.codes = [code]
            n.subjects = [own or inherited]
            if mention is not None:
                n.spans = [(mention.start, span_end)]
            else:
                n.spans = [(lead if stripped else (verb.start() if verb is not None else lead), span_end)]
    return n


# 均 as an adverb before its verb (A、B均达到90%); 平均, 亩均, 人均 before a noun are averages
_EACH_RE = re.compile(r"均(?=力争|确保|争取|可|能|达到|为|不低于|不高于|不超过|不少于|要|应|须|控制|实现|保持|提高|提升|下降|降低|超过|在)")
_AVERAGE_LEVEL_RE = re.compile(r"年均(?:浓度|值|气温|降水|水平|排放浓度)")
_NUMERAL_ENUM_RE = re.compile(r"(?P<pre>.*?)(?P<nums>[一二三四五](?:、[一二三四五])+)(?P<post>(?:星级|级|类).*)$")


def numeral_enumeration(phrase: str, count: int) -> list[str] | None:
    """The subjects of a numeral enumeration inside one phrase (绿色建筑一、二星级…比例 → 绿色建筑一星级…比例,
    绿色建筑二星级…比例) when it names ``count`` items, else None. Rejected: splitting at 、, which cut
    the phrase into 绿色建筑一 and 二星级…."""
    m = _NUMERAL_ENUM_RE.match(phrase)
    if m is None:
        return None
    nums = m.group("nums").split("、")
    if len(nums) != count:
        return None
    return [m.group("pre") + num + m.group("post") for num in nums]


def _emit_values(doc: Doc, group: list[Candidate], ctx: YearScope, prev: Previous | None, n: _Named,
                 measure: tuple[str, str, str, int | None, str], fenbie: bool, lo: int, hi: int) -> Previous | None:
    """One target per value (per item, per year when 分别 pairs a list of years with the values)."""
    cmp_, direction, metric, base_year, firm = measure
    vals, codes, subjects, spans = n.vals, n.codes, n.subjects, n.spans
    # --- years: a list of years pairs with the values when 分别 says so
    years = list(ctx.years)
    if len(years) > 1 and len(group) == len(years) and fenbie:
        pairs = list(zip(vals, codes, subjects, spans, years, strict=False))
    elif len(years) > 1 and fenbie and len(group) == 1:
        pairs = [(g, c, su, sp, y) for y in years for g, c, su, sp in zip(vals, codes, subjects, spans, strict=False)]
    else:
        pairs = [(g, c, su, sp, years[-1]) for g, c, su, sp in zip(vals, codes, subjects, spans, strict=False)]
    # 分别达到60%、55%以上: the last value's 以上 is every value's — unless the values carry their own
    # (下降8%、8%、10%以上、10%以上: the first two are plain)
    last_suffix = group[-1].suffix if not any(g.suffix for g in group[:-1]) else ""
    for v, code, subject, (s0, e0), year in pairs:
        cmp_v = cmp_
        suf = v.suffix or (last_suffix if len(group) > 1 else "")
        if suf in SUFFIX_CMP:
            sc = SUFFIX_CMP[suf]
            if sc == "~":
                cmp_v = "~" if cmp_ in ("=", "~") else cmp_
            elif cmp_ in ("=", "~"):
                cmp_v = sc
        add_target(doc, v, code, year, cmp_v, direction, metric, base_year, firm, ctx, s0, max(e0, v.end), lo, hi,
                   subject=subject)
    if codes:
        subj = n.stripped if n.stripped else (prev.subject if prev is not None else "")
        return Previous(codes[-1], subj, n.group_codes, group[-1].end, subjects[-1] if subjects else n.inherited,
                        n.group_subjects)
    return prev


_AMOUNT_TAIL_RE = re.compile(r"(?:消费|利用|使用|生产|发电|排放)?(?:总量|量|规模)$")


def part_subject(whole: str, part: str) -> str:
    """…海上风电装机规模不低于750万千瓦，其中并网装机规模不低于300万千瓦: the part after 其中 shares its
    metric words with the whole and leaves out what they measure; that is the whole's stem
    (海上风电并网装机规模). A part that shares no tail with the whole names itself."""
    k = 0
    while k < min(len(whole), len(part)) and whole[-1 - k] == part[-1 - k]:
        k += 1
    if k < 2 or k >= len(part) and k >= len(whole):
        return part
    stem = whole[:len(whole) - k]
    return part if not stem or part.startswith(stem) else stem + part


def share_subject(owner: str, share: str, unit: str) -> str:
    """可再生能源消费总量达到3600万吨标准煤，占能源消费总量的25%: the share clause leaves out what
    takes the share; it is the amount just stated, without its amount word (可再生能源占能源消费总量的
    比重). Rejected: the bare 占能源消费总量, which names the whole instead of the part."""
    part = _AMOUNT_TAIL_RE.sub("", owner) or owner
    phrase = part + share
    if unit == "%" and not phrase.endswith(("比重", "占比", "比例", "份额", "率")):
        phrase += "的比重"
    return phrase


def add_target(doc: Doc, v: Candidate, code: str, year: int, cmp_: str, direction: str, metric: str, base_year: int | None,
         firm: str, ctx: YearScope, start: int, end: int, lo: int, hi: int,
         subject: str = "") -> None:
    text, norm = doc.text, doc.norm
    if base_year is not None and year <= base_year:
        # 2020年比2015年下降18%: a change measured at or before its base year is a past figure
        doc.decide("base_year", False, f"target year {year} is not after base year {base_year}", v.start, v.end)
        return
    if subject and unit_family(v.unit) == "count":
        subject = COUNT_VERB_LEAD_RE.sub("", subject) or subject
    code = name_subject(doc, subject, code, unit_family(v.unit), metric) if subject else code
    if v.second_unit:
        code = "other"  # the catalogue code names the pair's first quantity (the power); the energy is another
    start = max(lo, min(start, v.start))
    end = min(hi, end)
    while start < end and norm[start] in " ，,、；;：:":
        start += 1
    marker = _ITEM_MARKER_RE.match(norm, start, end)
    if marker is not None and marker.end() < v.start:
        start = marker.end()  # 2. 单位GDP能耗… / ③氢能产业规模…: the list's marker is not the statement
    low, high = v.low, v.high
    if low is not None and high is not None and low > high:
        low, high = high, low  # a range written high-to-low (10-5%) is still [5, 10]
    nl, unit_norm = normalize_value(low, v.unit)
    nh, _ = normalize_value(high, v.unit)
    value_norm: float | list[float] | None
    value_norm = nl if low == high else [nl, nh]  # type: ignore[list-item]
    if not direction:
        ind = doc.cat.get(code)
        direction = ind.better if ind is not None and code != "other" and ind.better in (
            "increase", "decrease") else "level"
    t = Target(
        indicator=code,
        indicator_name=doc.cat.name(code) if code != "other" else (subject or clean_subject(text[start:v.start])),
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
        binding=binding_of(norm, start, end, hi),
        sentence=sentence_of(text, norm, start, end, lo, hi),
        subject=subject,
    )
    doc.targets.append(t)
    doc.decide("target", True, f"{year} {code} 「{subject}」 {cmp_} {low}{v.unit} ({metric})", start, end)

# -- peaks and neutrality ------------------------------------------------
