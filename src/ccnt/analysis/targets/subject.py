"""The subject of a target: where it starts after year phrases and adverbs, the subject without
them, and the items of a parallel subject (A、B和C分别…)."""

from __future__ import annotations

import re
import threading

from .patterns import BASE_RE, METRIC_HEADS, PERIOD_RE, SUBJECT_FILLER_RE, YEAR_RE


def subject_lead(norm: str, a: int, b: int) -> int:
    """Where the subject of text[a:b] starts, after punctuation, year phrases and adverbs."""
    m = SUBJECT_FILLER_RE.match(norm, a, b)
    return m.end() if m else a


_YEAR_RANGE_RE = re.compile(r"(?:19|20)\d{2}\s?年?\s?(?:—|-|－|~|至|到)+\s?(?:19|20)\d{2}\s?年(?:期间|间|内)?(?:每年)?")


def strip_years(subject: str) -> str:
    """The subject without year phrases and fillers ('' when elliptic: 到2030年，力争达到…)."""
    s = _YEAR_RANGE_RE.sub("", subject)  # 2022—2025年每年…: the range as a whole, not its second year alone
    s = YEAR_RE.sub("", s)
    s = PERIOD_RE.sub(lambda m: "" if m.group("post") else m.group(0), s)
    m = SUBJECT_FILLER_RE.match(s)
    if m:
        s = s[m.end():]
    return s.strip(" ，,、")


def split_items(norm: str, a: int, b: int, n: int | None) -> list[tuple[int, int]] | None:
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
    for splitter in (r"、", r"、|和|及(?!以上|以下|其)|与|以及"):  # 地级及以上城市 is one scope, not two items
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


# what a subject phrase never keeps: scope words, base-year phrases, adverbs and verbs at its ends
_SUBJECT_HEAD_NOISE_RE = re.compile(
    r"^(?:[①-⑳]|\d{1,2}\s?[.．、](?!\d)|[(（][\d一二三四五六七八九十]{1,3}[)）]|[，,、\s：:“”\"（）()]|的|其中|届时|同时|以及|使|让|推动|推进|促进|提出|明确|要求|相当于|计划(?!单列)|预计|实现|完成|确保|力争|争取|努力|进一步|全面|"
    r"全省|全市|全区|全县|全国|本市|本省|本区|本县|我省|我市|我区|我县|各地区|各地|各级|当年|"
    r"(?:到|至|在|于)?(?:19|20)\d{2}\s?年(?:底前|末前|以前|之前|底|末|前)?|"
    r"[“\"]?十[一二三四五六]五[”\"]?(?:期间|时期|期末|末期|末)?)+"
)
_SUBJECT_TAIL_NOISE_RE = re.compile(
    r"(?:[，,、\s：:“]|的|要|将|应|须|必须|需|分别|均|各|总体|整体|力争|确保|争取|努力|进一步|基本|稳定|持续|逐步|"
    r"(?:比|较|相比|相较|与)\s?(?:19|20)\d{2}\s?年(?:末|底)?(?:相比)?|(?:19|20)\d{2}\s?年(?:的)?(?:基础上|水平上|相比)|"
    r"在|控制|保持|累计|普遍|折合|约|近|共|共计|合计|总计|目标|同比|比上年|净|以)+$"
)
_ALIAS_NOTE_RE = re.compile(r"[（(]\s*(?:以下简称|简称|下同|含|不含|包括)[^）)]{0,20}[）)]")


_INNER_AIM_RE = re.compile(r"(?<=[\u4e00-\u9fff])(?:力争|确保|争取|努力)(?:实现|达到)?(?=[\u4e00-\u9fff]{2})")


