"""Jurisdiction: whose policy is it? Issuer first, then the title, then strong cues in the text.

* issuers — national bodies (国务院, ministries, 中共中央) → 100000; a local body → its place
  (江苏省人民政府 → 320000, 济南市发改委 → 370100, 北京市通州区经信局 → 110112). Joint issuance
  across places gives several jurisdictions, the lead issuer's first.
* title — the first place the title names as its own (济南市碳达峰实施方案, 关于开展深圳市…),
  the deepest of a chain (广州市黄埔区 → 黄埔区); a place that is the object of the policy
  (对口援助…, 同意…) does not count.
* text — only strong cues: a heading line naming a body (XX省人民政府关于…), the signature
  block, or 全省/本省 (全市/本市…) with the one place of that level the headings name. A bare
  mention inside the body never decides.
* default — a text with national cues (各省、自治区、直辖市, 全国) and none of the above is
  national (source ``default``); otherwise the jurisdiction stays empty for a curator.
"""

from __future__ import annotations

import re
import unicodedata

from .gazetteer import NATION_ADCODE, Gazetteer, Place
from .issuers import find_signature_blocks
from .textlines import lines_of
from .types import JurisdictionRef, PolicyAnalysis

_OBJECT_BEFORE = re.compile(r"(对口|援助|帮扶|援建|协作|合作|对接|同意|批复)$")
_LEVEL_WORDS = {
    "province": ("全省", "本省", "我省", "全区", "本区", "我区", "自治区"),
    "city": ("全市", "本市", "我市", "全州", "本州", "我州", "全盟"),
    "county": ("全县", "本县", "我县", "全区", "本区", "我区", "全旗"),
}


def places_of_authorities(names: list[str], gazetteer: Gazetteer) -> list[Place]:
    out: list[Place] = []
    for name in names:
        m = gazetteer.canonical_authority(name)
        place = None
        if m is not None:
            place = gazetteer.authority_place(m)
        else:
            # an unknown body: its leading place name (内蒙古包头市委 → 包头市)
            ms = gazetteer.find_places(re.sub(r"\s+", "", name))
            if ms and ms[0].start <= 2:
                chain = [ms[0]]
                for nxt in ms[1:]:
                    if nxt.start == chain[-1].end:
                        chain.append(nxt)
                place = chain[-1].place
        if place is not None and place.adcode not in {p.adcode for p in out}:
            out.append(place)
    return out


def title_places(title: str, gazetteer: Gazetteer) -> list[Place]:
    """Places the title names as its own, most specific of each chain, in order."""
    t = re.sub(r"[\s\u3000]+", "", unicodedata.normalize("NFKC", title))
    ms = [m for m in gazetteer.find_places(t) if m.place is not None and m.place.level != "national"]
    out: list[Place] = []
    i = 0
    while i < len(ms):
        m = ms[i]
        if _OBJECT_BEFORE.search(t[: m.start]):
            i += 1
            continue
        deepest = m.place
        j = i + 1
        # 广州市黄埔区, 内蒙古包头市: a child right after (or one space after) its parent
        while (
            j < len(ms)
            and ms[j].start - ms[j - 1].end <= 1
            and ms[j].place is not None
            and deepest.adcode in {a.adcode for a in gazetteer.ancestors(ms[j].place)}
        ):
            deepest = ms[j].place
            j += 1
        if deepest.adcode not in {p.adcode for p in out}:
            out.append(deepest)
        i = j
    return out


def _is_heading(line: str) -> bool:
    return len(line) <= 60 and not re.search(r"[。；;，,]", line)


def text_place(text: str, gazetteer: Gazetteer) -> Place | None:
    """Strong cues only (see module doc)."""
    lines = lines_of(text)
    # a heading naming a body: XX省人民政府关于… / XX市发展和改革委员会文件
    for ln in lines[:12]:
        if not _is_heading(ln.text):
            continue
        found = gazetteer.find_authorities(re.sub(r"\s+", "", ln.text))
        if found and found[0].start == 0:
            return gazetteer.authority_place(found[0])
    # a masthead naming a body the gazetteer does not know: 北京经济技术开发区管理委员会文件
    for ln in lines[:6]:
        head = re.sub(r"\s+", "", ln.text)
        if _is_heading(ln.text) and head.endswith("文件"):
            found = [m for m in gazetteer.find_places(head) if m.place is not None and m.start == 0]
            if found:
                return found[0].place
    # the signature block
    for block in find_signature_blocks(text, gazetteer):
        places = places_of_authorities(block.issuers, gazetteer)
        if places:
            return places[0]
    # 全省/本省 … with the single place of that level named in the headings
    heading_places: dict[str, list[Place]] = {}
    for ln in lines:
        if not _is_heading(ln.text):
            continue
        for m in gazetteer.find_places(ln.text):
            if m.place is not None and m.place.level in _LEVEL_WORDS:
                lst = heading_places.setdefault(m.place.level, [])
                if m.place.adcode not in {p.adcode for p in lst}:
                    lst.append(m.place)
    for level, words in _LEVEL_WORDS.items():
        cues = sum(text.count(w) for w in words)
        cands = heading_places.get(level, [])
        if cues >= 2 and len(cands) == 1:
            return cands[0]
    return None


