import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sparklio.settings")

application = get_wsgi_application()

from sparklio.core.staticready import ensure_static_collected  # noqa: E402

ensure_static_collected()
