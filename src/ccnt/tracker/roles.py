"""Three roles as groups: admin (everything), curator (edit and publish), read-only (view).

Created after every migrate, so a fresh database always has them.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

ADMIN, CURATOR, READ_ONLY = "admin", "curator", "read-only"

CURATOR_MODELS_EDIT = [
    "policy", "policyversion", "target", "policyissuer", "policyrelation", "document", "source",
    "report", "authority", "jurisdictionalias", "policyforreview",
    "actor", "commitment", "commitmentforreview",
]
CURATOR_MODELS_DELETE = ["target", "policyissuer", "policyrelation", "jurisdictionalias"]
CURATOR_API_TOKEN = ["add_apitoken", "change_apitoken", "view_apitoken"]


def ensure_roles(**_kwargs) -> None:
    tracker = Permission.objects.filter(content_type__app_label="tracker")
    views = tracker.filter(codename__startswith="view_")

    read_only, _ = Group.objects.get_or_create(name=READ_ONLY)
    read_only.permissions.set(views)

    curator, _ = Group.objects.get_or_create(name=CURATOR)
    wanted = [f"{verb}_{model}" for model in CURATOR_MODELS_EDIT for verb in ("add", "change")]
    wanted += [f"delete_{model}" for model in CURATOR_MODELS_DELETE]
    wanted += ["publish_policy", "publish_commitment"]
    # curators hand out and revoke API tokens (docs/api.md)
    tokens = Permission.objects.filter(content_type__app_label="api", codename__in=CURATOR_API_TOKEN)
    curator.permissions.set(list(views) + list(tracker.filter(codename__in=wanted)) + list(tokens))

    # "everything": users and groups, and every other app's models too (API tokens, jobs, saved
    # searches, login lock-outs)
    admin, _ = Group.objects.get_or_create(name=ADMIN)
    admin.permissions.set(Permission.objects.all())
