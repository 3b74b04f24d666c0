"""Every relative link of the README and docs/ reaches a file of the repository, and every
``#anchor`` a heading of the page it points to (GitHub's heading slugs): a page renamed or a
heading reworded fails here instead of leaving a dead link."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PAGES = [REPO / "README.md", *sorted((REPO / "docs").rglob("*.md"))]
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def anchors(page: Path) -> set[str]:
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
    return {slug(h) for h in re.findall(r"^#+ (.+)$", text, re.M)}


def links() -> list[tuple[Path, str]]:
    found = []
    for page in PAGES:
        text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
        found += [(page, target) for target in LINK.findall(text) if not re.match(r"[a-z]+:", target)]
    return found


def test_it_reads_github_slugs():
    assert slug("`ccnt crawl`") == "ccnt-crawl"
    assert slug("Jobs and workers") == "jobs-and-workers"
    assert slug("ccnt send_digests") == "ccnt-send_digests"


def test_it_finds_links_to_check():
    assert len(links()) > 20


def test_it_has_no_dead_relative_link():
    dead = []
    for page, target in links():
        path, _, anchor = target.partition("#")
        destination = (page.parent / path).resolve() if path else page
        if not destination.exists():
            dead.append(f"{page.relative_to(REPO)}: {target}")
        elif anchor and destination.suffix == ".md" and anchor not in anchors(destination):
            dead.append(f"{page.relative_to(REPO)}: {target} (no such heading)")
    assert dead == []
