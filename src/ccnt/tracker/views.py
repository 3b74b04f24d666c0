"""Public pages. Every page answers ``?format=json`` with the data it shows, and every query
starts from ``Policy.objects.public()``."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import render

from .models import Category, Policy
from .serializers import current_targets_by_policy, policy_dict, target_dict, with_related

PAGE_SIZE = 30


def wants_json(request) -> bool:
    return request.GET.get("format") == "json"


def home(request):
    policies = Policy.objects.public()
    latest = list(with_related(policies.order_by("-published_date", "-signed_date", "-id"))[:20])
    counts = {
        "policies": policies.count(),
        "national": policies.filter(level="national").count(),
        "local": policies.exclude(level="national").count(),
    }
    if wants_json(request):
        return JsonResponse({"counts": counts, "latest": [policy_dict(p) for p in latest]},
                            json_dumps_params={"ensure_ascii": False})
    return render(request, "tracker/home.html", {"latest": latest, "counts": counts})


def policy_list(request):
    policies = Policy.objects.public()
    category = request.GET.get("category", "")
    level = request.GET.get("level", "")
    if category:
        policies = policies.filter(category__code=category)
    if level:
        policies = policies.filter(level=level)
    page = Paginator(with_related(policies.order_by("-published_date", "-signed_date", "-id")), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    if wants_json(request):
        return JsonResponse(
            {"count": page.paginator.count, "page": page.number, "num_pages": page.paginator.num_pages,
             "results": [policy_dict(p) for p in page]},
            json_dumps_params={"ensure_ascii": False},
        )
    return render(request, "tracker/policy_list.html", {
        "page": page, "categories": Category.objects.all(), "category": category, "level": level,
    })


def policy_detail(request, pk: int):
    policy = with_related(Policy.objects.public()).filter(pk=pk).first()
    if policy is None:
        raise Http404("No such published policy")
    targets = current_targets_by_policy([policy])[policy.pk]
    if wants_json(request):
        data = policy_dict(policy)
        data["targets"] = [target_dict(t) for t in targets]
        return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    return render(request, "tracker/policy_detail.html", {"policy": policy, "targets": targets})
