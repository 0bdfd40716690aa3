"""Django settings for Collectief, read from the environment.

With no environment at all you get a development setup: DEBUG on, SQLite
under var/, e-mail printed to the console. Production sets DEBUG=0 and must
then provide SECRET_KEY and ALLOWED_HOSTS; see docs/deployment.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from collectief.lib.env import env_bool, env_int, env_list, env_str, parse_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(env_str("COLLECTIEF_VAR_DIR", str(BASE_DIR / "var")))

TESTING = "pytest" in sys.modules or (len(sys.argv) > 1 and sys.argv[1] == "test")
DEBUG = env_bool("DEBUG", default=True)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Only for development: a fixed key keeps sessions valid across restarts.
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-0123456789"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # Base apps. The layers (lib < audit < accounts, areas < domain < api, web) are
    # in docs/ARCHITECTURE.md and enforced by lint-imports (pyproject.toml).
    "collectief.audit",
    "collectief.ratelimits",
    "collectief.jobs",
    "collectief.accounts",
    "collectief.areas",
    # Domain apps.
    "collectief.directory",
    "collectief.changestories",
    "collectief.figures",
    "collectief.surveys",
    "collectief.signals",
    "collectief.projects",
    "collectief.valuation",
    "collectief.stories",
    "collectief.duiding",
    "collectief.support",
    "collectief.sharing",
    # Composition apps: they may import from every app above.
    "collectief.insights",
    "collectief.reports",
    "collectief.api",
    "collectief.web",
    # Django and third parties.
    # The admin behind two-factor login (issue 8): see accounts/admin_site.py.
    "collectief.accounts.admin_apps.SecureAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "collectief.web.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "collectief.web.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "collectief.accounts.middleware.RequireTwoFactorMiddleware",
]

ROOT_URLCONF = "collectief.urls"
WSGI_APPLICATION = "collectief.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "collectief.web.context_processors.navigation",
            ],
            # ``safe_href`` in every template: a stored website is only a link
            # when it is http(s) (collectief/lib/safe_urls.py).
            "builtins": ["collectief.lib.safe_urls"],
        },
    },
]
FORM_RENDERER = "collectief.web.forms.FormRenderer"

DATABASES = {
    "default": parse_database_url(
        env_str("DATABASE_URL", "sqlite:///var/collectief.sqlite3"), base_dir=BASE_DIR
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Rate limits count per client address. Behind reverse proxies (nginx, a load
# balancer) set how many there are, so the address is read from the right
# place in X-Forwarded-For (docs/deployment.md); 0 trusts no header.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
SURVEYS_SUBMISSIONS_PER_HOUR = env_int("SURVEYS_SUBMISSIONS_PER_HOUR", 30)
# Stories sent in through one public story link, per client address and hour.
STORIES_SUBMISSIONS_PER_HOUR = env_int("STORIES_SUBMISSIONS_PER_HOUR", 10)
# API requests per hour for one token, or for one address without a token
# (collectief/api/ratelimit.py); 0 switches the limit off.
API_REQUESTS_PER_HOUR = env_int("API_REQUESTS_PER_HOUR", 3600)

# Limits on what one import may read (collectief/lib/reading.py, docs/security.md):
# they keep an import under 300 MB of memory whatever the file holds.
IMPORT_MAX_UNPACKED_BYTES = env_int("IMPORT_MAX_UNPACKED_BYTES", 100 * 1024 * 1024)
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 100_000)
IMPORT_MAX_COLUMNS = env_int("IMPORT_MAX_COLUMNS", 2_000)
IMPORT_MAX_CELLS = env_int("IMPORT_MAX_CELLS", 2_000_000)
IMPORT_MAX_CELL_CHARS = env_int("IMPORT_MAX_CELL_CHARS", 32_767)
IMPORT_MAX_JSON_BYTES = env_int("IMPORT_MAX_JSON_BYTES", 30 * 1024 * 1024)
IMPORT_MAX_JSON_DEPTH = env_int("IMPORT_MAX_JSON_DEPTH", 64)
IMPORT_MAX_ZIP_MEMBERS = env_int("IMPORT_MAX_ZIP_MEMBERS", 1_000)
IMPORT_TIME_LIMIT = env_int("IMPORT_TIME_LIMIT", 120)

# Signals (rode draden): notes are removed after this many days; the signal
# stays as a count. deduce's lookup structures are built once into
# DEDUCE_CACHE_DIR (`collectief signals warmup`, run by `make install`) and
# only loaded afterwards. They depend on deduce's version only, so by default
# one cache per machine and version serves the development server, the tests
# and every checkout (two minutes of a core saved per clone); a deployment
# sets its own directory (the container image builds it into /opt/deduce).
SIGNAL_NOTE_RETENTION_DAYS = env_int("SIGNAL_NOTE_RETENTION_DAYS", 180)


def _default_deduce_cache() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        deduce_version = version("deduce")
    except PackageNotFoundError:
        deduce_version = "missing"
    user_cache = env_str("XDG_CACHE_HOME", "") or str(Path.home() / ".cache")
    return str(Path(user_cache) / "collectief" / f"deduce-{deduce_version}")


DEDUCE_CACHE_DIR = Path(env_str("DEDUCE_CACHE_DIR", "") or _default_deduce_cache())
DIRECTORY_REPORTS_PER_HOUR = env_int("DIRECTORY_REPORTS_PER_HOUR", 10)

# A database cache is shared by every server process without extra software;
# the rate limits of logins and survey submissions rely on that.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "collectief_cache",
    }
}

# Background work (PDFs, large imports, e-mail, periodic tasks) goes to a queue
# in the database, run by `collectief worker` (`make run` and `collectief
# runserver` start one). Tests run tasks at once; TASKS_IMMEDIATE=1 does the
# same for an installation that runs no worker (slow requests instead).
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if TESTING or env_bool("TASKS_IMMEDIATE", default=False)
            else "django_tasks_db.DatabaseBackend"
        )
    }
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    # API tokens (Authorization: Bearer ...), used by collectief.lib.api.
    "collectief.api.backends.ApiTokenBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "web:dashboard"
LOGOUT_REDIRECT_URL = "web:home"

# django-allauth: e-mail login, no public sign-up (people join by invitation),
# TOTP two-factor login, and its built-in rate limits on logins and resets.
ACCOUNT_ADAPTER = "collectief.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Collectief"
# Dutch error messages and phone-friendly code fields (accounts/two_factor.py).
MFA_ADAPTER = "collectief.accounts.two_factor.MFAAdapter"
MFA_FORMS = {
    "activate_totp": "collectief.accounts.two_factor.ActivateForm",
    "authenticate": "collectief.accounts.two_factor.AuthenticateCodeForm",
    "reauthenticate": "collectief.accounts.two_factor.ReauthenticateCodeForm",
}
# A code that expired a moment ago still counts: people read it on one screen
# and type it on another, and RFC 6238 (section 5.2) advises one step of slack.
MFA_TOTP_TOLERANCE = 1

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Collectief <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Security. Production (DEBUG off) gets secure cookies and HSTS; a deployment
# behind a TLS-terminating proxy sets SECURE_PROXY_SSL_HEADER=1.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
    if not SECURE_HSTS_PRELOAD:
        # Preloading cannot be undone quickly and binds the whole domain of a
        # gemeente, so it stays the operator's explicit choice; without it
        # `check --deploy` must still print nothing (docs/deployment.md).
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
if env_bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Map tiles for the sociale kaart; empty disables the map (the list still works).
MAP_TILE_URL = env_str("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env_str("MAP_TILE_ATTRIBUTION", "© OpenStreetMap-bijdragers")

INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", 7)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# --- directory (sociale kaart) ---
# Leaflet's JavaScript, CSS and marker images come from the XStatic-Leaflet
# package and are served as /static/leaflet/...; only the map page loads them.
import xstatic.pkg.leaflet  # noqa: E402

STATICFILES_DIRS = [
    *globals().get("STATICFILES_DIRS", []),
    ("leaflet", xstatic.pkg.leaflet.BASE_DIR),
]
