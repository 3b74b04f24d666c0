"""A draft, a rejected and a needs-review policy appear nowhere public.

Three hidden policies with distinctive titles, issuer, targets, an archived original, a relation
to a public plan and (for one) stale search-index rows are made; then every public URL — taken
from the URL resolver, so a new public page fails here until it is covered — and the sitemap,
the feeds, the API (JSON and CSV), the exports, the data release zip, the monthly report and a
reader's digest are fetched. None may show a hidden title, link, target or count: every count
equals the published-only count measured before the hidden policies existed.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from datetime import date
from xml.etree import ElementTree

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import URLResolver, get_resolver

from ccnt.reports.models import Report
from ccnt.tracker.models import (
    Authority,
    Category,
    Document,
    Indicator,
    Jurisdiction,
    Policy,
    PolicyIssuer,
    PolicyRelation,
    PolicyVersion,
    Sector,
    Target,
    Topic,
)

pytestmark = pytest.mark.django_db

MARK = "隐匿XQZ"
TITLES = {
    "draft": f"{MARK}草稿县域储能氢能试点方案",
    "rejected": f"{MARK}退回省级碳达峰实施方案",
    "needs_review": f"{MARK}待审市级光伏发展规划",
}
ISSUER = f"{MARK}发展改革委"
SENTENCE = f"到2025年，{MARK}单位地区生产总值能耗下降97.531%。"
VALUE = "97.531"
QUERY = "退回省级碳达峰"  # words of a hidden title (the query itself is echoed, so not the mark)


def _county_without_public_policies() -> Jurisdiction:
    public = Policy.objects.public()
    for county in Jurisdiction.objects.current().filter(level="county", kind="division").order_by("adcode")[:400]:
        if not public.filter(jurisdictions=county).exists():
            return county
    raise AssertionError("no county without public policies")


def _busiest_month() -> date:
    """The month of the newest dated public policy: the hidden policies share it, so a leak
    would show on the home timeline, the month's report and the feeds."""
    dates = [d for pair in Policy.objects.public().values_list("published_date", "signed_date") for d in pair if d]
    return max(dates)


def make_hidden(archive_dir) -> dict:
    province = Jurisdiction.objects.by_adcode("320000")
    city = Jurisdiction.objects.current().filter(parent=province, level="city").order_by("adcode").first()
    county = _county_without_public_policies()
    when = _busiest_month()
    plan = Policy.objects.public().get(title="2030年前碳达峰行动方案")
    authority = Authority.objects.create(name=ISSUER, jurisdiction=province)
    indicator = Indicator.objects.get(code="energy_intensity")
    places = {"draft": county, "rejected": province, "needs_review": city}
    levels = {"draft": "county", "rejected": "province", "needs_review": "city"}
    policies, targets, docs = {}, [], []
    for state, title in TITLES.items():
        place = places[state]
        # the rejected one was published first (then rejected without signals: stale index rows);
        # the needs-review one keeps its old published_version, as one sent back to review does
        first_state = "published" if state in ("rejected", "needs_review") else state
        policy = Policy.objects.create(
            title=title, title_en=f"{MARK} hidden {state}", review_state=first_state, level=levels[state],
            jurisdiction=place, category=Category.objects.get(code="one_plus_n" if state == "rejected" else "energy"),
            published_date=when, signed_date=when, policy_type="方案", doc_number=f"{MARK}〔2025〕1号",
            summary_zh=f"{MARK}摘要", source_url=f"https://example.gov.cn/{state}.html",
        )
        policy.jurisdictions.set([place])
        policy.sectors.set(Sector.objects.filter(code="energy"))
        policy.topics.set(Topic.objects.all()[:2])
        PolicyIssuer.objects.create(policy=policy, authority=authority, order=0)
        body = f"{title}\n{SENTENCE}\n{MARK}正文。".encode()
        sha = hashlib.sha256(body + state.encode()).hexdigest()
        (archive_dir / sha[:2]).mkdir(parents=True, exist_ok=True)
        (archive_dir / sha[:2] / f"{sha}.txt").write_bytes(body)
        doc = Document.objects.create(sha256=sha, url=policy.source_url, media_type="text/plain", size=len(body),
                                      archive_path=f"{sha[:2]}/{sha}.txt", filename=f"{state}.txt", title=title,
                                      text=body.decode())
        text = body.decode()
        version = PolicyVersion.objects.create(policy=policy, number=1, text=text, document=doc)
        start = text.index(SENTENCE)
        target = Target.objects.create(
            policy=policy, version=version, indicator=indicator, target_year=2025, value_low=97.531,
            value_high=97.531, unit="%", value_normalized_low=97.531, value_normalized_high=97.531,
            unit_normalized="%", comparator="=", metric_kind="change", base_year=2020, direction="decrease",
            text=SENTENCE, start=start, end=start + len(SENTENCE), verified=True,
        )
        policy.published_version = version
        policy.save()
        PolicyRelation.objects.create(source=policy, target=plan, kind="implements")
        if state == "rejected":
            Policy.objects.filter(pk=policy.pk).update(review_state="rejected")
        elif state == "needs_review":
            policy.review_state = "needs_review"
            policy.save()
        policies[state] = policy
        targets.append(target)
        docs.append(doc)
    actors = make_hidden_actors(policies, indicator, when)
    return {"policies": policies, "targets": targets, "docs": docs, "month": when,
            "places": places, "plan": plan, "authority": authority, **actors}


