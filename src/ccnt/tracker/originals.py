"""The Content-Type an archived original is served with (``/documents/<sha256>/``).

Invariant: a text original (``text/html``, ``text/plain``) is sent with the charset ccnt detected
when it ingested the bytes (``Document.encoding``), as an IANA / WHATWG label a browser knows, so a
GBK page is never shown as mojibake. The detected charset replaces whatever the remote server's
header said (government servers often declare gb2312 for UTF-8 pages; detection already judged
that). Rejected alternative: re-detecting on every download — the bytes never change, and the
ingest's judgement is the one the text in the database was decoded with.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Collection

TEXT_TYPES = ("text/html", "text/plain")
# Python codec names → the labels browsers understand (WHATWG Encoding Standard)
HTTP_LABELS = {
    "utf-8-sig": "utf-8", "big5hkscs": "big5-hkscs", "cp1252": "windows-1252", "utf-16-le": "utf-16le",
    "utf-16-be": "utf-16be", "gbk": "gbk", "gb18030": "gb18030", "gb2312": "gb2312", "big5": "big5",
}
_TOKEN = re.compile(r"^[a-z0-9][a-z0-9._-]{0,39}$")


def http_charset(encoding: str) -> str:
    """``gb18030`` → ``gb18030``, ``cp1252`` → ``windows-1252``; ``""`` for nothing or an unknown name."""
    if not encoding:
        return ""
    try:
        name = codecs.lookup(encoding.strip()).name
    except LookupError:
        return ""
    label = HTTP_LABELS.get(name, name)
    return label if _TOKEN.match(label) else ""


def content_type(media_type: str, encoding: str) -> str:
    media_type = media_type or "application/octet-stream"
    base = media_type.split(";")[0].strip().lower()
    charset = http_charset(encoding) if base in TEXT_TYPES else ""
    return f"{base}; charset={charset}" if charset else media_type


def public_originals(among: Collection[int] | None = None):
    """The archived originals readers may download: the file of a public policy's published
    version or of an earlier version (the history of what was public), and the attachments
    and forwarding notices hung on such a file. The original of a version still awaiting
    review is not public, although its policy is: it becomes public with its version.

    ``among`` (document ids) narrows the answer to those documents, and the versions the rule
    reads to theirs and their parents' — the same rule, without the database first listing the
    shown file of every public policy (a policy page's two originals cost a scan of every version).

    Rejected alternative: "any document linked to a public policy" — it published the
    original of an unreviewed revision the moment ingest stored it."""
    from django.db.models import F, Q

    from .models import Document, Policy, PolicyVersion

    public = Policy.objects.public()
    shown = PolicyVersion.objects.filter(policy__in=public, document__isnull=False).filter(
        Q(policy__published_version__isnull=True) | Q(number__lte=F("policy__published_version__number")))
    documents = Document.objects.all()
    if among is not None:
        among = set(among)
        parents = Document.objects.filter(pk__in=among, parent__isnull=False).values_list("parent_id", flat=True)
        shown = shown.filter(document_id__in=among | set(parents))
        documents = documents.filter(pk__in=among)
    shown_ids = shown.values("document_id")
    return documents.filter(
        Q(pk__in=shown_ids)
        | Q(parent_id__in=shown_ids, policy__in=public)
        | Q(role="forward", policy__in=public)
    )
