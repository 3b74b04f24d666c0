"""``ccnt extract FILE|- [--title T] [--issuer I] [--actor NAME] [--json] [--explain]`` — analyse one text, no database.

Prints the ``PolicyAnalysis`` as one JSON object (``--json``; ensure_ascii=False) or a short
human-readable view. Reads UTF-8 (with or without BOM); a file that is not UTF-8 is retried as
GB18030 (with a note on stderr). A missing file, an undecodable or an empty text is reported with
the file's name and exit code 2 — never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .gazetteer import Gazetteer
from .pipeline import analyse, normalise_text
from .policy_type import taxonomy
from .targets import explain_targets


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # exit 2 with a message, as argparse does, but testable
        raise _UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="ccnt extract", description="Analyse one policy text (no database).")
    p.add_argument("file", help="a UTF-8 text file, or - for standard input")
    p.add_argument(
        "--title", help="the policy's title (default: the text's first line when it reads like one)"
    )
    p.add_argument("--issuer", help="issuing bodies, lead first, separated by 、 or commas")
    p.add_argument("--actor", help="treat the text as this non-state actor's (a name or alias in "
                                   "src/ccnt/data/actors.json): its targets are the actor's, not a jurisdiction's")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--explain", action="store_true",
                   help="print, per target candidate, each rule's decision (kept or dropped, and why)")
    return p


def unknown_actor_message(name: str, gazetteer: Gazetteer) -> str:
    close = gazetteer.actor_registry.suggestions(name)
    hint = f" Did you mean: {'、'.join(close)}?" if close else " (no similar name in the registry)"
    return f"unknown actor {name!r}.{hint}"


def read_text(name: str) -> tuple[str, str | None]:
    """(text, note) — note says when the text was not UTF-8. Raises _UsageError with a message."""
    label = "standard input" if name == "-" else name
    if name == "-":
        data = sys.stdin.buffer.read()
    else:
        path = Path(name)
        if not path.exists():
            raise _UsageError(f"{label}: no such file")
        if path.is_dir():
            raise _UsageError(f"{label}: is a directory, not a text file")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise _UsageError(f"{label}: cannot read ({exc.strerror or exc})") from None
    note = None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
            note = f"{label}: not UTF-8; read as GB18030"
        except UnicodeDecodeError:
            raise _UsageError(f"{label}: not a UTF-8 (or GB18030) text file") from None
    if "\x00" in text:
        raise _UsageError(f"{label}: looks like a binary file, not text")
    if not text.strip():
        raise _UsageError(f"{label}: empty text")
    return text, note


def _labels(kind: str) -> dict[str, str]:
    return {it["code"]: it["zh"] for it in taxonomy().get(kind, [])}


def human_view(pa) -> str:
    j = pa.jurisdiction
    cats, secs, tops = _labels("categories"), _labels("sectors"), _labels("topics")
    lines = [
        *([f"行为体 actor:      {pa.actor.name} ({pa.actor.kind})"] if pa.actor is not None else []),
        f"标题 title:        {pa.title}",
        *([f"通知 notice:       {pa.notice_title} ({pa.wrapper})"] if pa.wrapper else []),
        f"辖区 jurisdiction: {f'{j.name} {j.adcode} ({j.level}, from {j.source})' if j else '—'}",
        f"发文机关 issuers:  {'、'.join(pa.issuers) or '—'}",
        f"发文字号 number:   {pa.doc_number or '—'}",
        f"日期 dates:        {'; '.join(f'{d.kind} {d.date}' for d in pa.dates) or '—'}",
        f"类型 type:         {pa.policy_type or '—'}",
        f"类别 category:     {cats.get(pa.category, pa.category) or '—'}",
        f"领域 sectors:      {'、'.join(secs.get(s, s) for s in pa.sectors) or '—'}",
        f"主题 topics:       {'、'.join(tops.get(t, t) for t in pa.topics) or '—'}",
        f"气候相关 relevance: {pa.climate_relevance}",
    ]
    if pa.actors:
        lines.append("提及 actors:       " + "、".join(dict.fromkeys(m.name for m in pa.actors)))
    if pa.cited_titles:
        lines.append("引用 cites:        " + "；".join(f"《{t}》" for t in pa.cited_titles[:8]))
    lines.append(f"摘要 summary:      {pa.summary or '—'}")
    lines.append(f"目标 targets:      {len(pa.targets)}")
    for t in pa.targets:
        value = t.value if t.value is not None else ""
        lines.append(
            f"  {t.target_year or '':>4}  {t.indicator:<32} {t.comparator or '':<2} {value} {t.unit}  「{t.text}」"
        )
    for w in pa.warnings:
        lines.append(f"注意 warning:      {w}")
    return "\n".join(lines)


def explain_view(text: str) -> str:
    """One line per rule decision: offset, rule, kept (+) or dropped (-), the candidate and why."""
    text = normalise_text(text)
    lines = []
    for d in explain_targets(text):
        snippet = d.text.replace("\n", " ")[:40]
        lines.append(f"{d.start:>7}  {'+' if d.kept else '-'} {d.rule:<14} 「{snippet}」 {d.reason}")
    return "\n".join(lines) or "(no target candidates)"


def extract_main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        text, note = read_text(args.file)
    except _UsageError as exc:
        print(f"ccnt extract: error: {exc}", file=sys.stderr)
        return 2
    if note:
        print(f"ccnt extract: note: {note}", file=sys.stderr)
    if args.explain:
        print(explain_view(text))
        return 0
    gazetteer = Gazetteer.from_data_files()
    actor = None
    if args.actor is not None:
        actor = gazetteer.lookup_actor(args.actor)
        if actor is None:
            print(f"ccnt extract: error: {unknown_actor_message(args.actor, gazetteer)}", file=sys.stderr)
            return 2
    pa = analyse(text, title=args.title, issuer=args.issuer, gazetteer=gazetteer, actor=actor)
    try:
        if args.json:
            print(json.dumps(pa.to_json(), ensure_ascii=False, indent=2))
        else:
            print(human_view(pa))
        sys.stdout.flush()
    except BrokenPipeError:  # `ccnt extract … | head`
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the interpreter's final flush
        except OSError:
            pass
    return 0


if __name__ == "__main__":  # python -m ccnt.analysis.commands FILE --json
    raise SystemExit(extract_main())
