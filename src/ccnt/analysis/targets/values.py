"""Value candidates: a number with its unit (or a bare number after a comparator verb), and what
follows it decides whether it can be a target value (培育100个基地: a count before its noun) or is
a qualifier (30万千瓦以下机组, 5G, PM2.5)."""

from __future__ import annotations

import re

from ..numbers import parse_number
from ..units import COUNT_UNITS, UNIT_PATTERN, lookup
from .document import Candidate, Doc
from .patterns import (
    CLAUSE_STOPS,
    CN_NUM,
    COORDINATED_RE,
    FOLLOW_OK,
    NUM_A,
    PCT_NOUN_OK,
    PCT_VERB_OK,
    SHARE_LEAD_RE,
    VALUE_RE,
    YEAR_RE,
)
from .spans import clause_start
from .subject import strip_years

_ENTITY = r"(?:企业|单位|项目|用户|机组|锅炉|设施|园区|工程)"
_THRESHOLD_TAIL_RE = re.compile(r"(?:的)?(?:(?:或|和|及|、)[^，。；,;：:]{0,24}?)?(?:的)?(?:重点)?(?:用能|排放|耗能|工业|规模以上)?"
                                + _ENTITY)
_ENTITY_BRACKET_RE = re.compile(_ENTITY + r"[(（][^()（）]{0,20}$")
# 70%以上的单位建成节水型单位 / 80%以上的企业具备…能力: a share of the entities that achieve something
_SHARE_OF_ENTITIES_RE = re.compile(r"的?[\u4e00-\u9fff]{0,8}?" + _ENTITY + r"(?:均|都|要)?(?:建成|达到|具备|创建|实现|通过|完成)")
# 中长距离运输（运距500公里以上）/ 大型数据中心（机架数量3000个以上）: a bracket that defines the noun before it
_NOUN_BRACKET_RE = re.compile(r"[\u4e00-\u9fff][(（](?![^()（）]*\d{4}\s?年)"
                              r"(?!达到|提高|提升|超过|不低于|不少于|不超过|控制|力争|确保|实现|降低|下降|增长|累计|新增|约|其中)"
                              r"[\u4e00-\u9fff]{2,8}$")  # not （达到500万千瓦以上）: an aim in brackets


# the values a change is measured from, right after its base year: 比2010年的1.034吨标准煤 / 较2020年的2551.7万吨、
_BASE_VALUE_RE = re.compile(r"(?:比|较|相比|相较)\s?(?:19|20)\d{2}\s?年(?:末|底)?的(?:\s?\d+(?:\.\d+)?[^\d，,。；;、]{0,8}、)*\s?$")


_ADVERB_AFTER_RE = re.compile(r"(?:以上)?(?:地|的)?(?:完成|落实|实现|覆盖|用于|执行|达标|兑现|到位)")


