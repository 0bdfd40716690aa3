"""Signals: de-identification speed, ours against deduce alone (target ≥ 200 notes/s/core).

    collectief bench signals_deidentify [rounds=5]

Uses the 140 labelled notes of collectief/signals/evaluation/notes.jsonl.
After a warm-up (deduce's lookup structures loaded from the cache that
``collectief signals warmup`` built, one pass over the notes), it times,
in one process and so on one core, both in the same run and interleaved
per round so machine load hits both alike:

- ours: ``deidentify.redact`` (Dutch patterns + deduce with its place-name
  and institution finders off, spans merged, text rebuilt);
- deduce alone: ``Deduce.deidentify`` with its defaults.

Reported as notes per CPU-second (process time: what one core does,
independent of other processes on the machine) and per wall-second.
"""

from __future__ import annotations

import os
import platform
import statistics
import time
from collections.abc import Callable
from typing import Any


def _time(function: Callable[[str], Any], texts: list[str]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        function(text)
    return time.perf_counter() - wall, time.process_time() - cpu


def run(stdout: Any, **options: Any) -> None:
    from collectief.signals import deidentify
    from collectief.signals.evaluation import load_notes

    rounds = int(options.get("rounds", 5))
    texts = [note.text for note in load_notes()]
    stdout.write(
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores\n"
    )
    stdout.write(f"Load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
    if not deidentify.is_ready():
        stdout.write("The deduce cache is missing: run `collectief signals warmup` first.\n")
        return
    started = time.perf_counter()
    engine = deidentify.engine()
    stdout.write(f"Loading deduce from the cache: {time.perf_counter() - started:.1f} s\n")

    def deduce_alone(text: str) -> Any:
        return engine.deidentify(text).deidentified_text

    for text in texts:  # warm-up: first calls build tokenizer and regex caches
        deidentify.redact(text)
        deduce_alone(text)
    ours: list[tuple[float, float]] = []
    alone: list[tuple[float, float]] = []
    for _ in range(rounds):
        ours.append(_time(deidentify.redact, texts))
        alone.append(_time(deduce_alone, texts))
    n = len(texts)
    average = statistics.mean(len(t) for t in texts)
    stdout.write(f"Notes: {n} (average {average:.0f} characters), rounds: {rounds}\n")
    for name, timings in (("ours (patterns + deduce)", ours), ("deduce alone", alone)):
        per_cpu = [n / cpu for _wall, cpu in timings if cpu > 0]
        per_wall = [n / wall for wall, _cpu in timings if wall > 0]
        stdout.write(
            f"{name:<26} median {statistics.median(per_cpu):7.0f} notes/CPU-s "
            f"(best {max(per_cpu):.0f}), {statistics.median(per_wall):7.0f} notes/wall-s, "
            f"{1000 / statistics.median(per_cpu):.2f} ms per note\n"
        )
    stdout.write(f"Load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
