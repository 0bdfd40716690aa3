from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from collectief.lib.env import env_bool, env_int, env_list, env_str, parse_database_url

BASE = Path("/srv/collectief")


def test_sqlite_url_is_relative_to_the_project_and_uses_wal():
    config = parse_database_url("sqlite:///var/db.sqlite3", base_dir=BASE)
    assert config["NAME"] == BASE / "var/db.sqlite3"
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert config["OPTIONS"]["timeout"] == 20


def test_sqlite_absolute_path():
    assert parse_database_url("sqlite:////srv/data/x.db", base_dir=BASE)["NAME"] == Path(
        "/srv/data/x.db"
    )


def test_postgres_url():
    config = parse_database_url(
        "postgres://u:p%40ss@db.local:5433/collectief?sslmode=require", base_dir=BASE
    )
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["USER"], config["PASSWORD"], config["HOST"], config["PORT"]) == (
        "u",
        "p@ss",
        "db.local",
        "5433",
    )
    assert config["OPTIONS"] == {"sslmode": "require"}


@pytest.mark.parametrize("url", ["mysql://x/y", "postgres://host/", "sqlite://"])
def test_bad_database_urls_fail_loudly(url):
    with pytest.raises(ImproperlyConfigured):
        parse_database_url(url, base_dir=BASE)


def test_env_readers(monkeypatch, tmp_path):
    monkeypatch.setenv("FLAG", "yes")
    monkeypatch.setenv("NUMBER", "12")
    monkeypatch.setenv("HOSTS", "a.nl, b.nl,")
    secret = tmp_path / "secret"
    secret.write_text("from-file\n")
    monkeypatch.setenv("SECRET_FILE", str(secret))
    assert env_bool("FLAG") is True
    assert env_int("NUMBER", 1) == 12
    assert env_list("HOSTS") == ["a.nl", "b.nl"]
    assert env_str("SECRET") == "from-file"


@pytest.mark.parametrize(
    ("name", "value", "reader"), [("FLAG", "misschien", env_bool), ("NUMBER", "twaalf", env_int)]
)
def test_env_readers_fail_loudly(monkeypatch, name, value, reader):
    monkeypatch.setenv(name, value)
    with pytest.raises(ImproperlyConfigured):
        reader(name, 1) if reader is env_int else reader(name)


def _run_django(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "django", *args],
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "collectief.settings", **env},
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[3],
    )


def test_production_needs_a_secret_key():
    result = _run_django({"DEBUG": "0"}, "check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize("preload", [None, "1"])
def test_check_deploy_is_clean_with_production_settings(preload):
    """The environment of docs/deployment.md, nothing more: not a single warning."""
    env = {
        "DEBUG": "0",
        "SECRET_KEY": "x" * 60 + "-production-secret-for-the-test-only",
        "ALLOWED_HOSTS": "collectief.example.nl",
        "SITE_URL": "https://collectief.example.nl",
    }
    if preload:
        env["SECURE_HSTS_PRELOAD"] = preload
    result = _run_django(env, "check", "--deploy", "--fail-level", "WARNING")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output
    assert "no issues" in output, output
