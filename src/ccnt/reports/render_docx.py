"""Word (.docx) with python-docx: a title page, headings, bullets, a page number in the footer
(a PAGE field) and the East-Asian font set on every style (``w:eastAsia``), so Word shows the
Chinese in Noto CJK / 宋体 rather than a fallback."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from .render_html import context
from .tree import MonthlyReport

SERIF = "Noto Serif CJK SC"
SANS = "Noto Sans CJK SC"
GREEN = RGBColor(0x2F, 0x6B, 0x4F)
GREY = RGBColor(0x5B, 0x6F, 0x65)


def set_fonts(style_or_run, latin: str, east_asian: str) -> None:
    """Set the Latin and the East-Asian font (w:rFonts w:eastAsia) of a style or run."""
    style_or_run.font.name = latin
    rpr = style_or_run.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), latin)
    fonts.set(qn("w:eastAsia"), east_asian)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


def add_field(paragraph, instruction: str) -> None:
    """A complex field (PAGE, NUMPAGES) Word fills in when it lays out the page."""
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == instruction:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {instruction} "
            run._r.append(instr)
        else:
            run.text = text


def _styles(doc) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    set_fonts(normal, SERIF, SERIF)
    normal.font.size = Pt(10.5)
    normal.paragraph_format.line_spacing = 1.5
    normal.paragraph_format.space_after = Pt(4)
    for name, size, color in (("Title", 30, None), ("Heading 1", 17, None), ("Heading 2", 13, GREEN)):
        style = styles[name]
        set_fonts(style, SANS, SANS)
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = color or RGBColor(0x1D, 0x2A, 0x24)
        style.paragraph_format.space_before = Pt(14 if name != "Title" else 0)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
    bullet = styles["List Bullet"]
    set_fonts(bullet, SANS, SANS)
    bullet.paragraph_format.space_before = Pt(6)
    bullet.paragraph_format.keep_with_next = True


def _footer(section) -> None:
    footer = section.footer
    paragraph = footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("— ")
    add_field(paragraph, "PAGE")
    paragraph.add_run(" —")
    for run in paragraph.runs:
        set_fonts(run, SANS, SANS)
        run.font.size = Pt(9)
        run.font.color.rgb = GREY


def _title_page(doc, report: MonthlyReport) -> None:
    counts = context(report)["counts"]
    brand = doc.add_paragraph()
    brand.paragraph_format.space_before = Pt(120)
    run = brand.add_run("零碳录 ")
    run.bold = True
    run.font.color.rgb = GREEN
    more = brand.add_run("China Carbon Neutrality Tracker")
    more.font.color.rgb = GREY
    for r in (run, more):
        set_fonts(r, SANS, SANS)
        r.font.size = Pt(12)
    doc.add_paragraph("零碳录月报", style="Title")
    issue = doc.add_paragraph()
    run = issue.add_run(report.month_label)
    set_fonts(run, SANS, SANS)
    run.font.size = Pt(20)
    run.font.color.rgb = GREEN
    issue.paragraph_format.space_after = Pt(48)
    doc.add_paragraph(
        f"本期收录政策 {counts['total']} 项 · 国家 {counts['national']} 项 · 地方 {counts['local']} 项"
    )
    if report.status != "published":
        doc.add_paragraph("草稿 · 尚未发布")
    elif report.published_at:
        doc.add_paragraph(f"{report.published_at[:10]} 发布")
    if report.about:
        about = doc.add_paragraph()
        about.paragraph_format.space_before = Pt(96)
        head = about.add_run("关于零碳录  ")
        head.bold = True
        body = about.add_run(report.about)
        for r in (head, body):
            r.font.size = Pt(9.5)


def render_docx(report: MonthlyReport) -> bytes:
    doc = Document()
    _styles(doc)
    props = doc.core_properties
    props.title = report.title
    props.subject = "零碳录月报"
    props.author = "零碳录 ccnt"
    props.language = "zh-CN"
    first = doc.sections[0]
    first.page_height, first.page_width = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin"):
        setattr(first, side, Cm(2.2))
    first.top_margin, first.bottom_margin = Cm(2.4), Cm(2.2)
    first.different_first_page_header_footer = True  # no number on the title page
    _footer(first)
    _title_page(doc, report)
    for part in report.parts:
        heading = doc.add_heading(part.title, level=1)
        heading.paragraph_format.page_break_before = True  # the title page, then each part on a new page
        for section in part.sections:
            doc.add_heading(section.title, level=2)
            if section.lead:
                doc.add_paragraph(section.lead)
            for entry in section.entries:
                item = doc.add_paragraph(style="List Bullet")
                run = item.add_run(entry.headline)
                run.bold = True
                if entry.summary:
                    summary = doc.add_paragraph(entry.summary)
                    summary.paragraph_format.left_indent = Cm(0.63)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()

