"""Frontline settings: one module, read from the environment.

Development defaults are safe to run on a laptop. With DEBUG=false (production) every value that
must be secret or site-specific is required and checked at start-up, so a bad deploy fails loudly.
"""

from pathlib import Path

import dj_database_url
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured

from frontline.core.env import env, env_bool, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env("FRONTLINE_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", True)

# Development-only placeholders. They are refused when DEBUG is off.
_DEV_SECRET = "dev-insecure-secret-key-do-not-use-in-production"  # noqa: S105
_DEV_FIELD_KEY = "ZGV2LW9ubHktZmllbGQta2V5LW5vdC1mb3ItcHJvZC0="  # base64 of a 32-byte dev string
_DEV_HASH_KEY = "dev-only-hash-key-not-for-production"

SECRET_KEY = env("SECRET_KEY", _DEV_SECRET)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# Keys protecting personal identifiers. FRONTLINE_FIELD_KEYS is a comma-separated list of Fernet
# keys: the first encrypts, all decrypt (rotation: prepend a new key, run `rotate_keys`, drop the
# old one). FRONTLINE_HASH_KEY keys the HMAC used for exact lookup and deduplication.
FRONTLINE_FIELD_KEYS = env_list("FRONTLINE_FIELD_KEYS", [_DEV_FIELD_KEY])
FRONTLINE_HASH_KEY = env("FRONTLINE_HASH_KEY", _DEV_HASH_KEY)

# The demo clock: set FRONTLINE_TODAY=2020-02-19 to make "today" that date everywhere. Unset in production.
FRONTLINE_TODAY = env("FRONTLINE_TODAY", "") or None

if not DEBUG:
    problems = []
    if SECRET_KEY == _DEV_SECRET or len(SECRET_KEY) < 40:
        problems.append("SECRET_KEY must be set to a random value of at least 40 characters")
    if _DEV_FIELD_KEY in FRONTLINE_FIELD_KEYS:
        problems.append("FRONTLINE_FIELD_KEYS must be set (Fernet keys, comma-separated)")
    if FRONTLINE_HASH_KEY == _DEV_HASH_KEY or len(FRONTLINE_HASH_KEY or "") < 32:
        problems.append("FRONTLINE_HASH_KEY must be set to a random value of at least 32 characters")
    if ALLOWED_HOSTS == ["*"]:
        problems.append("ALLOWED_HOSTS must name the hosts, not '*'")
    if problems:
        raise ImproperlyConfigured("Refusing to start with DEBUG=false: " + "; ".join(problems))

# Domain apps: one per thing the users name (see README "Where things are").
FRONTLINE_APPS = [
    "frontline.core",
    "frontline.regions",
    "frontline.accounts",
    "frontline.audit",
    "frontline.people",
    "frontline.checkpoints",
    "frontline.quarantine",
    "frontline.discipline",
    "frontline.supervision",
    "frontline.community",
    "frontline.publicity",
    "frontline.care",
    "frontline.evaluation",
    "frontline.dashboard",
    "frontline.imports",
    "frontline.demo",
]

INSTALLED_APPS = [
    "frontline.accounts.admin_apps.FrontlineAdminConfig",  # replaces django.contrib.admin: county admins only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    *FRONTLINE_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "frontline.accounts.middleware.AccountSecurityMiddleware",
    "frontline.core.scoping.JurisdictionMiddleware",
    "frontline.core.errors.MalformedValueMiddleware",
    # Last, as django-axes requires.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "frontline.accounts.backends.ExpiringModelBackend",
]
# Login throttling per (username, client IP) pair: a whole township office behind one address is not
# locked out by one cadre's typos
# (a username alone is not locked everywhere, which would let anyone lock a cadre out).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = env_int("PROXY_COUNT", 0)

