from django.contrib import admin
from django.urls import include, path, re_path

from ccnt.search.views import export as search_export
from ccnt.tracker import views_site

admin.site.site_header = "零碳录 · 编辑后台 ccnt curation"
admin.site.site_title = "零碳录 ccnt"
admin.site.index_title = "审核与编辑 Review and curation"

urlpatterns = [
    path("robots.txt", views_site.robots_txt, name="robots_txt"),
    path("favicon.ico", views_site.favicon, name="favicon"),
    path("admin/tracker/", include([  # the models that left the tracker app: their old links redirect
        re_path(rf"^(?P<model>{'|'.join(views_site.MOVED_ADMIN)})/(?P<rest>.*)$", views_site.moved_admin_page),
    ])),
    path("admin/", admin.site.urls),
    path("", include("ccnt.reports.urls")),
    path("policies/export.<str:fmt>", search_export, name="policy_export"),
    path("", include("ccnt.api.urls")),
    path("", include("ccnt.feeds.urls")),
    path("accounts/", include("ccnt.accounts.urls")),
    path("alerts/", include("ccnt.alerts.urls")),
    path("", include("ccnt.tracker.urls")),
]

# the site's own error pages (templates 400.html, 404.html, 500.html); 404 and 500 use Django's handlers
handler400 = views_site.bad_request
