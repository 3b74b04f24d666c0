"""Run inside a throwaway instance (``Instance.call(..., module="_migration_helpers")``): build a
database at the schema state before the models moved to their stage's app (tracker 0005, reports
0001), with rows in every moved table, and read them back after ``ccnt migrate``."""

from __future__ import annotations

import os

# the schema state before ``tracker.0006_models_to_their_apps``
BEFORE = [("tracker", "0005_target_reports"), ("reports", "0001_initial")]
MOVED_TABLES = ["tracker_source", "tracker_fetchedurl", "tracker_actor", "tracker_actor_sectors",
                "tracker_actor_policies", "tracker_commitment", "tracker_report"]


def _setup():
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ccnt.settings")
    django.setup()


def seed_before_the_move() -> dict:
    """Migrate an empty database to ``BEFORE`` only, make the content types and permissions that
    ``post_migrate`` made then, and write rows through the models as they were (historical
    models). Returns the ids a reader checks afterwards."""
    _setup()
    from django.apps import apps as django_apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes
    from django.db import DEFAULT_DB_ALIAS, connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    # every other app as far as it goes (as on a site that ran the old code), the moved ones no further
    moved_apps = {app for app, _ in BEFORE} | {"actors", "ingest"}
    others = [leaf for leaf in executor.loader.graph.leaf_nodes() if leaf[0] not in moved_apps]
    executor.migrate(others + BEFORE)
    executor.loader.build_graph()
    assert not ({"actors", "ingest"} & {app for app, _ in executor.loader.applied_migrations}), \
        "another app's migrations needed the move: seed at an older state"
    old = executor.loader.project_state(BEFORE).apps
    for app_config in django_apps.get_app_configs():  # the apps the old state knows: tracker without actors …
        create_contenttypes(app_config, verbosity=0, apps=old)
        create_permissions(app_config, verbosity=0, apps=old)

    def model(label: str):
        return old.get_model(*label.split("."))

    ContentType, Permission, Group = model("contenttypes.ContentType"), model("auth.Permission"), model("auth.Group")
    User = model("auth.User")
    ct = {m: ContentType.objects.get(app_label="tracker", model=m).pk
          for m in ("source", "fetchedurl", "actor", "commitment", "commitmentforreview", "report")}

    sector = model("tracker.Sector").objects.create(code="power", name_zh="电力", name_en="Power")
    indicator = model("tracker.Indicator").objects.create(code="co2_peak", name_zh="碳达峰", name_en="CO2 peak",
                                                          unit_family="year", better="earlier")
    policy = model("tracker.Policy").objects.create(title="某省碳达峰实施方案", review_state="published")
    source = model("tracker.Source").objects.create(slug="gov-x", name="某省政府", start_urls=["https://x.example/"])
    document = model("tracker.Document").objects.create(sha256="a" * 64, url="https://x.example/p.html", source=source)
    model("tracker.FetchedUrl").objects.create(url_hash="b" * 64, url="https://x.example/p.html", source=source,
                                               document=document, policy=policy, etag='"v1"')
    Actor = model("tracker.Actor")
    group_actor = Actor.objects.create(name="某能源集团有限公司", kind="central_soe", review_state="published")
    actor = Actor.objects.create(name="某能源股份有限公司", short_name="某能源", kind="company", parent=group_actor,
                                 review_state="published", field_sources={"name": "curator"}, import_key="demo:x")
    actor.sectors.add(sector)
    actor.policies.add(policy)
    commitment = model("tracker.Commitment").objects.create(
        actor=actor, title="2028年前实现碳达峰", kind="peak", statement="力争2028年前实现碳达峰。",
        document=document, review_state="needs_review")
    model("tracker.Target").objects.create(commitment=commitment, indicator=indicator, target_year=2028,
                                           text="2028年前实现碳达峰", start=2, end=11)
    report = model("tracker.Report").objects.create(month="2031-03-01", status="published", about="本期说明。")
    section = model("reports.ReportSection").objects.create(report=report, part="national", keyword="综合")
    model("reports.ReportEntry").objects.create(report=report, section=section, policy=policy, headline="某省方案")
    model("tracker.ChangeRecord").objects.create(content_type_id=ct["actor"], object_id=str(actor.pk),
                                                 object_repr=actor.name, action="changed",
                                                 changes={"kind": ["other", "company"]})

    # what roles held on the moved models: a group, and a user with a permission of their own
    curators = Group.objects.create(name="moved-curators")
    curators.permissions.add(Permission.objects.get(content_type_id=ct["commitment"], codename="publish_commitment"),
                             Permission.objects.get(content_type_id=ct["report"], codename="change_report"))
    curator = User.objects.create(username="moved-curator", is_staff=True)
    curator.groups.add(curators)
    crawler = User.objects.create(username="moved-crawler", is_staff=True)
    crawler.user_permissions.add(Permission.objects.get(content_type_id=ct["source"], codename="change_source"))
    # a partial ``migrate ingest`` run in between would have made the new content type already
    # (and a grant on it), and a permission the old one lacks
    stale = ContentType.objects.create(app_label="ingest", model="source")
    User.objects.create(username="moved-crawler2", is_staff=True).user_permissions.add(
        Permission.objects.create(content_type=stale, codename="change_source", name="Can change source"))
    Permission.objects.create(content_type=stale, codename="recrawl_source", name="Can recrawl a source")
    assert DEFAULT_DB_ALIAS == connection.alias
    return {"content_types": ct, "actor": actor.pk, "commitment": commitment.pk, "report": report.pk,
            "source": source.pk, "document": document.pk, "policy": policy.pk}