def clean_subject(raw: str) -> str:
    """The subject phrase as written, without year phrases, scope words (全省, 其中), base-year
    phrases (比2020年), adverbs and verbs at its ends, or an alias note (（以下简称“碳排放”）).
    Qualifiers (sector, pollutant, fuel, vehicle type, 新增, 城镇) are kept: they are the subject.

    >>> clean_subject("到2025年，全省非化石能源消费比重")
    '非化石能源消费比重'
    >>> clean_subject("单位地区生产总值二氧化碳排放比2020年")
    '单位地区生产总值二氧化碳排放'
    """
    s = _ALIAS_NOTE_RE.sub("", (raw or "").replace("\u3000", ""))  # a wrapped line's join (extractor.WRAP_JOIN)
    s = BASE_RE.sub("", s)  # 能耗比 2020 年: the base-year phrase is not the subject
    s = strip_years(s)
    prev = None
    while prev != s:
        prev = s
        s = _SUBJECT_HEAD_NOISE_RE.sub("", s)
        s = _SUBJECT_TAIL_NOISE_RE.sub("", s)
    s = s.strip(" ，,、；;：:")
    # 可安装光伏屋顶面积力争实现光伏覆盖率: an aim's adverb and verb inside the phrase join scope and metric
    s = _INNER_AIM_RE.sub("", s)
    etc = s.rfind("等")
    if 0 < etc < len(s) - 2 and "、" in s[:etc]:
        s = s[etc + 1:]  # 废钢铁、废铜…等9种主要再生资源循环利用量: the category, not the list
    if s.count("“") != s.count("”"):
        s = s.replace("“", "").replace("”", "")
    for opening, closing in (("（", "）"), ("(", ")")):
        if s.count(opening) > s.count(closing):
            cut = s.rfind(opening)
            inner = clean_subject(s[cut + 1:]) if cut >= 0 else ""
            # 进程（2021年完成营造林30万亩: the bracket holds a clause of its own, its subject is inside;
            # 单位GDP能耗（比2020年下降13.5%: a value noted after its subject, the subject is before
            s = inner if len(inner) >= 2 else (s[:cut] if cut > 0 else s.replace(opening, ""))
    return s


_SHARED_TAIL_START_RE = re.compile(r"行业|领域|产业|企业|新车|机组|项目|单位")
# words a metric phrase starts with (综合利用率, 利用率, 装机容量, 消费比重): where a shared tail begins
# when the last item is longer than the one completed (风电、光伏发电利用率 → 风电利用率, not 风电发电利用率)
_METRIC_START_RE = re.compile(r"重点工程|减排|削减|浓度|综合|无害化|资源化|利用|装机|消费|排放|回收|处理|处置|覆盖|普及|渗透|使用|产量|产值|规模|容量|比重|占比|"
                              r"比例|总量|强度|面积|能耗|达标")


def complete_items(items: list[str], catalogue=None) -> list[str]:
    """Items of a parallel subject, each completed with the head the last one carries:
    再生铜、再生铝和再生铅产量 → 再生铜产量 / 再生铝产量 / 再生铅产量; 乘用车和商用车新车二氧化碳排放强度
    → 乘用车新车二氧化碳排放强度 / …; an item that already ends with a metric word keeps its own words.
    The shared tail starts at a sector word of the last item (行业, 领域) when there is one, otherwise
    where the last item's own noun ends, taken as long as the item being completed (parallel items are
    written alike). Rejected: catalogue look-ups, which leave the uncatalogued items bare."""
    if len(items) < 2:
        return list(items)
    last = items[-1]
    out = []
    for item in items[:-1]:
        # 化学需氧量、氨氮重点工程减排量: a pollutant named 需氧量 is no metric of its own
        if (item.endswith(METRIC_HEADS) and not item.endswith("需氧量")) or len(last) <= len(item):
            out.append(item)
            continue
        joined = _join_by_catalogue(item, last, catalogue) if catalogue is not None else None
        if joined is not None:
            out.append(joined)
            continue
        m = _SHARED_TAIL_START_RE.search(last, 1)
        h = _METRIC_START_RE.search(last, 1)
        k = len(item)
        if m is not None and m.start() <= k + 2:
            tail = last[m.start():]
        elif h is not None and last[k:h.start()] in _OWN_NOUN_ENDS:
            tail = last[h.start():]  # 水电、光伏发电利用率: 光伏发电 is the last item's own noun
        elif word_boundary(last, k) and not last.startswith(("等", "和", "及"), k):
            tail = last[k:]  # 城市、县城生活垃圾无害化处理率: the parallel noun is as long as the item
        elif m is not None and last.startswith("等", k):
            tail = last[m.start():]  # 钢铁、水泥、玻璃等重点行业单位产品能耗 → 钢铁行业单位产品能耗
        elif h is not None:
            tail = last[h.start():]  # 氨氮、挥发性有机物重点工程减排量: 挥发|性 is no word boundary
        else:
            tail = ""  # no tail found: the item as written, never a cut word (氨氮性有机物…)
        out.append(item + tail)
    out.append(last)
    first = items[0]
    per = _PER_UNIT_RE.match(first)
    for k in range(1, len(out)):
        joined = _prefix_by_catalogue(first, out[k], catalogue) if catalogue is not None else None
        if joined is None and per is not None and len(out[k]) <= 8 and _PER_UNIT_ITEM_RE.search(out[k]) \
                and not _OWN_PER_RE.search(out[k]):
            joined = per.group(0) + out[k]  # 万元地区生产总值能耗、水耗 → 万元地区生产总值水耗
        out[k] = joined or out[k]
    return out


