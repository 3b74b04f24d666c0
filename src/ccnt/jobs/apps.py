from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "ccnt.jobs"
    label = "jobs"
    verbose_name = "后台任务 Jobs"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import celery_app  # noqa: F401 - the Celery app exists once Django is set up
