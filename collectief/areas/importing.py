"""Read CBS region lists (StatLine CSV, OData JSON) into plain rows.

This module only parses and checks each row on its own; the service in
``services.py`` checks the rows against each other and the database, and
writes them. Every problem carries a location the user can find back in the
file: "rij 7, kolom 'Codering'" for CSV, "value[12].Key" for JSON.

Formats read:

* CSV as exported from CBS StatLine: ``;``-separated and quoted, with headers
  such as ``"Wijken en buurten";"Gemeentenaam";"Soort regio";"Codering"``.
  Headers may carry the StatLine unit ("Codering (code)") or the OData
  suffix ("Codering_3"). The code column is found by its values, the name
  column by its header.
* JSON of the CBS OData v3 ``WijkenEnBuurten`` dimension
  (``{"value": [{"Key": "WK039201  ", "Title": "..."}]}``), the v4
  ``WijkenEnBuurtenCodes`` (``Identifier``/``Title``), and ``TypedDataSet``
  rows (``WijkenEnBuurten``, ``Gemeentenaam_1``, ``SoortRegio_2``,
  ``Codering_3``), also as returned by ``cbsodata`` with titles for keys.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from collectief.lib import cbs, reading, tabular

MAX_PROBLEMS = 200


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file, at a place the user can find."""

    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


@dataclass
class RegionRow:
    code: str
    name: str
    level: cbs.Level
    location: str  # "rij 7" or "value[12]"
    code_location: str  # "rij 7, kolom 'Codering'" or "value[12].Key"
    year: int | None = None
    # None: the file has no such column (keep what is known).
    woonplaats: str | None = None
    alternative_names: str | None = None