def make_hidden_actors(policies: dict, indicator, when) -> dict:
    """A draft company with a published-state commitment, and a needs-review commitment (with a
    target) of a public company that is also linked to the draft policy."""
    from ccnt.actors.models import Actor, Commitment

    public_actor = Actor.objects.public().order_by("pk").first()
    hidden_actor = Actor.objects.create(name=f"{MARK}草稿能源集团", review_state="draft", kind=public_actor.kind)
    Commitment.objects.create(actor=hidden_actor, title=f"{MARK}集团碳达峰承诺", date=when, review_state="published",
                              statement=SENTENCE)
    pending = Commitment.objects.create(actor=public_actor, title=f"{MARK}待审承诺", date=when,
                                        review_state="needs_review", statement=SENTENCE, text=SENTENCE)
    Target.objects.create(commitment=pending, indicator=indicator, target_year=2025, value_low=97.531,
                          value_high=97.531, unit="%", unit_normalized="%", comparator="=", text=SENTENCE,
                          start=0, end=len(SENTENCE))
    public_actor.policies.add(policies["draft"])
    return {"public_actor": public_actor, "hidden_actor": hidden_actor}


# --- what must not show ---------------------------------------------------------------------

def leaks_in_text(text: str, hidden: dict) -> list[str]:
    found = [needle for needle in [MARK, VALUE, ISSUER] if needle in text]
    for policy in hidden["policies"].values():
        for needle in (f"/policies/{policy.pk}/", f"/api/v1/policies/{policy.pk}/"):
            if needle in text:
                found.append(needle)
    for target in hidden["targets"]:
        if f"/api/v1/targets/{target.pk}/" in text:
            found.append(f"target {target.pk}")
    for doc in hidden["docs"]:
        if doc.sha256 in text:
            found.append(f"document {doc.sha256[:8]}")
    return found


def leaks_in_json(data, hidden: dict) -> list[str]:
    ids = {p.pk for p in hidden["policies"].values()}
    found = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("policy_id", "policy") and value in ids:
                    found.append(f"{key}={value}")
                if key in ("policy_ids", "implemented_by", "implements", "same_jurisdiction") and isinstance(value, list):
                    found.extend(f"{key}∋{v}" for v in value if v in ids)
                walk(value)
            if node.get("id") in ids and ("title" in node or "review_state" in node):
                found.append(f"id={node['id']}")
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(data)
    return found


def body_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def texts_in_zip(raw: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        return "\n".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())


