from django.urls import path

from . import views

app_name = "alerts"
urlpatterns = [
    path("new/", views.new_search, name="new"),
    path("<int:pk>/", views.change, name="change"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
