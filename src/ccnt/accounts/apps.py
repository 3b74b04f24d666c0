from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "ccnt.accounts"
    label = "accounts"
    verbose_name = "读者账户 Reader accounts"
    default_auto_field = "django.db.models.BigAutoField"
