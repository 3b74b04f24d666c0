from django.apps import AppConfig


class ActorsConfig(AppConfig):
    name = "ccnt.actors"
    label = "actors"
    verbose_name = "非国家行为体 Non-state actors"
    default_auto_field = "django.db.models.BigAutoField"
