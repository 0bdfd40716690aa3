"""Login limits count the same client address as the other rate limits."""

from __future__ import annotations

from collectief.accounts.adapter import AccountAdapter


def test_login_limits_use_the_same_client_address(rf, settings) -> None:
    settings.TRUSTED_PROXY_COUNT = 0
    request = rf.post("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert AccountAdapter(request).get_client_ip(request) == "10.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 1
    assert AccountAdapter(request).get_client_ip(request) == "203.0.113.5"
