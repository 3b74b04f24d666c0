from django.contrib import admin

from .models import DigestDelivery, SavedSearch


class DeliveryInline(admin.TabularInline):
    model = DigestDelivery
    extra = 0
    can_delete = False
    readonly_fields = ("period", "status", "window_start", "window_end", "policy_ids", "sent_at", "error")


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "frequency", "active", "created_at", "last_sent_at")
    list_filter = ("frequency", "active")
    search_fields = ("name", "user__email", "querystring")
    readonly_fields = ("unsubscribe_token", "created_at", "last_sent_at")
    inlines = [DeliveryInline]


@admin.register(DigestDelivery)
class DigestDeliveryAdmin(admin.ModelAdmin):
    list_display = ("saved_search", "period", "status", "sent_at")
    list_filter = ("status",)
    readonly_fields = [f.name for f in DigestDelivery._meta.fields]

    def has_add_permission(self, request):
        return False