# One-time passwords: required for county admins and the Django admin when FRONTLINE_OTP_REQUIRED
# (default: on in production, off for the local demo so its logins stay one step).
FRONTLINE_OTP_REQUIRED = env_bool("FRONTLINE_OTP_REQUIRED", not DEBUG)
OTP_TOTP_ISSUER = "Frontline 一线守护"
# Accounts not used for this many days are disabled by `manage.py disable_unused_accounts`.
FRONTLINE_ACCOUNT_IDLE_DAYS = env_int("FRONTLINE_ACCOUNT_IDLE_DAYS", 90)

# Content-Security-Policy: only this origin; scripts need a nonce (request.csp_nonce) or a file.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'", "'unsafe-inline'"],  # htmx indicator styles and SVG attributes
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}

ROOT_URLCONF = "frontline.urls"
WSGI_APPLICATION = "frontline.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "frontline" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "frontline.core.context_processors.frontline",
            ],
        },
    }
]

# Database: DATABASE_URL (postgres://… in production); default an embedded SQLite file.
# SQLite is set up for several writers: WAL journal, IMMEDIATE transactions (a writer takes the
# lock at BEGIN, so two writers queue instead of deadlocking on upgrade), and a busy timeout.
# case_sensitive_like lets `division_code LIKE '360732%'` use the ordinary index.
DATABASE_URL = env("DATABASE_URL", "") or f"sqlite:///{VAR_DIR / 'frontline.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 0))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    if DATABASES["default"]["NAME"] not in ("", ":memory:"):
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
            "PRAGMA case_sensitive_like=ON; PRAGMA busy_timeout=30000;"
        ),
    }
    DATABASES["default"]["TEST"] = {"NAME": env("SQLITE_TEST_NAME", "") or None}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set (several app processes share it); otherwise the database,
# which is also shared between processes. Never a per-process memory cache.
if env("REDIS_URL"):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env("REDIS_URL")}
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "frontline_cache"}
    }

SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 12 * 3600)  # one 12-hour shift
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
# Behind TLS in production by default (HTTP → HTTPS, HSTS for a year); the local demo serves plain HTTP.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", SECURE_HSTS_SECONDS > 0)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", SECURE_HSTS_SECONDS > 0)
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "frontline" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if DEBUG:
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
# Uploaded files: a directory every app process can reach (shared volume or object storage in production).
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Background jobs: database-backed queue, run by `manage.py db_worker` (make run starts one).
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 500

# Fever threshold (°C) and plausible range, used by checkpoints and quarantine check-ins alike.
FRONTLINE_FEVER_THRESHOLD = env("FRONTLINE_FEVER_THRESHOLD", "37.3")

# A person no record references any more is deleted this many days after their last change.
FRONTLINE_PERSON_RETENTION_DAYS = env_int("FRONTLINE_PERSON_RETENTION_DAYS", 30)

# Exports per user per day before refusal and an alert to county admins.
FRONTLINE_EXPORT_DAILY_LIMIT = env_int("FRONTLINE_EXPORT_DAILY_LIMIT", 30)

# No personal data in logs or error reports (frontline/core/redaction.py): every line is redacted on
# its way out, error reports hide every value a request carried and every local variable.
LOG_LEVEL = env("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "formatters": {
        "redacted": {"()": "frontline.core.redaction.RedactingFormatter"},
        "server": {
            "()": "frontline.core.redaction.RedactingServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "redacted"},
        "server": {"class": "logging.StreamHandler", "formatter": "server"},
        "mail_admins": {
            "level": "ERROR",
            "filters": ["require_debug_false"],
            "class": "django.utils.log.AdminEmailHandler",
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Replaces Django's own console handler (unredacted); records still reach the root's.
        "django": {"handlers": ["mail_admins"], "level": LOG_LEVEL},
        "django.server": {"handlers": ["server"], "level": "INFO", "propagate": False},
        # Never DEBUG, whatever LOG_LEVEL says: SQL would be logged with its parameters.
        "django.db.backends": {"level": "INFO"},
    },
}
DEFAULT_EXCEPTION_REPORTER_FILTER = "frontline.core.redaction.NoPersonalDataReporterFilter"
DEFAULT_EXCEPTION_REPORTER = "frontline.core.redaction.RedactingExceptionReporter"
