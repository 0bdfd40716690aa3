"""Quick entry of a signal (phone first) and the antenne form."""

from __future__ import annotations
