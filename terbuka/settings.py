"""Settings for every deployment. Everything that differs between machines comes from the
environment (see docs/configuration.md); nothing else in the code reads os.environ."""

from pathlib import Path

import dj_database_url
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from terbuka.env import env_bool, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("TERBUKA_DATA_DIR", str(PACKAGE_DIR.parent / "var")))
DATA_DIR.mkdir(parents=True, exist_ok=True)

# "development" (default: embedded SQLite, debug on), "test", or "production".
TERBUKA_ENV = env_str("TERBUKA_ENV", "development")
PRODUCTION = TERBUKA_ENV == "production"

_INSECURE_KEY = "insecure-development-key-do-not-use-in-production"
SECRET_KEY = env_str("SECRET_KEY", _INSECURE_KEY)
DEBUG = env_bool("DEBUG", default=not PRODUCTION)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

if PRODUCTION:
    if SECRET_KEY == _INSECURE_KEY or len(SECRET_KEY) < 32:
        raise ImproperlyConfigured(
            "TERBUKA_ENV=production needs SECRET_KEY set to a random value of 32+ characters."
        )
    if DEBUG:
        raise ImproperlyConfigured("TERBUKA_ENV=production refuses to start with DEBUG on.")
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "huey.contrib.djhuey",
    "ninja",  # serves the API docs page's Swagger UI from local static files, not a CDN
    "terbuka.core",
    "terbuka.accounts",
    "terbuka.growth",
    "terbuka.ops",
    # Modules: each registers with core in its AppConfig.ready(); core imports none of them.
    "terbuka.satudata",
    "terbuka.datastore",
    "terbuka.aduan",
    "terbuka.saluran",
    "terbuka.ikm",
    "terbuka.posyandu",
    "terbuka.rencanaaksi",
    "terbuka.gotongroyong",
    "terbuka.sosial",
    "terbuka.lingkungan",
    "terbuka.layanan",
]

MIDDLEWARE = [
    "terbuka.ops.metrics.MetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "terbuka.core.language.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "terbuka.ops.unavailable.UnavailableMiddleware",
    "terbuka.core.middleware.PemdaMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "terbuka.urls"
WSGI_APPLICATION = "terbuka.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "terbuka.core.context_processors.shell",
            ],
        },
    },
]

# Embedded SQLite by default so `make demo` needs no server; PostgreSQL via DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'terbuka.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while the job worker writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TERBUKA_ENV == "test":
    # Hashing cost is not what tests check, and PBKDF2 makes every fixture user slow.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

# Guessing passwords: lock a username+IP pair after AXES_FAILURE_LIMIT failures.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "terbuka.accounts.views.lockout"
AXES_VERBOSE = False

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Makassar")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(DATA_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on every start without it
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(DATA_DIR / "media")))

# Files: local disk by default, any S3-compatible store (MinIO, AWS, Wasabi) when a bucket is set.
_S3_BUCKET = env_str("STORAGE_S3_BUCKET")
STORAGES = {
    "default": (
        {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": _S3_BUCKET,
                "endpoint_url": env_str("STORAGE_S3_ENDPOINT_URL") or None,
                "region_name": env_str("STORAGE_S3_REGION") or None,
                "access_key": env_str("STORAGE_S3_ACCESS_KEY") or None,
                "secret_key": env_str("STORAGE_S3_SECRET_KEY") or None,
                "default_acl": None,
                "querystring_auth": True,
                "file_overwrite": False,
            },
        }
        if _S3_BUCKET
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Background jobs: a durable SQLite queue file by default (no server), Redis when QUEUE_URL is set.
QUEUE_URL = env_str("QUEUE_URL")
HUEY = {
    "name": "terbuka",
    "immediate": env_bool("QUEUE_IMMEDIATE", False),
    "results": True,
    "store_none": False,
    "utc": True,
    "consumer": {"workers": env_int("QUEUE_WORKERS", 2), "worker_type": "thread"},
}
if QUEUE_URL.startswith(("redis://", "rediss://", "unix://")):
    HUEY.update({"huey_class": "huey.PriorityRedisHuey", "url": QUEUE_URL})
elif QUEUE_URL:
    raise ImproperlyConfigured(f"QUEUE_URL must be a redis:// URL, got {QUEUE_URL!r}")
else:
    HUEY.update(
        {"huey_class": "huey.SqliteHuey", "filename": str(DATA_DIR / "queue.sqlite3")}
    )

# Redis when CACHE_URL is set. Otherwise a directory in var/, because the web process and the job
# worker must see the same cache (a worker refreshes what pages show); tests use process memory.
if env_str("CACHE_URL"):
    _CACHE = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env_str("CACHE_URL"),
    }
elif TERBUKA_ENV == "test":
    _CACHE = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
else:
    _CACHE = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "cache"),
    }
CACHES = {"default": _CACHE}

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if env_str("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Terbuka <noreply@localhost>")

# Fernet key(s) sealing whistleblowers' identities in aduan; comma-separated, newest first.
ADUAN_IDENTITY_KEY = env_list("ADUAN_IDENTITY_KEY")

# Who may read /metrics (Prometheus). Empty means anyone: only behind a proxy that hides it.
METRICS_ALLOWED_IPS = env_list("METRICS_ALLOWED_IPS", ["127.0.0.1", "::1"])
# prometheus_client reads this variable itself at import; settings only tells /metrics to merge.
PROMETHEUS_MULTIPROC_DIR = env_str("PROMETHEUS_MULTIPROC_DIR")
X_FRAME_OPTIONS = "DENY"
# Scripts only from our own static files (or carrying the per-request nonce); no plugins, no
# framing except by views that opt out (embeddable charts). Inline style attributes stay
# allowed: see docs/decisions/content-security-policy.md.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "manifest-src": ["'self'"],
        "worker-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

LOG_FORMAT = env_str("LOG_FORMAT", "plain")
if LOG_FORMAT not in ("plain", "json"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be plain or json, got {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "terbuka.ops.logs.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # Configured here so `terbuka run_huey` does not add a second handler of its own.
        "huey": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
