"""WSGI entry point (torturefree serve)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "torturefree_service.settings")
application = get_wsgi_application()
