"""PostgreSQL: the match functions in row-estimate steps, so the plan around a match follows how
common its terms are.

``ccnt_match_tokens`` / ``ccnt_match_title`` (migration 0002) tell the planner 50,000 and 5,000
rows whatever the term: right for 碳达峰, far off for a term in a dozen policies, for which the
planner then hashes or scans the other search tables instead of looking the few ids up. A
function's estimate is fixed when it is created (a support function that computes it per call
must be written in C), so each is created once per power of ten, ``ccnt_match_tokens_r100`` …
``_r1000000``, and ``ccnt.search.query`` picks the step from the term's frequency in the
statistics PostgreSQL keeps for the index expression (``pg_stats.most_common_elems``). The
functions of 0002 stay, for prefix terms and a database without statistics.
"""

from django.db import migrations

STEPS = (10, 100, 1000, 10000, 100000, 1000000)
COLUMNS = {"tokens": "tokens", "title": "title_tokens"}


def _create(step: int, name: str, column: str) -> str:
    return f"""CREATE OR REPLACE FUNCTION ccnt_match_{name}_r{step}(tsquery) RETURNS SETOF bigint LANGUAGE sql
       STABLE PARALLEL SAFE ROWS {step} SET enable_seqscan = off
       AS $$ SELECT policy_id FROM search_policyindex WHERE ccnt_tsvector({column}) @@ $1 $$"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, column in COLUMNS.items():
            for step in STEPS:
                schema_editor.execute(_create(step, name, column))


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in COLUMNS:
            for step in STEPS:
                schema_editor.execute(f"DROP FUNCTION IF EXISTS ccnt_match_{name}_r{step}(tsquery)")


class Migration(migrations.Migration):

    dependencies = [("search", "0005_cachescope")]

    operations = [migrations.RunPython(forwards, backwards)]
