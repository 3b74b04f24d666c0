"""Errors as JSON with a clear message: ``{"status": 400, "detail": "…", "errors": {…}}``."""

from __future__ import annotations

from django.http import Http404
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler


class BadRequest(exceptions.APIException):
    status_code = 400
    default_detail = "Bad request."
    default_code = "bad_request"


def bad_request(message: str, param: str | None = None) -> BadRequest:
    error = BadRequest(message)
    error.param = param
    return error


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    body: dict = {"status": response.status_code}
    if isinstance(exc, exceptions.Throttled):
        wait = int(exc.wait or 0) + 1 if exc.wait else None
        body["detail"] = "Request was throttled: too many requests" + (
            f"; try again in {wait} seconds" if wait else "") + ". An API token raises the limit."
    elif isinstance(exc, Http404):
        body["detail"] = str(exc) if str(exc) else "Not found."
    elif isinstance(data, dict) and "detail" in data:
        body["detail"] = str(data["detail"])
    elif isinstance(data, (dict, list)):
        body["detail"] = "Invalid request."
        body["errors"] = data
    else:
        body["detail"] = str(data)
    param = getattr(exc, "param", None)
    if param:
        body["param"] = param
    response.data = body
    return response
