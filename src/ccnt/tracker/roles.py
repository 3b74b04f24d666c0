"""Three roles as groups: admin (everything), curator (edit and publish), read-only (view).

Created after every migrate, so a fresh database always has them.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

ADMIN, CURATOR, READ_ONLY = "admin", "curator", "read-only"

# the curated models live in these apps; the reports app's own sections and entries follow the
# report's permissions instead (ccnt.reports.admin), so only its Report is named
CURATED_APPS = ("tracker", "ingest", "actors")
CURATED_ELSEWHERE = [("reports", "report")]
CURATOR_MODELS_EDIT = [
    "policy", "policyversion", "target", "policyissuer", "policyrelation", "document", "source",
    "report", "authority", "jurisdictionalias", "policyforreview",
    "actor", "commitment", "commitmentforreview",
]
CURATOR_MODELS_DELETE = ["target", "policyissuer", "policyrelation", "jurisdictionalias"]
CURATOR_API_TOKEN = ["add_apitoken", "change_apitoken", "view_apitoken"]


def curated_permissions():
    """The permissions on the curated models: those the tracker app held before its models moved
    to their stage's app (ingest, actors, reports), so no role gains or loses one by the move."""
    elsewhere = Q()
    for app_label, model in CURATED_ELSEWHERE:
        elsewhere |= Q(content_type__app_label=app_label, content_type__model=model)
    return Permission.objects.filter(Q(content_type__app_label__in=CURATED_APPS) | elsewhere)


def ensure_roles(**_kwargs) -> None:
    curated = curated_permissions()
    views = curated.filter(codename__startswith="view_")

    read_only, _ = Group.objects.get_or_create(name=READ_ONLY)
    read_only.permissions.set(views)

    curator, _ = Group.objects.get_or_create(name=CURATOR)
    wanted = [f"{verb}_{model}" for model in CURATOR_MODELS_EDIT for verb in ("add", "change")]
    wanted += [f"delete_{model}" for model in CURATOR_MODELS_DELETE]
    wanted += ["publish_policy", "publish_commitment"]
    # curators hand out and revoke API tokens (docs/api.md)
    tokens = Permission.objects.filter(content_type__app_label="api", codename__in=CURATOR_API_TOKEN)
    curator.permissions.set(list(views) + list(curated.filter(codename__in=wanted)) + list(tokens))

    # "everything": users and groups, and every other app's models too (API tokens, jobs, saved
    # searches, login lock-outs)
    admin, _ = Group.objects.get_or_create(name=ADMIN)
    admin.permissions.set(Permission.objects.all())
