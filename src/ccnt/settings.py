"""Django settings. Everything that differs between machines comes from the environment:

- ``CCNT_SECRET_KEY``   required when debug is off (``ccnt check --deploy``); in debug a key is
                        generated once into ``var/secret_key`` so nothing secret is committed
- ``CCNT_DEBUG``        ``1`` to turn debug on (off unless asked)
- ``CCNT_ALLOWED_HOSTS`` comma-separated, default ``127.0.0.1,localhost``
- ``DATABASE_URL``      e.g. ``postgres://postgres@127.0.0.1:5432/ccnt``; SQLite in ``var/`` by default
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from pathlib import Path

import dj_database_url

from ccnt.paths import REPO_DIR, var_dir

DEBUG = os.environ.get("CCNT_DEBUG", "") == "1"
VAR_DIR = var_dir()
# Production mode (`ccnt serve --prod` sets it): a secret key from the environment, no debug,
# hashed and compressed static files (collectstatic first), JSON logs. See docs/operations.md.
PRODUCTION = os.environ.get("CCNT_PRODUCTION", "") == "1"
if PRODUCTION and (DEBUG or len(os.environ.get("CCNT_SECRET_KEY", "")) < 50):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("production (CCNT_PRODUCTION=1) needs CCNT_SECRET_KEY (50+ random characters) "
                               "and CCNT_DEBUG unset")


def _secret_key() -> str:
    key = os.environ.get("CCNT_SECRET_KEY", "")
    if key:
        return key
    # A per-machine key for development and tests; production sets CCNT_SECRET_KEY.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("CCNT_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CCNT_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "ccnt.tracker",
    "ccnt.ingest",
    "ccnt.actors",
    "ccnt.reports",
    "ccnt.search",
    "django.contrib.sitemaps",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "ccnt.api",
    "ccnt.feeds",
    "ccnt.ops",
    "ccnt.jobs",
    "ccnt.accounts",
    "ccnt.alerts",
]

MIDDLEWARE = [
    "ccnt.ops.middleware.RequestLogMiddleware",
    "ccnt.ops.middleware.HealthzMiddleware",
    "ccnt.ops.middleware.RequestScopeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # anonymous readers' cached pages, answered before the session, CSRF and auth middlewares
    "ccnt.ops.pagecache.EarlyPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ccnt.tracker.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "ccnt.tracker.middleware.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "ccnt.urls"
WSGI_APPLICATION = "ccnt.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [Path(__file__).resolve().parent / "templates"],  # project-wide overrides (admin/base_site.html)
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "ccnt.tracker.context.site",
            ],
        },
    },
]

# Production keeps each thread's connection for a minute (a new PostgreSQL connection per
# request costs more than many queries); the health check replaces one that a database restart
# broke, so the site recovers by itself.
_CONN_MAX_AGE = int(os.environ.get("CCNT_DB_CONN_MAX_AGE", "60" if PRODUCTION else "0"))
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'ccnt.sqlite3'}", conn_max_age=_CONN_MAX_AGE, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # JIT compiling pays off for long analytical queries, not for a web page's short ones:
    # it added tens of milliseconds to search queries whose estimated cost is high
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside a writer; IMMEDIATE takes the write lock at BEGIN so two
    # writers queue instead of failing with "database is locked" half-way through.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "中文"), ("en", "English")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
WHITENOISE_USE_FINDERS = True
# Front-end packages come from npm (package.json, `npm ci` in `make install`); only the files the
# pages use are exposed, under /static/vendor/.
NODE_MODULES = REPO_DIR / "node_modules"
STATICFILES_DIRS = [
    (prefix, NODE_MODULES / folder)
    for prefix, folder in [("vendor/echarts", "echarts/dist"), ("vendor/echarts-map", "echarts/map/json")]
    if (NODE_MODULES / folder).is_dir()
]
ARCHIVE_DIR = VAR_DIR / "archive"
if PRODUCTION:  # hashed names (far-future cache headers) and gzip/brotli copies, made by collectstatic
    STORAGES = {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
                "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}
    WHITENOISE_USE_FINDERS = False
    from whitenoise.compress import Compressor as _Compressor

    # source maps: megabytes each, rarely asked for; compressing them doubles collectstatic's time
    WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*_Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]

# `ccnt serve --prod` (gunicorn): the defaults of --bind, --workers (0: 2×CPUs+1, at most 9),
# --threads and --timeout, gunicorn's own log level and the proxies it trusts for X-Forwarded-*
CCNT_BIND = os.environ.get("CCNT_BIND", "")
CCNT_WEB_WORKERS = int(os.environ.get("CCNT_WEB_WORKERS", "0") or 0)
CCNT_WEB_THREADS = int(os.environ.get("CCNT_WEB_THREADS", "4") or 4)
CCNT_WEB_TIMEOUT = int(os.environ.get("CCNT_WEB_TIMEOUT", "60") or 60)
CCNT_GUNICORN_LOG_LEVEL = os.environ.get("CCNT_GUNICORN_LOG_LEVEL", "warning")
CCNT_FORWARDED_ALLOW_IPS = os.environ.get("CCNT_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

LOGIN_URL = "/admin/login/"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE = os.environ.get("CCNT_HTTPS", "") == "1"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
if os.environ.get("CCNT_HTTPS", "") == "1":
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("CCNT_HSTS_SUBDOMAINS", "1") == "1"
    SECURE_HSTS_PRELOAD = os.environ.get("CCNT_HSTS_PRELOAD", "1") == "1"
    SECURE_REDIRECT_EXEMPT = [r"^healthz/?$", r"^livez/?$"]  # the load balancer probes over plain HTTP
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("CCNT_LOG_LEVEL", "WARNING")},
}
if PRODUCTION or os.environ.get("CCNT_JSON_LOGS", "") == "1":  # one JSON line per request (ccnt.ops)
    LOGGING["formatters"] = {"json": {"()": "ccnt.ops.logs.JsonFormatter"}}
    LOGGING["handlers"]["console"]["formatter"] = "json"
    LOGGING.setdefault("loggers", {}).update({"ccnt.request": {"level": "INFO"}, "django.request": {"level": "ERROR"}})


# --- Data users: REST API, feeds, bulk downloads (ccnt.api, ccnt.feeds) -------------------------
# The cache (ccnt.search.index.per_generation, the whole-page cache of ccnt.ops.pagecache, search
# counts): Redis when CCNT_REDIS_URL is set (e.g. redis://127.0.0.1:6379/0), shared by every server
# process; else each process's own memory, bounded by CCNT_CACHE_MAX_ENTRIES and CCNT_CACHE_MAX_MB,
# least recently used first out (the hot pages and the data behind them — a few hundred entries —
# always stay; pages up to 4 MB (256 KB in Redis) are stored as sent, so a hit pays no inflate, larger ones
# deflated; ccnt.ops.cache.SizedLocMemCache). Every cached value is keyed
# by the generation of the data it shows, read from the database, so a process never serves what
# another process's write made stale. Rate-limit counters are shared across processes through Redis;
# without it the limits that guard secrets and costly work (password resets, downloads, error
# reports, API tokens) are counted in the database cache (its table is created by a post_migrate hook of
# ccnt.api), and the two counted on every anonymous read, cached hits included (keyword search,
# the anonymous API), in each process's memory ("read_counters", ccnt.ops.cache.read_counters):
# per process, so N server processes let a client up to N times the rate, at no query per hit.
# Rejected: the database cache for everything (300 entries by default: the home page's data was
# evicted and recomputed under load, and each lookup was a query).
CCNT_REDIS_URL = os.environ.get("CCNT_REDIS_URL", "")
CCNT_CACHE_MAX_ENTRIES = int(os.environ.get("CCNT_CACHE_MAX_ENTRIES", "5000"))
CCNT_CACHE_MAX_MB = int(os.environ.get("CCNT_CACHE_MAX_MB", "64"))
if CCNT_REDIS_URL:
    # fails open (ccnt.ops.cache): with Redis down, pages keep serving without cache or rate limits
    CACHES = {"default": {"BACKEND": "ccnt.ops.cache.FailOpenRedisCache", "LOCATION": CCNT_REDIS_URL,
                          "KEY_PREFIX": "ccnt", "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0}}}
else:
    CACHES = {
        "default": {"BACKEND": "ccnt.ops.cache.SizedLocMemCache", "LOCATION": "ccnt",
                    "OPTIONS": {"MAX_ENTRIES": CCNT_CACHE_MAX_ENTRIES, "CULL_FREQUENCY": 10,
                                "MAX_BYTES": CCNT_CACHE_MAX_MB * 1024 * 1024}},
        "counters": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "ccnt_cache"},
        "read_counters": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ccnt-counters",
                          "OPTIONS": {"MAX_ENTRIES": 20000, "CULL_FREQUENCY": 4}},
    }
# where rate-limit counters live (ccnt.ops.cache.counters): this alias when configured, else "default"
CCNT_API_THROTTLE_CACHE = "counters"
# where the counters of the limits counted on every anonymous read live (read_counters), likewise
CCNT_READ_THROTTLE_CACHE = "read_counters"
# anonymous public pages cached whole (ccnt.ops.pagecache), at most this many seconds; 0 turns it off
CCNT_PAGE_CACHE_SECONDS = int(os.environ.get("CCNT_PAGE_CACHE_SECONDS", "600"))
MIDDLEWARE.append("ccnt.api.middleware.DataLicenseMiddleware")
CCNT_DATA_LICENSE = os.environ.get("CCNT_DATA_LICENSE", "CC BY 4.0")
CCNT_DATA_LICENSE_URL = os.environ.get("CCNT_DATA_LICENSE_URL", "https://creativecommons.org/licenses/by/4.0/")
CCNT_DATA_CITATION = os.environ.get(
    "CCNT_DATA_CITATION",
    "China Carbon Neutrality Tracker (ccnt, Ling Tan Lu), policy database, retrieved {date} from {url}",
)
CCNT_API_ANON_RATE = os.environ.get("CCNT_API_ANON_RATE", "60/min")
CCNT_API_TOKEN_RATE = os.environ.get("CCNT_API_TOKEN_RATE", "600/min")
CCNT_API_MAX_PAGE_SIZE = 200
# the expensive HTML paths, per client like the API (ccnt.ops.ratelimit): keyword searches on
# /policies/?q= and the CSV/XLSX/JSON downloads of /policies/export.* and /actors/export.*
CCNT_SEARCH_RATE = os.environ.get("CCNT_SEARCH_RATE", "120/min")
CCNT_EXPORT_RATE = os.environ.get("CCNT_EXPORT_RATE", "10/min")
CCNT_REPORT_RATE = os.environ.get("CCNT_REPORT_RATE", "10/hour")  # readers' error reports (POSTs) per client

# Ingest and crawls fetch public addresses only, plus the private networks listed here (comma-
# separated, e.g. "10.0.0.0/8,192.168.10.0/24"; ccnt.ingest.safety). Link-local and cloud metadata
# addresses (169.254.169.254 …) are never fetched, even inside a listed network.
CCNT_ALLOW_NETWORKS = [n.strip() for n in os.environ.get("CCNT_ALLOW_NETWORKS", "").split(",") if n.strip()]
for _network in CCNT_ALLOW_NETWORKS:
    ipaddress.ip_network(_network, strict=False)  # a typo stops the start, not the first fetch
CCNT_DOWNLOADS_DIR = VAR_DIR / "downloads"
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["ccnt.api.auth.ApiTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": ["ccnt.api.throttles.AnonThrottle", "ccnt.api.throttles.TokenThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["ccnt.api.renderers.JSONRenderer", "ccnt.api.renderers.CSVRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "ccnt.api.errors.exception_handler",
    # OPTIONS is not part of the read-only API (it answered a CSV renderer's 500 and is in no schema): 405
    "DEFAULT_METADATA_CLASS": None,
    # 0: the client address is REMOTE_ADDR, so a forged X-Forwarded-For cannot dodge the limits
    "NUM_PROXIES": int(os.environ.get("CCNT_NUM_PROXIES", "0")),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ccnt API",
    "DESCRIPTION": "Read-only JSON / CSV API of the China Carbon Neutrality Tracker. See docs/api.md in the repository.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # no deep links: Swagger UI puts each one as a link inside the operation's toggle button (a link
    # nested in a button, which screen readers and keyboards cannot reach; tests/test_accessibility.py)
    "SWAGGER_UI_SETTINGS": {"deepLinking": False},
    "REDOC_DIST": "SIDECAR",
}


# --- Jobs (ccnt.jobs): Celery on Redis, enqueued through a database outbox -----------------------
# CCNT_BROKER_URL (e.g. redis://127.0.0.1:6379/0, or amqp://guest@127.0.0.1// for RabbitMQ) turns on
# the workers; without it every job runs in-process after the transaction that asked for it.
CCNT_BROKER_URL = os.environ.get("CCNT_BROKER_URL", "")
# Redis re-delivers a task not acknowledged within this many seconds (a worker was lost): longer
# than the longest task (crawls stop at their own --timeout, 3600 s by default).
_VISIBILITY = int(os.environ.get("CCNT_BROKER_VISIBILITY_TIMEOUT", "21600"))
CELERY_BROKER_URL = CCNT_BROKER_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not CCNT_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CCNT_QUEUE", "ccnt")
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": _VISIBILITY,
    "unacked_restore_interval": max(1, min(10, _VISIBILITY // 4)),
    "unacked_restore_throttle": 1 if _VISIBILITY < 600 else 10,
    "socket_connect_timeout": 3,
}
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_TIMEZONE = TIME_ZONE
CCNT_OUTBOX_RELAY_SECONDS = float(os.environ.get("CCNT_OUTBOX_RELAY_SECONDS", "15"))

# --- Meaning search (ccnt.search.embedder, .passages, .vectors) ----------------------------------
# On unless CCNT_EMBEDDINGS is 0/off/false/no: passages are embedded by the workers (one thread each,
# CCNT_EMBED_THREADS) and each query by the web process. Off: nothing is embedded, search is keyword-only.
CCNT_EMBEDDINGS = os.environ.get("CCNT_EMBEDDINGS", "1").strip().lower() not in ("0", "off", "false", "no")
CCNT_EMBED_THREADS = max(1, int(os.environ.get("CCNT_EMBED_THREADS", "1") or 1))

# --- Readers' accounts and alerts (ccnt.accounts, ccnt.alerts) ------------------------------------
# Email goes to the console unless CCNT_EMAIL_HOST names an SMTP server.
CCNT_SITE_URL = os.environ.get("CCNT_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
DEFAULT_FROM_EMAIL = os.environ.get("CCNT_EMAIL_FROM", "零碳录 ccnt <alerts@localhost>")
if os.environ.get("CCNT_EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["CCNT_EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("CCNT_EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("CCNT_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("CCNT_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = os.environ.get("CCNT_EMAIL_TLS", "1" if EMAIL_PORT == 587 else "") == "1"
    EMAIL_USE_SSL = os.environ.get("CCNT_EMAIL_SSL", "1" if EMAIL_PORT == 465 else "") == "1"
    EMAIL_TIMEOUT = 30
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
CCNT_CONFIRM_MAX_AGE = 3 * 24 * 3600  # seconds a confirmation link stays valid
# bounded work per accepted document: characters analysed, targets kept, parsing time and memory
CCNT_MAX_TEXT_CHARS = int(os.environ.get("CCNT_MAX_TEXT_CHARS", "2000000"))
CCNT_MAX_TARGETS = int(os.environ.get("CCNT_MAX_TARGETS", "1000"))
CCNT_PARSE_TIMEOUT = float(os.environ.get("CCNT_PARSE_TIMEOUT", "300"))
CCNT_PARSE_MEMORY_MB = int(os.environ.get("CCNT_PARSE_MEMORY_MB", "1024"))
PASSWORD_RESET_TIMEOUT = 24 * 3600  # seconds a password-reset link stays valid (used once)
# password-reset emails per hour: per email address, and reset requests per client address
CCNT_PASSWORD_RESET_PER_EMAIL = int(os.environ.get("CCNT_PASSWORD_RESET_PER_EMAIL", "3"))
CCNT_PASSWORD_RESET_PER_CLIENT = int(os.environ.get("CCNT_PASSWORD_RESET_PER_CLIENT", "20"))
CCNT_DIGEST_DAILY_CRON = os.environ.get("CCNT_DIGEST_DAILY_CRON", "0 7 * * *")  # Asia/Shanghai time
CCNT_DIGEST_WEEKLY_CRON = os.environ.get("CCNT_DIGEST_WEEKLY_CRON", "0 7 * * 1")
CCNT_DIGEST_MAX_POLICIES = 50
# the monthly report's "关于零碳录" blurb when a report has none of its own (ccnt.reports.build)
CCNT_REPORT_ABOUT = os.environ.get("CCNT_REPORT_ABOUT", "")

# --- Login throttling (django-axes, ccnt.ops.login_throttle) --------------------------------------
# The admin's and the readers' login: after CCNT_LOGIN_FAILURE_LIMIT failures for one username from
# one address, that pair is locked out (429) for CCNT_LOGIN_COOLOFF_MINUTES; a success resets it.
INSTALLED_APPS.append("axes")
MIDDLEWARE.append("axes.middleware.AxesMiddleware")
AUTHENTICATION_BACKENDS = ["ccnt.ops.login_throttle.AxesBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("CCNT_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("CCNT_LOGIN_COOLOFF_MINUTES", "15")) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "ccnt.ops.login_throttle.username"
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # no row per successful login: only failures are kept
AXES_VERBOSE = False