# the "per unit of" head a list of intensities shares with its first item
# an item that reads as an intensity once the head is given (水耗, 二氧化碳排放, 用水量); never a total,
# a concentration or a share (能源消费总量, PM2.5浓度, 比重)
_PER_UNIT_ITEM_RE = re.compile(r"(?:耗|排放|用水量|用地|碳排放强度)$")
_OWN_PER_RE = re.compile(r"单位|万元|人均|亩均|户均|吨|每|平均")  # an item that says per what it is measured
_PER_UNIT_RE = re.compile(r"^(?:单位|每万元|万元)(?:地区|国内)?(?:生产总值|GDP|工业增加值|增加值)|^单位(?:建筑面积|产品)")


_segmenter = None
_segmenter_lock = threading.Lock()
# words that end a source's own noun (光伏发电, 生物质发电), never a qualifier the list shares
_OWN_NOUN_ENDS = ("发电", "发电的")


def word_boundary(phrase: str, k: int) -> bool:
    """Position ``k`` of ``phrase`` falls between two words as jieba cuts it (县城|生活垃圾…, not 挥发|性).
    jieba loads its dictionary on first use, so a text without a parallel subject never pays for it.
    Rejected: character classes alone, which cannot tell 挥发性有机物 from 县城生活垃圾."""
    global _segmenter
    if _segmenter is None:
        with _segmenter_lock:
            if _segmenter is None:
                import logging
                import warnings

                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")  # jieba imports pkg_resources
                    import jieba
                jieba.setLogLevel(logging.WARNING)
                _segmenter = jieba.Tokenizer()
    pos = 0
    for token in _segmenter.cut(phrase, HMM=False):
        if pos >= k:
            break
        pos += len(token)
    return pos == k


def _prefix_by_catalogue(first: str, item: str, catalogue) -> str | None:
    """The head of the first item + a later, short item when that makes a catalogue alias across the
    join (单位GDP能源消耗、用水量 → 单位GDP用水量), or None."""
    for cut in range(len(first) - 1, 0, -1):
        candidate = first[:cut] + item
        for m in catalogue.find_all(candidate):
            if m.start < cut < m.end and m.end >= len(candidate) - 1:
                return candidate
    return None


def _join_by_catalogue(item: str, last: str, catalogue) -> str | None:
    """item + the shortest tail of ``last`` that makes a catalogue alias across the join
    (光伏 + 发电装机容量 → 光伏发电装机容量), or None."""
    for cut in range(1, len(last)):
        candidate = item + last[cut:]
        for m in catalogue.find_all(candidate):
            if m.start < len(item) < m.end:
                return candidate
    return None
