from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "torturefree_service.ops"
    label = "ops"
    verbose_name = "Operations"

    def ready(self) -> None:
        from torturefree_service.ops import throttle  # noqa: F401  (connects the signal receivers)
