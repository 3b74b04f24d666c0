"""The demo's figures quoted in the README and in docs/ (policies, originals, full texts, actors,
commitments, targets) are the demo's: counted from the data files the demo loaders read, and the
loaders load every row of them. A figure left behind by a change to the demo data fails here.

Rejected alternative: building the whole demo in the test (minutes) to read ``ccnt demo``'s
output; the counts below are what that output prints on a second run, from the same files."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from ccnt.actors.loaders import ACTORS_FILE, ActorLoader, read_actors
from ccnt.search.index import deferred as deferred_indexing
from ccnt.tracker.loaders.demo import DEMO_FILE, DemoLoader

REPO = Path(__file__).resolve().parents[1]
PAGES = [REPO / "README.md", *sorted((REPO / "docs").rglob("*.md"))]

# what the text says → the figure it must equal
PATTERNS = {
    "policies": [r"demo policies: \d+ new, \d+ updated, (\d+) unchanged", r"(\d+) real policies"],
    "originals": [r"demo originals: \d+ ingested, \d+ attached, (\d+) unchanged"],
    "full_texts": [r"(\d+) policies with full text"],
    "actors": [r"demo actors: \d+ new, \d+ updated, (\d+) unchanged", r"(\d+) actors with their commitments",
               r"(\d+) real actors"],
    "actors_committed": [r"(\d+) of them with publicly stated"],
    "commitments": [r"demo actors: [^;\n]+; (\d+) commitments"],
    "actor_targets": [r"demo actors: [^;\n]+; \d+ commitments, (\d+) targets"],
}


def demo_figures() -> dict[str, int]:
    policies = json.loads(DEMO_FILE.read_text(encoding="utf-8"))["policies"]
    actors = read_actors(ACTORS_FILE)
    commitments = [c for a in actors for c in a.get("commitments") or []]
    return {
        "policies": len(policies),
        "originals": sum(1 for p in policies if p.get("pdf_file")),
        "full_texts": sum(1 for p in policies if p.get("pdf_file") or p.get("corpus_file")),
        "actors": len(actors),
        "actors_committed": sum(1 for a in actors if a.get("commitments")),
        "commitments": len(commitments),
        "actor_targets": sum(len(c.get("targets") or []) for c in commitments),
    }


def quoted() -> list[tuple[str, str, int]]:
    """(page, figure name, number) for every figure the pages quote."""
    found = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for name, patterns in PATTERNS.items():
            for pattern in patterns:
                found += [(page.name, name, int(n)) for n in re.findall(pattern, text)]
    return found


def test_it_finds_the_readmes_sample_output():
    names = {name for page, name, _ in quoted() if page == "README.md"}
    assert names >= {"policies", "originals", "full_texts", "actors", "commitments", "actor_targets"}


def test_it_quotes_the_demos_own_figures():
    figures = demo_figures()
    wrong = [(page, name, number, figures[name]) for page, name, number in quoted() if number != figures[name]]
    assert wrong == [], "(page, figure, quoted, actual)"


@pytest.mark.django_db
def test_it_loads_every_row_of_the_demo_files(whole_demo):
    """The counts above are what the demo loads: every policy and actor row is a row, each found
    unchanged in the session's whole demo (built once a run, ``whole_demo``: slow). Rejected: loading
    the whole demo's metadata again on the named policies' database in this test (30 s a pass,
    the same rows the whole demo's build had just loaded)."""
    figures = demo_figures()
    with deferred_indexing():  # as `ccnt demo` runs it: one search reindex at the end, not one a policy
        policies = DemoLoader().run()
    # without ../shared the texts are missing (metadata only), which the demo reports, and allows
    assert [p for p in policies.problems if "corpus text not found" not in p] == []
    assert policies.created + policies.updated + policies.unchanged == figures["policies"]
    actors = ActorLoader().run(link_policies=False)
    assert actors.problems == []
    assert actors.created + actors.updated + actors.unchanged == figures["actors"]
    assert (actors.commitments, actors.targets) == (figures["commitments"], figures["actor_targets"])


def test_it_finds_every_demo_original_in_the_corpus():
    from ccnt.paths import corpus_dir

    folder = corpus_dir() / "dual-carbon" / "pdf"
    if not folder.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{folder} is missing under CI")
        pytest.skip("../shared/corpus/dual-carbon is not here")

    policies = json.loads(DEMO_FILE.read_text(encoding="utf-8"))["policies"]
    missing = [p["pdf_file"] for p in policies if p.get("pdf_file") and not (folder / p["pdf_file"]).is_file()]
    assert missing == []
