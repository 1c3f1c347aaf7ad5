"""Django settings. Everything that differs between machines comes from the environment."""

import os
import secrets

import dj_database_url

from xaydungdang.paths import PACKAGE_DIR, data_dir, private_files

private_files()  # umask 077: everything written below the data folder is 0600 (docs/security.md)
DATA_DIR = data_dir()
BASE_DIR = PACKAGE_DIR

# Production mode is explicit; `xdd serve` refuses to run with DEBUG in it.
PRODUCTION = os.environ.get("XDD_ENV", "").lower() == "production"
DEBUG = os.environ.get("XDD_DEBUG", "").lower() in {"1", "true", "yes"}


def _secret_key() -> str:
    if os.environ.get("XDD_SECRET_KEY"):
        return os.environ["XDD_SECRET_KEY"]
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        with os.fdopen(os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as fh:
            fh.write(secrets.token_urlsafe(50))
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [h for h in os.environ.get("XDD_ALLOWED_HOSTS", "*").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("XDD_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI served from our own static files (no CDN)
    "django_filters",
    "django_tables2",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "xaydungdang.core",
    "xaydungdang.organizations",
    "xaydungdang.accounts",
    "xaydungdang.members",
    "xaydungdang.admissions",
    "xaydungdang.reviews",
    "xaydungdang.inspections",
    "xaydungdang.activities",
    "xaydungdang.dues",
    "xaydungdang.transfers",
    "xaydungdang.indicators",
    "xaydungdang.alerts",
    "xaydungdang.reports",
    "xaydungdang.interchange",
    "xaydungdang.demo",
    "xaydungdang.ops",
    "xaydungdang.badges",
    "xaydungdang.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "xaydungdang.core.middleware.NoStoreMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "xaydungdang.web.middleware.RejectNulMiddleware",
    "xaydungdang.accounts.middleware.IdleTimeoutMiddleware",
    "xaydungdang.accounts.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "xaydungdang.core.middleware.RequestContextMiddleware",
    "xaydungdang.core.dbrouter.ReplicaReadsMiddleware",  # replica or primary for this request's reads
    "xaydungdang.accounts.middleware.ScopeCacheMiddleware",
    "xaydungdang.core.middleware.DatabaseUnavailableMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "xaydungdang.urls"
WSGI_APPLICATION = "xaydungdang.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "xaydungdang.web.context.site",
            ],
        },
    }
]


def _database() -> dict:
    url = os.environ.get("DATABASE_URL")
    if not url:
        url = f"sqlite:///{DATA_DIR / 'xdd.sqlite3'}"
    config = dj_database_url.parse(url, conn_max_age=0 if url.startswith("sqlite") else 60)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets readers work during a write; IMMEDIATE takes the write lock up front so
        # two writers queue instead of failing with "database is locked" mid-transaction.
        config["OPTIONS"] = {
            "timeout": 30,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
        config.setdefault("TEST", {})["NAME"] = os.environ.get("XDD_TEST_SQLITE") or None
    else:
        config["CONN_HEALTH_CHECKS"] = True
        config.setdefault("OPTIONS", {})["connect_timeout"] = 5
    return config


def _pooled(config: dict) -> dict:
    """Behind pgbouncer in transaction pooling (XDD_PGBOUNCER=1, docs/deployment.md): no server-side
    cursors (`.iterator()` would open a named cursor that outlives the pooled transaction); psycopg
    binds parameters on the client by default, so no prepared statements reach pgbouncer either."""
    if os.environ.get("XDD_PGBOUNCER", "").lower() in {"1", "true", "yes"} and config["ENGINE"].endswith("postgresql"):
        config["DISABLE_SERVER_SIDE_CURSORS"] = True
    return config


def _replica(default: dict) -> dict:
    """The `replica` alias (core/dbrouter.py): XDD_REPLICA_URL, a hot standby of the primary; without
    it, a second name of the default database that nothing is routed to. Tests mirror the default."""
    url = os.environ.get("XDD_REPLICA_URL")
    if not url:
        config = {k: v for k, v in default.items() if k != "TEST"}
    else:
        config = dj_database_url.parse(url, conn_max_age=60)
        config["CONN_HEALTH_CHECKS"] = True
        config["OPTIONS"] = {"connect_timeout": 5}
    config["TEST"] = {"MIRROR": "default"}
    return config


DATABASES = {"default": _pooled(_database())}
DATABASES["replica"] = _replica(DATABASES["default"])
# Reads of figures from the replica, writes and what follows them on the primary (core/dbrouter.py).
DATABASE_ROUTERS = ["xaydungdang.core.dbrouter.PrimaryReplicaRouter"] if os.environ.get("XDD_REPLICA_URL") else []
# Pages and API whose GET may read the replica (dashboards, reports, statistical forms, indicators).
XDD_REPLICA_PATHS = [
    r"^/$",
    r"^/to-chuc/[^/]+/$",
    r"^/bao-cao/$",
    r"^/bao-cao/tai/[^/]+/$",
    r"^/bieu-thong-ke/",
    r"^/api/orgs/[^/]+/indicators/$",
    r"^/api/v1/(indicators|forms|reports)/",
]
# After a write, that browser and user read the primary for this long (longer than the replica's lag).
XDD_REPLICA_STICKY_SECONDS = int(os.environ.get("XDD_REPLICA_STICKY_SECONDS", 15))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "xaydungdang.accounts.passwords.UserAttributeSimilarityValidator"},
    {"NAME": "xaydungdang.accounts.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "xaydungdang.accounts.passwords.CommonPasswordValidator"},
    {"NAME": "xaydungdang.accounts.passwords.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = DATA_DIR / "uploads"
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

# One cache shared by every server process (gunicorn workers): indicator figures and charts are
# computed once per data version, not once per worker (see web/cache.py).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "cache"),
        "TIMEOUT": 600,
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}

# Sessions and cookies: short-lived, HTTP-only, same-site; Secure when served over TLS.
SESSION_COOKIE_AGE = int(os.environ.get("XDD_SESSION_SECONDS", 8 * 3600))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
TLS = os.environ.get("XDD_TLS", "").lower() in {"1", "true", "yes"}
SESSION_COOKIE_SECURE = TLS
CSRF_COOKIE_SECURE = TLS
SECURE_SSL_REDIRECT = TLS
SECURE_HSTS_SECONDS = 31536000 if TLS else 0
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TLS else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content Security Policy: only our own files, no inline scripts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Idle sessions end after this many minutes without a request (0: never).
XDD_IDLE_MINUTES = int(os.environ.get("XDD_IDLE_MINUTES", 30))
# Second factor (TOTP): offered to staff and admins; forced on admins when this is on.
XDD_REQUIRE_2FA_FOR_ADMINS = os.environ.get("XDD_REQUIRE_2FA_FOR_ADMINS", "").lower() in {"1", "true", "yes"}
OTP_TOTP_ISSUER = "Xây dựng Đảng"

# Login throttling: lock a username+address after repeated failures.
AXES_FAILURE_LIMIT = int(os.environ.get("XDD_LOGIN_FAILURES", 5))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "web/lockout.html"
AXES_VERBOSE = False

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "xaydungdang.accounts.api_auth.BasicAuthentication",  # refuses accounts with a second factor
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Rate limit of /api/v1/ per API token (per user for a session, per address otherwise), counted
    # in Django's cache (accounts.api_auth.TokenRateThrottle).
    "DEFAULT_THROTTLE_RATES": {"api": os.environ.get("XDD_API_RATE", "600/min")},
}

