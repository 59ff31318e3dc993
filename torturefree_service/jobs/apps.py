from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "torturefree_service.jobs"
    label = "jobs"
    verbose_name = "Background jobs"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from torturefree_service.jobs.queue import register_schedule

        # Jobs whose worker died are given back or failed even if no worker restarts.
        register_schedule("jobs-sweep", "torturefree_service.jobs.tasks.sweep", minutes=5)
        # Licences past their end date are marked expired (serve also does this at start).
        register_schedule(
            "licences-expire",
            "torturefree_service.licences.services.licence_expire_due",
            minutes=24 * 60,
        )
        # What a crash left pending after its commit reaches the ledger and the records store.
        register_schedule(
            "audit-flush", "torturefree_service.audit.services.audit_flush", minutes=10
        )
        register_schedule(
            "store-flush", "torturefree_service.reporting.services.store_flush", minutes=10
        )
