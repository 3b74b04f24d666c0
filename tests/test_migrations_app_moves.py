"""The models that moved from the tracker app to their stage's app (``Source``, ``FetchedUrl`` →
ingest; ``Actor``, ``Commitment`` → actors; ``Report`` → reports) keep every row across the
migrations, in the tables they had, with their content types, permissions and edit history — on
the database the suite runs on (SQLite or PostgreSQL), in a throwaway instance migrated from the
schema state before the move."""

from __future__ import annotations

import pytest

from ._ops_helpers import Instance, current_vendor

HELPERS = "_migration_helpers"
# runs on the PostgreSQL pass too (CCNT_DATABASE_TESTS_ONLY keeps database tests only): what it
# checks depends on the database's vendor, though it migrates an instance of its own. Slow: it
# migrates that instance with `ccnt` in child processes (ten to twenty seconds)
pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture(scope="module")
def moved(tmp_path_factory):
    """(ids written before the move, what the current models read after ``ccnt migrate``)."""
    instance = Instance(tmp_path_factory.mktemp("moves"), "moves", current_vendor())
    try:
        before = instance.call("seed_before_the_move", module=HELPERS)
        instance.ccnt("migrate", "-v0")
        after = instance.call("read_after_the_move", module=HELPERS)
        check = instance.ccnt("makemigrations", "--check", "--dry-run", check=False)
        yield before, after, check
    finally:
        instance.drop()


def test_it_keeps_the_actors_and_commitments_rows_and_their_links(moved):
    before, after, _ = moved
    assert after["actor"] == {
        "pk": before["actor"], "short_name": "某能源", "parent": "某能源集团有限公司", "sectors": ["power"],
        "policies": [before["policy"]], "field_sources": {"name": "curator"}, "import_key": "demo:x",
        "history": [{"kind": ["other", "company"]}],
    }
    assert after["commitment"] == {"pk": before["commitment"], "actor": before["actor"],
                                   "document": before["document"], "targets": [[2028, "2028年前实现碳达峰"]],
                                   "public": 0}


def test_it_keeps_the_crawled_sites_and_fetched_urls(moved):
    before, after, _ = moved
    assert after["source"] == {"pk": before["source"], "slug": "gov-x", "documents": [before["document"]]}
    assert after["fetched"] == {"source": before["source"], "document": before["document"],
                                "policy": before["policy"], "etag": '"v1"'}


def test_it_keeps_the_reports_with_their_sections_and_entries(moved):
    before, after, _ = moved
    assert after["report"] == {"pk": before["report"], "status": "published", "sections": ["综合"],
                               "entries": ["某省方案"]}


def test_it_keeps_the_tables_and_makes_no_new_ones(moved):
    _, after, _ = moved
    assert after["moved_tables_present"] == sorted(["tracker_source", "tracker_fetchedurl", "tracker_actor",
                                                    "tracker_actor_sectors", "tracker_actor_policies",
                                                    "tracker_commitment", "tracker_report"])
    assert after["new_tables"] == []


def test_it_moves_the_content_types_so_granted_permissions_still_hold(moved):
    before, after, _ = moved
    old = before["content_types"]
    assert after["content_types"] == {m: old[m] for m in ("source", "fetchedurl", "actor", "commitment", "report")}
    assert after["left_in_tracker"] == []
    assert after["perms"]["curator"] == ["actors.publish_commitment", "reports.change_report"]
    # a post_migrate in between had made ingest.source with a permission of the same codename: it was
    # folded into the old content type, which kept its id and the crawler's grant; nothing was doubled
    assert after["perms"]["crawler"] == ["ingest.change_source"]
    assert after["perms"]["crawler2"] == ["ingest.change_source"]
    assert after["perms"]["source"] == [["ingest", c] for c in
                                        ("add_source", "change_source", "delete_source", "recrawl_source", "view_source")]


def test_the_migrations_match_the_models(moved):
    _, _, check = moved
    assert check.returncode == 0, check.stdout + check.stderr
    assert "No changes detected" in check.stdout