# API v1 (docs/api.md): personal tokens first (a missing credential answers 401), then the session
# and Basic (which refuses accounts with a second factor); the rate limit per token; errors as
# {"code", "message", "fields"} (core/api.py exception_handler, set on the v1 views only).
XDD_API_AUTHENTICATION_CLASSES = [
    "xaydungdang.accounts.api_auth.TokenAuthentication",
    "rest_framework.authentication.SessionAuthentication",
    "xaydungdang.accounts.api_auth.BasicAuthentication",
]
XDD_API_THROTTLE_CLASSES = ["xaydungdang.accounts.api_auth.TokenRateThrottle"]
# Longest life of a personal API token, in days.
XDD_API_TOKEN_MAX_DAYS = int(os.environ.get("XDD_API_TOKEN_MAX_DAYS", 365))

SPECTACULAR_SETTINGS = {
    "TITLE": "Xây dựng Đảng — API v1",
    "DESCRIPTION": "API của hệ thống quản lý công tác xây dựng Đảng (docs/api.md).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "PREPROCESSING_HOOKS": ["xaydungdang.core.api.only_v1"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "xaydungdang.core.api.document_errors",
    ],
}

DJANGO_TABLES2_TEMPLATE = "web/table.html"

# Upload limits: bigger files are refused with a message, not read into memory.
XDD_MAX_UPLOAD_BYTES = int(os.environ.get("XDD_MAX_UPLOAD_BYTES", 100 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# A dry run that passed keeps its uploaded file this long for the real import, then it is deleted.
XDD_IMPORT_RETENTION_HOURS = float(os.environ.get("XDD_IMPORT_RETENTION_HOURS", 24))

# E-mail (the daily digest of open deadlines, `xdd digest`, docs/procedures.md): SMTP when
# XDD_EMAIL_HOST is set, else letters are printed on the console. XDD_SITE_URL prefixes the links.
EMAIL_HOST = os.environ.get("XDD_EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("XDD_EMAIL_PORT", 587))
EMAIL_HOST_USER = os.environ.get("XDD_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("XDD_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("XDD_EMAIL_TLS", "1").lower() in {"1", "true", "yes"}
DEFAULT_FROM_EMAIL = os.environ.get("XDD_EMAIL_FROM", "xaydungdang@localhost")
XDD_SITE_URL = os.environ.get("XDD_SITE_URL", "")

# Background jobs (imports): queued in the database (django-tasks' API, django-tasks-db backend) and run
# by the worker that `xdd serve` starts beside the web server (interchange.jobs, docs/interchange.md).
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["imports"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # 403/404 answers are logged as one line, without the traceback of their exception.
    "filters": {"quiet_client_errors": {"()": "xaydungdang.core.logfilters.QuietClientErrors"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["quiet_client_errors"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("XDD_LOG_LEVEL", "WARNING")},
}
