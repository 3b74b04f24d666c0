"""Decode bytes to text: UTF-8, GBK / GB2312 / GB18030 and Big5, from the bytes and the
page's own declarations.

Order: byte-order mark; valid UTF-8 with non-ASCII bytes (declarations that say gb2312 on a
UTF-8 page are common, and GBK text is almost never valid UTF-8); the declared charset (HTTP
header, ``<meta>``, XML declaration) when it decodes cleanly; otherwise the candidate that
decodes with the fewest errors and the most common Chinese characters. gb2312 and gbk are read
as gb18030 (their superset), big5 as big5hkscs.
"""

from __future__ import annotations

import codecs
import re

ALIASES = {
    "gb2312": "gb18030", "gbk": "gb18030", "gb_2312-80": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
    "ms936": "gb18030", "euc-cn": "gb18030", "x-euc-cn": "gb18030", "gb18030": "gb18030", "hz-gb-2312": "gb18030",
    "big5": "big5hkscs", "big5-hkscs": "big5hkscs", "x-big5": "big5hkscs", "cp950": "big5hkscs",
    "utf8": "utf-8", "utf-8": "utf-8", "unicode-1-1-utf-8": "utf-8",
    "iso-8859-1": "cp1252", "latin1": "cp1252", "us-ascii": "utf-8", "ascii": "utf-8",
}

# Frequent characters of official Chinese in both scripts: a correct decoding is full of them.
COMMON = set(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面"
    "而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性"
    "好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第"
    "向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管"
    "特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处"
    "理世车术低碳排放达峰能源节约减污协同绿色循环发展规划实施方案意见通知办法措施推进加快建设完善健全提升强化"
    "省市县人民政府办公厅委员会改革生态环境厅局工业信息交通运输住房城乡农业科技财政自然资源到年比下降左右以上"
    "這個們來說時會對經過進動實現關於區發展國為與產業業務應該開總長點義當從氣電機體際內容標準報導廳縣鄉農資環"
)
_CJK = re.compile(r"[\u3400-\u9fff]")
_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_XML = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-]+)""", re.I)


def canonical(name: str | None) -> str:
    if not name:
        return ""
    name = name.strip().strip("\"'").lower()
    name = ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name if name not in ("gb18030", "big5hkscs", "utf-8") else name
    except LookupError:
        return ""


def declared_charset(data: bytes) -> str:
    """The charset a page declares in its first 4 KB (``<meta>`` or XML declaration)."""
    head = data[:4096]
    match = _META.search(head) or _XML.search(head)
    return canonical(match.group(1).decode("ascii", "ignore")) if match else ""


def _score(text: str) -> float:
    cjk = _CJK.findall(text)
    if not cjk:
        return 0.0
    common = sum(1 for ch in cjk if ch in COMMON)
    replacement = text.count("\ufffd")
    return common / len(cjk) - replacement / max(len(text), 1) * 10


def decode(data: bytes, http_charset: str = "", declared: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)``."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(name, errors="replace"), name
    try:
        text = data.decode("utf-8")
        return text, "utf-8"
    except UnicodeDecodeError:
        pass
    declarations = [canonical(http_charset), canonical(declared) if declared is not None else declared_charset(data)]
    for name in declarations:
        if name and name != "utf-8":
            try:
                text = data.decode(name)
            except (UnicodeDecodeError, LookupError):
                continue
            # a declaration is trusted when the text reads like Chinese (or has no Chinese at all)
            if not _CJK.search(text) or _score(text) > 0.2:
                return text, name
    best: tuple[float, str, str] | None = None
    for name in ("gb18030", "big5hkscs", "utf-8"):
        text = data.decode(name, errors="replace")
        score = _score(text)
        if best is None or score > best[0]:
            best = (score, text, name)
    assert best is not None
    return best[1], best[2]