def read_after_the_move() -> dict:
    """The same rows as the current models see them, the tables the database has and what the
    users may do."""
    _setup()
    from django.contrib.auth.models import Permission, User
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    from ccnt.actors.models import Actor, Commitment
    from ccnt.ingest.models import FetchedUrl, Source
    from ccnt.reports.models import Report
    from ccnt.tracker.history import history_of
    from ccnt.tracker.models import Document

    actor = Actor.objects.get(name="某能源股份有限公司")
    commitment = Commitment.objects.get()
    source = Source.objects.get()
    fetched = FetchedUrl.objects.get()
    report = Report.objects.get()
    curator, crawler = User.objects.get(username="moved-curator"), User.objects.get(username="moved-crawler")
    crawler2 = User.objects.get(username="moved-crawler2")
    tables = set(connection.introspection.table_names())
    return {
        "actor": {"pk": actor.pk, "short_name": actor.short_name, "parent": actor.parent.name,
                  "sectors": [s.code for s in actor.sectors.all()], "policies": [p.pk for p in actor.policies.all()],
                  "field_sources": actor.field_sources, "import_key": actor.import_key,
                  "history": [r.changes for r in history_of(actor)]},
        "commitment": {"pk": commitment.pk, "actor": commitment.actor_id, "document": commitment.document_id,
                       "targets": [(t.target_year, t.text) for t in commitment.targets.all()],
                       "public": Commitment.objects.public().count()},
        "source": {"pk": source.pk, "slug": source.slug, "documents": list(
            Document.objects.filter(source=source).values_list("pk", flat=True))},
        "fetched": {"source": fetched.source_id, "document": fetched.document_id, "policy": fetched.policy_id,
                    "etag": fetched.etag},
        "report": {"pk": report.pk, "status": report.status, "sections": [s.keyword for s in report.sections.all()],
                   "entries": [e.headline for e in report.entries.all()]},
        "content_types": {m: ContentType.objects.get_for_model(cls).pk for m, cls in [
            ("source", Source), ("fetchedurl", FetchedUrl), ("actor", Actor), ("commitment", Commitment),
            ("report", Report)]},
        "left_in_tracker": sorted(ContentType.objects.filter(
            app_label="tracker", model__in=["source", "fetchedurl", "actor", "commitment", "commitmentforreview",
                                            "report"]).values_list("model", flat=True)),
        "perms": {"curator": sorted(p for p in curator.get_all_permissions() if "commitment" in p or "report" in p),
                  "crawler": sorted(crawler.get_all_permissions()),
                  "crawler2": sorted(crawler2.get_all_permissions()),
                  "source": sorted(Permission.objects.filter(content_type__model="source").values_list(
                      "content_type__app_label", "codename"))},
        "moved_tables_present": sorted(t for t in MOVED_TABLES if t in tables),
        "new_tables": sorted(t for t in tables if t.startswith(("actors_", "ingest_")) or t == "reports_report"),
    }
