from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "service.evidence"
    label = "evidence"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from service.evidence.verbs import register_verbs

        register_verbs()
