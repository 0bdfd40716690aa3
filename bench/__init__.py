"""Benchmarks, run with ``collectief bench NAME`` or ``collectief bench all``.

Each module here with a ``run(stdout, **options)`` function is one benchmark.
Benchmarks use their own databases (under var/bench/ or a separate
PostgreSQL database), never the development database, and are not part of
``make test``. Results and the commands that produced them are in
docs/performance.md.
"""
