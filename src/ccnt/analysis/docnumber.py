"""Document numbers (发文字号): 国发〔2021〕23号, 苏政发〔2022〕88号, 发改环资〔2021〕1310号,
with [2023] / (2023) / （2023） / 【2023】 / ﹝2023﹞ brackets, and order numbers (…令 第14号,
…公告 2021年第5号).

The policy's own number comes from a labelled field (发文字号：…), else from a line of the header
that is only a number, else from the first few hundred characters when it is not cited (a number
in brackets right after 》 belongs to the cited document). Every other number goes to
``cited_doc_numbers``. Output uses the standard 〔〕 brackets and no spaces.
"""

from __future__ import annotations

import re

from .textlines import header_field, lines_of
from .types import PolicyAnalysis

_OPEN = "〔\\[［(（【﹝"
_CLOSE = "〕\\]］)）】﹞"
_SP = r"[ \t\u3000]*"
DOCNO_RE = re.compile(
    rf"(?P<prefix>[\u4e00-\u9fffA-Za-z]{{1,14}}){_SP}[{_OPEN}]{_SP}(?P<year>(?:19|20)\d{{2}}){_SP}[{_CLOSE}]"
    rf"{_SP}第?{_SP}(?P<num>\d{{1,5}}){_SP}号"
)
ORDER_RE = re.compile(
    rf"(?P<prefix>[\u4e00-\u9fff]{{2,30}}?(?:令|公告|通告)){_SP}(?:[{_OPEN}]?{_SP}(?P<year>(?:19|20)\d{{2}}){_SP}[{_CLOSE}]?{_SP}年?)?"
    rf"[\s\u3000]*第{_SP}(?P<num>\d{{1,5}}){_SP}号"
)
# words that end a sentence before a cited number's prefix (…印发的国发〔2021〕23号 → 国发)
_PREFIX_CUT = re.compile(
    r".*(?:[的了和及与等按照根据依据落实贯彻见详参]|印发|转发|文件|通知|精神|要求|规定)(?=[\u4e00-\u9fff])"
)


_ORDER_CUT = re.compile(
    r".*(?:[的了见详参]|印发|转发|根据|按照|依据|落实|贯彻|文件|通知|精神|要求|规定)(?=[\u4e00-\u9fff])"
)


def _clean_prefix(prefix: str, cut: re.Pattern = _PREFIX_CUT) -> str:
    m = cut.match(prefix)
    if m and len(prefix) - m.end() >= 1:
        prefix = prefix[m.end() :]
    return prefix


def normalise(prefix: str, year: str | None, num: str, order: bool = False) -> str:
    if order:
        return f"{prefix}{year + '年' if year else ''}第{int(num)}号"
    return f"{prefix}〔{year}〕{int(num)}号"


def find_doc_numbers(text: str) -> list[tuple[int, int, str]]:
    """All document numbers: (start, end, normalised)."""
    out = []
    for m in DOCNO_RE.finditer(text):
        prefix = _clean_prefix(m.group("prefix"))
        start = m.start("prefix") + (len(m.group("prefix")) - len(prefix))
        out.append((start, m.end(), normalise(prefix, m.group("year"), m.group("num"))))
    taken = [(s, e) for s, e, _ in out]
    for m in ORDER_RE.finditer(text):
        if any(s <= m.start("num") < e for s, e in taken):
            continue
        prefix = _clean_prefix(m.group("prefix"), _ORDER_CUT)
        start = m.start("prefix") + (len(m.group("prefix")) - len(prefix))
        out.append((start, m.end(), normalise(prefix, m.group("year"), m.group("num"), order=True)))
    out.sort()
    return out


def _is_cited(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 3) : start]
    return bool(re.search(r"》[（(]?$|[（(]$", before)) and bool(
        re.match(r"[）)]", text[end : end + 1] or " ")
    )


def own_doc_number(text: str) -> tuple[str, list[str]]:
    """(the policy's own number or "", the cited numbers)."""
    found = find_doc_numbers(text)
    own = ""
    own_span: tuple[int, int] | None = None
    labelled = header_field(text, r"发文字号|文\s*号|发文编号|字\s*号")
    if labelled:
        value, s0, _e0 = labelled
        inner = find_doc_numbers(value)
        if inner:
            own = inner[0][2]
            own_span = (s0 + inner[0][0], s0 + inner[0][1])
    if not own:
        header = lines_of(text)[:15]
        for ln in header:
            for s, e, num in found:
                if ln.start <= s and e <= ln.end:
                    rest = (text[ln.start : s] + text[e : ln.end]).strip(" \t\u3000")
                    if len(rest) <= 2 or re.fullmatch(r"[\s\u3000]*(签发人[:：].*)?", rest):
                        own, own_span = num, (s, e)
                        break
            if own:
                break
    if not own:
        for s, e, num in found:
            if s > 400:
                break
            if not _is_cited(text, s, e):
                own, own_span = num, (s, e)
                break
    cited = []
    for s, e, num in found:
        if own_span and (s, e) == own_span:
            continue
        if num != own and num not in cited:
            cited.append(num)
    return own, cited


def step_doc_number(pa: PolicyAnalysis, gazetteer=None) -> PolicyAnalysis:
    own, cited = own_doc_number(pa.text)
    pa.doc_number = own
    for c in cited:
        if c not in pa.cited_doc_numbers:
            pa.cited_doc_numbers.append(c)
    return pa
