"""Section scope: a year that governs a whole list or section across paragraphs.

Chinese plans state their goals in two ways that reach beyond one paragraph:

* a targets heading (（三）发展目标, 二、主要目标) over paragraphs that give values without a year:
  the year is the one the heading names (2025年主要目标), or else the end of the period the plan's
  title names (“十四五”…规划 → 2025);
* a lead sentence that states a year and ends with a colon (到2025年，主要目标是：) over the
  numbered items that follow it;
* a targets heading without a year whose paragraphs open with one (（二）主要目标。 / 到2025年，…。 /
  --建设省级创新载体10家): the year a paragraph of the section opens with governs the list items
  (paragraphs with a marker, or opening with a short goal phrase and a full stop: 创新能力显著增强。
  行业研发投入强度力争达到1.5%) after it, until another paragraph opens with a year or the section
  ends; a plain paragraph (推进屋顶光伏建设，…) takes no year from it.

The scope ends at the next heading of the same or a higher rank (一、 > （一） > 1. > （1）), or, for a
lead sentence, at the first paragraph that is not an item of its list. Rejected: carrying every year
into the next paragraph, which turns the history of a 发展基础 section into targets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .document import YearScope
from .headers import title_period_end
from .patterns import PERIOD_NAMES, PERIOD_RE, YEAR_RE

_MARKERS = (
    (0, re.compile(r"\s*第[一二三四五六七八九十]{1,3}[章篇节]")),
    # 一、二星级…: an enumeration of numerals, not a heading
    (1, re.compile(r"\s*[一二三四五六七八九十]{1,3}、(?![一二三四五六七八九十]{1,2}(?:、|星|级|类|等|和))")),
    (2, re.compile(r"\s*[(（][一二三四五六七八九十]{1,3}[)）]")),
    (3, re.compile(r"\s*\d{1,2}\s?[.、．](?!\d)")),
    (4, re.compile(r"\s*[(（]\d{1,2}[)）]")),
    (5, re.compile(r"\s*[①-⑳]")),
    (6, re.compile(r"\s*(?:--|——|—|-|•|·|●|▪)")),
)
_ITEM_RANK = 5  # ranks from here on mark list items (①, bullets), never a heading
_LOOK_BACK_HEADING_RE = re.compile(r"回顾|工作总结|过去一年|过去五年|上年工作|去年工作")
_AIMS_LINE_RE = re.compile(r"(?:主要|发展|总体|具体|近期)?目标(?:任务)?\s?[（(]?\s?(?:到|至)?\s?((?:19|20)\d{2})\s?年(?:底|末)?\s?[）)]?[：:]?")
_YEAR_LEAD_RE = re.compile(r"\s*(?:力争|争取)?(?:到|至)\s?(?:19|20)\d{2}\s?年(?:底|末)?前?[，,]?[^\w\u3400-\u9fff]{0,6}")
_YEAR_HEADING_RE = re.compile(r"(?:力争|争取)?(?:到|至)?\s?((?:19|20)\d{2})\s?年(?:底|末)?(?:前|的?目标)?")
_TARGET_HEADING_RE = re.compile(r"(?:主要|发展|总体|规划|行动|工作|具体|近期|阶段性?)?目标(?:任务)?$")
_HEADING_MAX = 30
# the caption of a targets-by-place table: 各地区…目标 / 各省（区、市）…指标 / 分解表
_ALLOCATION_HEADING_RE = re.compile(r"各(?:地区|省|市|设区市|地市|县)[^，。；]{0,20}(?:目标|指标)")
# a plain line is an item of an unmarked list only while it reads like one: short, and not a report
# of what was done (目前…达到 / 三年来，累计完成…)
_PLAIN_ITEM_MAX = 80
# a paragraph that opens with what to do (推进屋顶光伏建设，…) is a task, not the goals of the lead sentence
_TASK_OPEN_RE = re.compile(r"\s*(?:大力|积极|稳步|有序|全面|持续|深入|进一步)?(?:推进|推动|加快|加强|实施|开展|建立|健全|完善|"
                           r"深化|支持|鼓励|引导|严格|强化|优化|落实|坚持|组织|培育|发展|提升|构建|打造|促进|探索|创新|做好)")
_REPORT_OPEN_RE = re.compile(r"\s*(?:目前|当前|截至|截止|近年来|[一二三四五两]年来|据统计|过去|(?:19|20)\d{2}\s?年[，,以])")


def is_heading_line(line: str) -> bool:
    """A heading, not a list item: short and without a clause stop (二、重点任务; not （一）森林覆盖率达到81.7%；)."""
    line = line.strip()
    return len(line) <= _HEADING_MAX and not re.search(r"[。；;，,]", line)


def heading_rank(norm: str, lo: int, hi: int) -> int | None:
    """The rank of the heading marker a paragraph (or inline position) starts with, or None."""
    for rank, pattern in _MARKERS:
        if pattern.match(norm, lo, hi):
            return rank
    return None


# a paragraph that opens with its year (到2025年，… / 力争到2030年，…)
_OPENING_YEAR_RE = re.compile(r"\s*(?:力争|争取)?(?:到|至|在)?\s*((?:20)\d{2})\s*年(?:底|末)?\s*[，,]")


# a paragraph that opens with a targets heading run into the text (主要目标：到2025年，… / 发展目标为：…)
_INLINE_TARGETS_RE = re.compile(r"\s*(?:主要|发展|总体|规划|具体|近期)?目标(?:任务)?(?:是|为)?\s*[：:]")


# a paragraph that opens with a short goal phrase and a full stop (创新能力显著增强。行业研发投入强度…):
# an item of the goals list written without a marker, as national plans do
_INLINE_ITEM_RE = re.compile(r"\s*[\u4e00-\u9fff“”]{4,12}[。：:]")


@dataclass
class Section:
    scope: YearScope | None  # None: a targets heading without a year, waiting for a paragraph's year
    rank: int | None  # the heading rank that closes it; None: a lead sentence's list
    item_rank: int | None = None  # the rank of the list's items (set by the first item)
    from_paragraphs: bool = False  # the year comes from the paragraphs that open with one
    unmarked: bool = False  # an inline targets heading's list: its items may be plain lines
    caption: bool = False  # a caption over a list of places and values: its lines may be long
    opened_end: int = -1  # the end of the paragraph whose opening year the section took


class SectionTracker:
    """Walks the paragraphs in order and says which section scope (if any) governs each."""

    def __init__(self, norm: str, hist_threshold: int, plan_year: int = 0) -> None:
        self.norm = norm
        self.hist_threshold = hist_threshold
        # an annual plan's targets heading (一、主要目标) is its year's, whatever period its preamble names
        self.period_end = plan_year or title_period_end(norm[:300])
        self.section: Section | None = None

    def enter(self, lo: int, hi: int) -> YearScope | None:
        """The scope governing the paragraph [lo, hi) before its own year phrases are read."""
        rank = heading_rank(self.norm, lo, hi)
        sec = self.section
        if sec is not None:
            if sec.rank is not None:
                if rank is not None and rank <= sec.rank:
                    self.section = None
            elif sec.unmarked and (self.norm[max(0, lo - 2):lo] == "\n\n" or (
                    rank is None and not self._plain_item(lo, hi, sec.caption))):
                self.section = None  # a blank line, or a paragraph that is no item, ends the list
            elif sec.unmarked and rank is None and sec.item_rank is None:
                pass  # 主要目标：到2025年 ⏎ 营运车辆…下降5%；⏎ …: plain lines are its items
            elif rank is None or (sec.item_rank is not None and rank != sec.item_rank) \
                    or (sec.unmarked and rank < 3 and is_heading_line(self.norm[lo:hi])):
                self.section = None
            elif sec.item_rank is None:
                sec.item_rank = rank
        line = self.norm[lo:hi].strip()
        aims = _AIMS_LINE_RE.fullmatch(line) if rank is None else None
        if aims is not None and int(aims.group(1)) > self.hist_threshold:
            # 主要目标（到2025年） ⏎ · 营运车辆…下降5% ⏎ …: an unmarked targets heading with its year leads the
            # plain lines under it
            self.section = Section(YearScope((int(aims.group(1)),), "=", None, "", lo, lo), None, unmarked=True)
            return None
        if rank is not None and rank < _ITEM_RANK and len(line) <= _HEADING_MAX:
            name = re.sub(r"^\s*(?:第[一二三四五六七八九十]{1,3}[章篇节]|[一二三四五六七八九十]{1,3}、|"
                          r"[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}\s?[.、．])\s*", "", line)
            if _LOOK_BACK_HEADING_RE.search(name):
                # 二、2022年工作回顾 in a 2023年政府工作报告: what was done, whatever year governs the text
                self.section = Section(YearScope((), historical=True, start=lo, end=lo), rank)
                return None
            year_only = _YEAR_HEADING_RE.fullmatch(name.rstrip("：:。 "))
            if year_only is not None and int(year_only.group(1)) > self.hist_threshold:
                # （一）到2025年 ⏎ 全市非化石能源消费比重达到16%…: a heading that is a year governs its section
                self.section = Section(YearScope((int(year_only.group(1)),), "=", None, "", lo, lo), rank)
                return None
            if _TARGET_HEADING_RE.search(name.rstrip("：:。 ")):
                year = self.heading_year(name)
                if year:
                    self.section = Section(YearScope((year,), "=", None, "", lo, lo), rank)
                else:
                    self.section = Section(None, rank, from_paragraphs=True)
                return None
        if rank is None and is_heading_line(line) and _ALLOCATION_HEADING_RE.search(line):
            # “十二五”各地区节能目标（单位国内生产总值能耗降低率） ⏎ 北京17%、天津18%…: a table of targets by
            # place under an unmarked caption that names its period
            period = PERIOD_RE.search(line)
            years = [int(m.group("year")) for m in YEAR_RE.finditer(line)]
            year = PERIOD_NAMES.get(period.group("p1"), 0) if period else max(years, default=0)
            if year > self.hist_threshold:
                self.section = Section(YearScope((year,), "=", None, "", lo, lo), None, unmarked=True, caption=True)
                return None
        if self.section is not None and self.section.from_paragraphs and rank is None \
                and not _INLINE_ITEM_RE.match(self.norm, lo, hi) and not self._goal_run_on(lo, hi):
            return None  # a plain paragraph of the section is not an item of its list: no carry
        return self.section.scope if self.section is not None else None  # None while a section waits

    def _goal_run_on(self, lo: int, hi: int) -> bool:
        """A plain paragraph right after the one that gave the section its year, reading as its goals
        (全市主要农作物化肥利用率达到43%以上，… after 到2025年，…取得积极成效。): a PDF's line break
        after a full stop, not a new paragraph. Rejected: every plain paragraph of the section, which
        carried the year into its closing remarks and reports."""
        sec = self.section
        if sec is None or sec.scope is None or self.norm[sec.opened_end:lo] != "\n" or _REPORT_OPEN_RE.match(self.norm, lo, hi):
            return False
        return not _OPENING_YEAR_RE.match(self.norm, lo, hi) and not _TASK_OPEN_RE.match(self.norm, lo, hi)

    def _plain_item(self, lo: int, hi: int, long_ok: bool = False) -> bool:
        line = self.norm[lo:hi].strip()
        return (long_ok or len(line) <= _PLAIN_ITEM_MAX) and not _REPORT_OPEN_RE.match(line)

    def heading_year(self, name: str) -> int:
        years = [int(m.group("year")) for m in YEAR_RE.finditer(name)]
        year = max(years) if years else self.period_end
        return year if year > self.hist_threshold else 0

    def leave(self, lo: int, hi: int, final: YearScope | None, closed: bool) -> None:
        """After the paragraph: an inline heading of the section's rank closed it; a lead sentence
        with a year that ends with a colon opens a list scope."""
        if closed:
            self.section = None
        text = self.norm[lo:hi].rstrip()
        sec = self.section
        if sec is not None and sec.from_paragraphs and final is not None and not final.historical:
            opening = _OPENING_YEAR_RE.match(self.norm, lo, hi)
            if opening is not None and int(opening.group(1)) > self.hist_threshold:
                sec.scope = YearScope((int(opening.group(1)),), "=", None, final.firmness, lo, lo)
                sec.opened_end = hi
        if final is None or not final.years or final.historical or final.until is not None:
            return
        scope = YearScope(final.years, final.year_comparator, final.period_start, final.firmness, lo, lo)
        if text.endswith(("：", ":")):
            self.section = Section(scope, heading_rank(self.norm, lo, hi))
        elif _YEAR_LEAD_RE.fullmatch(text):
            # 到 2025 年👇 ⏎ ✅ 中心城区绿色出行比例达到 75% 以上 ⏎ …: a line that is only a year leads the
            # plain lines under it, as a colon would
            self.section = Section(scope, None, unmarked=True)
        elif heading_rank(self.norm, lo, hi) is None and _INLINE_TARGETS_RE.match(self.norm, lo, hi):
            # 主要目标：到2025年，资源循环型产业体系基本建立。⏎ 1. 主要资源产出率…: a targets heading run
            # into its lead sentence governs the items after it, numbered or plain lines
            self.section = Section(scope, None, unmarked=True)

    @property
    def rank(self) -> int | None:
        return self.section.rank if self.section is not None else None