def check(client, url: str, hidden: dict, allowed=(200,)) -> object:
    response = client.get(url)
    assert response.status_code in allowed, (url, response.status_code)
    raw = body_of(response)
    kind = response.get("Content-Type", "")
    if raw[:2] == b"PK":  # xlsx, docx, zip
        text = texts_in_zip(raw)
    else:
        text = raw.decode("utf-8", "replace")
    leaks = leaks_in_text(text, hidden)
    if "json" in kind and response.status_code == 200:
        leaks += leaks_in_json(json.loads(raw), hidden)
    if response.status_code == 404:  # a 404 may echo the id or hash that was asked for
        leaks = [leak for leak in leaks if leak.split()[-1].strip("/").split("/")[-1][:8] not in url]
    assert not leaks, (url, leaks)
    return response


# --- the URL map: every public route, with the URLs that exercise it ---------------------------

NOT_PUBLIC_DATA = {  # pages that show no policy data (forms, redirects) — fetched, checked for leaks too
    "accounts/", "accounts/register/", "accounts/confirm/<str:token>/", "accounts/login/", "accounts/logout/",
    "accounts/data.json", "accounts/delete/", "accounts/password/reset/", "accounts/password/reset/sent/",
    "accounts/password/reset/<uidb64>/<token>/", "accounts/password/reset/complete/", "accounts/password/change/",
    "accounts/password/change/done/", "alerts/new/", "alerts/<int:pk>/", "alerts/unsubscribe/<str:token>/",
    "i18n/setlang/", "api/schema/", "api/docs/", "downloads/sources/", "robots.txt", "favicon.ico",
}


def public_routes() -> list[str]:
    routes = []

    def walk(patterns, prefix):
        for p in patterns:
            if isinstance(p, URLResolver):
                route = prefix + str(p.pattern)
                if not route.startswith("admin/"):
                    walk(p.url_patterns, route)
            else:
                routes.append(prefix + str(p.pattern))

    walk(get_resolver().url_patterns, "")
    return routes


