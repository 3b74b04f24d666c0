from django.apps import AppConfig


class FeedsConfig(AppConfig):
    name = "ccnt.feeds"
    label = "feeds"
    verbose_name = "Feeds and downloads"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import signals  # noqa: F401
