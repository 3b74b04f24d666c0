from django.urls import path, re_path

from . import views

app_name = "reports"
urlpatterns = [
    path("reports/", views.archive, name="archive"),
    re_path(r"^reports/(?P<month>\d{4}-\d{2})/$", views.report_page, name="report"),
    re_path(r"^reports/(?P<month>\d{4}-\d{2})/report\.(?P<fmt>md|html|docx|pdf)$", views.report_download,
            name="download"),
]
