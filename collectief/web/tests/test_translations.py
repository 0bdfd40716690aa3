from __future__ import annotations

import polib

from collectief.web.management.commands.translations import problems_in


def _catalogue(tmp_path, entries):
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for entry in entries:
        po.append(entry)
    path = tmp_path / "django.po"
    po.save(str(path))
    return path


def test_complete_catalogue_has_no_problems(tmp_path):
    path = _catalogue(
        tmp_path,
        [
            polib.POEntry(msgid="Hello %(name)s", msgstr="Hallo %(name)s"),
            polib.POEntry(
                msgid="One member",
                msgid_plural="%(counter)s members",
                msgstr_plural={0: "Eén lid", 1: "%(counter)s leden"},
            ),
        ],
    )
    assert problems_in(path) == []


def test_missing_fuzzy_and_broken_translations_are_reported(tmp_path):
    fuzzy = polib.POEntry(msgid="Save", msgstr="Opslaan")
    fuzzy.flags.append("fuzzy")
    path = _catalogue(
        tmp_path,
        [
            polib.POEntry(msgid="Cancel", msgstr=""),
            fuzzy,
            polib.POEntry(msgid="Hello %(name)s", msgstr="Hallo %(naam)s"),
        ],
    )
    problems = problems_in(path)
    assert any(p.startswith("untranslated: 'Cancel'") for p in problems)
    assert any(p.startswith("fuzzy: 'Save'") for p in problems)
    assert any("placeholder" in p for p in problems)
