from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "torturefree_service.exchange"
    label = "exchange"
    verbose_name = "Exchange between states"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from torturefree_service.exchange import effects
        from torturefree_service.exchange.verbs import register_verbs
        from torturefree_service.jobs.queue import register_schedule

        register_verbs()
        effects.register()  # what each incoming message type does here (handlers.py)
        # The sweep: retries whose back-off ran out, leases a killed worker left, lost wake-ups.
        register_schedule(
            "exchange-deliver", "torturefree_service.exchange.delivery.deliver_sweep", minutes=1
        )
        # Each hour: the hub's shared watchlist (seed ¶109), its signed release verified with the
        # directory's hub keys before it is imported (torturefree.screening.hub_watchlist).
        register_schedule(
            "watchlist-pull", "torturefree.screening.hub_watchlist.scheduled_pull", minutes=60
        )
