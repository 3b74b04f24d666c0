from django.apps import AppConfig
from django.db.models.signals import post_migrate


def create_cache_table(sender, using="default", verbosity=1, **kwargs) -> None:
    """The database cache holds the API's rate-limit counters when Redis is not configured:
    its table is created on every migrate (``createcachetable`` is idempotent)."""
    from django.conf import settings
    from django.core.management import call_command

    uses_db_cache = any(c["BACKEND"].endswith("DatabaseCache") for c in settings.CACHES.values())
    if uses_db_cache:
        call_command("createcachetable", database=using, verbosity=0)


class ApiConfig(AppConfig):
    name = "ccnt.api"
    label = "api"
    verbose_name = "API"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import schema  # noqa: F401  (registers the token auth scheme with drf-spectacular)

        post_migrate.connect(create_cache_table, sender=self, dispatch_uid="ccnt.api.create_cache_table")
