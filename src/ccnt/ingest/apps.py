from django.apps import AppConfig


class IngestConfig(AppConfig):
    """The ingest stage as a Django app: it owns ``Source`` and ``FetchedUrl`` and the ``crawl``
    and ``ingest`` commands. Its pure modules (``safety``, ``fetch``, ``parse_*`` …) still import
    no Django: only ``models``, ``store``, ``pipeline``, ``gazetteer_db`` and ``crawl.run`` do."""

    name = "ccnt.ingest"
    label = "ingest"
    verbose_name = "采集 Ingest"
    default_auto_field = "django.db.models.BigAutoField"
