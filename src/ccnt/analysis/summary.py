"""A summary in the monthly report's house style::

    《方案》旨在<purpose>。其中提出，到2025年，<target>，<target>。到2030年，<target>。

* the short type comes from the policy type (《方案》《意见》《规划》《办法》…);
* the purpose is the text's own purpose statement: the first sentence that starts with 为/为了
  (为深入贯彻…，扎实推进…，制定本方案) or says 旨在…, cut to its purpose clauses (citations 根据《…》,
  落实《…》 and the closing 制定本方案 / 现提出如下意见 are dropped);
* the targets are the first few of the main-goals section (主要目标 / 发展目标 / 总体目标 /
  工作目标), else the first ones of the text, grouped by year in order.

Every number in the summary comes from an extracted target's own text (the target year from the
target itself); purpose clauses that carry digits are dropped, so a number can never come from
anywhere else.
"""

from __future__ import annotations

import re

from .policy_type import short_type
from .textlines import lines_of
from .types import PolicyAnalysis, Target

_GOALS_HEADING = re.compile(
    r"(主要目标|发展目标|总体目标|工作目标|目标任务|主要指标|预期目标|行动目标|基本目标)"
)
_MAJOR_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+[、．.]|第[一二三四五六七八九十]+[章部分节])")
_SUB_HEADING = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
_DROP_CLAUSE = re.compile(
    r"^(?:特|现|并|经|结合|根据|按照|依据|依照|对照|参照|遵照|制定|制订|编制|提出|就|印发|出台|"
    r"落实《|贯彻落实《|贯彻《)"
)
_YEAR_LEAD = re.compile(r"^(?:[，,、\s]*)(?:到|至|截至|在)?\s*(?:19|20)\d{2}\s*年(?:底|末|前)?[，,]?\s*")
MAX_PURPOSE = 90
_VERB = re.compile(
    r"(?:达到|提高|提升|增加|增长|下降|降低|减少|超过|突破|控制在|控制|不低于|不高于|不超过|保持|稳定在|累计|新增|比\d)"
)


def purpose_of(text: str) -> str:
    head = text[:4000]
    sentences = [s for s in re.split(r"(?<=[。！？])|\n", head) if s.strip()]
    for s in sentences[:25]:
        s = s.strip()
        m = re.search(r"旨在([^。]+)", s)
        if m:
            return _trim(m.group(1).split("，"))
        # the corpus restates the title before the first sentence: 江苏省碳达峰实施方案。为…
        m = re.match(r"^为了?(?!主|辅|止|此|何)(.+?)[。]?$", s)
        if m:
            clauses = re.split(r"[，,；;]", m.group(1))
            # the last clause is the act (制定本方案 / 现提出如下意见) unless it is a purpose
            return _trim(clauses)
    return ""


def _trim(clauses: list[str]) -> str:
    keep: list[str] = []
    for c in clauses:
        c = c.strip().rstrip("。")
        if not c:
            continue
        if _DROP_CLAUSE.match(c) or "《" in c or "》" in c:
            continue
        if re.search(r"本(?:实施)?(?:方案|意见|规划|办法|计划|通知|细则|措施|决定|规定|纲要|政策)|如下", c):
            continue
        if re.search(r"\d", c):
            continue  # numbers in the summary only come from targets
        keep.append(c)
    while keep and len("，".join(keep)) > MAX_PURPOSE and len(keep) > 1:
        keep.pop(0)  # the later clauses say what this policy does; the first ones are preamble
    return "，".join(keep)


def goals_section(text: str) -> tuple[int, int] | None:
    lines = lines_of(text)
    for k, ln in enumerate(lines):
        head = ln.text[:30]
        if not _GOALS_HEADING.search(head):
            continue
        if len(ln.text) > 40 and not re.match(r"^[（(]?[一二三四五六七八九十\d]+[）)、．.]", ln.text):
            continue
        level = _SUB_HEADING if _SUB_HEADING.match(ln.text) else _MAJOR_HEADING
        end = len(text)
        for nxt in lines[k + 1 :]:
            if level.match(nxt.text) or (level is _SUB_HEADING and _MAJOR_HEADING.match(nxt.text)):
                end = nxt.start
                break
        return ln.start, min(end, ln.start + 6000)
    return None


