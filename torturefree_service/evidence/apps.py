from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "torturefree_service.evidence"
    label = "evidence"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from torturefree_service.evidence.verbs import register_verbs

        register_verbs()
