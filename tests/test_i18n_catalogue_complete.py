"""Every interface string has its English: Django's own extraction (``makemessages``, run on a copy
of the package so the repository is not touched) finds no message without a translation in
``tracker/locale/en/LC_MESSAGES/django.po`` and none left fuzzy; and the public templates carry no
Chinese outside ``{% translate %}`` / ``{% blocktranslate %}`` (text the extraction cannot see)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.template.base import Lexer, TokenType
from django.test import override_settings

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "ccnt"
PO = Path("tracker/locale/en/LC_MESSAGES/django.po")
CJK = re.compile(r"[\u4e00-\u9fff]")
# templates read by the public in both languages (the monthly report, the bulk-download page and the
# curation admin are bilingual documents by design, the alert email is sent in Chinese)
PUBLIC_TEMPLATES = ["tracker/templates/tracker", "accounts/templates/accounts", "alerts/templates/alerts", "templates"]
CHINESE_BY_DESIGN = {"alerts/templates/alerts/digest.html"}
ALLOWED_TEXT = {"中文"}  # the language switch names the other language in that language


def entries(po_text: str) -> list[str]:
    """The msgids of a .po file (the header and obsolete entries left out; a context is prefixed
    as ``context|``)."""
    ids, fields, key = [], {}, None

    def close():
        if fields.get("msgid"):
            ids.append(f"{fields['msgctxt']}|{fields['msgid']}" if fields.get("msgctxt") else fields["msgid"])

    for line in po_text.splitlines() + [""]:
        if line.startswith("#") or not line.strip():
            if key == "msgstr":
                close()
                fields, key = {}, None
            continue
        if line.startswith('"'):
            fields[key] = fields.get(key, "") + line.strip()[1:-1]
            continue
        word, _, rest = line.partition(" ")
        if word.startswith("msgstr"):
            word = "msgstr"
        elif word == "msgctxt" and key == "msgstr":
            close()
            fields = {}
        key = word
        fields[key] = fields.get(key, "") + rest.strip()[1:-1] if key == "msgstr" else rest.strip()[1:-1]
    return ids


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> Path:
    """The catalogue after ``makemessages`` merged every string the code uses into a copy of it."""
    if not shutil.which("xgettext"):
        pytest.fail("GNU gettext (xgettext, msgattrib) is needed: apt-get install gettext")
    root = tmp_path_factory.mktemp("i18n") / "ccnt"
    shutil.copytree(PACKAGE, root, ignore=shutil.ignore_patterns("data", "__pycache__", "*.mo", "static"))
    import os

    cwd = os.getcwd()
    os.chdir(root)
    try:
        with override_settings(LOCALE_PATHS=[str(root / "tracker" / "locale")]):
            call_command("makemessages", locale=["en"], no_obsolete=True, verbosity=0)
    finally:
        os.chdir(cwd)
    return root / PO


def _attrib(po: Path, *flags: str) -> list[str]:
    out = subprocess.run(["msgattrib", *flags, str(po)], capture_output=True, text=True, check=True).stdout
    return entries(out)


def test_every_extracted_string_has_an_english_translation(extracted):
    assert len(entries(extracted.read_text(encoding="utf-8"))) > 150
    missing = _attrib(extracted, "--untranslated", "--no-fuzzy")
    assert not missing, f"{len(missing)} strings without English, e.g. {missing[:10]}"


def test_no_translation_is_left_fuzzy(extracted):
    fuzzy = _attrib(extracted, "--only-fuzzy")
    assert not fuzzy, f"{len(fuzzy)} fuzzy (guessed) translations, e.g. {fuzzy[:10]}"


def test_the_committed_catalogue_has_nothing_the_code_no_longer_uses(extracted):
    committed = set(entries((PACKAGE / PO).read_text(encoding="utf-8")))
    used = set(entries(extracted.read_text(encoding="utf-8")))
    assert not committed - used, sorted(committed - used)[:10]


def _chinese_outside_translation(path: Path) -> list[str]:
    found, inside = [], 0
    for token in Lexer(path.read_text(encoding="utf-8")).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents else ""
            inside += {"blocktranslate": 1, "blocktrans": 1, "endblocktranslate": -1, "endblocktrans": -1}.get(name, 0)
            if name not in ("translate", "trans", "blocktranslate", "blocktrans") and CJK.search(token.contents):
                found.append(token.contents)
        elif token.token_type in (TokenType.TEXT, TokenType.VAR) and not inside and CJK.search(token.contents):
            if token.contents.strip() not in ALLOWED_TEXT and "_(" not in token.contents:
                found.append(token.contents.strip()[:60])
    return found


def test_public_templates_have_no_chinese_outside_translation_tags():
    problems = {}
    for folder in PUBLIC_TEMPLATES:
        for path in sorted((PACKAGE / folder).glob("*.html")):
            relative = str(path.relative_to(PACKAGE))
            if relative in CHINESE_BY_DESIGN:
                continue
            found = _chinese_outside_translation(path)
            if found:
                problems[relative] = found
    assert not problems, problems
