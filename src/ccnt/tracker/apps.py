from django.apps import AppConfig
from django.db.models.signals import post_migrate


class TrackerConfig(AppConfig):
    name = "ccnt.tracker"
    label = "tracker"
    verbose_name = "零碳录 Tracker"

    def ready(self) -> None:
        from .roles import ensure_roles

        # after every app's migrate, not only the tracker's: the permissions of apps migrated later
        # (api, jobs, alerts, axes) exist only then
        post_migrate.connect(ensure_roles, dispatch_uid="ccnt.tracker.ensure_roles")
