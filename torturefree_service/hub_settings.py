"""The hub of the international monitoring body (issue 14): the node's settings, another role.

`torturefree serve --role hub` loads this module. The hub is the same codebase deployed apart:
its own home (`--home`, so its own SQLite file and its own exchange key as participant `HUB`),
its own database (TORTUREFREE_HUB_DATABASE_URL, else DATABASE_URL, else SQLite in its home) and
its own URLconf (torturefree_service/hub/urls.py). Other hub apps add themselves at the end with
`INSTALLED_APPS.append(...)`, as in settings.py.
"""

from __future__ import annotations

import os

from torturefree_service.settings import *  # noqa: F403
from torturefree_service.settings import INSTALLED_APPS as _NODE_APPS
from torturefree_service.settings import database_from_url

TORTUREFREE_ROLE = "hub"
ROOT_URLCONF = "torturefree_service.hub.urls"
if os.environ.get("TORTUREFREE_HUB_DATABASE_URL"):
    DATABASES = {"default": database_from_url(os.environ["TORTUREFREE_HUB_DATABASE_URL"])}
# A copy: appending here never changes the node's list when both modules are imported.
INSTALLED_APPS = list(_NODE_APPS)

# Participants, the signed directory, the register of authorised traders, country rules (#14).
INSTALLED_APPS.append("torturefree_service.hub")
# The expert mechanism that amends the lists, and the list releases the hub publishes (#16).
INSTALLED_APPS.append("torturefree_service.amendments")

# The node's shared error page (uploads too large, throttling) extends the node's base, whose
# links are not in the hub's URLconf: the hub's own version comes first.
TEMPLATES = [
    {**TEMPLATES[0], "DIRS": [BASE_DIR / "hub" / "overrides", BASE_DIR / "templates"]},  # noqa: F405
    *TEMPLATES[1:],  # noqa: F405
]