def national_cues(text: str) -> tuple[int, int]:
    nat = len(
        re.findall(r"各省、自治区、直辖市|国务院各部委|全国|我国|各地区|各地方|中央企业|国家层面", text)
    )
    loc = sum(text.count(w) for words in _LEVEL_WORDS.values() for w in words)
    return nat, loc


# 江苏省印发《…》 / 杭州市人民政府办公厅近日印发了《…》: the place that opens a news-style summary
_NEWS_OPENER_RE = re.compile(r"(?P<place>[\u4e00-\u9fff]{2,12}?(?:省|市|自治区|区|县|州|盟))"
                             r"(?:人民政府)?(?:办公厅|办公室)?[\u4e00-\u9fff]{0,8}?(?:近日|日前|正式)?(?:印发|发布|出台)了?《")


# the first sentence reports who issued the text: 6月5日，我市印发《包头市…》 / 为…，山东省生态环境厅制定《…》
_ISSUED_RE = re.compile(r"(?P<actor>[^，,。；;《》\n]{0,80}?)(?:近日|日前|正式)?(?:印发|发布|出台|制定)了?"
                        r"《(?P<title>[^《》\n]{4,80})》")


_CITING_RE = re.compile(r"\s*(?:按照|根据|依据|遵照|对照|为|贯彻|落实|结合|参照)")


def announced_place(text: str, gazetteer: Gazetteer) -> Place | None:
    """The place of a text whose first sentence reports its issuing (a news-style summary):
    the place the announced title names as its own (我市印发《包头市…》, …发布《关于金融支持陕西省…》),
    else the place that opens the clause before the verb (山东省生态环境厅制定《…》).
    The title first, since a branch or a 我市 before the verb names no place or the wrong one
    (人民银行西安分行 acts for 陕西省). A wrapper's own title line (XX关于印发《…》的通知) is not a
    report: the issuer step reads it. Rejected: the first place anywhere in the sentence, which is
    as often a cited plan's (为贯彻落实《江苏省…》) as the text's own."""
    first = re.split(r"[。！？]", text[:300], maxsplit=1)[0]
    m = _ISSUED_RE.search(first)
    if m is None or "关于" in m.group("actor") or _CITING_RE.match(m.group("actor")):
        return None  # 按照省委、省政府印发《浙江省…》的部署: a plan cited, not the text announced
    tp = title_places(m.group("title"), gazetteer)
    if tp:
        return tp[0]
    ms = gazetteer.find_places(re.sub(r"\s+", "", m.group("actor")))
    return ms[0].place if ms and ms[0].start == 0 and ms[0].place is not None else None


# a 发文字号 opens with its issuer's abbreviation (津发改双碳〔2022〕93号); only the province-level
# abbreviations no city shares (宁: 宁夏 or 南京; 苏: 江苏 or 苏州; 青: 青海 or 青岛; 鄂: 湖北 or 鄂尔多斯;
# 甘: 甘肃 or 甘孜; 辽: 辽宁 or 辽源; 吉, 川, 云 left out)
_DOC_NUMBER_PROVINCES = {
    "京": "110000", "津": "120000", "沪": "310000", "渝": "500000", "冀": "130000", "晋": "140000",
    "黑": "230000", "浙": "330000", "皖": "340000", "闽": "350000", "赣": "360000",
    "鲁": "370000", "豫": "410000", "湘": "430000", "粤": "440000", "桂": "450000",
    "琼": "460000", "黔": "520000", "滇": "530000", "藏": "540000", "陕": "610000",
}


def doc_number_place(doc_number: str, gazetteer: Gazetteer) -> Place | None:
    """The province a 发文字号's first character names, or None (国发, 发改…: national or unknown). The last
    cue before the national default, and only for abbreviations no city shares. Rejected: every
    province's abbreviation, which called 鄂府发 (鄂尔多斯) Hubei's and 宁政发 (南京) Ningxia's."""
    code = _DOC_NUMBER_PROVINCES.get(doc_number[:1]) if doc_number else None
    return gazetteer.place(code) if code else None


