from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "ccnt.alerts"
    label = "alerts"
    verbose_name = "订阅提醒 Alerts"
    default_auto_field = "django.db.models.BigAutoField"
