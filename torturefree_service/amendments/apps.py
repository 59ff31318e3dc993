from django.apps import AppConfig


class AmendmentsConfig(AppConfig):
    name = "torturefree_service.amendments"
    label = "amendments"
    verbose_name = "The expert mechanism that amends the lists (hub)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from torturefree_service.jobs.queue import register_schedule

        # Every 5 minutes on the hub's worker: the notices of questions and decisions still
        # pending are posted to the states' inboxes (a node that was down gets them on a later
        # run, with the same bytes). Questions have a deadline, so an hour's wait is too long;
        # the exchange's own sweep runs every minute (notices.py).
        register_schedule(
            "amendments-notify",
            "torturefree_service.amendments.notices.notices_deliver",
            minutes=5,
        )