def urls_for(route: str, h: dict) -> list[tuple[str, tuple]]:
    """URLs for a route, each with the status codes it may answer; None: not known yet."""
    p = h["policies"]
    draft, rejected, review = p["draft"], p["rejected"], p["needs_review"]
    province, city, county = h["places"]["rejected"], h["places"]["needs_review"], h["places"]["draft"]
    month = h["month"].strftime("%Y-%m")
    ok, gone = (200,), (404,)
    table = {
        "": [("/", ok), ("/?format=json", ok)],
        "policies/": [(u, ok) for u in (
            "/policies/", "/policies/?format=json", f"/policies/?q={QUERY}&format=json", "/policies/?q=储能&format=json",
            f"/policies/?jurisdiction={county.adcode}&format=json", f"/policies/?jurisdiction={province.adcode}&format=json",
            f"/policies/?province={province.adcode}&level=city&category=energy&format=json",
            "/policies/?category=one_plus_n&level=province&format=json", f"/policies/?q={QUERY}",
            f"/policies/?year={h['month'].year}&sector=energy&format=json", "/policies/?indicator=energy_intensity&format=json",
        )],
        "policies/<int:pk>/": [(f"/policies/{x.pk}/", gone) for x in (draft, rejected, review)]
        + [(f"/policies/{x.pk}/?format=json", gone) for x in (draft, rejected, review)]
        + [(f"/policies/{h['plan'].pk}/", ok), (f"/policies/{h['plan'].pk}/?format=json", ok)],
        "policies/export.<str:fmt>": [(u, ok) for u in (
            "/policies/export.csv", f"/policies/export.csv?q={QUERY}", f"/policies/export.xlsx?jurisdiction={province.adcode}",
            f"/policies/export.csv?jurisdiction={county.adcode}")],
        "policies/feed/": [(f"/policies/feed/?q={QUERY}", ok), (f"/policies/feed/?jurisdiction={province.adcode}", ok)],
        "regions/<str:adcode>/": [(f"/regions/{j.adcode}/{q}", ok) for j in (province, city, county)
                                  for q in ("", "?format=json")] + [("/regions/100000/?format=json", ok)],
        "targets/": [("/targets/?indicator=energy_intensity&year=2025", ok),
                     ("/targets/?indicator=energy_intensity&indicator=co2_peak&format=json", ok),
                     ("/targets/?indicator=energy_intensity&year=2025&level=county&format=json", ok)],
        "targets/export.<str:fmt>": [(f"/targets/export.{fmt}?indicator=energy_intensity{q}", ok)
                                     for fmt in ("csv", "xlsx") for q in ("", "&year=2025&level=county")],
        "targets/peaks/": [("/targets/peaks/", ok), ("/targets/peaks/?format=json", ok),
                           ("/targets/peaks/?level=city&format=json", ok)],
        "targets/<int:pk>/report/": [(f"/targets/{t.pk}/report/", gone) for t in h["targets"]],
        "accuracy/": [("/accuracy/", ok), ("/accuracy/?format=json", ok)],
        "matrix/": [("/matrix/", ok), ("/matrix/?format=json", ok), (f"/matrix/?province={province.adcode}&format=json", ok)],
        "documents/<str:sha256>/": [(f"/documents/{d.sha256}/", gone) for d in h["docs"]],
        "reports/": [("/reports/", ok), ("/reports/?format=json", ok)],
        r"^reports/(?P<month>\d{4}-\d{2})/$": [(f"/reports/{month}/", ok), (f"/reports/{month}/?format=json", ok)],
        r"^reports/(?P<month>\d{4}-\d{2})/report\.(?P<fmt>md|html|docx|pdf)$": [
            (f"/reports/{month}/report.{fmt}", ok) for fmt in ("md", "html", "docx")],
        "api/": [("/api/", (301, 302))],
        "api/v1/": [("/api/v1/", ok)],
        "api/v1/policies/": [(u, ok) for u in (
            "/api/v1/policies/", f"/api/v1/policies/?q={QUERY}", f"/api/v1/policies/?jurisdiction={province.adcode}",
            f"/api/v1/policies/?jurisdiction={county.adcode}&format=csv", "/api/v1/policies/?format=csv&page_size=200",
            f"/api/v1/policies/?date_from={h['month']:%Y-%m}-01")],
        "api/v1/policies/<int:pk>/": [(f"/api/v1/policies/{x.pk}/", gone) for x in (draft, rejected, review)],
        "api/v1/targets/": [(u, ok) for u in (
            "/api/v1/targets/?indicator=energy_intensity", "/api/v1/targets/?indicator=energy_intensity&format=csv",
            f"/api/v1/targets/?jurisdiction={province.adcode}", "/api/v1/targets/?year=2025&page_size=200")],
        "api/v1/targets/<int:pk>/": [(f"/api/v1/targets/{t.pk}/", gone) for t in h["targets"]],
        "api/v1/jurisdictions/": [("/api/v1/jurisdictions/?level=province", ok)],
        r"^api/v1/jurisdictions/(?P<adcode>[0-9]{6})/$": [(f"/api/v1/jurisdictions/{j.adcode}/", ok)
                                                        for j in (province, city, county)],
        "api/v1/indicators/": [("/api/v1/indicators/", ok)],
        "api/v1/indicators/<slug:code>/": [("/api/v1/indicators/energy_intensity/", ok)],
        "api/v1/reports/": [("/api/v1/reports/", ok)],
        "api/v1/documents/": [("/api/v1/documents/", ok), ("/api/v1/documents/?format=csv", ok)],
        r"^api/v1/documents/(?P<sha256>[0-9a-fA-F]{64})/$": [(f"/api/v1/documents/{d.sha256}/", gone)
                                                           for d in h["docs"]],
        "^api/": [("/api/v2/policies/", gone)],
        "feeds/policies/": [("/feeds/policies/", ok)],
        r"^feeds/regions/(?P<adcode>[0-9]{6})/$": [(f"/feeds/regions/{j.adcode}/", ok)
                                                 for j in (province, city, county)],
        "feeds/categories/<slug:code>/": [("/feeds/categories/energy/", ok), ("/feeds/categories/one_plus_n/", ok)],
        "sitemap.xml": [("/sitemap.xml", ok)],
        "actors/": [("/actors/", ok), ("/actors/?format=json", ok), (f"/actors/?q={QUERY}&format=json", ok)],
        "actors/<int:pk>/": [(f"/actors/{h['hidden_actor'].pk}/", gone), (f"/actors/{h['hidden_actor'].pk}/?format=json", gone),
                             (f"/actors/{h['public_actor'].pk}/", ok), (f"/actors/{h['public_actor'].pk}/?format=json", ok)],
        "actors/export.<str:fmt>": [("/actors/export.csv", ok), ("/actors/export.xlsx", ok), ("/actors/export.json", ok)],
        "api/v1/actors/": [("/api/v1/actors/", ok), ("/api/v1/actors/?format=csv", ok)],
        "api/v1/actors/<int:pk>/": [(f"/api/v1/actors/{h['hidden_actor'].pk}/", gone),
                                    (f"/api/v1/actors/{h['public_actor'].pk}/", ok)],
        "api/v1/commitments/": [("/api/v1/commitments/", ok), ("/api/v1/commitments/?format=csv", ok),
                                (f"/api/v1/commitments/?actor={h['public_actor'].pk}", (200, 400))],
        "sitemap-<section>.xml": [],  # every section is fetched from the sitemap below
        "downloads/": [("/downloads/", ok), ("/downloads/?format=json", ok)],
        "downloads/latest.zip": [("/downloads/latest.zip", (302,))],
        r"^downloads/(?P<filename>ccnt-data-[0-9A-Za-z._-]+\.zip)$": [],  # fetched through latest.zip below
        "accounts/": [("/accounts/", (302,))],
        "accounts/register/": [("/accounts/register/", ok)],
        "accounts/login/": [("/accounts/login/", ok)],
        "alerts/new/": [(f"/alerts/new/?q={QUERY}", (200, 302))],
        "api/schema/": [("/api/schema/", ok)],
        "downloads/sources/": [("/downloads/sources/", ok)],
    }
    if route in table:
        return table[route]
    if route in NOT_PUBLIC_DATA:
        return []
    return None


