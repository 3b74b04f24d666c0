"""Rate limits whose counters live in the shared cache (Redis, or without it the database cache
for tokens and each process's memory for anonymous clients, see ``AnonThrottle``), so they hold
across server processes with Redis. Anonymous clients are counted by address, token clients by token."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from rest_framework.throttling import SimpleRateThrottle

from ccnt.ops.cache import counters, read_counters

from .models import ApiToken
from .rates import logger, parse_rate, rate_or_default


class _SharedCacheThrottle(SimpleRateThrottle):
    setting_name = ""
    default_rate = "60/min"

    @property
    def cache(self):  # resolved per request: settings (and tests) may switch the cache
        return counters()

    def get_rate(self):
        return getattr(settings, self.setting_name)

    def parse_rate(self, rate):
        """Our grammar (``ccnt.api.rates``), never a 500 for a malformed rate."""
        if rate is None:
            return None, None
        return rate_or_default(rate, self.default_rate, self.setting_name)


class AnonThrottle(_SharedCacheThrottle):
    """Counted on every anonymous request, cached answers included (``ccnt.ops.pagecache``), so
    in ``read_counters()``: Redis, else each process's memory (per process, no query per hit).
    Takes a plain ``HttpRequest`` too (no ``auth``: anonymous), as the early page cache has one."""

    scope = "anon"
    setting_name = "CCNT_API_ANON_RATE"

    @property
    def cache(self):
        return read_counters()

    def get_cache_key(self, request, view):
        if isinstance(getattr(request, "auth", None), ApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class TokenThrottle(_SharedCacheThrottle):
    scope = "token"
    setting_name = "CCNT_API_TOKEN_RATE"
    default_rate = "600/min"

    def allow_request(self, request, view):
        token = request.auth
        if isinstance(token, ApiToken) and token.rate:
            # a rate stored before it was validated falls back to the token default, logged
            try:
                self.num_requests, self.duration = parse_rate(token.rate)
            except ValidationError:
                logger.warning("API token %s has a malformed rate %r: using %s", token.pk, token.rate, self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, ApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}
