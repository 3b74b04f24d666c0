"""Peak and neutrality commitments (2030年前碳达峰, 力争2060年前实现碳中和): targets without a value."""

from __future__ import annotations

import re

from ..types import Target
from .document import Doc, YearScope
from .patterns import (
    FUTURE_BEFORE_RE,
    PEAK_NOT_AFTER,
    SCOPED_PEAK_RE,
    YEAR_ONLY_RE,
    YEAR_RE,
)
from .spans import clause_start, firmness_of, in_title_quotes, last_year, sentence_key, sentence_of
from .subject import clean_subject

# 2060年前碳中和的总目标 / 的愿景: the goal itself, not a thing named after it (碳中和的路径)
# …实现碳中和的重大战略决策: the Party centre's decision to reach it (cited, but a statement of the goal)
_GOAL_AFTER = ("的目标", "的总目标", "的总体目标", "的战略目标", "的愿景", "的宏伟目标", "的重大战略", "的重大决策",
               "的战略决策")
# 到2030年，二氧化碳排放达到峰值后稳中有降: the peak by that year, then a decline
_PEAK_THEN = ("后稳中有降", "并实现稳中有降", "后稳步下降", "并稳中有降")
# 2025年前实现公共机构碳达峰 / 率先实现工业领域碳达峰: the verb, then the sector that peaks
_SECTOR_PEAK_RE = re.compile(r"(?:率先|力争|确保|争取)?(?:实现|达到)[\u4e00-\u9fff]{1,10}")


# the peak of a sector, a kind of body or an area is another quantity than the jurisdiction's CO2 peak
_SECTOR_RE = re.compile(r"(?<!全)(?:行业|领域|产业)|工业|建筑|交通|公共机构|农业|电力|钢铁|水泥|建材|化工|石化|有色")


def peak(doc: Doc, m: re.Match[str], ctx: YearScope | None, lo: int, hi: int, seen: set) -> None:
    """A peak or neutrality commitment (2030年前碳达峰, 力争2060年前实现碳中和)."""
    norm, text = doc.norm, doc.text
    kw = m.group("kw")
    kpos = m.start("kw")
    if in_title_quotes(norm, kpos, lo):
        return
    tail = norm[m.end():m.end() + 5]
    if tail.startswith(PEAK_NOT_AFTER) and not tail.startswith(_GOAL_AFTER) and not tail.startswith(_PEAK_THEN):
        return
    # year phrase in this clause, or the whole previous clause (2030年前，X达到峰值)
    cstart = clause_start(norm, kpos, lo)
    ym = last_year(norm, cstart, kpos)
    if ym is None and cstart - 1 > lo and norm[cstart - 1] in "，,":
        pstart = clause_start(norm, cstart - 1, lo)
        if YEAR_ONLY_RE.fullmatch(norm, pstart, cstart - 1):
            ym = YEAR_RE.search(norm, pstart, cstart)
            cstart = pstart
    before = norm[max(cstart, kpos - 6):kpos]
    if ym is not None:
        between = norm[ym.end():kpos]
        if any(w in between for w in ("为", "奠定", "基础", "支撑", "之后", "以后", "后", "打下", "创造", "推动", "推进")):
            return  # groundwork for the peak (2021-2023年度推动碳达峰…), not a commitment to it
        if any(c.isdigit() for c in between) or len(between) > 24:
            return
        if not (len(between.strip()) <= 2 or kw.startswith(("达到", "实现", "进入")) or
                re.search(r"(?:实现|达到|完成|达)$", between) or re.search(r"排放(?:量|总量)?(?:力争|率先)?$", between)
                or SCOPED_PEAK_RE.search(between) or _SECTOR_PEAK_RE.fullmatch(between)):
            return
        year = int(ym.group("year"))
        post = (ym.group("post") or "").replace("\u3000", "")
        pre = ym.group("pre") or ""
        if post in ("起", "以来", "开始", "以后", "之后", "后", "的基础上", "基础上", "相比", "比", "度") or pre in (
                "比", "较", "从", "自"):
            return
        if year <= doc.info.hist_threshold and not post.endswith("前") and not FUTURE_BEFORE_RE.search(
                norm, max(cstart, ym.start() - 6), ym.start() + len(pre)):
            return  # historical (2013年实现达峰), unless announced as an aim (公司将于2023年实现碳达峰)
        ycmp = "<=" if post in ("前", "以前", "之前", "底前", "末前") else "="
        start = min(cstart, ym.start())
    else:
        # no year in the clause: a commitment in a paragraph whose year is stated
        # (到2030年，…，确保实现碳达峰目标 / 碳达峰目标顺利实现)
        if ctx is None or ctx.historical or not ctx.years:
            return
        committed = re.search(r"(?:实现|达到|完成)$", before) or kw.startswith(("达到", "实现", "进入")) or \
            re.match(r"目标(?:顺利|如期|基本|全面)?(?:实现|完成)", norm[m.end():m.end() + 8])
        if not committed or re.search(r"为(?:实现|达到)?$|为[^，。；]{0,4}(?:实现|达到)$", before):
            return
        if re.search(r"(?:率先|提前|推动|推进)[^，。；]{0,3}$", before) or re.search(
                r"支撑|支持|助力|服务|保障|奠定|为实现|为如期", norm[cstart:kpos]):
            return  # groundwork for the peak, not a commitment to it
        year = ctx.years[-1]
        ycmp = ctx.year_comparator
        start = cstart
    code = "carbon_neutrality" if kw.endswith("中和") else "co2_peak"
    while start < kpos and norm[start] in " ，,、“\"":
        start += 1
    end = m.end()
    if norm.startswith("目标", end):
        end += 2
        tm = re.match(r"(?:任务)?(?:顺利|如期|基本|全面)?(?:实现|完成)?", norm[end:end + 6])
        if tm:
            end += tm.end()
    subject = norm[start:kpos]
    ind_code = code
    if code == "co2_peak":
        ind_code = doc.cat.peak_indicator(subject + kw, "co2_peak")
        if ind_code == "co2_peak" and _SECTOR_RE.search(subject):
            ind_code = "other"  # 建材行业实现碳达峰: a sector's peak, not the economy's CO2 peak
    # one commitment per sentence, quantity and year (碳达峰…达到峰值 restated in one sentence counts once)
    key = (sentence_key(norm, kpos, lo), ind_code, year, tuple(_SECTOR_RE.findall(subject)) if ind_code == "other" else ())
    if key in seen:
        return
    seen.add(key)
    firm = firmness_of(norm[cstart:kpos]) or firmness_of(norm[max(lo, cstart - 3):cstart])
    if not firm and ym is None and ctx is not None:
        firm = ctx.firmness
    what = re.sub(r"(?:实现|达到|完成|率先|提前|力争|确保)+$", "", clean_subject(subject))
    peaked = what + kw.lstrip("实现达到") if kw.startswith(("碳", "实现碳")) else (what or "碳排放")
    doc.targets.append(Target(
        subject=peaked or kw,
        indicator=ind_code,
        indicator_name=doc.cat.name(ind_code),
        target_year=year,
        value_low=None,
        value_high=None,
        unit="",
        value_normalized=None,
        unit_normalized="",
        comparator=None,
        text=text[start:end],
        start=start,
        end=end,
        direction="level",
        stretch=firm == "stretch",
        firmness=firm or "plain",
        metric_kind="level",
        year_comparator=ycmp,
        sentence=sentence_of(text, norm, start, end, lo, hi),
    ))
