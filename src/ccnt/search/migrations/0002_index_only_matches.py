"""PostgreSQL: full-text matches always come from the GIN index.

For a term found in most policies (工业, 碳达峰) PostgreSQL sometimes chose to scan the table and
tokenise every row's text again — 10 to 20 seconds at 100 000 policies — instead of reading the
GIN index (30–140 ms): it prices ``to_tsvector`` like a cheap operator, and when nearly every row
matches, scan and index cost the same in its model. So:

- ``ccnt_tsvector(text)`` wraps ``to_tsvector('simple', …)`` with its real cost (the indexes
  are on it; the ``SET`` clause keeps it from being inlined back into the cheap estimate);
- ``ccnt_match_tokens(tsquery)`` / ``ccnt_match_title(tsquery)`` return the ids of matching index
  rows, planned with sequential scans off — for this one single-table query only — so the match
  is always the index scan, and the query around it joins plain ids. Their row estimates are
  set high: a hash join costs little for a rare term and saves seconds for a common one.
"""

from django.db import migrations

POSTGRES = [
    """CREATE FUNCTION ccnt_tsvector(text) RETURNS tsvector LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
       COST 1000 SET search_path = pg_catalog AS $$ SELECT to_tsvector('simple'::regconfig, $1) $$""",
    "CREATE INDEX search_pi_tokens_tsv ON search_policyindex USING gin (ccnt_tsvector(tokens))",
    "CREATE INDEX search_pi_title_tsv ON search_policyindex USING gin (ccnt_tsvector(title_tokens))",
    "DROP INDEX IF EXISTS search_pi_tokens_gin",
    "DROP INDEX IF EXISTS search_pi_title_gin",
    """CREATE FUNCTION ccnt_match_tokens(tsquery) RETURNS SETOF bigint LANGUAGE sql STABLE PARALLEL SAFE
       ROWS 50000 SET enable_seqscan = off
       AS $$ SELECT policy_id FROM search_policyindex WHERE ccnt_tsvector(tokens) @@ $1 $$""",
    """CREATE FUNCTION ccnt_match_title(tsquery) RETURNS SETOF bigint LANGUAGE sql STABLE PARALLEL SAFE
       ROWS 5000 SET enable_seqscan = off
       AS $$ SELECT policy_id FROM search_policyindex WHERE ccnt_tsvector(title_tokens) @@ $1 $$""",
    # statistics of the new index expressions: without them every query estimates as rare
    "ANALYZE search_policyindex",
]
POSTGRES_BACK = [
    "DROP FUNCTION IF EXISTS ccnt_match_title(tsquery)",
    "DROP FUNCTION IF EXISTS ccnt_match_tokens(tsquery)",
    "CREATE INDEX search_pi_tokens_gin ON search_policyindex USING gin (to_tsvector('simple', tokens))",
    "CREATE INDEX search_pi_title_gin ON search_policyindex USING gin (to_tsvector('simple', title_tokens))",
    "DROP INDEX IF EXISTS search_pi_title_tsv",
    "DROP INDEX IF EXISTS search_pi_tokens_tsv",
    "DROP FUNCTION IF EXISTS ccnt_tsvector(text)",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)
    return run


class Migration(migrations.Migration):

    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(_run(POSTGRES), _run(POSTGRES_BACK))]