def headline_targets(text: str, targets: list[Target], n: int = 4) -> list[Target]:
    # a purpose clause (为实现2030年前碳达峰目标) is not a target the policy sets
    usable = [t for t in targets if t.target_year and t.text and not t.text.lstrip().startswith("为")]
    section = goals_section(text)
    pool = [t for t in usable if section and section[0] <= t.start < section[1]] or usable
    pool.sort(key=lambda t: t.start)
    out: list[Target] = []
    seen: set[str] = set()
    for t in pool:
        key = re.sub(r"\s", "", t.text)
        if key in seen or any(o.start <= t.start < o.end for o in out):
            continue
        seen.add(key)
        out.append(t)
        if len(out) >= n:
            break
    return out


# a table row quoted as it stands (能耗降低（%） — 〔14〕, 水电万千瓦1759 1866): not a phrase to print
_TABLE_ROW_RE = re.compile(r"[（(][^()（）]{1,8}[）)]\s*(?:[\d〔\[—-])|\d\s+[\d〔\[]|[〔\[]\d")


def _row_phrase(t: Target) -> str:
    """A table row's target in words: 单位地区生产总值能耗下降14%, 煤电装机达到4500万千瓦."""
    value = f"{t.value_low:g}{t.unit}" if t.value_low is not None else ""
    if t.metric_kind in ("change", "cumulative", "annual_rate"):
        verb = {"decrease": "下降", "increase": "提高"}.get(t.direction, "变化")
    else:
        verb = {">=": "不低于", ">": "超过", "<=": "不高于", "<": "低于", "~": "达到"}.get(t.comparator, "达到")
    return f"{t.subject or t.indicator_name}{verb}{value}{'左右' if t.comparator == '~' else ''}"


def target_phrase(t: Target) -> str:
    if t.value_low is not None and _TABLE_ROW_RE.search(t.text or ""):
        return _row_phrase(t)
    phrase = _YEAR_LEAD.sub("", t.text.strip()).strip("，,。；; ")
    # a bare value (13.5%) gets its indicator and direction in words
    core = re.sub(r"^(?:力争|确保|争取|预计)", "", phrase)
    if re.match(_VERB, core) and t.indicator_name and t.indicator_name not in phrase:
        # 达到5500万千瓦 → 可再生能源装机容量达到5500万千瓦
        phrase = f"{t.indicator_name}{phrase}"
    elif len(re.sub(r"[\d.%％\s,，~～\-—至以上下左右万亿千百吨千瓦个点年]", "", phrase)) < 3:
        verb = {"decrease": "下降", "increase": "提高到" if t.metric_kind == "level" else "提高"}.get(
            t.direction, "达到"
        )
        phrase = f"{t.indicator_name}{verb}{phrase}"
    return phrase


def summary_of(pa: PolicyAnalysis) -> str:
    short = short_type(pa.policy_type_code)
    purpose = purpose_of(pa.text)
    picked = headline_targets(pa.text, pa.targets)
    groups: list[tuple[int, list[str]]] = []
    prev: Target | None = None
    for t in picked:
        phrase = target_phrase(t)
        if not phrase:
            continue
        if prev is not None and prev.indicator == t.indicator and prev.target_year == t.target_year \
                and not _TABLE_ROW_RE.search(t.text or ""):
            # 非化石能源消费比重达到20%左右，力争达到21.6%: the second value of one indicator
            phrase = _YEAR_LEAD.sub("", t.text.strip()).strip("，,。；; ")
            if t.stretch and not phrase.startswith("力争"):
                phrase = "力争" + phrase
        prev = t
        for year, phrases in groups:
            if year == t.target_year:
                phrases.append(phrase)
                break
        else:
            groups.append((t.target_year, [phrase]))
    parts: list[str] = []
    if purpose:
        parts.append(f"《{short}》旨在{purpose}。")
    for i, (year, phrases) in enumerate(groups):
        body = "，".join(phrases)
        lead = f"到{year}年，" if not all(f"{year}年" in p for p in phrases) else ""
        if i == 0:
            intro = "其中提出，" if purpose else f"《{short}》提出，"
            parts.append(f"{intro}{lead}{body}。")
        else:
            parts.append(f"{lead}{body}。")
    return "".join(parts)


def step_summary(pa: PolicyAnalysis, gazetteer=None) -> PolicyAnalysis:
    pa.summary = summary_of(pa)
    return pa
