"""``PolicyIndex.facet_key``: each index row carries its sector, topic and province terms, so the
facet counts group the matched rows by one column instead of joining every matched policy's
``PolicyTerm`` rows (at 100,000 policies a common word joined 190,000 term rows: 300 ms of a cold
search). Existing rows are filled from their terms here; new ones by ``index._document``."""

from django.db import migrations, models

KINDS = "('sector', 'topic', 'province')"
POSTGRES = f"""UPDATE search_policyindex i SET facet_key = k.facet_key FROM (
    SELECT policy_id, string_agg(kind || ':' || value, ' ' ORDER BY kind || ':' || value) AS facet_key
    FROM search_policyterm WHERE kind IN {KINDS} GROUP BY policy_id) k
    WHERE k.policy_id = i.policy_id"""
SQLITE = f"""UPDATE search_policyindex SET facet_key = COALESCE((
    SELECT group_concat(t.kind || ':' || t.value, ' ') FROM search_policyterm t
    WHERE t.policy_id = search_policyindex.policy_id AND t.kind IN {KINDS}), '')"""


# Added by hand, not by AddField: on SQLite, AddField of a NOT NULL column rebuilds the table, which
# drops the triggers that keep the FTS5 table in step (migration 0001) — every later write would be
# missing from full-text search. ADD COLUMN keeps them, and on PostgreSQL a constant default
# rewrites nothing.
ADD = "ALTER TABLE {table} ADD COLUMN facet_key text NOT NULL DEFAULT ''"


def forwards(apps, schema_editor):
    for table in ("search_policyindex", "search_policyindexbuild"):
        schema_editor.execute(ADD.format(table=table))
    schema_editor.execute(POSTGRES if schema_editor.connection.vendor == "postgresql" else SQLITE)


def backwards(apps, schema_editor):
    for table in ("search_policyindex", "search_policyindexbuild"):
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN facet_key")


class Migration(migrations.Migration):

    dependencies = [("search", "0006_match_row_estimates")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField("policyindex", "facet_key", models.TextField(blank=True, default=""),
                                    preserve_default=False),
                migrations.AddField("policyindexbuild", "facet_key", models.TextField(blank=True, default=""),
                                    preserve_default=False),
            ],
            database_operations=[migrations.RunPython(forwards, backwards)],
        ),
    ]