# --- the test --------------------------------------------------------------------------------

COUNT_URLS = [  # JSON whose numbers must be the same before and after the hidden policies exist
    "/?format=json", "/policies/?format=json", "/policies/?q=储能&format=json", "/policies/?category=energy&format=json",
    "/policies/?level=city&format=json", "/regions/320000/?format=json", "/regions/100000/?format=json",
    "/targets/?indicator=energy_intensity&year=2025&format=json", "/matrix/?format=json",
    "/matrix/?province=320000&format=json", "/api/v1/policies/?page_size=1", "/api/v1/targets/?indicator=energy_intensity",
    "/api/v1/jurisdictions/320000/", "/api/v1/indicators/energy_intensity/", "/api/v1/documents/",
    "/actors/?format=json",
]


def snapshot(client, urls) -> dict:
    cache.clear()
    out = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        out[url] = response.json()
    return out


def _strip_volatile(data):
    if isinstance(data, dict):
        return {k: _strip_volatile(v) for k, v in data.items() if k not in ("meta", "retrieved", "generated_at", "latest_report")}
    if isinstance(data, list):
        return [_strip_volatile(v) for v in data]
    return data


@pytest.fixture
def hidden(settings, tmp_path):
    settings.ARCHIVE_DIR = tmp_path / "archive"
    settings.CCNT_DOWNLOADS_DIR = tmp_path / "downloads"
    settings.CCNT_API_ANON_RATE = "100000/min"
    (tmp_path / "archive").mkdir()
    (tmp_path / "downloads").mkdir()
    return tmp_path


