"""``/api/`` — included from ``ccnt.urls`` before the tracker's pages."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import openapi, views, views_actors

openapi.register()
views_actors.register()

app_name = "api"
urlpatterns = [
    path("api/", views.api_root_redirect, name="root"),
    path("api/v1/", views.IndexView.as_view(), name="index"),
    path("api/v1/policies/", views.cached_answer(views.PolicyListView), name="policies"),
    path("api/v1/policies/<int:pk>/", views.cached_answer(views.PolicyDetailView), name="policy"),
    path("api/v1/targets/", views.cached_answer(views.TargetListView), name="targets"),
    path("api/v1/targets/<int:pk>/", views.cached_answer(views.TargetDetailView), name="target"),
    path("api/v1/jurisdictions/", views.JurisdictionListView.as_view(), name="jurisdictions"),
    re_path(r"^api/v1/jurisdictions/(?P<adcode>[0-9]{6})/$", views.JurisdictionDetailView.as_view(),
            name="jurisdiction"),
    path("api/v1/indicators/", views.cached_answer(views.IndicatorListView), name="indicators"),
    path("api/v1/indicators/<slug:code>/", views.cached_answer(views.IndicatorDetailView), name="indicator"),
    path("api/v1/reports/", views.ReportListView.as_view(), name="reports"),
    path("api/v1/documents/", views.DocumentListView.as_view(), name="documents"),
    re_path(r"^api/v1/documents/(?P<sha256>[0-9a-fA-F]{64})/$", views.DocumentDetailView.as_view(), name="document"),
    path("api/v1/actors/", views_actors.ActorListView.as_view(), name="actors"),
    path("api/v1/actors/<int:pk>/", views_actors.ActorDetailView.as_view(), name="actor"),
    path("api/v1/commitments/", views_actors.CommitmentListView.as_view(), name="commitments"),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema", template_name="api/swagger_ui.html"), name="docs"),
    re_path(r"^api/", views.NotFoundView.as_view(), name="not_found"),
]
