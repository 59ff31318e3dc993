"""`/exchange/v1/`: the inbox peers deliver to, and what this node publishes about itself."""

from django.urls import path

from torturefree_service.exchange.views import directory, entry, inbox

app_name = "exchange"
urlpatterns = [
    path("inbox", inbox, name="inbox"),
    path("directory", directory, name="directory"),
    path("entry", entry, name="entry"),
]
