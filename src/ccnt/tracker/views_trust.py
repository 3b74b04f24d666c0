"""What readers are told about how far to trust a target: the accuracy page and "report an error".

Invariant: every figure on ``/accuracy/`` comes from the recorded evaluation
(``data/accuracy.json``, written by ``ccnt eval --record``): date, commit, the test part's strict,
loose and passage F1, the share named ``other`` and the calibration at confidence ≥ 0.8. When the
file is missing the page says so and shows no number. A report can be made on any target of a
published policy; it is stored (``TargetReport``) and puts the policy in the review queue.
Rejected: computing the figures when the page is asked for (minutes of PDF parsing, and the corpus
is not on a production server) and figures typed into the template (they would go stale silently).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django import forms
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from ccnt.analysis.confidence import CONFIDENT
from ccnt.ops.ratelimit import rate_limited
from ccnt.paths import DATA_DIR

from .models import Target, TargetReport
from .views import json_response, wants_json

ACCURACY_FILE = DATA_DIR / "accuracy.json"


def accuracy_figures(path: Path = ACCURACY_FILE) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and "parts" in data else None


def _percent(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.1f}%"


def accuracy(request):
    data = accuracy_figures()
    if wants_json(request):
        return json_response(data or {})
    test = dev = calibration = None
    if data is not None:
        def shown(part: str) -> dict[str, str] | None:
            figures = data["parts"].get(part)
            if figures is None:
                return None
            return {**{k: _percent(v) for k, v in figures.items() if isinstance(v, float)},
                    "docs": figures.get("docs"), "gold": figures.get("gold"), "predicted": figures.get("predicted")}

        test, dev = shown("test"), shown("dev")
        cal = data.get("calibration", {}).get("test")
        if cal is not None:
            calibration = {"n": cal["n"], "right": cal["right"], "precision": _percent(cal["precision"]),
                           "coverage": _percent(cal["coverage"]), "threshold": data.get("threshold", CONFIDENT)}
    return render(request, "tracker/accuracy.html", {
        "accuracy": data, "test": test, "dev": dev, "calibration": calibration,
    })


class TargetReportForm(forms.Form):
    message = forms.CharField(label=_("哪里有误？"), max_length=2000, widget=forms.Textarea(attrs={"rows": 5}))
    email = forms.EmailField(label=_("邮箱（选填，便于我们回复）"), required=False)


def reportable_target(pk: int) -> Target:
    """A target a reader can see (``insights.public_targets``: of a published policy, in its
    published version)."""
    from .insights import public_targets

    target = public_targets().filter(pk=pk).first()
    if target is None:
        raise Http404("No such published target")
    return target


def _snapshot(target: Target) -> str:
    year = f"{target.target_year}" if target.target_year else ""
    return " ".join(x for x in (target.name_zh, year, target.value_display(), f"「{target.text}」") if x)[:2000]


@require_http_methods(["GET", "POST"])
@rate_limited("report", applies=lambda request: request.method == "POST")
def report_target(request, pk: int):
    target = reportable_target(pk)
    form = TargetReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        TargetReport.objects.create(policy=target.policy, target=target, target_text=_snapshot(target),
                                    message=form.cleaned_data["message"], email=form.cleaned_data["email"])
        return render(request, "tracker/target_report.html", {"target": target, "sent": True})
    status = 400 if request.method == "POST" else 200
    return render(request, "tracker/target_report.html", {"target": target, "form": form}, status=status)
