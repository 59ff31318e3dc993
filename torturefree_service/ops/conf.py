"""Settings helpers read by settings.py (no Django imports: settings are not loaded yet)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any


def cache_settings(env: Mapping[str, str], home: Path) -> dict[str, Any]:
    url = env.get("TORTUREFREE_CACHE_URL", "")
    if url.startswith(("redis://", "rediss://")):
        return {
            "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
        }
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(home / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }
