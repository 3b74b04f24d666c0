"""Year scope: which target year (or years) governs a position of the text.

A year phrase (到2025年, 2030年前, 十四五期间) opens a scope that runs over the following clauses
and sentences until another year phrase, an inline heading or the paragraph's end; a historical
year (2020年达到…, 十三五期间) or a start year (2022年起) opens a scope limited to its sentence.
Base years (比2020年, 在2020年基础上) never open a scope: a base year is never a target year.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .document import Doc, YearScope
from .patterns import PERIOD_NAMES
from .spans import firmness_of, in_title_quotes


def sentence_end(doc: Doc, pos: int, hi: int, ends: list[int]) -> int:
    k = bisect_right(ends, pos)
    return ends[k] + 1 if k < len(ends) else hi


def year_scope(doc: Doc, m: re.Match[str], ctx: YearScope | None, lo: int, hi: int, ends: list[int]):
    norm = doc.norm
    year = int(m.group("year"))
    pre, post = m.group("pre") or "", (m.group("post") or "").replace("\u3000", "")
    if in_title_quotes(norm, m.start(), lo):
        return False
    if post.endswith("月") or post == "度":
        return False  # a date or a fiscal year: neither sets nor clears the context
    if pre in ("比", "较", "相比", "相较", "与", "同") or post in ("的基础上", "基础上", "水平上", "的水平", "水平", "相比", "比", "为基数", "为基准", "为基期"):
        return False  # a base year (比2020年, 在2020年基础上, 保持2025年水平)
    after = norm[m.end():m.end() + 3]
    if after.startswith(("的", "版", "修订", "年度", "工作", "价格", "不变价", "可比价")):  # 按2005年价格计算: a price base
        return False
    if pre in ("和", "、") and ctx is not None and not ctx.historical and ctx.end >= m.start() - 6:
        # 2025年和2030年 / 到2025年、2030年分别…: a list of years
        comp = "<=" if post in ("前", "以前", "之前", "底前", "末前") else ctx.year_comparator
        return YearScope(ctx.years + (year,), comp, ctx.period_start, ctx.firmness, ctx.start, m.end())
    until = sentence_end(doc, m.start(), hi, ends)
    saved = ctx.saved if (ctx is not None and ctx.until is not None) else ctx
    interim = bracketed_milestone(doc, m, ctx, year, pre, post, hi)
    if interim is not None:
        return YearScope((year,), "=", None, "", m.start(), m.end(), until=interim, saved=saved)
    if not pre and norm[max(lo, m.start() - 2):m.start()].endswith(("对", "对于", "凡")):
        # 对2021年获得认证的企业给予奖励: the year picks out who qualifies, it sets no aim
        return YearScope((), historical=True, start=m.start(), end=m.end(), until=until, saved=saved)
    if post in ("起", "开始") and pre not in ("截至", "截止") and year > doc.info.max_base_year:
        # 2022年起新建公共建筑…不低于50%: a requirement from that year on, for this sentence
        return YearScope((year,), "=", None, "", m.start(), m.end(), until=until, saved=saved)
    if pre in ("从", "自", "截至", "截止") or post in ("起", "以来", "开始", "以后", "之后", "后"):
        return YearScope((), historical=True, start=m.start(), end=m.end(), until=until, saved=saved)
    firm = firmness_of(pre) or firmness_of(norm[max(lo, m.start() - 4):m.start()])
    is_to = pre in ("到", "至", "力争到", "争取到", "确保到", "计划到", "预计到", "力争在", "力争于", "确保在", "在", "于",
                    "力争", "确保")
    before = post in ("前", "以前", "之前", "底前", "末前")
    if is_to or before or post in ("底", "末", "年底") or year > doc.info.hist_threshold:
        if (pre in ("在", "于") or doc.info.period_start > year) and not before and year <= doc.info.hist_threshold:
            # 在2020年 / 至2020年底 in a “十四五” plan: a year before the plan's period is its history
            return YearScope((), historical=True, start=m.start(), end=m.end(), until=until, saved=saved)
        return YearScope((year,), "<=" if before else "=", None, firm, m.start(), m.end())
    return YearScope((), historical=True, start=m.start(), end=m.end(), until=until, saved=saved)


_BRACKET_LEAD_RE = re.compile(r"[（(](?:其中[，,：:]?)?\s?$")


def bracketed_milestone(doc: Doc, m: re.Match[str], ctx: YearScope | None, year: int, pre: str, post: str,
                        hi: int) -> int | None:
    """The end of a bracket that opens with a milestone year, or None.

    （其中，2021年达到60%） inside 到2022年…达到70%以上, or （2021年完成营造林30万亩以上） in a
    （2021—2023年） plan: an interim aim, in force up to the closing bracket — though the year comes
    before the text's first 到X年 or is not after the period's start. It must follow a base year
    and come before the governing year (or, with none, lie in the title's period). Rejected: moving
    the history threshold, which turned every earlier year of the text (2021年已完成…) into an aim."""
    if pre or post or not _BRACKET_LEAD_RE.search(doc.norm[max(0, m.start() - 5):m.start()]):
        return None
    close = min((i for i in (doc.norm.find("）", m.end(), hi), doc.norm.find(")", m.end(), hi)) if i >= 0),
                default=-1)
    if close < 0 or year <= doc.info.max_base_year:
        return None
    if ctx is not None and not ctx.historical and ctx.years:
        return close if year < max(ctx.years) else None
    start = doc.info.period_start
    return close if start and start <= year <= start + 5 else None


# “十四五”单位地区生产总值能耗降低目标为：…: the period names the aims that follow, not a plan
_PERIOD_AIM_RE = re.compile(r"[^，。；：:\n]{2,30}?(?:目标|指标)值?(?:分别)?(?:为|是)?[：:]")


def period_scope(doc: Doc, m: re.Match[str], ctx: YearScope | None, hi: int, ends: list[int]):
    post = (m.group("post") or "").replace("\u3000", "")
    nxt = doc.norm[m.end():m.end() + 1]
    if not post and nxt not in ("，", ",", "、") and not _PERIOD_AIM_RE.match(doc.norm, m.end(), hi):
        return False  # 十四五规划, 十四五能源发展规划: a name, not a period
    if doc.norm[max(0, m.start() - 2):m.start()].endswith(("比", "较")) or doc.norm.startswith(("相比", "的基础上"), m.end()):
        return False  # 比“十三五”期末下降20%: the base the change is measured from, not a target year
    if post == "以来":
        until = sentence_end(doc, m.start(), hi, ends)
        return YearScope((), historical=True, start=m.start(), end=m.end(), until=until, saved=ctx)
    end1 = PERIOD_NAMES[m.group("p1")]
    end2 = PERIOD_NAMES[m.group("p2")] if m.group("p2") else None
    last = end2 or end1
    if last <= doc.info.hist_threshold and not (m.group("pre") or "").startswith(("到", "力争", "确保")):
        until = sentence_end(doc, m.start(), hi, ends)
        return YearScope((), historical=True, start=m.start(), end=m.end(), until=until, saved=ctx)
    firm = firmness_of(m.group("pre") or "")
    if post in ("末", "期末", "末期"):
        return YearScope((last,), "=", None, firm, m.start(), m.end())
    years = (end1, end2) if end2 else (end1,)
    return YearScope(years, "=", end1 - 4, firm, m.start(), m.end())

# -- values -------------------------------------------------------------


# 今年 / 明年 / 年内 in a text whose year is known (a 2017年政府工作报告, a dated news item); 今年以来 /
# 今年上半年 / 去年 / 过去一年 report what was done; 近三年内 is no 年内
RELATIVE_YEAR_RE = re.compile(r"(?<![比较同与和])(?P<back>去年|上年|过去一年|过去五年|上一年)(?!同期|水平|基础)|(?P<word>今年|明年|(?<![一二三四五六七八九十两\d近数多])年内|本年度?)"
                              r"(?P<past>以来|上半年|前[一二三]季度|[1-9１-９]-\d{1,2}月)?")


def relative_scope(doc: Doc, m: re.Match[str], ctx: YearScope | None, hi: int, ends: list[int]) -> YearScope | None:
    """The scope a relative year opens: the text's current year (明年: the next), or history until the
    sentence ends (今年以来…完成…). Rejected: reading 今年 in a text of unknown date (no scope: a year
    cannot be invented)."""
    if m.group("past") or m.group("back"):  # 今年以来 / 去年 / 过去一年: what was done
        until = sentence_end(doc, m.start(), hi, ends)
        return YearScope((), historical=True, start=m.start(), end=m.end(), until=until, saved=ctx)
    if not doc.info.current_year:
        return ctx
    year = doc.info.current_year + (1 if m.group("word") == "明年" else 0)
    return YearScope((year,), "=", None, "", m.start(), m.end())
