"""The evaluation harness's actors set (eval/actors): our own press-release-style texts with gold,
scored for targets, actor attribution and recognition."""

from __future__ import annotations

from ccnt.analysis.evaluate import ACTORS_DIR, find_gold_files, run


def test_the_actors_set_has_gold_for_every_text():
    found, skipped = find_gold_files(ACTORS_DIR)
    assert len(found) >= 6 and not skipped
    assert all("actor" in gf.facts and "actors" in gf.facts for gf in found)


def test_it_scores_attribution_recognition_and_targets(tmp_path):
    result = run(tmp_path)  # no corpus: the cases and the actors set only
    actors = result["actors"]
    assert actors["attribution_accuracy"] == 1.0
    assert actors["recognition_precision"] == 1.0 and actors["recognition_recall"] == 1.0
    assert result["groups"]["actors"]["f1"] >= 0.9
