from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "ccnt.jobs"
    label = "jobs"
    verbose_name = "后台任务 Jobs"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import celery_app, tasks  # noqa: F401 - the app and its tasks exist once Django is set up
