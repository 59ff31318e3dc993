from django.apps import AppConfig


class DenialsConfig(AppConfig):
    name = "torturefree_service.denials"
    label = "denials"
    default_auto_field = "django.db.models.BigAutoField"
