"""Two ways through a list: keyset cursors for date and id order (stable while data changes,
constant cost at any depth) and page numbers for relevance order (and on request)."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.db.models import F, Q

from .errors import bad_request


def encode_cursor(values: dict[str, Any]) -> str:
    raw = json.dumps(values, separators=(",", ":"), default=str).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(token: str) -> dict[str, Any]:
    try:
        if len(token) > 200:
            raise ValueError
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        values = json.loads(raw)
        if not isinstance(values, dict):
            raise ValueError
        return values
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise bad_request("Invalid cursor: use the 'next' or 'previous' link of a previous response.", "cursor") from None


@dataclass
class Page:
    items: list
    count: int
    next: str | None
    previous: str | None
    extra: dict


def page_url(request, **changes) -> str:
    params = request.query_params.copy()
    for key in ("page", "cursor", *changes):
        params.pop(key, None)
    for key, value in changes.items():
        if value is not None:
            params[key] = value
    query = urlencode(list(params.lists()), doseq=True)
    return request.build_absolute_uri(request.path) + ("?" + query if query else "")


def number_page(request, queryset, page: int, page_size: int, count: int | None = None,
                sliced: bool = False) -> Page:
    """Page ``page`` of ``queryset``; ``sliced``: the queryset holds that page's rows already."""
    total = queryset.count() if count is None else count
    num_pages = max(1, -(-total // page_size))
    if page > num_pages:
        raise bad_request(f"Page {page} is past the last page ({num_pages}).", "page")
    start = (page - 1) * page_size
    items = list(queryset[:page_size] if sliced else queryset[start : start + page_size])
    return Page(
        items=items,
        count=total,
        next=page_url(request, page=str(page + 1), cursor=None) if page < num_pages else None,
        previous=page_url(request, page=str(page - 1), cursor=None) if page > 1 else None,
        extra={"page": page, "num_pages": num_pages},
    )


# -- keyset cursors ---------------------------------------------------------------------------

NO_DATE_DESC = date(1, 1, 1)  # undated policies come last in both directions
NO_DATE_ASC = date(9999, 12, 31)


def keyset_page(request, queryset, *, key: str | None, descending: bool, page_size: int,
                cursor: str | None, count: int) -> Page:
    """A page of ``queryset`` ordered by (``key``, id) — ``key`` None orders by id alone.

    The queryset must be annotated with ``key`` already. The cursor holds the last (or first)
    row's key values and the direction; ``previous`` walks back from the first row shown.
    """
    back = False
    if cursor:
        position = decode_cursor(cursor)
        try:
            last_id = int(position["i"])
            last_key = date.fromisoformat(position["k"]) if key else None
            back = bool(position.get("b"))
        except (KeyError, TypeError, ValueError):
            raise bad_request("Invalid cursor: use the 'next' or 'previous' link of a previous response.",
                              "cursor") from None
        forward_desc = descending != back
        if key:
            if forward_desc:
                queryset = queryset.filter(Q(**{f"{key}__lt": last_key}) | Q(**{key: last_key, "id__lt": last_id}))
            else:
                queryset = queryset.filter(Q(**{f"{key}__gt": last_key}) | Q(**{key: last_key, "id__gt": last_id}))
        else:
            queryset = queryset.filter(id__lt=last_id) if forward_desc else queryset.filter(id__gt=last_id)
    walk_desc = descending != back
    order = [F(key).desc() if walk_desc else F(key).asc()] if key else []
    order.append("-id" if walk_desc else "id")
    rows = list(queryset.order_by(*order)[: page_size + 1])
    more = len(rows) > page_size
    rows = rows[:page_size]
    if back:
        rows.reverse()

    def position_of(row, backwards: bool) -> str:
        values: dict[str, Any] = {"i": row.id}
        if key:
            values["k"] = getattr(row, key).isoformat()
        if backwards:
            values["b"] = 1
        return encode_cursor(values)

    has_next = more if not back else bool(rows)
    has_previous = (more if back else bool(cursor)) and bool(rows)
    return Page(
        items=rows,
        count=count,
        next=page_url(request, cursor=position_of(rows[-1], False), page=None) if rows and has_next else None,
        previous=page_url(request, cursor=position_of(rows[0], True), page=None) if has_previous else None,
        extra={},
    )
