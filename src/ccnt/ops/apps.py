from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "ccnt.ops"
    label = "ops"
    verbose_name = "Operations"
