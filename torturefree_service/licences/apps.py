from django.apps import AppConfig


class LicencesConfig(AppConfig):
    name = "torturefree_service.licences"
    label = "licences"
    default_auto_field = "django.db.models.BigAutoField"
