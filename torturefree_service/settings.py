"""Settings from the environment: DATABASE_URL (PostgreSQL) or SQLite under TORTUREFREE_HOME."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlparse

from torturefree.paths import home_dir
from torturefree_service.jobs.conf import queue_cluster
from torturefree_service.ops.conf import cache_settings
from torturefree_service.ops.profile import DEFAULT_KEY, password_validators, production

HOME = home_dir().resolve()
BASE_DIR = Path(__file__).resolve().parent

# A fixed development key unless the operator sets one; production must set it.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", DEFAULT_KEY)
DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")


# SQLite (#19): one writer at a time, so writers queue (IMMEDIATE, up to 60 s) instead of failing
# on a lock upgrade; write-ahead logging so readers never wait for the writer and a commit is one
# append to the log instead of a rollback journal created, synced and deleted (a trader's draft
# took 16-19 ms of commit alone in the journal mode). synchronous=NORMAL: a commit is not synced
# to disk while it holds the write lock (a sync took 5 ms per draft with other work writing to
# the disk, and every other writer waited); what is committed survives a crash of the service,
# and each ledger commit (its own connection, synchronous=FULL, records/backend.py) syncs the log
# and so everything committed before it. A power cut can lose only the last drafts not followed
# by a recorded event. PostgreSQL is the production database (docs/operations.md).
SQLITE_OPTIONS = {
    "timeout": 60,
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
}


def database_from_url(url: str | None) -> dict[str, object]:
    """postgresql://user:pass@host:port/name, sqlite:///path, or the default SQLite file."""
    if not url:
        HOME.mkdir(parents=True, exist_ok=True)
        return {
            "ENGINE": "django.db.backends.sqlite3",
            # One system of record: the ledger and the line-level store live in the same file,
            # so `torturefree ledger verify` and `report annual` read the service's records.
            "NAME": str(HOME / "records.sqlite3"),
            "OPTIONS": SQLITE_OPTIONS,
        }
    parsed = urlparse(url)
    if parsed.scheme in ("postgres", "postgresql"):
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")) or "postgres",
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            # Connections kept across requests (one per server thread) and checked before reuse
            # (#19): a new TCP connection and authentication per request cost more than the query.
            "CONN_MAX_AGE": int(os.environ.get("TORTUREFREE_DB_CONN_MAX_AGE", "60")),
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {"connect_timeout": 10},
        }
    if parsed.scheme == "sqlite":
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": unquote(parsed.path) if parsed.path not in ("", "/") else ":memory:",
            "OPTIONS": SQLITE_OPTIONS,
        }
    raise ValueError(f"DATABASE_URL: unsupported scheme '{parsed.scheme}'")


DATABASES = {"default": database_from_url(os.environ.get("DATABASE_URL"))}
# Where the ledger lives: the Django database unless TORTUREFREE_LEDGER_URL says otherwise.
TORTUREFREE_LEDGER_URL = os.environ.get("TORTUREFREE_LEDGER_URL") or None
# Service target for case work, in working days (Art. 20(11) leaves processing time to national
# law or practice; 20 is the LITE figure, a setting here, not law data).
TORTUREFREE_SLA_WORKING_DAYS = int(os.environ.get("TORTUREFREE_SLA_WORKING_DAYS", "20"))
TORTUREFREE_JURISDICTION = os.environ.get("TORTUREFREE_JURISDICTION", "EU")
TORTUREFREE_STATE = os.environ.get("TORTUREFREE_STATE", "DE")
# The help desk shown in every page's footer and on refusals (#20); set it per deployment.
TORTUREFREE_HELP_CONTACT = os.environ.get("TORTUREFREE_HELP_CONTACT", "help@licensing.example")
# The language of the documents the authority issues (#18): one code, or two for a bilingual
# licence ("ar,en": Arabic, each heading also in English). Checked when a document is made.
TORTUREFREE_DOCUMENT_LANGUAGES = os.environ.get("TORTUREFREE_DOCUMENT_LANGUAGES", "en")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "torturefree_service.audit",
    "torturefree_service.organisations",
    "torturefree_service.applications",
    "torturefree_service.cases",
    "torturefree_service.licences",
    "torturefree_service.denials",
    "torturefree_service.reporting",
    "torturefree_service.evidence",
    "torturefree_service.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "torturefree_service.urls"
