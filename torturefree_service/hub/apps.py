from django.apps import AppConfig


class HubConfig(AppConfig):
    name = "torturefree_service.hub"
    label = "hub"
    verbose_name = "Monitoring body's hub"
