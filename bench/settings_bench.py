"""Settings for the server process of the submission benchmark.

The production settings with two changes for a load test from one machine:
the per-respondent submission limit is lifted (all simulated respondents
share the address 127.0.0.1) and cookies work over plain http. The URLs add
the bare-insert floor (bench/floor.py) that the run compares against.
"""

from collectief.settings import *  # noqa: F403

SURVEYS_SUBMISSIONS_PER_HOUR = 10**9
ROOT_URLCONF = "bench.urls_bench"
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

# No collectstatic step for a benchmark: plain static file names.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
