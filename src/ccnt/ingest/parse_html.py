"""Government HTML pages: the main text without navigation, the title, the metadata table of
policy-library pages (索引号, 主题分类, 发文机关, 成文日期, 标题, 发文字号, 发布日期 …) and the
attachment links.

The main text is found by known content containers of Chinese government CMSs (TRS, 博思,
Hanweb, gov.cn's ``pages_content`` …) and otherwise by text density: the block with the most
Chinese text and the fewest links.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from .encoding import decode
from .types import Blocked, Link, ParsedDocument, ParseError

META_LABELS = {
    "索引号": "索引号", "主题分类": "主题分类", "发文机关": "发文机关", "发布机关": "发文机关", "发文单位": "发文机关",
    "发布机构": "发文机关", "成文日期": "成文日期", "发文日期": "成文日期", "标题": "标题", "名称": "标题",
    "文件名称": "标题", "发文字号": "发文字号", "文号": "发文字号", "发布日期": "发布日期", "发布时间": "发布日期",
    "公开日期": "发布日期", "生效日期": "施行日期", "施行日期": "施行日期", "实施日期": "施行日期", "有效性": "有效性",
    "效力状态": "有效性", "主题词": "主题词", "体裁分类": "体裁分类", "组配分类": "主题分类", "信息来源": "信息来源",
    "来源": "信息来源", "有效期": "有效期",
}
CONTENT_SELECTORS = [
    "#UCAP-CONTENT", ".pages_content", ".TRS_Editor", ".trs_editor_view", "#zoom", ".zoom", "#Zoom",
    ".article-content", ".article_content", ".art_con", ".artcon", ".news_content", ".content_text", "#content",
    ".xxgk_content", ".detail-content", ".main-content", ".zwgk_content", "article", ".content",
]
ATTACHMENT_EXT = (".pdf", ".doc", ".docx", ".wps", ".txt", ".rtf", ".ofd", ".xls", ".xlsx", ".et")
DROP_TAGS = ["script", "style", "noscript", "iframe", "form", "button", "select", "input", "nav", "header", "footer",
             "svg", "object", "embed", "template"]
NAV_HINT = re.compile(r"nav|menu|header|footer|breadcrumb|crumb|share|sidebar|toolbar|position|location|"
                      r"print|related|recommend|copyright|bottom|top-?bar|dylm|wzdh", re.I)
BLOCK_TAGS = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article",
              "blockquote", "pre", "dd", "dt", "ul", "ol", "center", "title"}
_WS = re.compile(r"[ \t\u3000\xa0]+")
_LABEL_CLEAN = re.compile(r"[\s\u3000\xa0:：]")
_CJK = re.compile(r"[\u3400-\u9fff]")
# characters XML cannot hold: lxml keeps them from a broken page, then refuses them on any edit
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text_of(element) -> str:
    """Text of an element with block elements on their own lines."""
    parts: list[str] = []

    def walk(node) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in BLOCK_TAGS:
            parts.append("\n")
        if node.text and tag not in ("script", "style"):
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if tag in BLOCK_TAGS or tag == "td":
            parts.append("\n" if tag != "td" else " ")

    walk(element)
    lines = [_WS.sub(" ", line).strip() for line in "".join(parts).split("\n")]
    return "\n".join(line for line in lines if line)


def _clean_label(text: str) -> str:
    return _LABEL_CLEAN.sub("", text or "")


def extract_metadata(doc) -> dict[str, str]:
    """Label → value pairs from tables (label cell, value cell), definition lists and
    ``label：value`` spans, for the labels policy libraries use."""
    meta: dict[str, str] = {}

    def put(label: str, value: str) -> None:
        key = META_LABELS.get(_clean_label(label))
        value = _WS.sub(" ", value or "").strip()
        if key and value and key not in meta and len(value) < 400:
            meta[key] = value

    for cell in doc.iter("td", "th", "dt", "span", "li", "p", "div", "label", "b", "strong"):
        own = _clean_label(cell.text_content())
        if own in META_LABELS and len(own) <= 6:
            sibling = cell.getnext()
            while sibling is not None and not _clean_label(sibling.text_content()):
                sibling = sibling.getnext()
            if sibling is not None:
                put(own, sibling.text_content())
            elif cell.tail and cell.tail.strip():
                put(own, cell.tail)
            continue
        if cell.tag in ("td", "li", "p", "span") and len(cell) <= 3:
            text = _WS.sub(" ", cell.text_content()).strip()
            match = re.match(r"^([^：:]{2,8})[：:]\s*(.+)$", text)
            if match and _clean_label(match.group(1)) in META_LABELS:
                put(match.group(1), match.group(2))
    return meta


def _link_density(element) -> float:
    total = len(_CJK.findall(element.text_content())) or 1
    linked = sum(len(_CJK.findall(a.text_content())) for a in element.iter("a"))
    return linked / total


def _main_element(doc):
    for selector in CONTENT_SELECTORS:
        try:
            found = doc.cssselect(selector)
        except Exception:  # noqa: BLE001 - a selector the document cannot take
            continue
        found = [f for f in found if len(_CJK.findall(f.text_content())) >= 20]
        if found:
            return max(found, key=lambda f: len(_CJK.findall(f.text_content())))
    best, best_score = None, 0.0
    for element in doc.iter("div", "td", "article", "section"):
        chars = len(_CJK.findall(element.text_content()))
        if chars < 20:
            continue
        score = chars * (1 - _link_density(element)) ** 2
        # prefer the innermost block that still holds most of the text
        if score > best_score * 1.15 or (best is not None and element in best.iterdescendants() and score > best_score * 0.85):
            best, best_score = element, score
    return best if best is not None else doc.find("body")


def _strip_navigation(doc) -> None:
    for element in list(doc.iter(*DROP_TAGS)):
        if element.getparent() is not None:
            element.drop_tree()
    for element in list(doc.iter("div", "ul", "ol", "table", "span", "p")):
        attrs = " ".join(filter(None, [element.get("class"), element.get("id")]))
        if attrs and NAV_HINT.search(attrs) and element.getparent() is not None and _link_density(element) > 0.3:
            element.drop_tree()


def is_blocked(status: int, text: str, html: str) -> str:
    """Why a response is not a document (firewall challenge, login page), or ''."""
    lowered = html[:20000].lower()
    if status in (412, 403, 429, 521) and ("<script" in lowered or not text.strip()):
        return f"blocked: HTTP {status} challenge page"
    if re.search(r"<input[^>]+type=[\"']?password", lowered) and len(_CJK.findall(text)) < 300:
        return "blocked: login page"
    if re.search(r"(滑动验证|安全验证|访问验证|人机验证|请开启JavaScript|enable javascript)", html[:20000], re.I) and len(
        _CJK.findall(text)
    ) < 300:
        return "blocked: verification page"
    return ""


def parse_html(data: bytes, url: str = "", http_charset: str = "", status: int = 200) -> ParsedDocument:
    text, encoding = decode(data, http_charset=http_charset)
    text = _NOT_XML.sub("", text)
    if not text.strip():
        raise Blocked("blocked: empty page")
    try:
        doc = lxml.html.document_fromstring(text.encode("utf-8"), parser=lxml.html.HTMLParser(
            encoding="utf-8", remove_comments=True, no_network=True))
    except (etree.ParserError, ValueError) as error:
        raise ParseError(f"unreadable HTML: {error}") from error
    title_el = doc.find(".//title")
    page_title = _WS.sub(" ", title_el.text_content()).strip() if title_el is not None else ""
    attachments: list[Link] = []
    seen: set[str] = set()
    for a in doc.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "mailto:", "#")):
            continue
        try:
            absolute = urljoin(url, href) if url else href
            path = urlsplit(absolute).path.lower()
        except ValueError:  # "Invalid IPv6 URL" (http://[::1…): not a link anyone can follow
            continue
        if path.endswith(ATTACHMENT_EXT) and absolute not in seen:
            seen.add(absolute)
            attachments.append(Link(absolute, _WS.sub(" ", a.text_content()).strip()))
    metadata = extract_metadata(doc)
    _strip_navigation(doc)
    main = _main_element(doc)
    body = _text_of(main) if main is not None else ""
    reason = is_blocked(status, body, text)
    if reason:
        raise Blocked(reason)
    title = metadata.get("标题", "")
    if not title:
        for tag in ("h1", "h2"):
            heading = doc.find(f".//{tag}")
            if heading is not None and len(_CJK.findall(heading.text_content())) >= 4:
                title = _WS.sub(" ", heading.text_content()).strip()
                break
    if not title and page_title:
        # "标题_政府信息公开_某省人民政府" → the first part
        title = re.split(r"\s*[_|｜\-—]+\s*", page_title)[0]
    return ParsedDocument(text=body, media_type="text/html", title=title, metadata=metadata,
                          attachments=attachments, encoding=encoding)
