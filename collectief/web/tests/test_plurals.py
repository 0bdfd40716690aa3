"""Wording (issue 10.10): a number before a noun goes through ngettext, Dutch
month names are lower case, and the Dutch plural forms read right.

The scans read every Dutch catalogue (so they see Python and templates alike)
and every template; a new "%(n)s things" message fails here until it becomes
a plural message or is listed below with the reason it never means one.
"""

from __future__ import annotations

import datetime
import io
import re
from pathlib import Path

import polib
import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.translation import ngettext

ROOT = Path(__file__).resolve().parents[2]  # the collectief package
CATALOGUES = sorted(ROOT.glob("**/locale/nl/LC_MESSAGES/django.po"))
TEMPLATES = sorted(ROOT.glob("**/templates/**/*.html"))

# Placeholder names that hold a count of things.
COUNT_NAMES = (
    "n|count|counter|total|created|updated|unchanged|skipped|measurements|services|"
    "responses|answers|columns|sections|questions|shown"
)
NUMBER_BEFORE_NOUN = re.compile(rf"%\((?:{COUNT_NAMES})\)[sd] ([a-z]+)")
NOT_NOUNS = {"of", "found", "new", "changed", "updated", "valid", "is", "are", "and", "or", "to"}

# Messages whose number is never 1, with the reason.
NEVER_ONE = {
    "There are %(count)s areas called '%(name)s': %(labels)s. Choose one by its code.": (
        "only said when two or more areas share the name"
    ),
    "Stopped after %(count)d problems.": "count is the fixed cap MAX_PROBLEMS",
    "every %(n)s weeks on %(days)s": "only used for an interval of 2 or more",
    "There are more than %(n)s problems; only the first ones are listed.": "a fixed cap",
    "Use at most %(n)s characters.": "a fixed limit",
    "Only answer if you answered question %(n)s with": "n is a question number",
}


def _entries() -> list[tuple[Path, polib.POEntry]]:
    return [
        (path, entry)
        for path in CATALOGUES
        for entry in polib.pofile(str(path))
        if not entry.obsolete
    ]


def _fixed_threshold(msgid: str) -> bool:
    # "fewer than 5 …", "at least 5 people", "from 5 responses on": the
    # survey threshold (MIN_COUNT) or the small-sample limit, never 1.
    return bool(
        re.search(
            r"(fewer than|at least|from) %\(n\)s (responses|answers|people|ingevulde)", msgid
        )
    )


def test_catalogues_were_found() -> None:
    assert len(CATALOGUES) >= 8 and len(TEMPLATES) > 50


def test_no_number_before_a_noun_without_plural_forms() -> None:
    offenders = []
    for path, entry in _entries():
        if entry.msgid_plural or entry.msgid in NEVER_ONE or _fixed_threshold(entry.msgid):
            continue
        for match in NUMBER_BEFORE_NOUN.finditer(entry.msgid):
            if match.group(1) not in NOT_NOUNS:
                offenders.append(f"{path.parent.parent.parent.parent.name}: {entry.msgid!r}")
                break
    assert offenders == [], "use ngettext / {% blocktranslate count %}:\n" + "\n".join(offenders)


def test_every_dutch_plural_message_has_two_forms() -> None:
    same = [
        entry.msgid
        for _path, entry in _entries()
        if entry.msgid_plural
        and entry.msgstr_plural.get(0) == entry.msgstr_plural.get(1)
        # Dutch keeps a unit singular after a number: "3 keer", "12 procentpunt", "2 jaar".
        and not re.search(r"keer|procent|jaar", entry.msgstr_plural.get(0, ""))
    ]
    assert same == []


def test_no_number_before_a_noun_in_template_text() -> None:
    """Template text outside a translation tag: "{{ n }} plekken" would never say "1 plek"."""
    pattern = re.compile(r"\{\{ ?[\w.]+(\|length)? ?\}\} ([a-zà-ÿ]{3,})")
    offenders = []
    for path in TEMPLATES:
        text = path.read_text()
        outside = re.sub(r"\{% blocktranslate.*?\{% endblocktranslate %\}", "", text, flags=re.S)
        outside = re.sub(r"<[^>]*>", " ", outside)  # attributes are not text
        offenders += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in pattern.finditer(outside)]
    assert offenders == []