def test_hidden_policies_appear_nowhere_public(client, hidden):
    county = _county_without_public_policies()
    before = snapshot(client, COUNT_URLS + [f"/regions/{county.adcode}/?format=json"])
    public_count = Policy.objects.public().count()
    h = make_hidden(hidden / "archive")
    assert Policy.objects.public().count() == public_count
    assert h["places"]["draft"] == county

    # the month's report, published by a curator after the hidden policies were made
    month = h["month"].replace(day=1)
    if not Report.objects.filter(month=month).exists():
        from ccnt.reports.drafts import generate_draft, publish

        publish(generate_draft(month))
    assert MARK not in json.dumps(Report.objects.get(month=month).content, ensure_ascii=False)
    # a data release made after them
    call_command("dump", verbosity=0, stdout=io.StringIO())

    # every public route is covered
    unknown, fetched = [], 0
    for route in public_routes():
        urls = urls_for(route, h)
        if urls is None:
            unknown.append(route)
            continue
        for url, allowed in urls:
            cache.clear()
            check(client, url, h, allowed)
            fetched += 1
    assert not unknown, f"public routes missing from the hidden-everywhere test: {unknown}"
    assert fetched > 60

    # the sitemap and every section it names; no hidden page among the locations
    sitemap = client.get("/sitemap.xml")
    locs = [el.text for el in ElementTree.fromstring(sitemap.content).iter() if el.tag.endswith("loc")]
    sections = [loc for loc in locs if re.search(r"/sitemap-[^/]+\.xml", loc)]
    for section in sections:
        response = check(client, re.sub(r"^https?://[^/]+", "", section), h)
        locs += [el.text for el in ElementTree.fromstring(response.content).iter() if el.tag.endswith("loc")]
    assert not leaks_in_text("\n".join(locs), h)
    # a sample of the pages it lists (the fixed pages, regions and reports, a few policies)
    paths = [re.sub(r"^https?://[^/]+", "", loc) for loc in locs if "sitemap-" not in loc]
    sample = [u for u in paths if not u.startswith("/policies/")][:40] + [u for u in paths if u.startswith("/policies/")][:5]
    for path in sample:
        check(client, path, h)

    # the data release behind /downloads/latest.zip
    release = client.get("/downloads/latest.zip")
    zipped = client.get(release["Location"])
    assert zipped.status_code == 200
    raw = body_of(zipped)
    assert not leaks_in_text(texts_in_zip(raw), h)
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        names = archive.namelist()
        policies_json = next(n for n in names if n.endswith("policies.json"))
        assert len(json.loads(archive.read(policies_json))) == public_count

    # the command-line export (published only by default)
    out = io.StringIO()
    call_command("export", "--format", "json", stdout=out)
    exported = json.loads(out.getvalue())
    assert len(exported) == public_count and MARK not in out.getvalue()

    # a reader's digest of new policies matching the hidden title
    from ccnt.alerts.digests import new_policies
    from ccnt.search.query import parse_filters

    found = new_policies(parse_filters({"q": QUERY}), since=_aware(2000), until=_aware(2100), limit=50)
    assert not leaks_in_json(json.loads(json.dumps(_ids(found))), h) and MARK not in repr(found)

    # counts: everything equals the published-only figures measured before
    after = snapshot(client, COUNT_URLS + [f"/regions/{county.adcode}/?format=json"])
    for url in before:
        assert _strip_volatile(after[url]) == _strip_volatile(before[url]), url


def _aware(year: int):
    from datetime import datetime

    from django.utils import timezone

    return timezone.make_aware(datetime(year, 1, 1))


def _ids(found) -> list:
    items = found[0] if isinstance(found, tuple) else found
    return [{"policy_id": getattr(p, "pk", p)} for p in items]


def test_a_policy_unpublished_later_leaves_every_public_count(client, hidden):
    """Published, counted, then rejected by a curator in the admin: gone from every count."""
    from django.contrib.auth.models import Group, User

    before = snapshot(client, COUNT_URLS)
    h = make_hidden(hidden / "archive")
    policy = h["policies"]["draft"]
    policy.review_state = "published"
    policy.save()
    during = snapshot(client, ["/policies/?format=json"])
    assert during["/policies/?format=json"]["count"] == before["/policies/?format=json"]["count"] + 1
    curator = User.objects.create_user("hid-curator", password="a-long-test-password-1", is_staff=True)
    curator.groups.add(Group.objects.get(name="curator"))
    client.force_login(curator)
    response = client.post("/admin/tracker/policy/", {"action": "reject", "_selected_action": [policy.pk]})
    assert response.status_code in (200, 302)
    client.logout()
    policy.refresh_from_db()
    if policy.review_state == "published":  # no reject action: the change form's state field
        Policy.objects.filter(pk=policy.pk).update(review_state="rejected")
        policy.save()
    assert policy.review_state != "published"
    after = snapshot(client, COUNT_URLS)
    for url in before:
        assert _strip_volatile(after[url]) == _strip_volatile(before[url]), url