# the addressee line of a notice (各设区市生态环境局：): whom it is sent to says who sends it
_ADDRESSEE_RE = re.compile(r"(?:^|\n)\s*(各[^\n：:]{1,60})[：:]")
_TO_CITIES_RE = re.compile(r"^各(?:设区的?市|地级市|市|州|盟|地市|市州)")
_TO_COUNTIES_RE = re.compile(r"^各(?:县|区|县（市、区）|县\(市、区\)|县市区|区县|旗|街道|乡镇)")


def addressed_locally(text: str) -> str:
    """The level of the body a notice's addressees imply: "province" for one sent to its cities (各设区市…：,
    各市、县（市、区）…：), "city" for one sent to its counties or districts (各县（市、区）…：), else "".
    A notice to 各省、自治区、直辖市 is the nation's. Rejected: the national default for every text that
    names no place, which called a province's notice to its cities national."""
    m = _ADDRESSEE_RE.search(text[:400])
    if m is None:
        return ""
    to = m.group(1)
    if to.startswith(("各省", "各自治区", "各直辖市")) or "国务院" in to or "中央" in to:
        return ""
    if _TO_CITIES_RE.match(to):
        return "province"
    if _TO_COUNTIES_RE.match(to):
        return "city"
    return ""


def cited_province(text: str, gazetteer: Gazetteer) -> Place | None:
    """The one province the text's cited titles name (根据《浙江省农村公路养护管理办法》), or None."""
    found = {p.adcode: p for title in re.findall(r"《([^《》]{2,60})》", text[:600])
             for p in title_places(title, gazetteer)[:1] if p.level == "province"}
    return next(iter(found.values())) if len(found) == 1 else None


def resolve(pa: PolicyAnalysis, gazetteer: Gazetteer) -> tuple[list[JurisdictionRef], str]:
    # 1. issuers
    places = places_of_authorities(pa.issuers, gazetteer)
    if places:
        return [p.ref("issuer") for p in places], "issuer"
    # 2. a news-style summary opening "X省印发《…》": X issued it
    opener = _NEWS_OPENER_RE.match(pa.text[:200].lstrip()[:80])  # never copy a whole long text
    if opener:
        op = title_places(opener.group("place"), gazetteer)
        if op:
            return [op[0].ref("text")], "text"
    # a first sentence that reports the issuing (我市印发《包头市…》): its title is the real one
    announced = announced_place(pa.text, gazetteer)
    if announced is not None:
        return [announced.ref("text")], "text"
    # 3. title (the wrapped policy's, then the notice's)
    for title in (pa.title, pa.notice_title):
        if title:
            tp = title_places(title, gazetteer)
            if tp:
                return [p.ref("title") for p in tp[:1]] + [
                    p.ref("title") for p in tp[1:] if p.level == tp[0].level and _joined(title, tp)
                ], "title"
    # 4. strong cues in the text: a heading, a signature
    p = text_place(pa.text, gazetteer)
    if p is not None:
        return [p.ref("text")], "text"
    # 5. the document number's province
    p = doc_number_place(pa.doc_number, gazetteer)
    if p is not None:
        return [p.ref("doc_number")], "doc_number"
    # 6. the addressees: a notice to 各设区市 / 各县（市、区） comes from a province or a city, never the nation
    local = addressed_locally(pa.text)
    if local:
        cited = cited_province(pa.text, gazetteer) if local == "province" else None
        return ([cited.ref("text")], "text") if cited is not None else ([], "")
    # 7. default
    nat, loc = national_cues(pa.text)
    if nat >= loc or (nat > 0 and loc <= 2):
        ref = gazetteer.ref(NATION_ADCODE, "default")
        return ([ref] if ref else []), "default"
    return [], ""


def _joined(title: str, places: list[Place]) -> bool:
    """川渝 / 四川省、重庆市…: several places of one level joined at the title's start."""
    names = [p.name for p in places] + [p.short_name for p in places if p.short_name]
    head = title[:40]
    return bool(re.search("(" + "|".join(map(re.escape, names)) + ")[、和与及]", head))


def step_jurisdiction(pa: PolicyAnalysis, gazetteer: Gazetteer | None = None) -> PolicyAnalysis:
    gazetteer = gazetteer or Gazetteer.from_data_files()
    refs, source = resolve(pa, gazetteer)
    pa.jurisdictions = refs
    pa.jurisdiction = refs[0] if refs else None
    if source == "default":
        pa.warnings.append("jurisdiction: no issuer or place named; assumed national")
    elif not refs:
        pa.warnings.append("jurisdiction: not found")
    return pa
