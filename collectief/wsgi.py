import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "collectief.settings")
application = get_wsgi_application()

# When the de-identification word lists for signal notes are loaded (about
# 1 GB and ten seconds of a core; see collectief/gunicorn_conf.py):
#   "now"         before serving; with gunicorn's preload_app the workers share one copy;
#   "background"  in a thread while this process starts serving (the default: the
#                 development server, or gunicorn without the config file);
#   "0"           on the first note (benchmarks of other pages).
_preload = os.environ.get("COLLECTIEF_PRELOAD_DEIDENTIFY", "background")
if _preload in {"now", "background"}:
    from collectief.signals.deidentify import load_now, preload_in_background

    if _preload == "now":
        load_now()
    else:
        preload_in_background()