WSGI_APPLICATION = "torturefree_service.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
TIME_ZONE = "UTC"
LANGUAGE_CODE = "en"
STATIC_URL = "static/"
MEDIA_ROOT = str(HOME / "uploads")
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Pages (#8): the web app, gettext catalogues (en, fr: the UN's two working languages) and the
# language chosen with the switch in the page header (a cookie read by LocaleMiddleware).
INSTALLED_APPS.append("torturefree_service.web")
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.common.CommonMiddleware"),
    "django.middleware.locale.LocaleMiddleware",
)
# The API's localised labels (#18): codes stay, a `labels` object is added on Accept-Language.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.locale.LocaleMiddleware") + 1,
    "torturefree_service.api.labels.ApiLabelsMiddleware",
)
# The six UN official languages (#18): Arabic, Chinese (simplified), English, French, Russian,
# Spanish, each named in itself (docs/languages.md).
LANGUAGES = [
    ("ar", "العربية"),
    ("zh-hans", "中文"),
    ("en", "English"),
    ("fr", "Français"),
    ("ru", "Русский"),
    ("es", "Español"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The switch's choice is remembered for a year in the language cookie (set_language sets it);
# without one, LocaleMiddleware negotiates from the browser's Accept-Language (#18).
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
LOGIN_URL = "web:login"

# Background jobs (#8): annual reports and imports run off the request (service/jobs).
INSTALLED_APPS.append("torturefree_service.jobs")
# List releases applied on the day they come into force (#16, docs/releases.md).
INSTALLED_APPS.append("torturefree_service.releases")

# Queue (#19): django-q2. The ORM broker keeps queued work in the Django database (SQLite or
# PostgreSQL), so an enqueue commits or rolls back with the change that asked for it; Redis is
# an option (TORTUREFREE_QUEUE_URL=redis://host:6379/0), with the enqueue then sent after commit.
# Modules register tasks and schedules in torturefree_service/jobs/queue.py (docs/operations.md).
INSTALLED_APPS.append("django_q")
Q_CLUSTER = queue_cluster(os.environ)

# Production serving (#19): static files from the application server (WhiteNoise, collected
# into <home>/static by `torturefree serve`), and one cache shared by the web and worker
# processes (login throttling, the worker heartbeat the health check reads): files under
# <home>/cache on one machine, Redis with TORTUREFREE_CACHE_URL=redis://… for several.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
STATIC_ROOT = str(HOME / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
(HOME / "static").mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on a missing folder
CACHES = cache_settings(os.environ, HOME)

# Production profile (#19, docs/operations.md): TORTUREFREE_PROFILE=production requires a secret
# key and the host names, and turns on HSTS, the HTTPS redirect, Secure cookies, JSON logs.
AUTH_PASSWORD_VALIDATORS = password_validators()
TORTUREFREE_PROFILE = os.environ.get("TORTUREFREE_PROFILE", "development")
# Second factor (#19, ops/otp.py): django-otp TOTP devices and recovery codes (static
# device). Required for the officer roles when TORTUREFREE_OTP_REQUIRED=1 (on in production);
# an account that enrolled one always gives its code after the password.
TORTUREFREE_OTP_REQUIRED = os.environ.get("TORTUREFREE_OTP_REQUIRED", "") == "1"
TORTUREFREE_OTP_ROLES = ("caseworker", "senior_officer", "auditor", "administrator")
OTP_TOTP_ISSUER = os.environ.get("TORTUREFREE_OTP_ISSUER", "torturefree")
INSTALLED_APPS += ["django_otp", "django_otp.plugins.otp_totp", "django_otp.plugins.otp_static"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django_otp.middleware.OTPMiddleware") + 1,
    "torturefree_service.ops.otp.SecondFactorMiddleware",
)
if TORTUREFREE_PROFILE == "production":
    globals().update(production(os.environ))

# Abuse limits (#19): sign-in throttling per account and per address (ops/throttle.py), JSON
# size and depth limits on the API (ops/limits.py).
INSTALLED_APPS.append("torturefree_service.ops")
AUTHENTICATION_BACKENDS = [
    "torturefree_service.ops.throttle.ThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
TORTUREFREE_TRUSTED_PROXIES = [
    a for a in os.environ.get("TORTUREFREE_TRUSTED_PROXIES", "").split(",") if a
]
MIDDLEWARE.insert(1, "torturefree_service.ops.throttle.AddressMiddleware")
MIDDLEWARE.insert(2, "torturefree_service.ops.limits.JsonLimitsMiddleware")
# Uploads (#19, ops/uploads.py): a size per kind (documents: TORTUREFREE_UPLOAD_MAX_BYTES, 10 MiB
# unless set; imports of evidence and denials: 5 MB of UTF-8 text) and the content types allowed,
# read from the file's first bytes. A multipart body beyond the largest is refused unread (413).
TORTUREFREE_UPLOAD_MAX_BYTES = int(os.environ.get("TORTUREFREE_UPLOAD_MAX_BYTES", str(10 << 20)))
TORTUREFREE_UPLOAD_RULES = {
    kind: {
        "max_bytes": TORTUREFREE_UPLOAD_MAX_BYTES,
        "types": ["application/pdf", "image/png", "image/jpeg", "text/plain"],
    }
    for kind in ("end_use_statement", "distributor_arrangements", "other")
} | {
    kind: {"max_bytes": 5_000_000, "types": ["text/plain"]}
    for kind in ("evidence_import", "denial_import")
}
MIDDLEWARE.append("torturefree_service.ops.uploads.UploadLimitMiddleware")  # before a view
# Security headers (#19, ops/headers.py): a Content-Security-Policy (no inline script) and a
# Permissions-Policy on every answer; sessions end after TORTUREFREE_SESSION_SECONDS (8 h).
MIDDLEWARE.insert(1, "torturefree_service.ops.headers.SecurityHeadersMiddleware")
SESSION_COOKIE_AGE = int(os.environ.get("TORTUREFREE_SESSION_SECONDS", str(8 * 3600)))
SESSION_COOKIE_SAMESITE = "Lax"

# The exchange between states (#13, docs/exchange.md): outbox, inbox, delivery by the queue's
# worker. Keys and the directory live under TORTUREFREE_HOME, not in the database.
INSTALLED_APPS.append("torturefree_service.exchange")
# Delivery: "queue" (a task per message after commit, plus the exchange-deliver sweep) or
# "manual" (`torturefree exchange deliver` only); retries back off from BASE to CAP seconds
# for RETRY_DAYS, each attempt bounded by TIMEOUT, a claim held for LEASE (docs/exchange.md).
TORTUREFREE_EXCHANGE_DELIVERY = os.environ.get("TORTUREFREE_EXCHANGE_DELIVERY", "queue")
for _name, _default in (
    ("RETRY_BASE_SECONDS", "2"),
    ("RETRY_CAP_SECONDS", "3600"),
    ("RETRY_DAYS", "29"),
    ("TIMEOUT_SECONDS", "10"),
    ("LEASE_SECONDS", "60"),
):
    globals()[f"TORTUREFREE_EXCHANGE_{_name}"] = float(
        os.environ.get(f"TORTUREFREE_EXCHANGE_{_name}", _default)
    )