def test_no_capitalised_month_abbreviation_in_templates() -> None:
    """Django's "M" gives "Mrt" in Dutch; "N" gives "mrt" (and "March" in English)."""
    offenders = [
        f"{path.relative_to(ROOT)}: {fmt}"
        for path in TEMPLATES
        for fmt in re.findall(r"\|date:[\"']([^\"']*)[\"']", path.read_text())
        if re.search(r"(?<!\\)M", fmt)
    ]
    assert offenders == []


def test_dutch_dates_have_lower_case_months() -> None:
    formats = {
        fmt
        for path in TEMPLATES
        for fmt in re.findall(r"\|date:[\"']([^\"']*)[\"']", path.read_text())
    }
    assert formats, "no date formats found"
    template = Template("{% for d in days %}{{ d|date:fmt }}|{% endfor %}")
    days = [
        datetime.datetime(2026, month, 3, 14, 5, tzinfo=datetime.UTC) for month in range(1, 13)
    ]
    with translation.override("nl"):
        for fmt in formats:
            text = template.render(Context({"days": days, "fmt": fmt}))
            words = re.findall(r"[A-Za-z]+", text)
            assert all(word == word.lower() for word in words), (fmt, text)
            assert "maart" in text or "mrt" in text or "-" in text, (fmt, text)


@pytest.mark.parametrize(
    ("singular", "plural", "one", "many"),
    [
        (
            "%(n)s response has been imported.",
            "%(n)s responses have been imported.",
            "1 ingevulde vragenlijst is ingelezen.",
            "3 ingevulde vragenlijsten zijn ingelezen.",
        ),
        ("%(n)s question", "%(n)s questions", "1 vraag", "3 vragen"),
        (
            "%(count)s service exported.",
            "%(count)s services exported.",
            "1 dienst geëxporteerd.",
            "3 diensten geëxporteerd.",
        ),
        (
            "Nothing was imported: the file has %(count)s problem.",
            "Nothing was imported: the file has %(count)s problems.",
            "Er is niets ingelezen: het bestand heeft 1 probleem.",
            "Er is niets ingelezen: het bestand heeft 3 problemen.",
        ),
    ],
)
def test_dutch_plural_forms(singular: str, plural: str, one: str, many: str) -> None:
    with translation.override("nl"):
        assert ngettext(singular, plural, 1) % {"n": 1, "count": 1} == one
        assert ngettext(singular, plural, 3) % {"n": 3, "count": 3} == many


@pytest.mark.parametrize(
    ("source", "one", "many"),
    [
        (
            "{% blocktranslate count counter=n with theme='eenzaamheid' %}activity for {{ theme }}"
            " in the district{% plural %}activities for {{ theme }} in the district"
            "{% endblocktranslate %}",
            "activiteit voor eenzaamheid in de wijk",
            "activiteiten voor eenzaamheid in de wijk",
        ),
        (
            "{% blocktranslate count counter=n %}{{ counter }} activity or service found."
            "{% plural %}{{ counter }} activities and services found.{% endblocktranslate %}",
            "1 activiteit",
            "2 activiteiten",
        ),
        (
            "{% blocktranslate count n=n %}{{ n }} open answer.{% plural %}{{ n }} open answers."
            "{% endblocktranslate %}",
            "1 open antwoord.",
            "2 open antwoorden.",
        ),
    ],
)
def test_dutch_plural_forms_in_templates(source: str, one: str, many: str) -> None:
    template = Template("{% load i18n %}" + source)
    with translation.override("nl"):
        assert one in template.render(Context({"n": 1}))
        assert many in template.render(Context({"n": 2}))


@pytest.mark.django_db
def test_the_two_factor_hint_is_plain_dutch() -> None:
    from collectief.accounts.demo import load_demo, print_logins

    load_demo(io.StringIO())
    out = io.StringIO()
    with translation.override("nl"):
        print_logins(out)
    assert "in twee stappen in" not in out.getvalue()
    assert "(de eerste keer koppel je een app voor inlogcodes op je telefoon)" in out.getvalue()
