"""Issuing bodies (发文机关): an ordered list, lead issuer first.

Sources, in order of trust:

1. the caller's hint (``--issuer``, page metadata), split on 、，,；; and spaces;
2. a labelled header field (发文机关：…, 发布机构：…, 来源：…) in the first lines;
3. the heading — the names before 关于/印发/转发 in the notice's title (国务院关于…,
   中共中央 国务院关于…, 国家发展改革委 国家能源局关于…) — or the signature block (one or more
   lines of body names followed by a date line: 江苏省人民政府 \\n 2022年7月5日), whichever
   names more bodies (joint issuance lists them all);
4. the 印发 line of the colophon (XX省人民政府办公厅 2022年7月6日印发).

The 抄送 line lists recipients, never issuers. Names are canonicalised through the gazetteer
(发改委 → 国家发展和改革委员会; 江苏省发改委 → 江苏省发展和改革委员会); names it does not know are
kept as written when they look like a body (end in 政府/委/部/局/厅/院/办公室/中心/行…).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .datefind import find_dates, is_date_line
from .gazetteer import Gazetteer
from .policy_type import unwrap_all
from .textlines import BODY_END, Line, compact, header_field, lines_of, looks_like_body
from .types import PolicyAnalysis

# the line helpers stay importable from here for older callers
__all__ = [
    "BODY_END",
    "Line",
    "SignatureBlock",
    "canonical_issuers",
    "colophon_issuer",
    "find_signature_blocks",
    "header_field",
    "heading_issuers",
    "lines_of",
    "looks_like_body",
    "step_issuers",
]

_SEP = re.compile(r"[、，,；;|｜\s\u3000]+|(?<=[委部局厅院府办])(?:和|及|与)")


def canonical_issuers(raw: str, gazetteer: Gazetteer, keep_unknown: bool = True) -> list[str]:
    """Names in ``raw`` (a list written any way), canonicalised, in order, without repeats."""
    out: list[str] = []
    for piece in _SEP.split(raw or ""):
        piece = piece.strip("（）()【】[] \t")
        if not piece:
            continue
        names = _names_in(piece, gazetteer, keep_unknown)
        for n in names:
            if n not in out:
                out.append(n)
    return out


def _names_in(piece: str, gazetteer: Gazetteer, keep_unknown: bool) -> list[str]:
    match = gazetteer.canonical_authority(piece)
    if match:
        return [match.name]
    found = gazetteer.find_authorities(piece)
    covered = sum(m.end - m.start for m in found)
    if found and found[0].start == 0 and covered >= len(piece) - 2:  # 国家发改委等 → 国家发展和改革委员会
        return [m.name for m in found]
    if found and found[0].start > 0 and re.match(r"^(省|市|自治区|区|县|州|盟|旗)", piece):
        return [piece] if keep_unknown else []  # 省发展改革委: a local body, resolved by the caller
    if keep_unknown and looks_like_body(piece):
        return [piece]
    return [m.name for m in found] if found and covered >= len(piece) * 0.6 else []


def _line_bodies(line: str, gazetteer: Gazetteer) -> list[str] | None:
    """The bodies a signature line names, or None when it is not a signature line."""
    s = line.strip()
    if len(compact(s)) > 60 or re.search(r"[。；：:，,“”《》？！]", s):
        return None
    names: list[str] = []
    for piece in re.split(r"[\s\u3000、]+", s):
        if not piece:
            continue
        got = _names_in(piece, gazetteer, True)
        if not got:
            return None
        names.extend(got)
    return names or None


@dataclass
class SignatureBlock:
    issuers: list[str]
    date: tuple[int, int, str]  # start, end, iso
    start: int  # offset of the first line of the block
    lines: list[str] = field(default_factory=list)


def find_signature_blocks(text: str, gazetteer: Gazetteer | None = None) -> list[SignatureBlock]:
    """Signature blocks: body-name lines followed by a date line (or a date line alone near the end).

    The first one is the notice's (a notice wrapping a policy is signed before the attachment).
    """
    gazetteer = gazetteer or Gazetteer.from_data_files()
    lines = lines_of(text)
    blocks: list[SignatureBlock] = []
    for i, ln in enumerate(lines):
        if not is_date_line(ln.text):
            # a body name and its date on one line: 国务院 2021年10月24日
            found = find_dates(ln.text)
            if len(found) == 1 and found[0][1] >= len(ln.text) - 1 and found[0][0] > 0:
                bodies = _line_bodies(ln.text[: found[0][0]], gazetteer)
                if bodies:
                    s, e, iso = found[0]
                    blocks.append(
                        SignatureBlock(bodies, (ln.start + s, ln.start + e, iso), ln.start, [ln.text])
                    )
            continue
        s, e, iso = find_dates(ln.text)[0]
        date = (ln.start + s, ln.start + e, iso)
        issuers: list[str] = []
        used: list[str] = []
        first = ln.start
        j = i - 1
        while j >= 0 and i - j <= 6:
            bodies = _line_bodies(lines[j].text, gazetteer)
            if not bodies:
                break
            issuers = bodies + [b for b in issuers if b not in bodies]
            used.insert(0, lines[j].text)
            first = lines[j].start
            j -= 1
        if issuers:
            blocks.append(SignatureBlock(issuers, date, first, used + [ln.text]))
        elif i >= len(lines) - 3 or (
            i > 0 and re.match(r"^(（|\()?此件", lines[min(i + 1, len(lines) - 1)].text)
        ):
            blocks.append(SignatureBlock([], date, ln.start, [ln.text]))
    return blocks


def heading_issuers(title: str, gazetteer: Gazetteer) -> list[str]:
    """Bodies named before 关于 / 印发 / 转发 in a title (国务院关于…, 中共中央 国务院关于…)."""
    t = compact(title) if " " not in title.strip() else title.strip()
    m = re.search(r"关于|印发|转发|批转|颁布|发布", t)
    prefix = t[: m.start()] if m else ""
    if not prefix:
        # no 关于: 陕西省人民政府加快建立健全…若干措施 — a body name at the very start
        found = gazetteer.find_authorities(compact(t))
        if found and found[0].start == 0 and found[0].kind not in ("party_short",):
            rest = compact(t)[found[0].end :]
            if len(rest) >= 4:
                return [found[0].name]
        return []
    names = canonical_issuers(prefix, gazetteer, keep_unknown=True)
    if not names:
        return []
    return names


def colophon_issuer(text: str, gazetteer: Gazetteer) -> list[str]:
    """XX省人民政府办公厅  2022年7月6日印发 (the last lines)."""
    for ln in reversed(lines_of(text)[-8:]):
        m = re.match(r"^(.{2,40}?)[\s\u3000]+\S*年\S*日[\s\u3000]*印发$", ln.text)
        if m:
            return canonical_issuers(m.group(1), gazetteer)
    return []


def step_issuers(pa: PolicyAnalysis, gazetteer: Gazetteer | None = None) -> PolicyAnalysis:
    gazetteer = gazetteer or Gazetteer.from_data_files()
    issuers: list[str] = []
    if pa.issuer_hint:
        issuers = canonical_issuers(pa.issuer_hint, gazetteer)
    if not issuers:
        fieldv = header_field(pa.text, r"发文机关|发布机构|发文单位|发布单位|制发机关")
        if fieldv:
            issuers = canonical_issuers(fieldv[0], gazetteer)
    notice_title = pa.notice_title or pa.title
    if not issuers:
        heading = heading_issuers(notice_title, gazetteer) if notice_title else []
        blocks = find_signature_blocks(pa.text, gazetteer)
        signed = next((b.issuers for b in blocks if b.issuers), [])
        issuers = heading if len(heading) >= len(signed) else signed
    if not issuers:
        issuers = colophon_issuer(pa.text, gazetteer)
    # 转发: the policy is the forwarded one; its issuer is named inside the notice's title
    if pa.wrapper == "转发" and pa.notice_title:
        _verb, _inner, prefixes = unwrap_all(pa.notice_title)
        original = canonical_issuers(prefixes[1], gazetteer) if len(prefixes) > 1 and prefixes[1] else []
        if not original:
            original = heading_issuers(pa.wrapped_title, gazetteer)
        original = [_resolve_relative(n, issuers, gazetteer) for n in original]
        if original:
            pa.notice_issuers = issuers
            issuers = original
    pa.issuers = issuers
    return pa


def _resolve_relative(name: str, context: list[str], gazetteer: Gazetteer) -> str:
    """省发展改革委 inside a notice of 江苏省人民政府办公厅 → 江苏省发展和改革委员会."""
    m = re.match(r"^(省|市|自治区|区|县|州|盟|旗)(.+)$", name)
    if not m or not context:
        return name
    ctx = gazetteer.canonical_authority(context[0])
    if not ctx or not ctx.place:
        return name
    want = {"省": "province", "自治区": "province", "市": "city", "州": "city", "盟": "city"}.get(m.group(1))
    place = ctx.place
    if want == "province":
        place = gazetteer.province_of(place) or place
    full = place.name + m.group(2)
    got = gazetteer.canonical_authority(full)
    return got.name if got else full
