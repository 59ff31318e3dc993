"""The expert mechanism's and the published releases' URLs (included by the hub's URLconf)."""

from django.urls import path

from torturefree_service.amendments import views

app_name = "amendments"
urlpatterns = [
    path("amendments/", views.index, name="index"),
    path("amendments/requests.json", views.index_json, name="index_json"),
    path("amendments/queue", views.expert_queue, name="queue"),
    path("amendments/<str:request_id>.json", views.detail_json, name="detail_json"),
    path("amendments/<str:request_id>", views.detail, name="detail"),
    path("releases/", views.releases, name="releases"),
    path("releases/index.json", views.releases_json, name="releases_json"),
    path("releases/<str:hexa>.tar", views.release_file, name="release_file"),
    path("releases/schema/<str:name>.json", views.release_schema_file, name="release_schema"),
]
