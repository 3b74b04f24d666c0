from django.urls import path
from django.views.i18n import set_language

from ccnt.actors import views as views_actors

from . import views, views_explorer, views_trust

app_name = "tracker"
urlpatterns = [
    path("", views.home, name="home"),
    path("policies/", views.policy_list, name="policy_list"),
    path("policies/<int:pk>/", views.policy_detail, name="policy_detail"),
    path("regions/<str:adcode>/", views.region_detail, name="region_detail"),
    path("targets/", views_explorer.target_explorer, name="target_explorer"),
    path("targets/export.<str:fmt>", views_explorer.explorer_export, name="target_export"),
    path("targets/peaks/", views_explorer.peak_timeline, name="peak_timeline"),
    path("targets/<int:pk>/report/", views_trust.report_target, name="target_report"),
    path("accuracy/", views_trust.accuracy, name="accuracy"),
    path("matrix/", views.matrix, name="matrix"),
    path("actors/", views_actors.actor_list, name="actor_list"),
    path("actors/<int:pk>/", views_actors.actor_detail, name="actor_detail"),
    path("actors/export.<str:fmt>", views_actors.commitments_export, name="commitments_export"),
    # the language switch (a POST form in the header; Django stores the choice in a cookie)
    path("i18n/setlang/", set_language, name="set_language"),
    path("documents/<str:sha256>/", views.archived_document, name="archived_document"),
]
