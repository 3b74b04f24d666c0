from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "ccnt.reports"
    label = "reports"
    verbose_name = "月报 Monthly reports"
    default_auto_field = "django.db.models.BigAutoField"
