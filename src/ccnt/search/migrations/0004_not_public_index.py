"""The search's second gate reads the policies that are *not* public through a partial index.

Every search excludes index rows of policies that are not public (``query.NOT_PUBLIC_SQL``), in
case the index were stale. Found through the ``review_state`` index that was a scan of the whole
policy table (57 ms at 100 000 policies on PostgreSQL) to collect a few drafts; this index holds
only the rows that are not public, so the gate costs what the drafts number. The query writes its
condition exactly as the index's (a literal, not a parameter), which SQLite needs to use it.
"""

from django.db import migrations

CREATE = "CREATE INDEX search_policy_not_public ON tracker_policy (id) WHERE review_state <> 'published'"
DROP = "DROP INDEX IF EXISTS search_policy_not_public"


class Migration(migrations.Migration):

    dependencies = [("search", "0003_index_build"), ("tracker", "0005_target_reports")]

    operations = [migrations.RunSQL(CREATE, DROP)]
