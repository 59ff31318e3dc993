from django.apps import AppConfig


class ReleasesConfig(AppConfig):
    name = "torturefree_service.releases"
    label = "releases"
    verbose_name = "List releases applied on the day"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from torturefree_service.jobs.queue import register_schedule
        from torturefree_service.releases.verbs import register_verbs

        register_verbs()
        # Each day: if the law changes today (a loaded release's entries apply) or a new release
        # was loaded, open cases and valid licences are re-determined (docs/releases.md).
        register_schedule(
            "releases-apply-due",
            "torturefree_service.releases.services.releases_apply_due",
            minutes=24 * 60,
        )
        # Each hour: the hub's current release, verified with the directory's hub keys; a new
        # one is applied at once for today (fetching.py).
        register_schedule(
            "releases-fetch",
            "torturefree_service.releases.fetching.releases_fetch",
            minutes=60,
        )
