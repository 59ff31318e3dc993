"""URLs: the API under /api/v1/, the public licence verification page."""

from django.urls import include, path

from service.api.urls import api
from service.licences.views import verify_page

urlpatterns = [
    # The pages (#8) come first: their /verify/<code> is the public verification page.
    path("", include("service.web.urls")),
    path("api/v1/", api.urls),
    path("verify/<str:code>", verify_page, name="verify"),
]
