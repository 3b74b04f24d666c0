"""``/downloads/``: the dated data releases written by ``ccnt dump`` — size, checksum, counts and
the changelog of corrections — and the files themselves."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render

from ccnt.api import licence
from ccnt.paths import DATA_DIR

from .models import DataRelease


def downloads_dir() -> Path:
    return Path(settings.CCNT_DOWNLOADS_DIR)


def release_dict(release: DataRelease, request) -> dict:
    return {
        "name": release.name,
        "created_at": release.created_at.isoformat(),
        "filename": release.filename,
        "url": request.build_absolute_uri(f"/downloads/{release.filename}"),
        "size": release.size,
        "sha256": release.sha256,
        "counts": release.counts,
        "changelog": release.changelog,
        "note": release.note,
    }


def index(request):
    releases = list(DataRelease.objects.all()[:100])
    if request.GET.get("format") == "json":
        return JsonResponse({"meta": licence.meta(request), "releases": [release_dict(r, request) for r in releases]},
                            json_dumps_params={"ensure_ascii": False})
    return render(request, "feeds/downloads.html", {
        "releases": releases, "latest": releases[0] if releases else None, "meta": licence.meta(request),
    })


def latest(request):
    release = DataRelease.objects.first()
    if release is None:
        raise Http404("No data release yet: run `ccnt dump`.")
    return redirect(f"/downloads/{release.filename}")


def release_file(request, filename: str):
    release = DataRelease.objects.filter(filename=filename).first()
    path = downloads_dir() / filename
    if release is None or not path.is_file():
        raise Http404("No such data release.")
    response = FileResponse(path.open("rb"), as_attachment=True, filename=filename, content_type="application/zip")
    response["X-Checksum-SHA256"] = release.sha256
    return response


def sources(request):
    text = (DATA_DIR / "SOURCES.md").read_text(encoding="utf-8")
    head = (f"Data licence of the tracker's own data: {settings.CCNT_DATA_LICENSE} "
            f"({settings.CCNT_DATA_LICENSE_URL}).\nCite as: {licence.citation(request)}\n\n")
    return HttpResponse(head + text, content_type="text/plain; charset=utf-8")
