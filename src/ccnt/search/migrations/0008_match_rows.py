"""PostgreSQL: match functions that return the matched index rows' narrow columns, not only ids.

The facets, the total and the pages read a few small columns of every matched row. Given ids
(``ccnt_match_tokens_r…``, migrations 0002 and 0006), the query had to find those rows again:
for a common word a hash join over the whole index table (130 ms at 100,000 policies, 60,000
matches), and for a rare word whose frequency the statistics overestimate (碳普惠: 2,659 expected,
31 found) the same hash join, so a 31-row answer cost as much as a 60,000-row one. The bitmap heap
scan inside the match already reads exactly the matched rows' heap pages; returning their columns
from there makes the cost follow the number of matches whatever the estimate. One function per
row-estimate step, as in 0006, and one without a step (prefix terms, no statistics).
"""

from django.db import migrations

STEPS = (10, 100, 1000, 10000, 100000, 1000000)
COLUMNS = ("policy_id bigint, date date, year smallint, level varchar, category varchar, policy_type varchar, "
           "legal_force varchar, has_targets boolean, facet_key text")
NAMES = "policy_id, date, year, level, category, policy_type, legal_force, has_targets, facet_key"


def _create(name: str, rows: int) -> str:
    return f"""CREATE OR REPLACE FUNCTION {name}(tsquery) RETURNS TABLE ({COLUMNS}) LANGUAGE sql
       STABLE PARALLEL SAFE ROWS {rows} SET enable_seqscan = off
       AS $$ SELECT {NAMES} FROM search_policyindex WHERE ccnt_tsvector(tokens) @@ $1 $$"""


def _functions():
    yield "ccnt_match_rows", 50000
    for step in STEPS:
        yield f"ccnt_match_rows_r{step}", step


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, rows in _functions():
            schema_editor.execute(_create(name, rows))


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, _rows in _functions():
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {name}(tsquery)")


class Migration(migrations.Migration):

    dependencies = [("search", "0007_facet_key")]

    operations = [migrations.RunPython(forwards, backwards)]
