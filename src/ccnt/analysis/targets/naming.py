"""Indicator naming: the catalogue code a subject names, only where an entry truly fits."""

from __future__ import annotations

import re

from ..indicators import IndicatorCatalogue, fold_wording
from ..types import Target
from ..units import lookup
from .document import Doc, Previous
from .patterns import METRIC_HEADS, QUALIFIER_RE, SCOPE_END, SCOPE_START


def resolve(doc: Doc, a: int, b: int, stripped: str, prev: Previous | None, fam: str, metric: str,
             same_sentence: bool, window: str = "", vstart: int = 0):
    """The indicator of a subject text[a:b]: (code, mention or None)."""
    cat, norm = doc.cat, doc.norm
    if not stripped and prev is not None:
        return prev.code, None
    # a mention may run into the verb (改造后实现整体能效提升20%: 整体能效提升)
    mentions = [m for m in cat.find_all(norm, a, max(b, vstart)) if m.start < b] if vstart else cat.find_all(norm, a, b)
    ordered = nearest_first(mentions)
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
    if prev is not None and same_sentence and stripped and not stripped.endswith(METRIC_HEADS) \
            and len(stripped) <= 8 and (stripped.startswith(SCOPE_START) or stripped.endswith(SCOPE_END)):
        return prev.code, None  # 其他区域不低于80%: a new scope, the same indicator
    if ordered:
        return ordered[0].code, ordered[0]
    return "other", None


def item_code(doc: Doc, items: list[tuple[int, int]], k: int, fam: str = "", metric: str = "level") -> str:
    norm, cat = doc.norm, doc.cat
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
    for m in nearest_first(cat.find_all(norm, a, b)):
        if cat.compatible(m.code, fam, metric):
            return m.code
    if k == len(items) - 1 and "总" in item:
        for m in nearest_first(cat.find_all(item.replace("总", ""))):
            if cat.compatible(m.code, fam, metric):
                return m.code
    if head_code is not None:
        return head_code  # 单位电石、甲醇生产综合能耗: the head names the indicator
    fz = cat.fuzzy(item, fam, metric)
    if fz is not None:
        return fz[0]
    return "other"


def all_complete(doc: Doc, items: list[tuple[int, int]]) -> bool:
    for a, b in items:
        item = doc.norm[a:b]
        if len(item) < 4 or not item.endswith(METRIC_HEADS):
            return False
    return True


def nearest_first(mentions: list) -> list:
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


# words around a catalogue alias that do not change the quantity it names
_SHARE_AFTER_RE = re.compile(r"车?(?:占比|比重|比例)$")
_NEUTRAL_BEFORE_RE = re.compile(r"^(?:全省|全市|全区|全县|全国|本市|本省|我省|我市|各地|新增|累计|年度|年|当年|主要|总)*$")
# after an alias: the amount's own head words, or a share word (新能源车 + 占比): the family check
# (``compatible``) keeps 比重 after an amount's alias from passing for that amount
_NEUTRAL_AFTER_RE = re.compile(r"^(?:并网|总|年)?(?:容量|规模|总规模|装机规模|总量|量|能力|水平|指标|值|面积|(?:车辆|汽车|车)?(?:占比|比重|比例)|"
                               r"(?:推广应用|示范应用|示范运行|推广|应用|运行)(?:规模|数量|总量)|"
                               r"量?(?:年均)?(?:削减|下降|降低|提高|增长)(?:率|幅度))?$")  # …排放量年均削减率: its change




# siting words that split a source only where the catalogue keeps the split (分布式光伏 has its own entry,
# so 集中式光伏 is not all solar; no entry splits storage, so 集中式新型储能 is new-type storage)
_SITING = {"集中式": "分布式", "分布式": "集中式"}


def _siting_only(cat, before: str, alias: str) -> bool:
    """True when the only qualifier before the alias is a siting word the catalogue does not split."""
    word = next((w for w in _SITING if before.endswith(w) or before.rstrip("新增全省市区").endswith(w)), None)
    if word is None or QUALIFIER_RE.search(before.replace(word, "")):
        return False
    return not any(w in m.alias for w in (word, _SITING[word]) for m in cat.find_all(w + alias))


def fits(subject: str, start: int, end: int, cat=None) -> bool:
    """An alias found at subject[start:end] names the subject's quantity only when the words
    around it are neutral (全省, 新增, 规模): a qualifier (海上风电 for 风电, 自然湿地 for 湿地,
    工业二氧化硫 for 二氧化硫) makes it a different quantity."""
    before = subject[:start]
    if subject.startswith("单位产品", start) and _NEUTRAL_AFTER_RE.match(subject[end:]):
        return True  # 水泥熟料单位产品综合能耗: the product named before is what the alias asks for
    scope = before.endswith(SCOPE_END)  # 城区常住人口100万以上的城市绿色出行比例: a scope says where, not what
    # 城镇新建建筑中星级绿色建筑占比: a share's whole (X中) says of what, not which quantity
    scope = scope or (before.endswith("中") and subject.endswith(("占比", "比例", "比重")))
    plain = scope or _NEUTRAL_BEFORE_RE.match(before) or not QUALIFIER_RE.search(before) or (
        cat is not None and _siting_only(cat, before, subject[start:end]))
    return bool(plain and _NEUTRAL_AFTER_RE.match(subject[end:]))


