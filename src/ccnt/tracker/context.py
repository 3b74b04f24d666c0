"""Template context shared by every public page: the navigation and the language switch."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import get_language


def site(request):
    language = get_language() or settings.LANGUAGE_CODE
    return {
        "english": language.startswith("en"),
        "other_language": "zh-hans" if language.startswith("en") else "en",
        "nav_path": request.path,
    }
