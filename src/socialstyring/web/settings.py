"""Django settings. Every setting that varies comes from an environment variable
(see docs/settings.md); with none set, the app runs on SQLite in the user's data folder.

Loading settings writes nothing: the data folder and the keys are made by an explicit
setup step (``socialstyring init`` or ``demo``, or the first use of a new database)."""

from __future__ import annotations

import secrets
from pathlib import Path

import dj_database_url
import platformdirs

from socialstyring.keys import read_secret
from socialstyring.web.env import (
    SettingError,
    env_bool,
    env_code,
    env_int,
    env_list,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent
# Never the working directory: run from any folder, the CLI must find the same database
# and the same pseudonym key, or one CPR number becomes two citizens.
DATA_DIR = (
    Path(env_str("SOCIALSTYRING_DATA_DIR") or platformdirs.user_data_dir("socialstyring", False))
    .expanduser()
    .resolve()
)

DEBUG = env_bool("SOCIALSTYRING_DEBUG", False)
PRODUCTION = env_bool("SOCIALSTYRING_PRODUCTION", False)

SECRET_KEY_FILE = DATA_DIR / "secret.key"
PSEUDONYM_KEY_FILE = DATA_DIR / "pseudonym.key"
SECRET_KEY = env_str("SOCIALSTYRING_SECRET_KEY")
# The key of the CPR pseudonyms: losing it breaks the link between old and new imports.
PSEUDONYM_KEY = env_str("SOCIALSTYRING_PSEUDONYM_KEY")
if PRODUCTION and (not SECRET_KEY or not PSEUDONYM_KEY):
    raise SettingError(
        "SOCIALSTYRING_SECRET_KEY and SOCIALSTYRING_PSEUDONYM_KEY must be set in production"
    )
PSEUDONYM_KEY = PSEUDONYM_KEY or read_secret(PSEUDONYM_KEY_FILE)
# Outside production a missing secret key only costs the sessions at the next start.
SECRET_KEY = SECRET_KEY or read_secret(SECRET_KEY_FILE) or secrets.token_urlsafe(50)

# Shown on reports, e.g. the committee PDF's title page.
MUNICIPALITY_NAME = env_str("SOCIALSTYRING_MUNICIPALITY", "")
# The installation's own municipality (kommunekode): rows and users get it when nothing
# else is said. Unset, everything belongs to one unnamed municipality ("000").
MUNICIPALITY_CODE = env_code("SOCIALSTYRING_MUNICIPALITY_CODE")

ALLOWED_HOSTS = env_list("SOCIALSTYRING_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

_database_url = env_str("DATABASE_URL")
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "socialstyring.sqlite3"),
            "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"},
        }
    }

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "socialstyring.storage",
    "socialstyring.web",
    "socialstyring.web.accounts",
    "socialstyring.web.followup",
    "socialstyring.web.imports",
    "socialstyring.web.audit",
    "socialstyring.web.casework",
    "socialstyring.web.refunds",
    "socialstyring.web.economics",
    "socialstyring.web.projection",
    "socialstyring.web.regional",
    "socialstyring.web.management",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "socialstyring.web.tenancy.TenancyMiddleware",
    "socialstyring.web.edges.EdgeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # login throttling: locks after repeated failures
    "django.contrib.auth.backends.ModelBackend",
]
# Login lock-out (web/lockout.py, docs/roles.md): failures are counted per username from
# any address and per address for any username, each with its own limit; either locks for
# the cool-off, which runs from the last failure. A browser the user has logged in with
# before is held to the per-address limit only. A successful login clears the count.
AXES_HANDLER = "socialstyring.web.lockout.LockoutHandler"
AXES_LOCKOUT_PARAMETERS = "socialstyring.web.lockout.lockout_parameters"
AXES_FAILURE_LIMIT = env_int("SOCIALSTYRING_LOGIN_FAILURES_PER_USERNAME", 10)
LOGIN_FAILURES_PER_ADDRESS = env_int("SOCIALSTYRING_LOGIN_FAILURES_PER_ADDRESS", 30)
AXES_COOLOFF_TIME = 0.25  # hours: the page says 15 minutes
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_VERBOSE = False

LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/login/"

ROOT_URLCONF = "socialstyring.web.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "socialstyring.web.context.navigation",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
# Every form in the markup of the Danish design system (DKFDS), see web/formrenderer.py.
FORM_RENDERER = "socialstyring.web.formrenderer.DesignSystemFormRenderer"
WSGI_APPLICATION = "socialstyring.web.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "da"
LANGUAGES = [("da", "Dansk")]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
# The app's own catalogue (src/socialstyring/locale); see docs/i18n.md.
LOCALE_PATHS = [BASE_DIR.parent / "locale"]
USE_TZ = True

STATIC_URL = "/static/"
# The app serves its own assets from the package (no collectstatic, no folder to make).
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Uploads above this stream to a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# The largest request body at all (an upload of import files), refused before it is read;
# a request from someone not signed in may carry a login form and no more.
MAX_UPLOAD_BYTES = env_int("SOCIALSTYRING_MAX_UPLOAD_MB", 250) * 1024 * 1024
MAX_ANONYMOUS_BODY_BYTES = 64 * 1024
# An upload larger than this is imported by a background worker (services/jobs.py), so
# the request returns at once and no proxy or browser times out on a big import.
BACKGROUND_IMPORT_BYTES = env_int("SOCIALSTYRING_BACKGROUND_IMPORT_MB", 20) * 1024 * 1024

# Every asset comes from the app itself; no inline scripts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    }
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60  # a working day
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Behind a TLS-terminating proxy: its address (waitress then believes its
# X-Forwarded-Proto/-For/-Host and nobody else's), and the https origins users reach the
# app under, e.g. "https://socialstyring.kommune.dk" (Django's CSRF check compares them).
TRUSTED_PROXY = env_str("SOCIALSTYRING_TRUSTED_PROXY", "")
CSRF_TRUSTED_ORIGINS = env_list("SOCIALSTYRING_CSRF_TRUSTED_ORIGINS", [])
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SOCIALSTYRING_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    # zxcvbn estimates how guessable a password is (repeats, sequences, words, dates):
    # "aaaaaaaaaaaa" is long enough for the length rule and still refused here.
    {"NAME": "django_zxcvbn_password_validator.ZxcvbnPasswordValidator"},
]
PASSWORD_MINIMAL_STRENGTH = 3  # zxcvbn's 0-4 scale: "safely unguessable" and up

# The loggers that write request paths mask CPR numbers in them (web/logfilter.py).
_MASKED = {"filters": ["mask_cpr"]}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_cpr": {"()": "socialstyring.web.logfilter.MaskCprNumbers"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["mask_cpr"]}},
    "loggers": {
        name: _MASKED
        for name in ("django.request", "django.server", "django.security", "axes", "waitress")
    },
    "root": {"handlers": ["console"], "level": env_str("SOCIALSTYRING_LOG_LEVEL", "WARNING")},
}
