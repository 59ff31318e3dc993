"""The production profile (TORTUREFREE_PROFILE=production): 12-factor settings from the
environment, `manage.py check --deploy` clean. No Django imports (read by settings.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

DEFAULT_KEY = "torturefree-development-key-not-for-production"
ONE_YEAR = 365 * 24 * 3600


class ProfileError(RuntimeError):
    """A production setting missing or unsafe: the service refuses to start."""


def password_validators() -> list[dict[str, Any]]:
    names = ("UserAttributeSimilarity", "MinimumLength", "CommonPassword", "NumericPassword")
    return [
        {"NAME": f"django.contrib.auth.password_validation.{name}Validator"}
        | ({"OPTIONS": {"min_length": 12}} if name == "MinimumLength" else {})
        for name in names
    ]


def production(env: Mapping[str, str]) -> dict[str, Any]:
    """The settings that differ in production; refuses a default or short key, no hosts."""
    key = env.get("DJANGO_SECRET_KEY", "")
    if not key or key == DEFAULT_KEY or len(key) < 50 or len(set(key)) < 5:
        raise ProfileError(
            "DJANGO_SECRET_KEY must be set to a random value of 50 characters or more "
            "(python -c 'import secrets; print(secrets.token_urlsafe(64))')"
        )
    hosts = [h for h in env.get("DJANGO_ALLOWED_HOSTS", "").split(",") if h]
    if not hosts:
        raise ProfileError("DJANGO_ALLOWED_HOSTS must name the host names the service answers")
    https = env.get("TORTUREFREE_BEHIND_TLS_PROXY", "1") == "1"
    return {
        "SECRET_KEY": key,
        "DEBUG": False,
        "ALLOWED_HOSTS": hosts,
        "CSRF_TRUSTED_ORIGINS": [f"https://{h.lstrip('.')}" for h in hosts if "*" not in h],
        "SECURE_HSTS_SECONDS": int(env.get("TORTUREFREE_HSTS_SECONDS", str(ONE_YEAR))),
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
        "SECURE_SSL_REDIRECT": True,
        # The TLS proxy in front (nginx, a load balancer) says the request came over HTTPS.
        "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https") if https else None,
        # The health check is asked over plain HTTP by the local supervisor.
        "SECURE_REDIRECT_EXEMPT": [r"^healthz$"],
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        # __Host- cookies: only over HTTPS, for this host alone (no Domain), path / (#19).
        "SESSION_COOKIE_NAME": "__Host-sessionid",
        "CSRF_COOKIE_NAME": "__Host-csrftoken",
        "SESSION_COOKIE_HTTPONLY": True,
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "SECURE_REFERRER_POLICY": "same-origin",
        "X_FRAME_OPTIONS": "DENY",
        "LOGGING": json_logging(env.get("TORTUREFREE_LOG_LEVEL", "INFO")),
        # Officers sign in with a second factor (TOTP or a recovery code, ops/otp.py).
        "TORTUREFREE_OTP_REQUIRED": env.get("TORTUREFREE_OTP_REQUIRED", "1") == "1",
    }


def json_logging(level: str) -> dict[str, Any]:
    """One JSON object a line on stderr (for journald or a log shipper)."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "torturefree_service.ops.logs.JsonFormatter"}},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json"}},
        "root": {"handlers": ["stderr"], "level": level},
    }
