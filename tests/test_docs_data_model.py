"""docs/data-model.md names every model of the project's apps: a model added without a line
there fails here."""

from __future__ import annotations

from pathlib import Path

from django.apps import apps

PAGE = (Path(__file__).resolve().parents[1] / "docs" / "data-model.md").read_text(encoding="utf-8")


def test_it_names_every_model_of_the_project():
    models = {model.__name__ for model in apps.get_models() if model.__module__.startswith("ccnt.")}
    assert models, "no project models found"
    assert {name for name in models if f"`{name}`" not in PAGE} == set()
