"""URLs: the API under /api/v1/, the public licence verification page."""

from django.urls import include, path

from torturefree_service.api.urls import api
from torturefree_service.licences.views import verify_page
from torturefree_service.ops.health import healthz

urlpatterns = [
    # The pages (#8) come first: their /verify/<code> is the public verification page.
    path("", include("torturefree_service.web.urls")),
    path("api/v1/", api.urls),
    path("verify/<str:code>", verify_page, name="verify"),
    path("healthz", healthz, name="healthz"),  # the database and the queue worker (#19)
    # The exchange between states (#13, ../shared/design/exchange.md): inbox, directory, entry.
    path("exchange/v1/", include("torturefree_service.exchange.urls")),
]