def make_value(doc: Doc, m: re.Match[str], lo: int, hi: int) -> Candidate | None:
    norm = doc.norm
    suffix = (m.group("suf") or "").replace("\u3000", "").strip()
    if m.group("n2") is not None:
        low = parse_number(m.group("n1"))
        high = parse_number(m.group("n2"))
        unit = m.group("u2")
        if m.group("m1") and not unit.startswith(m.group("m1")):
            return None  # 1万—3000辆: ends written on different scales
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
    elif m.group("round") is not None:
        if m.group("round") == "万":
            low = high = 1.0  # 万种 is a unit of its own (1万种), as 1万种 reads
            unit = "万" + m.group("ru")
        else:
            low = high = 100.0 if m.group("round") == "百" else 1000.0
            unit = m.group("ru")
        chinese = False  # a round number in words, not a numeral that could be part of a name
    elif (m.group("pc") is not None or m.group("half") is not None) and _ADVERB_AFTER_RE.match(norm, m.end()):
        return None  # 确保百分之百完成年度任务 / 一半以上用于…: an adverb of the verb, not a value
    elif m.group("pc") is not None or m.group("half") is not None:
        low = high = parse_number(m.group("pc")) if m.group("pc") is not None else _fraction(m.group("half"))
        unit = "%"
        chinese = True
    else:
        low = high = parse_number(m.group("cn"))
        unit = m.group("cu")
        chinese = True
        if m.group("cn") in ("百", "千", "万", "亿"):
            return None  # 光伏装机 万千瓦 1517 2762: a unit cell (万 + 千瓦), not the number 10000
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
    if suffix in ("以上", "以下", "及以上", "及以下") and not (unit == "%" and _SHARE_OF_ENTITIES_RE.match(norm, end, hi)) and (
            _THRESHOLD_TAIL_RE.match(norm, end, hi) or _ENTITY_BRACKET_RE.search(norm[max(lo, start - 30):start])
            or _NOUN_BRACKET_RE.search(norm[max(lo, start - 16):start])):
        # 年综合能源消费量5000吨标准煤以上或排放1.3万吨以上企业 / 重大项目（综合能耗1万吨标煤以上）:
        # a threshold that picks out whom the measure concerns, not an aim
        return None
    nxt = norm[end:end + 1]
    if norm[end:end + 1] == "/" and norm[end + 1:end + 2].isdigit() and paired_value(doc, m, hi) is None:
        return None  # 3/4, 10/20千伏: a fraction or a ratio, not a value
    if _BASE_VALUE_RE.search(norm, max(lo, start - 40), start):
        return None  # 比2010年的2551.7万吨、2267.8万吨分别下降8%: the base year's values, not aims
    if norm.startswith(("的目标", "的任务", "的要求", "的水平", "目标", "任务要求"), end):  # 20%左右任务要求
        return Candidate(start, end, low, high, unit, suffix, chinese)
    if unit == "%" and (norm.startswith(PCT_NOUN_OK, end) or (not suffix and norm.startswith(PCT_VERB_OK, end))):
        # 达到75%节能要求 / 执行75%节能标准 / 新建建筑100%执行绿色建筑标准
        if norm.startswith(PCT_NOUN_OK, end):
            return Candidate(start, end, low, high, unit, suffix, chinese, noun_end=noun_end(doc, end, hi), pct_noun=True)
        return Candidate(start, end, low, high, unit, suffix, chinese)
    if unit == "%" and nxt and (nxt == "的" or "\u4e00" <= nxt <= "\u9fff") and not norm.startswith(
            PCT_VERB_OK, end) and clause_initial(doc, start, lo):
        return Candidate(start, end, low, high, unit, suffix, chinese, share_of=True)
    if nxt == "的" and (not suffix or suffix in ("以上", "左右")) and not chinese:
        # 具备5%以上的尖峰负荷响应能力 (kept only after 具备/形成/达到, see _emit_group)
        return Candidate(start, end, low, high, unit, suffix, chinese, noun_end=noun_end(doc, end + 1, hi), de=True)
    if nxt in "“\"《" and "\u4e00" <= norm[end + 1:end + 2] <= "\u9fff" and unit in COUNT_UNITS and suffix in ("", "左右", "以上"):
        # 建成3个“无废城市”: a count before its quoted noun (kept only after a build verb)
        return Candidate(start, end, low, high, unit, suffix, chinese, noun_end=noun_end(doc, end, hi))
    if nxt and nxt not in FOLLOW_OK:
        if nxt in "的级型倍期年号条款项次章":
            return None
        if "\u4e00" <= nxt <= "\u9fff" or nxt.isalnum():
            if suffix in ("", "左右", "以上") and (low >= 2 or not chinese) and (unit in COUNT_UNITS or not chinese) \
                    and unit != "%":
                # 培育100个智能建造产业基地 / 建设约160万千瓦燃机 (kept only after a build verb)
                return Candidate(start, end, low, high, unit, suffix, chinese, noun_end=noun_end(doc, end, hi))
            return None
    prev = norm[start - 1:start] if start > lo else ""
    if prev in ("第", "〔", "[", "【", "#", "№"):
        return None
    return Candidate(start, end, low, high, unit, suffix, chinese)


