"""gunicorn settings for production: ``gunicorn -c python:collectief.gunicorn_conf collectief.wsgi``.

The de-identification of signal notes (deduce) needs about 1 GB of word lists
in memory and ten seconds of a core to load them. Loaded in every worker, four
workers would hold four copies and each restart would cost forty seconds of
CPU. Here the master loads the application, word lists included, before it
forks, so the workers share one copy of those pages (copy on write) and start
ready. Everything else can still be overridden on the command line or with
GUNICORN_CMD_ARGS.
"""

import gc
import os

# The master loads the lists synchronously (see collectief/wsgi.py): a loading
# thread would not survive the fork, and its lock could stay held in a worker.
os.environ.setdefault("COLLECTIEF_PRELOAD_DEIDENTIFY", "now")

preload_app = True
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "4"))
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
worker_class = "gthread"
timeout = 60


def pre_fork(server: object, worker: object) -> None:
    # Move everything loaded so far out of the garbage collector's reach, so a
    # collection in a worker does not touch, and thereby copy, the shared pages.
    gc.freeze()
