from django.contrib import admin

from .models import Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "crawler", "enabled", "last_crawled_at"]
    autocomplete_fields = ["jurisdiction"]
