from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "torturefree_service.web"
    label = "web"
    verbose_name = "Pages"
