"""Markdown in a fixed structure, so a report can be diffed and versioned::

    # 零碳录月报 · 2021年10月

    > **关于零碳录** <about>

    ## 碳中和国家行动一览

    ### 关键词：<category>

    <lead paragraph>

    - **<issuer>发布《<title>》**

      <summary>
"""

from __future__ import annotations

import re

from .tree import MonthlyReport

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def escape(text: str) -> str:
    """Markdown's special characters taken literally; line breaks folded (one paragraph)."""
    text = _SPECIAL.sub(r"\\\1", " ".join(text.split()))
    # a paragraph must not open a list or a heading by accident (1. / - / +)
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", re.sub(r"^([-+=])", r"\\\1", text))


def render_md(report: MonthlyReport) -> str:
    out = [f"# {report.title}", ""]
    if report.about:
        out += [f"> **关于零碳录** {escape(report.about)}", ""]
    for part in report.parts:
        out += [f"## {part.title}", ""]
        for section in part.sections:
            out += [f"### {escape(section.title)}", ""]
            if section.lead:
                out += [escape(section.lead), ""]
            for entry in section.entries:
                out.append(f"- **{escape(entry.headline)}**")
                out.append("")
                if entry.summary:
                    out += [f"  {escape(entry.summary)}", ""]
    return "\n".join(out).rstrip("\n") + "\n"
