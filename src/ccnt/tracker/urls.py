from django.urls import path
from django.views.i18n import set_language

from . import views

app_name = "tracker"
urlpatterns = [
    path("", views.home, name="home"),
    path("policies/", views.policy_list, name="policy_list"),
    path("policies/<int:pk>/", views.policy_detail, name="policy_detail"),
    path("regions/<str:adcode>/", views.region_detail, name="region_detail"),
    path("targets/", views.target_explorer, name="target_explorer"),
    path("matrix/", views.matrix, name="matrix"),
    # the language switch (a POST form in the header; Django stores the choice in a cookie)
    path("i18n/setlang/", set_language, name="set_language"),
    path("documents/<str:sha256>/", views.archived_document, name="archived_document"),
]