_PAIR_RE = re.compile(rf"/\s?(?P<n>{NUM_A})\s?(?P<u>{UNIT_PATTERN})(?P<suf>\s?(?:以上|以下|以内|左右))?")


def paired_value(doc: Doc, m: re.Match[str], hi: int) -> Candidate | None:
    """The second value of a two-unit pair (储能规模200万千瓦/400万千瓦时: power and energy of the
    same plant), or None. Both units must be known and measure different things; a ratio of the
    same unit (10/20千伏) is no pair. Rejected: dropping the pair, which lost storage targets."""
    if m.group("n") is None:
        return None
    pm = _PAIR_RE.match(doc.norm, m.end(), hi)
    if pm is None:
        return None
    a, b = lookup(m.group("u")), lookup(pm.group("u"))
    if a is None or b is None or a.normalized == b.normalized:
        return None
    value = parse_number(pm.group("n"))
    if value is None:
        return None
    return Candidate(pm.start("n"), pm.end(), value, value, pm.group("u"), (pm.group("suf") or "").replace("\u3000", "").strip(), False,
                     second_unit=True)


def clause_initial(doc: Doc, pos: int, lo: int) -> bool:
    """True when only a year phrase (or nothing) precedes pos in its clause."""
    cs = clause_start(doc.norm, pos, lo)
    head = doc.norm[cs:pos]
    bare = SHARE_LEAD_RE.sub("", strip_years(head).strip(" ，,"))
    return (not bare or COORDINATED_RE.search(bare) is not None or SCOPE_THEN_AIM_RE.match(bare) is not None) \
        and not re.search(r"[\d%]", YEAR_RE.sub("", head))


# 中央和国家机关本级力争70%以上的单位…: whose share it is, then the firmness word, then the share
SCOPE_THEN_AIM_RE = re.compile(r"^[\u4e00-\u9fff、]{2,16}(?:力争|确保|争取)$")


def bare_value(doc: Doc, m: re.Match[str], lo: int, hi: int) -> Candidate | None:
    """A number without unit right after a comparator verb: PUE不高于1.3, 比值控制在0.6."""
    norm = doc.norm
    start, end = m.start(), m.end()
    suffix = next((w for w in ("以下", "以上", "以内", "左右") if norm.startswith(w, end)), "")
    end += len(suffix)  # PUE值降到1.3以下: a unit-less value keeps its comparator word
    if norm[end:end + 1] not in FOLLOW_OK or norm[end:end + 1] in "和、及与或":
        if end < hi:
            return None
    if VALUE_RE.match(norm, start) or norm[end:end + 1] == "年":
        return None
    seg = norm[max(lo, start - 5):start].rstrip()  # 不高于 1.3: a web page's space before the number
    if not seg.endswith(("不高于", "不低于", "不超过", "达到", "降至", "降到", "控制在", "低于", "高于", "提高到",
                         "下降到", "下降至", "降低到", "降低至", "提升到", "提升至", "提高至", "优于", "小于", "大于",
                         "不大于", "不小于", "达", "≥", "≤")):
        return None
    value = parse_number(m.group("n"))
    if value is None:
        return None
    return Candidate(start, end, value, value, "", suffix, False)


def noun_end(doc: Doc, pos: int, hi: int) -> int:
    norm = doc.norm
    i = pos
    ceil = min(hi, pos + 30)
    while i < ceil and norm[i] not in CLAUSE_STOPS and norm[i] not in "、（(":
        if norm[i] == "和" and i + 1 < ceil and (norm[i + 1].isdigit() or norm[i + 1] in CN_NUM):
            break
        i += 1
    return i


def unit_family(unit: str) -> str:
    u = lookup(unit) if unit else None
    return u.family if u is not None else ""


def _fraction(words: str) -> float:
    """一半 → 50, 四分之一 → 25, 三分之二 → 66.7: a share in words, as a percentage (one decimal, as the
    documents round). Read only after a comparator (超过, 达到, 占), where it cannot be part of a name."""
    if words == "一半":
        return 50.0
    whole, part = words.split("分之")
    return round(100 * (parse_number(part) or 0) / (parse_number(whole) or 1), 1)