def name_subject(doc: Doc, subject: str, proposed: str, fam: str, metric: str) -> str:
    """The catalogue code for a subject phrase, or ``other``: the code of an alias that covers the
    subject up to neutral words; failing that, the code the clause rules proposed when the subject
    does not mention any alias at all (an elliptic subject inherits its neighbour's code).
    Rejected: the nearest alias anywhere in the clause, which named 海上风电装机规模 风电装机容量
    and 工业二氧化硫排放 二氧化碳排放."""
    if not subject or proposed == "other" and not subject:
        return proposed
    cat = doc.cat
    for phrase in dict.fromkeys((subject, fold_wording(subject), _GLOSS_RE.sub("", subject))):
        for m in nearest_first(cat.find_all(phrase)):
            if _SHARE_AFTER_RE.match(phrase[m.end:]) and getattr(cat.get(m.code), "unit_family", "") != "share":
                continue  # 绿色贷款 + 占比: the share of an amount is not the amount
            if cat.compatible(m.code, fam, metric) and (fits(phrase, m.start, m.end, cat) or _named_by(cat, m.code, phrase, m)):
                return m.code
    if fam == "share" and "占" in subject:
        # 新开工装配式建筑占城镇新建民用建筑30%以上: the part's alias names an entry that is itself a
        # share of a whole (装配式建筑占新建建筑比例), whatever words the text uses for the whole
        part = subject.split("占", 1)[0]
        for m in nearest_first(cat.find_all(part)):
            ind = cat.get(m.code)
            if ind is not None and ind.unit_family == "share" and "占" in ind.name_zh and m.end == len(part) \
                    and fits(part, m.start, m.end, cat):
                return m.code
    if fam == "power" and not subject.endswith(("装机", "容量", "规模")):
        # 水电 1866万千瓦 / 光伏发电达到1500万千瓦: a power value of a source is its installed capacity
        phrase = subject + "装机"
        for m in nearest_first(cat.find_all(phrase)):
            if m.end == len(phrase) and cat.compatible(m.code, fam, metric) and fits(phrase, m.start, m.end):
                return m.code
    if proposed != "other" and not any(m.code == proposed for ph in (subject, fold_wording(subject))
                                       for m in cat.find_all(ph)) and not _foreign_kind(cat, proposed, subject):
        return proposed  # the clause rules named it from context (the noun after the value, the previous item)
    return "other"


# what is measured, by kind: a subject of one kind is never named by an entry of another
_KINDS = ("污染物", "可吸入颗粒物", "二氧化碳", "碳排放", "林地", "湿地", "草原", "耕地")


def _foreign_kind(cat: IndicatorCatalogue, code: str, subject: str) -> bool:
    """The subject says what it measures (主要污染物排放强度) and the proposed entry measures something
    else (单位GDP二氧化碳排放): a code guessed from context must not rename the quantity. Rejected:
    trusting the context whenever the subject names no alias, which called 污染物排放强度 carbon intensity."""
    ind = cat.get(code)
    if ind is None:
        return False
    said = next((k for k in _KINDS if k in subject), None)
    return said is not None and said not in ind.name_zh and not any(said in a for a in ind.aliases)


# a gloss in brackets names the same thing again (细颗粒物（PM2.5）, 电能利用效率(PUE)): never a qualifier
# and so does a definition (电能利用效率（PUE，指数据中心总耗电量与信息设备耗电量的比值）)
_GLOSS_RE = re.compile(r"[(（](?!含|不含|包括|除)(?:[^()（）]{1,16}|[^()（）]{0,12}[,，]?指[^()（）]{1,40})[)）]")
_AVERAGING_RE = re.compile(r"^(?:年均|年平均|平均)")


def _named_by(cat, code: str, phrase: str, m) -> bool:
    """The words around the alias are part of the entry's own name: before it (数据中心 + PUE for
    数据中心电能利用效率(PUE)) the qualifier is the one the code already means; after it, the
    name's own head (细颗粒物 + 年均浓度 for 细颗粒物浓度), an averaging word aside."""
    ind = cat.get(code)
    if ind is None:
        return False
    before, after = phrase[:m.start], phrase[m.end:]
    if before and before in ind.name_zh and _NEUTRAL_AFTER_RE.match(after):
        return True
    head = _AVERAGING_RE.sub("", after)
    # 地级及以上城市 + PM2.5 + 平均浓度: a scope before the alias says where, not what
    plain = not before or before.endswith(SCOPE_END) or _NEUTRAL_BEFORE_RE.match(before)
    return bool(plain and head and ind.name_zh.endswith(head) and len(head) < len(ind.name_zh))


_PER_PRODUCT_UNITS = ("gce/t", "tce/t", "kgce/t")
_PER_PRODUCT_CODE = "unit_product_energy_intensity"


def name_by_unit(doc: Doc, targets: list[Target]) -> None:
    """Name an energy use per ton of product (水泥熟料综合能耗 105千克标准煤/吨, 乙烯综合能耗 790千克标准煤/吨)
    by its unit: whatever the product, a 能耗 measured per ton is the catalogue's unit-product energy
    intensity. Rejected: an alias per product (吨钢, 水泥熟料, 乙烯, 合成氨 …), which never ends."""
    ind = doc.cat.get(_PER_PRODUCT_CODE)
    if ind is None:
        return
    for t in targets:
        unit = lookup(t.unit) if t.unit else None
        if (t.indicator == "other" and unit is not None and unit.normalized in _PER_PRODUCT_UNITS
                and t.subject.endswith("能耗")):
            t.indicator, t.indicator_name = _PER_PRODUCT_CODE, ind.name_zh
            if t.direction == "level":
                t.direction = ind.better
