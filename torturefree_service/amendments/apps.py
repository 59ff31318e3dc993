from django.apps import AppConfig


class AmendmentsConfig(AppConfig):
    name = "torturefree_service.amendments"
    label = "amendments"
    verbose_name = "The expert mechanism that amends the lists (hub)"
    default_auto_field = "django.db.models.BigAutoField"
