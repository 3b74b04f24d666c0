from django.contrib import admin, messages
from django.utils import timezone

from .models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "key_prefix", "contact", "rate", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "contact", "key_prefix"]
    readonly_fields = ["key_prefix", "created_at", "last_used_at"]
    fields = ["name", "contact", "note", "rate", "key_prefix", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def save_model(self, request, obj, form, change):
        if not change:
            key = obj.issue_key()
            super().save_model(request, obj, form, change)
            self.message_user(
                request,
                f"API token for {obj.name}: {key} — copy it now, it is stored only as a hash and cannot be shown again.",
                messages.WARNING,
            )
            return
        super().save_model(request, obj, form, change)

    @admin.action(description="撤销所选令牌 Revoke the selected tokens")
    def revoke(self, request, queryset):
        n = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(request, f"{n} token(s) revoked.")
