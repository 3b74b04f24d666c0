"""Save a search (the policy list's "save this search" link leads here), change or delete it,
and unsubscribe from its digest without logging in (the link in every digest)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from ccnt.search.query import parse_filters

from .models import Frequency, SavedSearch

LOGIN_URL = "/accounts/login/"
MAX_SEARCHES = 50


def describe(params) -> str:
    """A default name for a saved search: its keywords and filters."""
    parts = [params.q] if params.q else []
    for name, value in params.as_query().items():
        if name not in ("q", "sort", "page"):
            parts.append(f"{name}={','.join(value)}")
    return " · ".join(parts)[:200] or "全部政策 All policies"


def canonical(querystring: str):
    """Validated parameters and their canonical query string (no page, no format)."""
    query = QueryDict(querystring, mutable=True)
    for name in ("page", "format"):
        query.pop(name, None)
    params = parse_filters(query)
    return params, params.urlencode(page=None)


@login_required(login_url=LOGIN_URL)
@require_http_methods(["GET", "POST"])
def new_search(request):
    source = request.POST.get("querystring", "") if request.method == "POST" else request.GET.urlencode()
    try:
        params, querystring = canonical(source)
    except ValueError as error:
        return render(request, "alerts/new.html", {"error": str(error)}, status=400)
    if request.method == "POST":
        name = (request.POST.get("name") or "").strip()[:200] or describe(params)
        frequency = request.POST.get("frequency", Frequency.WEEKLY)
        if frequency not in Frequency.values:
            return render(request, "alerts/new.html", {"error": f"frequency: {frequency!r}"}, status=400)
        if request.user.saved_searches.count() >= MAX_SEARCHES:
            return render(request, "alerts/new.html", {"error": _("最多保存 50 个检索。 At most 50 saved searches.")},
                          status=400)
        SavedSearch.objects.create(user=request.user, name=name, querystring=querystring, frequency=frequency)
        messages.success(request, _("已保存检索，新政策将通过邮件提醒。 Search saved: new policies will reach you by email."))
        return redirect("/accounts/")
    return render(request, "alerts/new.html", {
        "querystring": querystring, "name": describe(params), "frequencies": Frequency.choices,
    })


@login_required(login_url=LOGIN_URL)
@require_POST
def change(request, pk: int):
    search = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    action = request.POST.get("action", "update")
    if action == "delete":
        search.delete()
        messages.success(request, _("已删除。 Deleted."))
    else:
        frequency = request.POST.get("frequency", "")
        if frequency == "off":
            search.active = False
        elif frequency in Frequency.values:
            search.frequency, search.active = frequency, True
        else:
            return render(request, "alerts/new.html", {"error": f"frequency: {frequency!r}"}, status=400)
        search.save(update_fields=["frequency", "active"])
        messages.success(request, _("已保存。 Saved."))
    return redirect("/accounts/")


@csrf_exempt  # the token is the credential; mail clients' one-click unsubscribe (RFC 8058) POSTs here
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    search = SavedSearch.objects.filter(unsubscribe_token=token).select_related("user").first()
    if search is None or len(token) < 16:
        raise Http404("unknown unsubscribe link")
    if request.method == "POST":
        if search.active:
            search.active = False
            search.save(update_fields=["active"])
        return render(request, "alerts/unsubscribed.html", {"search": search})
    # a GET only asks: link checkers in mail systems open links without a reader behind them
    return render(request, "alerts/unsubscribe.html", {"search": search})
