"""The demo actors' facts (src/ccnt/data/actors.json): at least 15 real actors with publicly
stated commitments, each with its verbatim sentence, the source's title, publisher and address;
every value and year of a demo target occurs in its stored sentence (a five-year plan's name
stands for its last year)."""

from __future__ import annotations

import json
import re

from ccnt.paths import DATA_DIR

DATA = json.loads((DATA_DIR / "actors.json").read_text(encoding="utf-8"))
PERIODS = {"十四五": 2025, "十五五": 2030}
KINDS = {"central_soe", "local_soe", "company", "financial", "association", "other"}


def _number_forms(value: float) -> set[str]:
    return {f"{value:g}", str(int(value)) if float(value).is_integer() else f"{value:g}"}


def test_at_least_15_actors_with_sourced_commitments():
    with_commitments = [a for a in DATA["actors"] if a["commitments"]]
    assert len(with_commitments) >= 15
    assert len({a["name"] for a in DATA["actors"]}) == len(DATA["actors"])
    for actor in DATA["actors"]:
        assert actor["kind"] in KINDS
        for c in actor["commitments"]:
            assert c["statement"] and c["source_title"] and c["publisher"], c["title"]
            assert c["url"].startswith(("http://", "https://")), c["title"]


def test_every_value_and_year_occurs_in_its_sentence():
    for actor in DATA["actors"]:
        for c in actor["commitments"]:
            sentence = c["statement"]
            for t in c["targets"]:
                assert t["text"] in sentence, (actor["name"], t["text"])
                year = t["target_year"]
                assert str(year) in sentence or any(
                    p in sentence and y == year for p, y in PERIODS.items()), (actor["name"], year)
                for key in ("value_low", "value_high", "base_year"):
                    if t.get(key) is not None:
                        forms = _number_forms(t[key])
                        assert any(f in t["text"] for f in forms), (actor["name"], key, t[key], t["text"])
                if t.get("unit"):
                    assert t["unit"] in t["text"], (actor["name"], t["unit"])


def test_the_headquarters_and_kinds_stated_have_their_sentence():
    for actor in DATA["actors"]:
        if actor["headquarters_adcode"]:
            assert actor["headquarters_source"]["sentence"] and actor["headquarters_source"]["url"]
        source = actor.get("kind_source")
        if source:
            assert source["sentence"] and source["url"]
        if actor["stock_code"]:
            assert source and re.sub(r"\.HK$", "", actor["stock_code"]) in source["sentence"]


def test_a_parent_group_and_its_listed_subsidiary_are_separate_actors():
    by_name = {a["name"]: a for a in DATA["actors"]}
    children = [a for a in DATA["actors"] if a["parent"]]
    assert children and all(a["parent"] in by_name and a["parent"] != a["name"] for a in children)


def test_the_demo_loads_them_published(db):
    from ccnt.actors.models import Actor, Commitment

    assert Actor.objects.public().count() == len(DATA["actors"])
    assert Commitment.objects.public().count() == sum(len(a["commitments"]) for a in DATA["actors"])
    for c in Commitment.objects.public().prefetch_related("targets"):
        assert all(c.statement[t.start:t.end] == t.text for t in c.targets.all())
