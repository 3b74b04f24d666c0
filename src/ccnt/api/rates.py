"""Rates like ``600/min``: one grammar for token rates, the ``CCNT_*_RATE`` settings and the
HTML rate limits.

Invariant: a rate that reaches a throttle is ``N/unit`` with N ≥ 1 and unit one of sec, min,
hour, day (or s / second, m / minute, h, d), so it always parses and never locks a client out
(``0/min``). The model and the admin form validate with :func:`validate_rate`; a rate stored
before validation existed is read with :func:`rate_or_default`, which falls back to the default
with a log line instead of failing every request. Rejected alternative: DRF's own parser, which
reads only the unit's first letter (``10/fortnight`` fails on ``f`` with a KeyError, a 500, while
``10/mars`` would silently be a minute).
"""

from __future__ import annotations

import logging
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger("ccnt.api")

UNITS = {"s": 1, "sec": 1, "second": 1, "m": 60, "min": 60, "minute": 60, "h": 3600, "hour": 3600,
         "d": 86400, "day": 86400}
RATE = re.compile(r"^\s*(\d{1,9})\s*/\s*([a-z]+)\s*$")
MESSAGE = _("限额格式应为 N/sec、N/min、N/hour 或 N/day（N ≥ 1）"
            " Rate must be N/sec, N/min, N/hour or N/day with N ≥ 1")


def parse_rate(value: str) -> tuple[int, int]:
    """``"600/min"`` → ``(600, 60)``: requests and seconds. Raises ``ValidationError``."""
    match = RATE.match(value or "")
    if not match or match.group(2) not in UNITS or int(match.group(1)) < 1:
        raise ValidationError(MESSAGE, code="invalid_rate", params={"value": value})
    return int(match.group(1)), UNITS[match.group(2)]


def validate_rate(value: str) -> None:
    parse_rate(value)


def rate_or_default(value: str, default: str, what: str = "rate") -> tuple[int, int]:
    """The parsed ``value``, or the parsed ``default`` (logged) when ``value`` is malformed."""
    try:
        return parse_rate(value)
    except ValidationError:
        logger.warning("ignoring the malformed %s %r: using %s", what, value, default)
        return parse_rate(default)
