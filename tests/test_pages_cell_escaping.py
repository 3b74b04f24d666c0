"""The tables built in Python (a region's targets, the explorer's rows) escape each cell as
Django's ``conditional_escape`` does, and write each explorer link as ``urlencode`` did, without
their per-call machinery: the same characters for plain, safe, lazy and non-text values."""

from __future__ import annotations

from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
from django.utils.functional import lazy
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from ccnt.tracker.templatetags.ccnt_tags import escaped, explorer_url, zh


@pytest.mark.parametrize("value", [
    "plain", "<b>&\"'</b>", "下降14%（较2020年）", "", 2030, None, mark_safe("<em>力争</em>"),
    lazy(lambda: "a < b", str)(),
])
def test_it_escapes_as_conditional_escape_does(value):
    assert escaped(value) == conditional_escape(value)
    assert str(zh(value)) == str(conditional_escape(value))


@pytest.mark.parametrize(("code", "year", "subject"), [
    ("energy_intensity", 2025, ""), ("non_fossil_share", None, ""), ("other", 2030, "新能源汽车 保有量&比例"),
    ("other", 2030, "a+b/c?d=e"), ("other", None, ""), ("peak.co2-x~y", 2030, "ignored"),
])
def test_it_writes_explorer_links_as_urlencode_did(code, year, subject):
    target = SimpleNamespace(indicator=SimpleNamespace(code=code), target_year=year, subject=subject, pk=41)
    query = [("indicator", code)]
    if year:
        query.append(("year", str(year)))
    if code == "other" and subject:
        query.append(("subject", subject))
    query.append(("at", "41"))
    assert explorer_url(target) == f"/targets/?{urlencode(query)}#r-41"
