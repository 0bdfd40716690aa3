from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from collectief.web.errors import handler_404, handler_500  # noqa: F401

# Each app owns the full paths of its pages, so adding an app means one
# include here and nothing else.
urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("collectief.web.urls")),
    # Django tries the patterns in order, and the public survey pages get most of
    # the requests (every respondent, twice), so they are tried almost first.
    path("", include("collectief.surveys.urls")),
    path("", include("collectief.accounts.urls")),
    path("", include("collectief.areas.urls")),
    path("", include("collectief.directory.urls")),
    path("", include("collectief.changestories.urls")),
    path("", include("collectief.figures.urls")),
    path("", include("collectief.jobs.urls")),
    path("", include("collectief.signals.urls")),
    path("", include("collectief.projects.urls")),
    path("", include("collectief.valuation.urls")),
    path("", include("collectief.stories.urls")),
    path("", include("collectief.duiding.urls")),
    path("", include("collectief.support.urls")),
    path("", include("collectief.sharing.urls")),
    path("", include("collectief.insights.urls")),
    path("", include("collectief.reports.urls")),
    path("api/", include("collectief.api.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
]

handler400 = "collectief.web.errors.handler_400"
handler403 = "collectief.web.errors.handler_403"
handler404 = "collectief.web.errors.handler_404"
handler500 = "collectief.web.errors.handler_500"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
