"""Sparklio settings: one module, driven by environment variables.

Every integration switches on by its variable; with none set, the embedded defaults of
SPEC.md apply (pgserver PostgreSQL, in-memory channel layer and cache, Celery on the
in-memory transport with a worker inside the server process, local media files, the
offline provider). README.md lists every variable.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from ipaddress import ip_network
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DATA_DIR = Path(env("SPARKLIO_DATA_DIR", default=str(BASE_DIR / ".data"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env.bool("DJANGO_DEBUG", default=True)


def _secret_key() -> str:
    key = env("DJANGO_SECRET_KEY", default="")
    if key:
        return key
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    # Development only: a random key kept in the data folder, so sessions and tokens
    # survive restarts without a secret ever living in the repository.
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
# Browser origins (scheme://host[:port]) of the studio and other web clients: they may call the
# API (CORS, with credentials for session auth) and open WebSockets. The server's own origins need
# no entry. The studio's dev server is allowed by default while DEBUG is on.
CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=["http://localhost:3000"] if DEBUG else [])
# a studio signed in with the session cookie sends its writes from its own origin, which the CSRF
# check must then trust as it trusts the server's
CSRF_TRUSTED_ORIGINS = [*CSRF_TRUSTED_ORIGINS, *(o for o in CORS_ALLOWED_ORIGINS if o not in CSRF_TRUSTED_ORIGINS)]
CORS_ALLOW_CREDENTIALS = True
CORS_URLS_REGEX = r"^/(api|ws)/"
CORS_ALLOW_METHODS = ["DELETE", "GET", "OPTIONS", "PATCH", "POST", "PUT"]
CORS_ALLOW_HEADERS = [
    "accept",
    "accept-language",
    "authorization",
    "content-type",
    "idempotency-key",
    "if-match",
    "if-none-match",
    "x-csrftoken",
    "x-requested-with",
    "x-request-id",
]
CORS_EXPOSE_HEADERS = ["ETag", "Location", "Retry-After", "X-Render-Warnings", "Content-Disposition", "X-Request-ID"]
CORS_PREFLIGHT_MAX_AGE = 600

INSTALLED_APPS = [
    "daphne",
    # the admin site keeps workspaces apart (sparklio/core/admin_scoping.py)
    "sparklio.core.admin_apps.SparklioAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # operator classes in index expressions (the knowledge base's HNSW indexes), full-text search
    "django.contrib.postgres",
    "rest_framework",
    "corsheaders",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "channels",
    "django_celery_beat",
    "axes",
    "django_prometheus",
    "sparklio.core",
    "sparklio.llm",
    "brands",
    "documents",
    "assets",
    "knowledge",
    "contentcalendar",
    "learning",
    "trends",
    "templates",
    "generators",
    "agents",
    "chat",
    "meetings",
    "ops",
    "performance",
]

MIDDLEWARE = [
    # first and last: request counts, statuses and latency by view (/metrics)
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    # the request id (X-Request-ID) for every line logged below, and the one access line
    "sparklio.core.requestid.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # before anything that may answer early (CommonMiddleware's redirects), as django-cors-headers asks
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # the admin and the API's messages in the browser's language (Korean or English)
    "django.middleware.locale.LocaleMiddleware",
    "sparklio.core.middleware.ApiPathMiddleware",
    "django.middleware.common.CommonMiddleware",
    # If-None-Match on any GET with an ETag (documents carry their version) answers 304
    "django.middleware.http.ConditionalGetMiddleware",
    "sparklio.core.middleware.OddInputMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # last, as django-axes asks: turns a locked-out login (admin) into its 429
    "axes.middleware.AxesMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "sparklio.urls"
WSGI_APPLICATION = "sparklio.wsgi.application"
ASGI_APPLICATION = "sparklio.asgi.application"
AUTH_USER_MODEL = "core.User"

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
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------
DATABASE_URL = env("DATABASE_URL", default="")
EMBEDDED_PGDATA = DATA_DIR / "pg"
if DATABASE_URL:
    DATABASES = {"default": env.db_url_config(DATABASE_URL)}
else:
    from sparklio.embedded_pg import connection_params

    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": "postgres",
            **connection_params(EMBEDDED_PGDATA),
        }
    }
# Under ASGI every request runs in a thread of its own, so persistent per-thread connections
# would pile up; a psycopg pool per process hands connections out and takes them back instead.
DATABASE_POOL_MAX = env.int("DATABASE_POOL_MAX", default=40)
if DATABASE_POOL_MAX > 0:
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1,
        "max_size": DATABASE_POOL_MAX,
        "timeout": env.float("DATABASE_POOL_TIMEOUT", default=30.0),
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# The same PostgreSQL backend, counting queries, their durations and errors for /metrics.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["ENGINE"] = "django_prometheus.db.backends.postgresql"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# HTTP requests one server process handles at once (each holds a database connection while it
# runs; keep it well under the server's max_connections, 100 for the embedded PostgreSQL).
HTTP_MAX_CONCURRENCY = env.int("HTTP_MAX_CONCURRENCY", default=32)
# `manage.py serve` with REDIS_URL: this many gunicorn/uvicorn worker processes (each about one
# core: Django runs sync views on one thread per process). Without Redis: one daphne process.
WEB_CONCURRENCY = env.int("WEB_CONCURRENCY", default=2)
# Bearer tokens and workspace roles kept in the cache across requests (dropped on any change).
AUTH_CACHE_SECONDS = env.int("AUTH_CACHE_SECONDS", default=30)
# Pages of the brand list kept in the cache until a kit of their workspaces changes (brands/listcache.py).
BRAND_LIST_CACHE_SECONDS = env.int("BRAND_LIST_CACHE_SECONDS", default=60)
# A document's detail response kept in the cache until the document changes (documents/detailcache.py).
DOCUMENT_DETAIL_CACHE_SECONDS = env.int("DOCUMENT_DETAIL_CACHE_SECONDS", default=60)
WEB_BACKLOG = env.int("WEB_BACKLOG", default=1024)  # listen backlog, both topologies

# --- Redis: channel layer, cache, broker ----------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
CHANNEL_LAYER_PREFIX = env("CHANNEL_LAYER_PREFIX", default="sparklio")
if REDIS_URL:
    from redis.asyncio.retry import Retry
    from redis.backoff import NoBackoff
    from redis.exceptions import ConnectionError as RedisConnectionError

    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            # channels-redis blocks up to 5 s waiting for a message; redis-py 8 gives up reading
            # after 5 s by default, which closed every socket that was quiet that long (1011).
            # After a Redis restart the pooled connections are dead: one immediate retry on a fresh
            # connection serves the first reconnecting socket instead of refusing it.
            "CONFIG": {
                "hosts": [
                    {
                        "address": REDIS_URL,
                        "socket_timeout": None,
                        "retry": Retry(NoBackoff(), 1),
                        "retry_on_error": [RedisConnectionError],
                    }
                ],
                "prefix": CHANNEL_LAYER_PREFIX,
            },
        }
    }
    CACHES = {
        "default": {
            # django-redis's backend, counting gets, hits and misses for /metrics
            "BACKEND": "django_prometheus.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="sparklio"),
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "SOCKET_CONNECT_TIMEOUT": 2,
                "SOCKET_TIMEOUT": 2,
            },
        }
    }
    # A Redis outage must not turn every request into a 500: cache reads miss, writes are
    # dropped, and each ignored error is logged (throttles and LLM rate windows fail open).
    DJANGO_REDIS_IGNORE_EXCEPTIONS = True
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CACHES = {
        "default": {
            "BACKEND": "django_prometheus.cache.backends.locmem.LocMemCache",
            "LOCATION": "sparklio",
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="sparklio"),
        }
    }

# Seconds a socket closed by a channel-layer outage (4503) is told to wait before reconnecting.
SOCKET_RETRY_AFTER_SECONDS = env.int("SOCKET_RETRY_AFTER_SECONDS", default=2)

# --- Celery -----------------------------------------------------------------------------
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_EMBEDDED_WORKER = CELERY_BROKER_URL.startswith("memory://")
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=600)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=540)
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_QUEUE", default="sparklio")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# how often beat collects the trend feeds (trends/tasks.py)
TREND_COLLECT_MINUTES = env.int("TREND_COLLECT_MINUTES", default=60)
# Installed into django-celery-beat's tables when beat starts (then shown, and pausable, in the admin).
CELERY_BEAT_SCHEDULE = {
    "prune-expired-api-tokens": {"task": "core.tokens_prune", "schedule": timedelta(hours=1)},
    # each scheduled calendar entry is reminded once, CALENDAR_REMINDER_MINUTES before it goes out
    "calendar-reminders": {"task": "contentcalendar.entries_remind", "schedule": timedelta(minutes=1)},
    # edits of generated copy reach the learned profiles by being read (learning/tasks.py)
    "learning-refresh-stale": {"task": "learning.refresh_stale", "schedule": timedelta(minutes=15)},
    "collect-trend-feeds": {"task": "trends.collect_all", "schedule": timedelta(minutes=TREND_COLLECT_MINUTES)},
}
CELERY_WORKER_CONCURRENCY = env.int("CELERY_WORKER_CONCURRENCY", default=2)
if CELERY_EMBEDDED_WORKER:
    # kombu's memory transport polls once a second by default; 50 ms keeps job pickup snappy.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"polling_interval": 0.05}
else:
    # Must exceed the hard time limit, or Redis redelivers a task that is still running.
    # A task whose worker died unacknowledged is redelivered after this long (late acks).
    # A task whose worker died unacknowledged is delivered again once this has passed (late
    # acks), looked for every few seconds: together well under a minute. A step may run longer
    # than this: its worker holds a lease on it (WORKFLOW_STEP_LEASE_SECONDS, renewed while it
    # works), and a redelivery that finds the lease held looks again later instead of running
    # the step twice.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=30),
        "unacked_restore_interval": env.int("CELERY_RESTORE_INTERVAL", default=5),
        "unacked_restore_throttle": 1,
        "socket_connect_timeout": 2,  # an unreachable broker fails a publish in seconds, not minutes
    }
# A publish to a broker that is down gives up after these retries; the request then answers 503.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}
# Retry-After of the 503 a request gets when the job queue cannot take its work.
JOB_QUEUE_RETRY_AFTER_SECONDS = env.int("JOB_QUEUE_RETRY_AFTER_SECONDS", default=10)

# --- Files ------------------------------------------------------------------------------
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(DATA_DIR / "media")))
MEDIA_URL = "/media/"
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(DATA_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
S3_BUCKET = env("AWS_STORAGE_BUCKET_NAME", default=env("S3_BUCKET", default=""))
USE_S3 = bool(S3_BUCKET)
if USE_S3:
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env("AWS_S3_ENDPOINT_URL", default=env("S3_ENDPOINT_URL", default="")) or None,
            "region_name": env("AWS_S3_REGION_NAME", default="") or None,
            "access_key": env("AWS_ACCESS_KEY_ID", default="") or None,
            "secret_key": env("AWS_SECRET_ACCESS_KEY", default="") or None,
            "custom_domain": env("AWS_S3_CUSTOM_DOMAIN", default="") or None,
            "querystring_auth": env.bool("AWS_QUERYSTRING_AUTH", default=True),
            "file_overwrite": False,
        },
    }
else:
    _default_storage = {"BACKEND": "sparklio.core.storage.SignedFileSystemStorage"}
MEDIA_URL_TTL_SECONDS = env.int("MEDIA_URL_TTL_SECONDS", default=6 * 3600)  # lifetime of a local media URL
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Auth and API -------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # twelve spaces are twelve characters: a password needs a few different ones
    {"NAME": "sparklio.core.passwords.CharacterVarietyValidator"},
]
AUTHENTICATION_BACKENDS = [
    # first: refuses every login, right password or not, while the account or address is locked out
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Proxies whose X-Forwarded-For is believed (IP addresses or CIDR ranges, comma-separated); empty:
# the header is ignored and the client is the connecting peer. Used by every throttle and by the
# login lockout (sparklio/core/addresses.py).
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
for _proxy in TRUSTED_PROXIES:
    try:
        ip_network(_proxy.strip(), strict=False)
    except ValueError as _exc:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {_exc} (IP addresses or CIDR ranges)") from _exc
# Login lockout (django-axes, API token and admin logins alike): after LOGIN_FAILURE_LIMIT wrong
# passwords for one account, or from one address, every login of that account or from that address
# is refused (429) for LOGIN_LOCKOUT_MINUTES; each try during a lockout starts it again.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = True
# A success does not wipe the counts: it would let an attacker clear their address's failures
# by signing in to an account of their own between guesses.
AXES_RESET_ON_SUCCESS = False
AXES_CLIENT_IP_CALLABLE = "sparklio.core.addresses.client_ip"
AXES_USERNAME_CALLABLE = "sparklio.core.addresses.login_username"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
# Successful logins are not logged (a client asking for a token now and then would grow the table
# without end); failures and lockouts are, under admin → Axes.
AXES_DISABLE_ACCESS_LOG = True
AXES_LOCKOUT_CALLABLE = "sparklio.core.api.errors.login_lockout_response"
SPARKLIO_OPEN_SIGNUP = env.bool("SPARKLIO_OPEN_SIGNUP", default=True)
SPARKLIO_TOKEN_TTL = timedelta(hours=env.int("SPARKLIO_TOKEN_TTL_HOURS", default=24 * 30))

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "sparklio.core.auth.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": [
        "sparklio.core.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "sparklio.core.api.pagination.Pagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": [
        "sparklio.core.api.strict.FilterBackend",  # django-filter's, refusing ?field= with no value
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "sparklio.core.api.throttling.AnonThrottle",
        "sparklio.core.api.throttling.UserThrottle",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "sparklio.core.api.errors.exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    # `?format=` is ours (render endpoints: png, jpeg, webp, pdf), not DRF's content negotiation.
    "URL_FORMAT_OVERRIDE": None,
}
# Requests per client per period (None turns a scope off). Read at request time so it can
# be changed per deployment and per test.
API_THROTTLE_RATES = {
    "anon": env("API_THROTTLE_ANON", default="100/min") or None,
    "user": env("API_THROTTLE_USER", default="100/min") or None,
    "health": env("API_THROTTLE_HEALTH", default="60/min") or None,  # anonymous /health probes
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Sparklio API",
    "DESCRIPTION": "AI marketing studio backend: brand kits, documents, agents and jobs.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "MemberRoleEnum": "sparklio.core.models.Role",
        "ColorRoleEnum": "brands.models.ColorRole",
        "FontRoleEnum": "brands.models.FontRole",
        "LanguageEnum": "brands.models.Language",
        "RunStatusEnum": "agents.models.RunStatus",
        "MessageStatusEnum": "chat.models.MessageStatus",
        "MeetingStatusEnum": "meetings.models.MeetingStatus",
        "SourceKindEnum": "knowledge.models.SourceKind",
        "SourceStatusEnum": "knowledge.models.SourceStatus",
        "ChannelPresetEnum": "contentcalendar.models.CHANNEL_CHOICES",
        "FeedKindEnum": "trends.models.FeedKind",
        "FeedStatusEnum": "trends.models.CollectStatus",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "sparklio.core.api.openapi.postprocess",
    ],
    # Swagger UI and ReDoc from the installed drf-spectacular-sidecar: /api/docs/ works offline.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# --- LLM gateway (sparklio/llm) ----------------------------------------------------------
# A provider is on when its key (or, for Ollama, its base URL) is set.
OPENAI_API_KEY = env("OPENAI_API_KEY", default="")
OPENAI_BASE_URL = env("OPENAI_BASE_URL", default="")  # any OpenAI-compatible server
ANTHROPIC_API_KEY = env("ANTHROPIC_API_KEY", default="")
ANTHROPIC_BASE_URL = env("ANTHROPIC_BASE_URL", default="")
GOOGLE_API_KEY = env("GOOGLE_API_KEY", default=env("GEMINI_API_KEY", default=""))
GEMINI_BASE_URL = env("GEMINI_BASE_URL", default="")
OLLAMA_BASE_URL = env("OLLAMA_BASE_URL", default="")
LLM_PROVIDERS = ["openai", "anthropic", "gemini", "ollama"]
LLM_FALLBACK_CHAIN = env.list("LLM_FALLBACK_CHAIN", default=LLM_PROVIDERS)
_DEFAULT_MODELS = {
    "openai": {"fast": "gpt-4o-mini", "smart": "gpt-4o", "vision": "gpt-4o", "embedding": "text-embedding-3-small"},
    "anthropic": {"fast": "claude-haiku-4-5", "smart": "claude-sonnet-4-6", "vision": "claude-sonnet-4-6"},
    "gemini": {
        "fast": "gemini-2.5-flash",
        "smart": "gemini-2.5-pro",
        "vision": "gemini-2.5-flash",
        "embedding": "text-embedding-004",
    },
    "ollama": {"fast": "qwen2.5:7b", "smart": "qwen2.5:14b", "vision": "llava:13b", "embedding": "nomic-embed-text"},
}
# Default model per provider and purpose; LLM_MODEL_<PROVIDER>_<PURPOSE> overrides one.
LLM_MODELS = {
    provider: {
        purpose: env(f"LLM_MODEL_{provider.upper()}_{purpose.upper()}", default=model)
        for purpose, model in purposes.items()
    }
    for provider, purposes in _DEFAULT_MODELS.items()
}
LLM_TIMEOUT_SECONDS = env.float("LLM_TIMEOUT_SECONDS", default=60.0)
LLM_MAX_ATTEMPTS = env.int("LLM_MAX_ATTEMPTS", default=3)  # per provider, before falling back
# Longest a whole call waits for an answer across retries and providers, before the offline
# baseline answers; 0 means twice the call's timeout.
LLM_CALL_DEADLINE_SECONDS = env.float("LLM_CALL_DEADLINE_SECONDS", default=0.0)
LLM_RETRY_MAX_WAIT_SECONDS = env.float("LLM_RETRY_MAX_WAIT_SECONDS", default=30.0)
LLM_COOLDOWN_FAILURES = env.int("LLM_COOLDOWN_FAILURES", default=3)
LLM_COOLDOWN_SECONDS = env.int("LLM_COOLDOWN_SECONDS", default=60)
# Cache-key prefix of cooldowns, rate-limit windows and cached answers.
LLM_STATE_NAMESPACE = env("LLM_STATE_NAMESPACE", default="llm")
LLM_CACHE_SECONDS = env.int("LLM_CACHE_SECONDS", default=24 * 3600)
LLM_MONTHLY_BUDGET_USD = env.float("LLM_MONTHLY_BUDGET_USD", default=0.0) or None  # per workspace; None: no cap
LLM_REQUESTS_PER_MINUTE = env.int("LLM_REQUESTS_PER_MINUTE", default=60)  # per workspace
LLM_TOKENS_PER_MINUTE = env.int("LLM_TOKENS_PER_MINUTE", default=200_000)  # per workspace
# Ledger rows written by a background thread after the answer (flushed at exit); off: at once.
LLM_LEDGER_BACKGROUND = env.bool("LLM_LEDGER_BACKGROUND", default=True)
# Embeddings (knowledge base): the bundled multilingual-e5-small unless a provider is named;
# EMBEDDING_MODEL defaults to LLM_MODEL_<PROVIDER>_EMBEDDING; a changed model needs
# `manage.py knowledge_reindex`. EMBEDDING_DIMENSIONS shortens OpenAI/Gemini vectors.
EMBEDDING_PROVIDER = env("EMBEDDING_PROVIDER", default="offline")
EMBEDDING_MODEL = env("EMBEDDING_MODEL", default="")
EMBEDDING_DIMENSIONS = env.int("EMBEDDING_DIMENSIONS", default=0)
EMBEDDING_FALLBACK = env.bool("EMBEDDING_FALLBACK", default=True)  # to the offline model
EMBEDDING_BATCH_SIZE = env.int("EMBEDDING_BATCH_SIZE", default=32)
# Candidates the HNSW index walks per search; at 100,000 chunks recall@10 against exact search was
# 0.86 at pgvector's 40, 0.94 at 100, 0.97 at 200 (bench/README.md)
KNOWLEDGE_HNSW_EF_SEARCH = env.int("KNOWLEDGE_HNSW_EF_SEARCH", default=200)

# --- Documents ---
DOCUMENT_MAX_OBJECTS = env.int("DOCUMENT_MAX_OBJECTS", default=2000)
DOCUMENT_MAX_BYTES = env.int("DOCUMENT_MAX_BYTES", default=2 * 1024 * 1024)
# Images the renderer may fetch besides the project's own storage (exact host, or ".example.com").
RENDER_IMAGE_ALLOWED_HOSTS = env.list("RENDER_IMAGE_ALLOWED_HOSTS", default=[])
RENDER_IMAGE_MAX_BYTES = env.int("RENDER_IMAGE_MAX_BYTES", default=20 * 1024 * 1024)
RENDER_IMAGE_TIMEOUT = env.float("RENDER_IMAGE_TIMEOUT", default=10.0)
RENDER_MAX_PIXELS = env.int("RENDER_MAX_PIXELS", default=50_000_000)
# Render budgets: a few KB of WebP can decode to 36 MP, so images are limited by decoded pixels
# (per image and summed over a document), by count, and a render stops after so many seconds.
RENDER_MAX_IMAGE_PIXELS = env.int("RENDER_MAX_IMAGE_PIXELS", default=40_000_000)
RENDER_MAX_DOCUMENT_PIXELS = env.int("RENDER_MAX_DOCUMENT_PIXELS", default=200_000_000)
RENDER_MAX_IMAGES = env.int("RENDER_MAX_IMAGES", default=100)
RENDER_TIME_BUDGET_SECONDS = env.float("RENDER_TIME_BUDGET_SECONDS", default=20.0)

# --- Images on the GPU desktop (sparklio/gpu) ---
# One or more ComfyUI hosts, comma-separated; a job goes to the one with the shortest queue.
COMFYUI_URL = env.list("COMFYUI_URL", default=[])
COMFYUI_TIMEOUT_SECONDS = env.float("COMFYUI_TIMEOUT_SECONDS", default=300.0)
COMFYUI_CHECKPOINT = env("COMFYUI_CHECKPOINT", default="sd_xl_base_1.0.safetensors")
# The custom node that removes backgrounds in ComfyUI (ComfyUI-rembg's node by default).
COMFYUI_REMBG_NODE = env("COMFYUI_REMBG_NODE", default="Image Remove Background (rembg)")
# Stable Video Diffusion checkpoint the short-video workflow animates its still with.
COMFYUI_VIDEO_CHECKPOINT = env("COMFYUI_VIDEO_CHECKPOINT", default="svd_xt.safetensors")
# Folder holding a learned background-removal model (u2net.onnx); GrabCut when it is absent.
U2NET_HOME = env("U2NET_HOME", default="")

# --- Content calendar -------------------------------------------------------------------------
# Minutes before a scheduled entry's publish time that its reminder goes to the workspace socket.
CALENDAR_REMINDER_MINUTES = env.int("CALENDAR_REMINDER_MINUTES", default=60)

# --- Generators, agents and workflows ---
BRIEF_MAX_CHARS = env.int("BRIEF_MAX_CHARS", default=4000)
WORKFLOW_STEP_MAX_RETRIES = env.int("WORKFLOW_STEP_MAX_RETRIES", default=3)  # attempts of a step on transient errors
# Sleep before every workflow step (demos of the progress stream; tests that kill a worker mid-step).
WORKFLOW_STEP_DELAY_SECONDS = env.float("WORKFLOW_STEP_DELAY_SECONDS", default=0.0)
# A running step's lease: renewed every quarter of this while its worker lives, lapsed this long
# after the worker died. Keep it under CELERY_VISIBILITY_TIMEOUT.
WORKFLOW_STEP_LEASE_SECONDS = env.float("WORKFLOW_STEP_LEASE_SECONDS", default=20.0)

# --- Chat and meetings ---
CHAT_MESSAGE_MAX_CHARS = env.int("CHAT_MESSAGE_MAX_CHARS", default=20_000)
MEETING_MAX_BYTES = env.int("MEETING_MAX_BYTES", default=10 * 1024 * 1024)
MEETING_MAX_PAGES = env.int("MEETING_MAX_PAGES", default=200)
# An uploaded file is read in a worker, in a child process with these limits, after the
# archive checks: a DOCX's real unpacked size and part count, a PDF's stream count.
MEETING_MAX_EXPANDED_BYTES = env.int("MEETING_MAX_EXPANDED_BYTES", default=20 * 1024 * 1024)
MEETING_MAX_PARTS = env.int("MEETING_MAX_PARTS", default=1000)
MEETING_MAX_PDF_STREAMS = env.int("MEETING_MAX_PDF_STREAMS", default=10_000)
MEETING_PARSE_MEMORY_BYTES = env.int("MEETING_PARSE_MEMORY_BYTES", default=768 * 1024 * 1024)
MEETING_PARSE_TIMEOUT_SECONDS = env.float("MEETING_PARSE_TIMEOUT_SECONDS", default=60.0)

# --- Operations ---
HEALTH_TOKEN = env("HEALTH_TOKEN", default="")  # sent as X-Health-Token, shows /health's details
# Bearer token /metrics asks for (Authorization: Bearer <token>); empty: /metrics is open, so keep
# it off the public internet (docs/operations.md).
METRICS_TOKEN = env("METRICS_TOKEN", default="")
# A `celery worker` process serves its own /metrics on this port (0: not at all); same token rule.
CELERY_METRICS_PORT = env.int("CELERY_METRICS_PORT", default=0)
HEALTH_CACHE_SECONDS = env.float("HEALTH_CACHE_SECONDS", default=5.0)  # /health runs its checks at most this often

# --- Limits -------------------------------------------------------------------------------
BRAND_LOGO_MAX_BYTES = env.int("BRAND_LOGO_MAX_BYTES", default=5 * 1024 * 1024)
BRAND_LOGO_MAX_PIXELS = env.int("BRAND_LOGO_MAX_PIXELS", default=40_000_000)
ASSET_MAX_BYTES = env.int("ASSET_MAX_BYTES", default=20 * 1024 * 1024)
ASSET_MAX_PIXELS = env.int("ASSET_MAX_PIXELS", default=40_000_000)

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("ko", "한국어"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", default="Asia/Seoul")
USE_I18N = True
USE_TZ = True

# Debug pages and error reports hide passwords inside connection URLs too (REDIS_URL, …).
DEFAULT_EXCEPTION_REPORTER_FILTER = "sparklio.core.masking.SecretMaskingFilter"

# --- Logging ----------------------------------------------------------------------------------
# One handler, on the root logger, so every line is written once (sparklio/core/logs.py says why
# "django" gets no handler of its own). LOG_FORMAT=json: one JSON object per line. Every line carries
# the request id (sparklio/core/requestid.py) and has its secrets masked.
LOG_LEVEL = env("LOG_LEVEL", default="INFO")
LOG_FORMAT = env("LOG_FORMAT", default="plain")
if LOG_FORMAT not in ("plain", "json"):
    raise ImproperlyConfigured(f"LOG_FORMAT: {LOG_FORMAT!r} is neither 'plain' nor 'json'.")
# One access line per request (logger sparklio.access); off: ACCESS_LOG=false.
ACCESS_LOG = env.bool("ACCESS_LOG", default=True)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {
            "()": "sparklio.core.masking.MaskingFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(request_tag)s%(message)s",
        },
        "json": {"()": "sparklio.core.logs.MaskingJsonFormatter"},
    },
    "filters": {
        "request_id": {"()": "sparklio.core.requestid.RequestIdFilter"},
        "one_line_cache_errors": {"()": "sparklio.core.outage.OneLineCacheErrors"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        # runserver's own request lines say what the access line says
        "django.server": {"handlers": [], "level": "WARNING", "propagate": True},
        "sparklio.access": {"level": "INFO" if ACCESS_LOG else "WARNING"},
        "pgserver": {"level": "WARNING"},
        # One line per HTTP request to a model provider is noise; failures are logged by the gateway.
        "httpx": {"level": "WARNING"},
        "httpx2": {"level": "WARNING"},
        "django_redis.cache": {"filters": ["one_line_cache_errors"]},
    },
}

# Error tracking: on when SENTRY_DSN is set. No personal data (users' addresses, cookies, bodies).
SENTRY_DSN = env("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env("SENTRY_ENVIRONMENT", default="production"),
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
        send_default_pii=False,
    )

# --- Production hardening (manage.py check --deploy) ---------------------------------------------
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 30)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True

# --- Knowledge base and outbound fetches (docs/configuration.md) ---------------------------------
KNOWLEDGE_MAX_FILE_BYTES = env.int("KNOWLEDGE_MAX_FILE_BYTES", default=20 * 1024 * 1024)
# largest ad-results export (CSV or XLSX) read by POST /api/v1/performance/imports/
PERFORMANCE_MAX_FILE_BYTES = env.int("PERFORMANCE_MAX_FILE_BYTES", default=50 * 1024 * 1024)
# host names or networks (CIDR) the outbound fetcher may reach although they are private; a lone
# boolean ("1", "true", "yes", "on") lets every private address through (outbound.allow_private_setting)
OUTBOUND_ALLOW_PRIVATE = env.list("OUTBOUND_ALLOW_PRIVATE", default=[])
OUTBOUND_MAX_BYTES = env.int("OUTBOUND_MAX_BYTES", default=20 * 1024 * 1024)
OUTBOUND_TIMEOUT = env.float("OUTBOUND_TIMEOUT", default=15.0)
# largest RSS or Atom document read when a trend feed is registered or collected
TREND_FEED_MAX_BYTES = env.int("TREND_FEED_MAX_BYTES", default=5 * 1024 * 1024)
