import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "collectief.settings")
application = get_wsgi_application()

# Load the de-identification word lists while the server starts, so the
# first note typed on this server does not wait for them. Benchmarks of other
# pages switch it off: loading takes a core for a minute or two.
if os.environ.get("COLLECTIEF_PRELOAD_DEIDENTIFY", "1") == "1":
    from collectief.signals.deidentify import preload_in_background

    preload_in_background()
