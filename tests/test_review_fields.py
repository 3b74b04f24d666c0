"""The review fields of every curated model (``Policy``, ``Actor``, ``Commitment``) are one
declaration (``tracker.models.review.Reviewed``): the same column definitions, and the same rule
that a machine never overwrites a curator's value."""

from __future__ import annotations

import pytest

from ccnt.actors.models import Actor, Commitment
from ccnt.tracker.models import Policy
from ccnt.tracker.models.review import FieldSource, Reviewed

REVIEW_FIELDS = ("review_state", "field_sources", "import_key", "created_at", "updated_at")


@pytest.mark.parametrize("model", [Policy, Actor, Commitment])
def test_it_gives_each_curated_model_the_review_fields_as_declared_once(model):
    assert issubclass(model, Reviewed)
    for name in REVIEW_FIELDS:
        _, path, args, kwargs = model._meta.get_field(name).deconstruct()
        assert (path, args, kwargs) == Reviewed._meta.get_field(name).deconstruct()[1:], name


@pytest.mark.parametrize("model", [Policy, Actor, Commitment])
def test_it_keeps_a_curators_value_from_a_machine_on_every_curated_model(model):
    obj = model(title="curator's", field_sources={"title": FieldSource.CURATOR}) if model is not Actor else \
        model(name="curator's", field_sources={"name": FieldSource.CURATOR})
    name = "name" if model is Actor else "title"
    assert obj.set_field(name, "machine's", FieldSource.EXTRACTED) is False
    assert getattr(obj, name) == "curator's"
    assert obj.set_field(name, "edited", FieldSource.CURATOR) is True
    assert getattr(obj, name) == "edited"
