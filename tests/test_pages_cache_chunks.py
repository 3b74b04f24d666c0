"""A cached page is answered in the chunks it was stored in, the reader's CSRF token between
them, never joined into a copy: the body a reader gets is the rendered page with that reader's
token, and ``Content-Length`` counts it exactly (CommonMiddleware would join the chunks to count)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db
TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{32,})"')


@pytest.mark.parametrize("path", ["/", "/regions/320000/", "/targets/", "/api/v1/policies/"])
def test_it_answers_a_hit_in_chunks_with_the_readers_token_and_its_exact_length(path):
    rendered = Client().get(path)
    hit = Client().get(path)
    assert rendered["X-Page-Cache"] == "miss" and hit["X-Page-Cache"] == "hit"
    chunks = list(hit)  # what a WSGI server writes
    body = b"".join(chunks)
    assert int(hit["Content-Length"]) == len(body) == len(rendered.content)
    tokens = TOKEN.findall(body)
    if path.startswith("/api/"):
        assert not tokens and len(chunks) == 1
        assert body == rendered.content
    else:
        assert tokens and len(chunks) == 1 + 2 * len(tokens)  # the parts around each token, and the token
        assert TOKEN.sub(b"", body) == TOKEN.sub(b"", rendered.content)
        assert tokens[0] != TOKEN.findall(rendered.content)[0]  # this reader's own, masked anew


def test_a_head_request_gets_the_length_of_the_page(client):
    client.get("/matrix/")
    head = Client().head("/matrix/")
    assert head.status_code == 200 and int(head["Content-Length"]) == len(Client().get("/matrix/").content)
