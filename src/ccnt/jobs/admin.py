from django.contrib import admin

from .models import Outbox


@admin.register(Outbox)
class OutboxAdmin(admin.ModelAdmin):
    list_display = ("id", "task", "created_at", "sent_at", "done_at", "attempts", "last_error")
    list_filter = ("task", ("sent_at", admin.EmptyFieldListFilter))
    readonly_fields = ("task", "args", "kwargs", "created_at", "claimed_until", "sent_at", "done_at", "attempts", "last_error")
    actions = ["relay_now"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Relay the selected pending rows now")
    def relay_now(self, request, queryset):
        from .outbox import relay

        result = relay(list(queryset.filter(sent_at__isnull=True).values_list("pk", flat=True)))
        self.message_user(request, f"{len(result.sent)} relayed, {len(result.failed)} failed")
