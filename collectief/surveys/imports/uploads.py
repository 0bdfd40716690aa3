"""Uploaded files waiting for confirmation of a response import.

The preview step stores the upload under a random token in
``SURVEYS_IMPORT_DIR`` (default ``var/survey-imports/``); the confirm step
reads it again and deletes it. Uploads that are previewed but never
confirmed are deleted after ``STALE_AFTER`` (24 hours): each new preview
first clears the stale ones, and the session's previous upload is replaced.
"""

from __future__ import annotations

import re
import secrets
import time
from datetime import timedelta
from pathlib import Path

from django.conf import settings

STALE_AFTER = timedelta(hours=24)
SUFFIX = ".bin"
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{10,64}$")


def upload_dir() -> Path:
    folder = Path(
        getattr(settings, "SURVEYS_IMPORT_DIR", None)
        or Path(settings.BASE_DIR) / "var" / "survey-imports"
    )
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _path(token: str) -> Path | None:
    if not TOKEN_RE.match(token or ""):
        return None
    return upload_dir() / f"{token}{SUFFIX}"


def remove_stale_uploads(*, now: float | None = None) -> int:
    """Delete uploads older than STALE_AFTER; return how many were deleted."""
    limit = (now if now is not None else time.time()) - STALE_AFTER.total_seconds()
    removed = 0
    for path in upload_dir().glob(f"*{SUFFIX}"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
                removed += 1
        except FileNotFoundError:  # removed by another request at the same time
            continue
    return removed


def store_upload(data: bytes, *, replaces: str = "") -> str:
    """Keep ``data`` for the confirm step; return its token. Clears stale uploads first."""
    remove_stale_uploads()
    if replaces:
        delete_upload(replaces)
    token = secrets.token_urlsafe(16)
    path = _path(token)
    assert path is not None
    path.write_bytes(data)
    return token


def read_upload(token: str) -> bytes | None:
    path = _path(token)
    if path is None or not path.is_file():
        return None
    return path.read_bytes()


def delete_upload(token: str) -> None:
    path = _path(token)
    if path is not None:
        path.unlink(missing_ok=True)
