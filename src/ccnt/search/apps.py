from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SearchConfig(AppConfig):
    name = "ccnt.search"
    label = "search"
    verbose_name = "零碳录 Search"

    def ready(self) -> None:
        from . import signals

        signals.connect()
        post_migrate.connect(signals.fill_empty_index, sender=self)
