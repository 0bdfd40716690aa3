"""The first login with two-factor, in the browser (issue 10, point 6).

A wijkteam member opens their organisation's page, logs in with the password,
sets up the app (a wrong code first), keeps the recovery codes (download,
print view) and goes on with "Ga verder" to the page they asked for; they look
at the pages to manage it. Then a later login with a recovery code. "Je bent nu ingelogd" only appears after
the second step. axe on every screen, at 1280 and at 320 px; at 320 px no
page scrolls sideways (WCAG 1.4.10).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests_e2e.conftest import (
    DEMO_PASSWORD,
    assert_accessible,
    assert_no_horizontal_scroll,
    totp_code,
)

pytestmark = pytest.mark.e2e

EMAIL = "wijkteam@almere.demo"
HOME = "/o/wijkteam-almere/"
LOGGED_IN = re.compile("Je bent nu ingelogd")


def _check(page: Page) -> None:
    assert_accessible(page)
    if page.viewport_size and page.viewport_size["width"] <= 320:
        assert_no_horizontal_scroll(page)


def _password_step(page: Page) -> None:
    page.goto(HOME)
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    _check(page)
    page.get_by_label("E-mailadres").fill(EMAIL)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.keyboard.press("Enter")


@pytest.mark.parametrize("screen", ["page", "small_page"])
def test_first_login_with_two_factor(
    screen: str, request: pytest.FixtureRequest, demo: None, tmp_path: Path
) -> None:
    page: Page = request.getfixturevalue(screen)

    # Step 1: the password. Not logged in yet: the set-up comes first.
    _password_step(page)
    page.wait_for_url("**/accounts/2fa/totp/activate/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen in twee stappen instellen")
    expect(page.get_by_text("Je bent bijna ingelogd")).to_be_visible()
    expect(page.get_by_text(LOGGED_IN)).to_have_count(0)
    expect(page.get_by_role("heading", name="Waarom is dit nodig?")).to_be_visible()
    expect(page.get_by_text("gevoelige informatie")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="Microsoft Authenticator")).to_be_visible()
    qr = page.get_by_role("img", name="QR-code die Collectief aan je app toevoegt")
    expect(qr).to_be_visible()
    secret_box = page.locator("#authenticator_secret")
    expect(secret_box).to_be_visible()
    shown = secret_box.inner_text()
    assert re.fullmatch(r"([A-Z2-7]{4} )+[A-Z2-7]{1,4}", shown), shown
    _check(page)

    # A wrong code: the form comes back with a Dutch error and the same key.
    field = page.get_by_label("Code uit de app")
    expect(field).to_have_attribute("autocomplete", "one-time-code")
    expect(field).to_have_attribute("inputmode", "numeric")
    secret = shown.replace(" ", "")
    wrong = "000000" if totp_code(secret) != "000000" else "111111"
    field.fill(wrong)
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    expect(page.get_by_text("Deze code klopt niet").first).to_be_visible()
    assert page.locator("#authenticator_secret").inner_text() == shown
    expect(page.get_by_text(LOGGED_IN)).to_have_count(0)
    _check(page)

    # Step 2: the right code. Now, and only now, logged in.
    page.get_by_label("Code uit de app").fill(totp_code(secret))
    page.get_by_role("button", name="App koppelen en inloggen").click()
    page.wait_for_url("**/accounts/2fa/recovery-codes/")
    messages = page.get_by_role("status")
    expect(messages).to_contain_text("De app is gekoppeld.")
    expect(messages).to_contain_text(LOGGED_IN)
    expect(page.get_by_role("heading", level=1)).to_have_text("Bewaar je herstelcodes")
    codes = page.locator(".recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    _check(page)

    # Download: a text file with a Dutch heading and the same codes.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Codes downloaden (.txt)").click()
    target = tmp_path / "codes.txt"
    download_info.value.save_as(target)
    text = target.read_text()
    assert text.startswith(f"Herstelcodes voor Collectief ({EMAIL})")
    assert all(code in text for code in codes)

    # Print: the print stylesheet keeps the codes and drops buttons and menus.
    expect(page.get_by_role("button", name="Codes afdrukken")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator(".recovery-codes")).to_be_visible()
    expect(page.get_by_text(f"Herstelcodes voor Collectief ({EMAIL})")).to_be_visible()
    expect(page.get_by_role("link", name="Ga verder")).to_be_hidden()
    expect(page.locator(".site-header")).to_be_hidden()
    page.emulate_media(media="screen")

    # Ga verder: to the page asked for at the start.
    page.get_by_role("link", name="Ga verder").click()
    expect(page).to_have_url(re.compile(re.escape(HOME) + "$"))
    _check(page)

    # The pages behind "Account → Inloggen in twee stappen".
    page.get_by_text("Account", exact=True).click()
    page.get_by_role("link", name="Inloggen in twee stappen").click()
    expect(page.get_by_text("Aan: je logt in met een code uit je app.")).to_be_visible()
    _check(page)
    for path, heading in [
        ("/accounts/2fa/totp/deactivate/", "Inloggen in twee stappen uitzetten"),
        ("/accounts/2fa/recovery-codes/generate/", "Nieuwe herstelcodes maken"),
        ("/accounts/2fa/reauthenticate/", "Bevestigen met een code"),
    ]:
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        _check(page)

    # A later login: the second step asks for the code; a recovery code works too.
    page.context.clear_cookies()
    _password_step(page)
    page.wait_for_url("**/accounts/2fa/authenticate/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vul de code uit je app in")
    expect(page.get_by_text(LOGGED_IN)).to_have_count(0)
    _check(page)
    page.get_by_label("Code uit de app").fill(codes[0])
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(HOME) + "$"))
    expect(page.get_by_role("status")).to_contain_text(LOGGED_IN)