@dataclass
class ParsedFile:
    rows: list[RegionRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: int = 0
    format: str = ""


class UnreadableFileError(ValueError):
    """The file as a whole cannot be read; the message is for the user."""


# --- helpers ---------------------------------------------------------------

_SUFFIX = re.compile(r"(_\d+|\s*\([^)]*\))+$")


def normalise_header(header: str) -> str:
    """ "Regioaanduiding/Codering (code)" and "Codering_3" both become "codering"."""
    text = header.strip().strip('"').strip()
    if "/" in text:
        text = text.rsplit("/", 1)[1]
    text = _SUFFIX.sub("", text).strip().lower()
    return re.sub(r"[\s_]+", " ", text)


NAME_HEADERS = ("wijken en buurten", "regio's", "regios", "regio", "naam", "name", "title")
CODE_HEADERS = ("codering", "code", "regiocode", "key", "identifier", "statcode")
TYPE_HEADERS = ("soort regio", "soortregio")
PERIOD_HEADERS = ("perioden", "periode", "jaar", "year")
# Not in a CBS export: columns you add yourself (see docs/areas.md).
WOONPLAATS_HEADERS = ("woonplaats", "meest voorkomende woonplaats", "plaats")
ALTERNATIVE_HEADERS = ("andere namen", "alternatieve namen", "ook bekend als")


def _row_location(row: int) -> str:
    return _("row %(row)s") % {"row": row}


def _cell_location(row: int, column: str) -> str:
    return _("row %(row)s, column '%(column)s'") % {"row": row, "column": column}


def _invalid_code_message(code: str) -> str:
    level = cbs.claimed_level(code)
    if level is cbs.Level.GEMEENTE:
        hint = _("A gemeente code is GM and 4 digits, for example GM0392.")
    elif level is cbs.Level.WIJK:
        hint = _("A wijk code is WK and 6 characters, for example WK039201.")
    else:
        hint = _("A buurt code is BU and 8 characters, for example BU03920102.")
    return _("'%(code)s' is not a valid CBS code. %(hint)s") % {"code": code, "hint": hint}


def check_code(raw: str) -> tuple[str | None, str | None, bool]:
    """(code, problem, skip) for one raw code value."""
    code = cbs.normalise_code(raw)
    if not code:
        return None, _("The CBS code is empty."), False
    if cbs.is_other_region(code):
        return None, None, True  # NL00, PV27, ...: not an area, skip quietly.
    if not cbs.is_area_code_like(code):
        return (
            None,
            _("'%(code)s' is not a CBS code of a gemeente (GM), wijk (WK) or buurt (BU).")
            % {"code": code},
            False,
        )
    if not cbs.is_valid(code):
        return None, _invalid_code_message(code), False
    return code, None, False


def _check_type(code: str, region_type: str) -> str | None:
    if not region_type.strip():
        return None
    level = cbs.level_from_region_type(region_type)
    if level is None:
        return None
    actual = cbs.level_of(code)
    if level is not actual:
        return _("The type of region is '%(type)s', but %(code)s is the code of a %(level)s.") % {
            "type": region_type.strip(),
            "code": code,
            "level": actual.value,
        }
    return None


def _check_year(raw: str) -> tuple[int | None, str | None]:
    if not raw.strip():
        return None, None
    year = cbs.year_from_period(raw)
    if year is None:
        return None, _("'%(value)s' is not a year. Use for example 2024 or 2024JJ00.") % {
            "value": raw.strip()
        }
    return year, None


def _add(parsed: ParsedFile, location: str, message: str) -> None:
    if len(parsed.problems) < MAX_PROBLEMS:
        parsed.problems.append(Problem(location, message))
    elif len(parsed.problems) == MAX_PROBLEMS:
        parsed.problems.append(Problem("", _("More problems found; fix these first.")))


# --- CSV -------------------------------------------------------------------


def _find_column(headers: list[str], wanted: Iterable[str]) -> str | None:
    normalised = {h: normalise_header(h) for h in headers}
    for name in wanted:
        for header, norm in normalised.items():
            if norm == name:
                return header
    return None


def _looks_like_codes(values: list[str], share: float = 0.8) -> bool:
    filled = [cbs.normalise_code(v) for v in values if v.strip()]
    if not filled:
        return False
    hits = sum(1 for v in filled if cbs.is_area_code_like(v) or cbs.is_other_region(v))
    return hits / len(filled) >= share


def _find_code_column(table: tabular.Table) -> str | None:
    sample = table.rows[:200]
    named = _find_column(table.headers, CODE_HEADERS)
    # A column named "Codering" needs only half its values to look like codes,
    # so that a file with many bad codes still gets row-by-row messages.
    if named and _looks_like_codes([row.get(named) for row in sample], share=0.5):
        return named
    for header in table.headers:
        if _looks_like_codes([row.get(header) for row in sample]):
            return header
    return None


def _find_name_column(table: tabular.Table, code_column: str) -> str | None:
    sample = table.rows[:200]
    for name in NAME_HEADERS:
        for header in table.headers:
            if header == code_column or normalise_header(header) != name:
                continue
            if not _looks_like_codes([row.get(header) for row in sample]):
                return header
    return None


def parse_csv(data: bytes) -> ParsedFile:
    try:
        table = tabular.read_csv(data)
    except tabular.TableError as exc:
        raise UnreadableFileError(str(exc)) from exc
    parsed = ParsedFile(format="csv")
    if not table.rows:
        raise UnreadableFileError(_("The file has a header row but no regions."))
    code_column = _find_code_column(table)
    if code_column is None:
        raise UnreadableFileError(
            _(
                "No column with CBS codes found. The file needs a column 'Codering' "
                "(or another column) with codes such as GM0392, WK039201 or BU03920102."
            )
        )
    name_column = _find_name_column(table, code_column)
    if name_column is None:
        raise UnreadableFileError(
            _(
                "No column with the names of the regions found. "
                "The file needs a column 'Wijken en buurten' or 'Naam'."
            )
        )
    type_column = _find_column(table.headers, TYPE_HEADERS)
    period_column = _find_column(table.headers, PERIOD_HEADERS)
    woonplaats_column = _find_column(table.headers, WOONPLAATS_HEADERS)
    alternative_column = _find_column(table.headers, ALTERNATIVE_HEADERS)
    for row in table.rows:
        code, problem, skip = check_code(row.get(code_column))
        if skip:
            parsed.skipped += 1
            continue
        if problem:
            _add(parsed, _cell_location(row.number, code_column), problem)
            continue
        assert code is not None
        name = row.get(name_column).strip()
        if not name:
            _add(parsed, _cell_location(row.number, name_column), _("The name is empty."))
            continue
        if type_column and (problem := _check_type(code, row.get(type_column))):
            _add(parsed, _cell_location(row.number, type_column), problem)
            continue
        year = None
        if period_column:
            year, problem = _check_year(row.get(period_column))
            if problem:
                _add(parsed, _cell_location(row.number, period_column), problem)
                continue
        parsed.rows.append(
            RegionRow(
                code=code,
                name=name[:120],
                level=cbs.level_of(code),
                location=_row_location(row.number),
                code_location=_cell_location(row.number, code_column),
                year=year,
                woonplaats=row.get(woonplaats_column).strip()[:120] if woonplaats_column else None,
                alternative_names=(
                    _clean_names(row.get(alternative_column)) if alternative_column else None
                ),
            )
        )
    return parsed


def _clean_names(raw: str) -> str:
    return ", ".join(n.strip() for n in raw.split(",") if n.strip())[:500]


# --- JSON ------------------------------------------------------------------

# (code key, name key) pairs, most specific first.
_JSON_SHAPES = (
    ("Codering_3", "WijkenEnBuurten"),  # TypedDataSet (cbsodata puts titles in WijkenEnBuurten)
    ("WijkenEnBuurten", "Title"),
    ("Key", "Title"),  # OData v3 dimension WijkenEnBuurten
    ("Identifier", "Title"),  # OData v4 WijkenEnBuurtenCodes
    ("statcode", "statnaam"),  # PDOK wijk- en buurtkaart properties
)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _json_row(parsed: ParsedFile, index: int, item: Any) -> None:
    base = f"value[{index}]"
    if not isinstance(item, dict):
        _add(parsed, base, _("Expected an object with a code and a name."))
        return
    code_key = name_key = None
    for candidate_code, candidate_name in _JSON_SHAPES:
        if candidate_code in item:
            code_key, name_key = candidate_code, candidate_name
            break
    if code_key is None:
        _add(
            parsed,
            base,
            _("No CBS code found. Expected a field Key, WijkenEnBuurten or Codering_3."),
        )
        return
    code, problem, skip = check_code(_text(item.get(code_key)))
    if skip:
        parsed.skipped += 1
        return
    if problem:
        _add(parsed, f"{base}.{code_key}", problem)
        return
    assert code is not None
    name = _text(item.get(name_key)).strip()
    if name and cbs.normalise_code(name) == code:
        name = ""  # The raw TypedDataSet has the code in WijkenEnBuurten, not the name.
    if not name and cbs.level_of(code) is cbs.Level.GEMEENTE:
        name = _text(item.get("Gemeentenaam_1")).strip()
    if not name:
        _add(
            parsed,
            f"{base}.{name_key}",
            _(
                "The name is missing. Use the WijkenEnBuurten list of the table "
                "(it has Key and Title), or the data from cbsodata."
            ),
        )
        return
    region_type = _text(item.get("SoortRegio_2"))
    if problem := _check_type(code, region_type):
        _add(parsed, f"{base}.SoortRegio_2", problem)
        return
    year, problem = _check_year(_text(item.get("Perioden")))
    if problem:
        _add(parsed, f"{base}.Perioden", problem)
        return
    parsed.rows.append(
        RegionRow(
            code=code,
            name=name[:120],
            level=cbs.level_of(code),
            location=base,
            code_location=f"{base}.{code_key}",
            year=year,
        )
    )


def parse_json(data: bytes) -> ParsedFile:
    try:
        document = reading.read_json(data)
    except tabular.TableError as exc:  # not JSON, or a reading limit
        raise UnreadableFileError(str(exc)) from exc
    if isinstance(document, dict) and isinstance(document.get("value"), list):
        items = document["value"]
    elif isinstance(document, list):
        items = document
    else:
        raise UnreadableFileError(
            _("The JSON has no list 'value'. Save the answer of the CBS OData API as it is.")
        )
    if not items:
        raise UnreadableFileError(_("The list 'value' is empty."))
    parsed = ParsedFile(format="json")
    for index, item in enumerate(items):
        _json_row(parsed, index, item)
    return parsed


def is_json(data: bytes, filename: str = "") -> bool:
    if filename.lower().endswith(".json"):
        return True
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return head in (b"{", b"[")


def parse_region_file(data: bytes, filename: str = "") -> ParsedFile:
    """Parse a StatLine CSV or CBS OData JSON file; raise UnreadableFileError if unreadable."""
    if not data.strip():
        raise UnreadableFileError(_("The file is empty."))
    if tabular.is_xlsx(data, filename):
        raise UnreadableFileError(_("Save the StatLine table as CSV (not Excel) and try again."))
    if is_json(data, filename):
        return parse_json(data)
    return parse_csv(data)
