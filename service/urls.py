"""URLs: the API under /api/v1/, the public licence verification page."""

from django.urls import path

from service.api.urls import api
from service.licences.views import verify_page

urlpatterns = [
    path("api/v1/", api.urls),
    path("verify/<str:code>", verify_page, name="verify"),
]
