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

A targets heading (（三）发展目标) or a lead sentence ending in a colon (到2025年，主要目标如下：)
carries its year (or the period its plan's title names) over the paragraphs it governs
(``sections``); so does a heading or line that is only a year (（一）到2025年, 到 2025 年👇). Table rows
are read by ``rows`` (one line, as a web page spaces it or a PDF glues it: 风电万千瓦310 860 550预期性,
with change cells 〔4.7〕 / 下降15% / 年均增速 and interim year columns; or broken over short lines)
under the header ``headers`` finds (also one broken over lines or cut by a page), by ``tables`` (units
in the header, two-unit rows, one aim column, glued tables of places), and by ``columns`` when a
header names the year of each column (序号 指标 2020年 2025年 2030年 属性), whether the cells share a
line or the PDF gave each its own. A line the page cut inside a clause, a number or a value phrase
(7450万 ⏎ 千瓦) is joined (``extractor``), page numbers and running headers dropped, and the spans
mapped back. 今年 / 明年 count only where the text says its year (``scope.relative_scope``).

The rules live in small modules over one data object (``document.Doc``): ``scope`` (year scope),
``values`` (value candidates), ``subject`` and ``naming`` (subject phrase and catalogue code),
``clause`` (verb, comparator, direction, metric kind), ``peaks``, ``roles`` (restated / cited) and
``explain`` (each rule's decision per candidate, for ``ccnt extract --explain``).
"""

from __future__ import annotations

from .extractor import explain_targets, extract_targets
from .patterns import MAX_TEXT_CHARS

__all__ = ["explain_targets", "extract_targets", "MAX_TEXT_CHARS"]
