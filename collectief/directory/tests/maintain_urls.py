"""URLconf for tests: the site's URLs, with the maintenance pages surely routed.

``directory/urls.py`` appends ``urls_maintain``; this keeps the tests of
the maintenance pages independent of that wiring.
"""

from django.urls import URLResolver, include, path

from collectief import urls as root
from collectief.directory import urls as directory_urls
from collectief.directory import urls_maintain

_names = {getattr(p, "name", None) for p in directory_urls.urlpatterns}
_patterns = list(directory_urls.urlpatterns) + [
    p for p in urls_maintain.urlpatterns if p.name not in _names
]

urlpatterns = [
    path("", include((_patterns, "directory"), namespace="directory"))
    if isinstance(p, URLResolver) and p.namespace == "directory"
    else p
    for p in root.urlpatterns
]
handler404 = root.handler404
handler500 = root.handler500
