"""Build the POST data of a Django admin change form from the page's own forms, the way a
browser would submit it unchanged, so a test can change one value and post it."""

from __future__ import annotations

from typing import Any


def _value(bound_field) -> Any:
    value = bound_field.value()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "on" if value else ""
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return str(value)


def _add_form(data: dict[str, Any], form) -> None:
    for bound in form:
        # empty values and unchecked boxes are dropped later, as a browser omits them
        data[bound.html_name] = _value(bound)


def change_form_data(response) -> dict[str, Any]:
    data: dict[str, Any] = {}
    _add_form(data, response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        for form in formset.forms:
            _add_form(data, form)
    return {k: v for k, v in data.items() if v != ""}
