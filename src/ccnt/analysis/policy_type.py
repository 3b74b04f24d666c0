"""Title, wrapper notices and policy type.

* ``default_title(text)`` — a labelled 标题：… field, else the first line that reads like a title
  (skipping metadata labels, document numbers, dates, "XX文件" mastheads and bare body names; a
  title broken over two lines is joined).
* ``unwrap(title)`` — 关于印发/转发/发布《X》的通知 → (verb, X); nested wrappers (转发…关于印发…的通知
  的通知) unwrap to the innermost policy.
* ``policy_type_of(title)`` — the most specific ending from taxonomy.json's ``policy_types``
  (实施方案 before 方案, 行动计划 before 计划), after dropping trailing brackets (（试行）,
  （2021—2025年）, （征求意见稿）). Returns the type's code.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata

from ccnt.paths import DATA_DIR

from .datefind import is_date_line
from .textlines import header_field, lines_of, looks_like_body
from .types import PolicyAnalysis

TAXONOMY = DATA_DIR / "taxonomy.json"


@functools.lru_cache(maxsize=1)
def taxonomy() -> dict:
    with TAXONOMY.open(encoding="utf-8") as fh:
        return json.load(fh)


@functools.lru_cache(maxsize=1)
def _endings() -> list[tuple[str, str]]:
    pairs = []
    for t in taxonomy().get("policy_types", []):
        for e in [t["zh"], *t.get("endings", [])]:
            pairs.append((e, t["code"]))
    pairs.sort(key=lambda p: len(p[0]), reverse=True)
    return pairs


def policy_type_info(code: str) -> dict:
    for t in taxonomy().get("policy_types", []):
        if t["code"] == code:
            return t
    return {}


def short_type(code: str) -> str:
    """The short form used in the report: 《方案》《意见》《规划》…"""
    return policy_type_info(code).get("short", "") or "文件"


_TRAILING = re.compile(r"(?:[（(【\[〔][^（）()【】\[\]〔〕]{0,30}[）)】\]〕]|[\s\u3000“”\"'。.])$")
_YEAR_TAIL = re.compile(r"[（(]?\s*\d{4}\s*[-—–~～至]\s*\d{2,4}\s*年?\s*[）)]?$|\d{4}年(?:版|度)?$")


def clean_title(title: str) -> str:
    """Drop trailing brackets and years: 管理办法（试行） → 管理办法. 《A》《B》 → A."""
    t = unicodedata.normalize("NFKC", title).strip()  # PDFs give Kangxi radicals: 实施⽅案
    quoted = re.match(r"^《([^《》]+)》", t)
    if quoted:
        t = quoted.group(1)
    for _ in range(5):
        new = _TRAILING.sub("", t)
        new = _YEAR_TAIL.sub("", new).strip()
        if new == t:
            break
        t = new
    return t


def policy_type_of(title: str) -> str:
    t = clean_title(title)
    if not t:
        return ""
    for ending, code in _endings():
        if t.endswith(ending):
            if code == "law" and not (re.search(r"中华人民共和国|^[^关]{2,16}法$", t)):
                continue
            return code
    return "other"


# ------------------------------------------------------------------------- wrappers
_VERBS = "印发|转发|批转|发布|颁布|下发|公布|修订印发|重新印发"


def unwrap(title: str) -> tuple[str, str, str]:
    """(verb, inner title, issuer prefix of the notice) for a wrapping notice, else ("", "", "")."""
    t = title.strip()
    m1 = re.search(rf"关于(?P<verb>{_VERBS})", t)
    m2 = re.match(rf"^(?P<pre>[^关《]{{2,40}}?)(?P<verb>{_VERBS})(?=关于|《|[^的]{{4,}})", t)
    # the outermost verb comes first: 省政府办公厅转发国家发展改革委关于印发《X》的通知的通知
    m = min((x for x in (m1, m2) if x), key=lambda x: x.start("verb"), default=None)
    if not m:
        return "", "", ""
    issuer = t[: m.start()] if "关于" in m.group(0) else m.group("pre")
    if "关于" not in m.group(0) and not looks_like_body(issuer):
        return "", "", ""
    verb = m.group("verb")
    rest = t[m.end() :]
    has_tail = bool(re.search(r"的?(通知|公告|通告|决定|令|函)$", rest))
    inner = re.sub(r"的?(通知|公告|通告|决定|令|函)$", "", rest).strip() if has_tail else rest.strip()
    # 《A》 / 《A》和《B》 / A
    quoted = re.findall(r"《([^《》]+)》", inner)
    if quoted and inner.startswith("《"):
        inner_title = quoted[0]
    else:
        inner_title = inner.strip("《》〈〉")
    if "关于" not in m.group(0) and not has_tail and not quoted:
        # 江苏省人民政府印发关于…实施意见 — no 的通知: only a wrapper when the rest is a titled policy
        if not inner_title.startswith("关于") and policy_type_of(inner_title) in ("", "other"):
            return "", "", ""
    if len(inner_title) < 4:
        return "", "", ""
    if not quoted and verb in ("公布", "发布") and policy_type_of(inner_title) in ("", "other"):
        return "", "", ""  # 关于公布第一批名单的通知 is a notice, not a wrapper
    return verb, inner_title, issuer.strip()


def unwrap_all(title: str) -> tuple[str, str, list[str]]:
    """Unwrap nested notices: (outer verb, innermost title, [issuer prefixes, outer first])."""
    verb0, inner, issuer = unwrap(title)
    if not verb0:
        return "", "", []
    prefixes = [issuer]
    for _ in range(3):
        v, deeper, iss = unwrap(inner)
        if not v:
            break
        prefixes.append(iss)
        inner = deeper
    return verb0, inner, prefixes


# ------------------------------------------------------------------------- title
_LABEL_LINE = re.compile(
    r"^(?:索\s*引\s*号|主题分类|主\s*题\s*词|发文机关|发布机构|成文日期|发布日期|发文字号|文\s*号|有\s*效\s*性|"
    r"来源|信息来源|时间|发布时间|浏览次数|访问量|字号|【?字体|打印|分享|关闭|当前位置|首页|"
    r"信息公开|政策文件|政府信息公开)[\s\u3000]*[:：>＞]?"
)
_DOCNO_LINE = re.compile(r"^\S{1,12}[〔\[［(（【]\s*(?:19|20)\d{2}\s*[〕\]］)）】]\s*第?\s*\d{1,5}\s*号$")


def looks_like_title(line: str) -> bool:
    s = line.strip()
    if not (4 <= len(s) <= 120):
        return False
    if re.search(r"[。；;！？]", s[:-1]) or s.endswith(("：", ":", "；")):
        return False
    return True


# a parenthetical that ends a title on a line of its own: （试行）, （2022—2025年）, （征求意见稿）
_TITLE_NOTE_LINE = re.compile(r"[（(](?:试行|暂行|征求意见稿|修订|修订稿|送审稿|\d{4}\s?年?(?:修订|版)?|"
                              r"\d{4}\s?[—\-－~至]+\s?\d{4}\s?年?)[）)]")


def default_title(text: str, gazetteer=None) -> str:
    labelled = header_field(text, r"标\s*题|文件名称|名\s*称")
    if labelled and looks_like_title(labelled[0]):
        return labelled[0]
    lines = lines_of(text)[:15]
    for k, ln in enumerate(lines):
        s = ln.text
        if _LABEL_LINE.match(s) or _DOCNO_LINE.match(re.sub(r"\s+", "", s)) or is_date_line(s):
            continue
        if re.search(r"文\s*件$", s) and len(s) < 30:  # masthead: 江苏省人民政府文件
            continue
        if re.fullmatch(
            r"[（(]?此件公开发布[）)]?|附件\d*[:：]?|[（(]?[一二三四五六七八九十\d]+[）)]?|第\s*\d+\s*页.*", s
        ):
            continue
        if gazetteer is not None and gazetteer.canonical_authority(s) is not None:
            continue
        if not looks_like_title(s):
            return ""
        title = s
        last = k
        # a title broken over two (or three) lines
        for nxt in lines[k + 1 : k + 4]:
            unclosed = title.count("《") > title.count("》")  # 关于印发《重庆市严格能效约束 / 推动…
            if policy_type_of(title) not in ("", "other") and not title.endswith(("关于", "的", "《")) and not unclosed:
                break
            cand = nxt.text
            # an issuer line (河南省人民政府办公厅) then 关于…的实施意见: one title, however long
            long_ok = cand.startswith(("关于", "印发", "转发")) or title.endswith(("关于", "的", "《")) or unclosed
            # 碳达峰碳中和工 / 作计划: a short tail that completes the title's type word is the title's
            tail_ok = len(cand.strip()) < 4 and policy_type_of(title + cand) not in ("", "other")
            if _DOCNO_LINE.match(re.sub(r"\s+", "", cand)) or not (looks_like_title(cand) or tail_ok) or (
                len(cand) > 40 and not long_ok
            ):
                break
            joined = title + cand
            if policy_type_of(joined) not in ("", "other") or joined.count("《") > joined.count("》"):
                title = joined
                last += 1
            else:
                break
        if last + 1 < len(lines) and _TITLE_NOTE_LINE.fullmatch(lines[last + 1].text.strip()):
            title += lines[last + 1].text.strip()  # 行动计划 / （试行）: the note on its own line is the title's
        return re.sub(r"^[\s\u3000]+|[\s\u3000]+$", "", title)
    return ""


def step_title(pa: PolicyAnalysis, gazetteer=None) -> PolicyAnalysis:
    if not pa.title:
        pa.title = default_title(pa.text, gazetteer)
        if not pa.title:
            pa.warnings.append("no title: pass one with --title")
    return pa


def step_wrapper(pa: PolicyAnalysis, gazetteer=None) -> PolicyAnalysis:
    if not pa.title:
        return pa
    verb, inner, prefixes = unwrap_all(pa.title)
    if not verb:
        return pa
    pa.wrapper = verb
    pa.notice_title = pa.title
    pa.wrapped_title = inner
    pa.title = inner
    if "《" in pa.notice_title and len(re.findall(r"《", pa.notice_title)) > 1:
        pa.warnings.append("the notice wraps several documents; only the first is analysed")
    return pa


def step_policy_type(pa: PolicyAnalysis, gazetteer=None) -> PolicyAnalysis:
    # The contract's policy_type is the Chinese word readers and curators use (实施方案);
    # the stable code (implementation_plan) travels beside it.
    pa.policy_type_code = policy_type_of(pa.title) if pa.title else ""
    pa.policy_type = policy_type_info(pa.policy_type_code).get("zh", "") if pa.policy_type_code else ""
    return pa
