"""Reading CBS files into indicator values, without touching the database.

Four shapes of the same Kerncijfers Wijken en Buurten table (anchors §1.2):

- OData v3 ``TypedDataSet`` JSON: one object per region, numbers typed,
  every missing value ``null`` (so unknown and secret cannot be told apart);
- OData v3 ``UntypedDataSet`` JSON: the same, every value a string padded
  with spaces, and the StatLine signs ``.`` (unknown), ``x`` (secret) and
  ``-`` (nil, which is 0);
- OData v4 ``Observations``: long format, one object per region × measure,
  with the stable measure code (``D006842``) and a ``ValueAttribute``;
- a StatLine CSV download with keys or titles as headers and the signs.

The v3 keys carry a position suffix that changes every year
(``PersonenPerSoortUitkeringBijstand_87`` in 2024, ``_92`` in 2023), so a
column is matched to the catalogue by its key stem, and when the stem is not
known by its title in ``DataProperties``. v3 files need their
``DataProperties``: without it a key of another year cannot be told from a
key of this one.

Every problem is collected with its place in the file (``value[12].AantalInwoners_5``,
``rij 7, kolom 'x'``); the caller writes nothing when there is any.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

from django.utils.translation import gettext as _

from collectief.areas.importing import Problem, check_code
from collectief.lib import reading, tabular

MAX_PROBLEMS = 200
# Kerncijfers Wijken en Buurten: indeling year → table id (anchors §1.1).
KWB_TABLES = {
    2013: "82339NED",
    2014: "82931NED",
    2015: "83220NED",
    2016: "83487NED",
    2017: "83765NED",
    2018: "84286NED",
    2019: "84583NED",
    2020: "84799NED",
    2021: "85039NED",
    2022: "85318NED",
    2023: "85618NED",
    2024: "85984NED",
    2025: "86165NED",
}
TABLE_YEARS = {table: year for year, table in KWB_TABLES.items()}
COUNTRY_CODES = ("NL00", "NL01")
REGION_KEY = "WijkenEnBuurten"
# Columns of the table that are not measures: the region and its description.
ID_STEMS = {
    "ID",
    REGION_KEY,
    "Gemeentenaam",
    "SoortRegio",
    "Codering",
    "IndelingswijzigingGemeenteWijkBuurt",
    "Perioden",
    "MeestVoorkomendePostcode",
    "Dekkingspercentage",
}
_SUFFIX = re.compile(r"_\d+$")
_TABLE_IN_URL = re.compile(r"/(?:odata|OData|CBS)/([0-9]{5}[A-Z]{3})\b", re.IGNORECASE)
# Decimal(16, 3) in the database.
MAX_ABS_VALUE = Decimal(10) ** 13
_MAX_ABS_INT = 10**13

OK, UNKNOWN, SECRET, NIL = "ok", "unknown", "secret", "nil"


def stem(key: str) -> str:
    """``AantalInwoners_5`` → ``AantalInwoners``."""
    return _SUFFIX.sub("", key.strip())


def normalise_title(title: str) -> str:
    """Titles compared without case, spaces and a unit in brackets at the end."""
    title = re.sub(r"\s*\([^)]*\)\s*$", "", title.strip())
    return " ".join(title.lower().split())


@dataclass(frozen=True)
class Catalogue:
    """How to find an indicator for a column: by key stem, CBS title or v4 measure code."""

    by_stem: dict[str, str]
    by_title: dict[str, str] = field(default_factory=dict)
    by_measure: dict[str, str] = field(default_factory=dict)

    def find(self, key: str, title: str = "") -> str | None:
        found = self.by_stem.get(stem(key)) or self.by_measure.get(key.strip())
        if found is None and title:
            found = self.by_title.get(normalise_title(title))
        return found


class Cell(NamedTuple):
    """One value read from the file.

    A named tuple, and its place in the file is only put into words when a
    problem needs it: a full CBS year has 1.7 million cells, and formatting
    a location for each took seconds of the import.
    """

    indicator: str  # the indicator's key stem
    region: str
    value: Decimal | None
    status: str
    row: int | str  # a CSV row number, or "value[12]" in a JSON file
    column: str = ""

    @property
    def location(self) -> str:
        if isinstance(self.row, int):
            return _("row %(row)s, column '%(column)s'") % {"row": self.row, "column": self.column}
        return f"{self.row}.{self.column}" if self.column else self.row


@dataclass
class ParsedFile:
    format: str = ""
    table_id: str | None = None
    cells: list[Cell] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped_regions: int = 0
    ignored_columns: set[str] = field(default_factory=set)

    def add(self, location: str, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(location, message))


class UnreadableFileError(ValueError):
    """The file as a whole cannot be read; the message is for the user."""


def parse_symbol(text: str) -> tuple[Decimal | None, str]:
    """One StatLine value as text: a number, or the sign and its meaning.

    ``.`` unknown, ``x`` secret, ``-`` nil (0); an empty cell is a value
    that cannot occur, kept as unknown. A trailing ``*`` (provisional) is
    dropped. Raises ValueError for text that is neither.
    """
    text = text.strip().rstrip("*").strip()
    if text in ("", "."):
        return None, UNKNOWN
    if text.lower() == "x":
        return None, SECRET
    if text == "-":
        return Decimal(0), NIL
    if "," in text and "." not in text:
        text = text.replace(",", ".")  # a Dutch decimal comma
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(text) from None
    return _checked(number), OK


def _checked(number: Decimal) -> Decimal:
    if not number.is_finite() or abs(number) >= MAX_ABS_VALUE:
        raise ValueError(str(number))
    return number


def _not_a_value(text: str) -> str:
    return _("'%(value)s' is not a number and not a CBS sign (. unknown, x secret, - nil).") % {
        "value": text.strip()[:40]
    }


def table_from_metadata(document: Any) -> str | None:
    """The table id in ``odata.metadata`` (v3) or ``@odata.context`` (v4), if any."""
    if not isinstance(document, dict):
        return None
    url = document.get("odata.metadata") or document.get("@odata.context") or ""
    match = _TABLE_IN_URL.search(str(url))
    return match.group(1).upper() if match else None


def _rows_of(document: Any) -> list[Any] | None:
    if isinstance(document, list):
        return document
    if isinstance(document, dict) and isinstance(document.get("value"), list):
        return document["value"]
    return None


def read_json_document(data: bytes, max_bytes: int) -> Any:
    limits = reading.Limits.from_settings()
    budget = reading.Budget(limits=_with_json_bytes(limits, max_bytes))
    try:
        return reading.read_json(data, budget)
    except reading.TableError as exc:
        raise UnreadableFileError(str(exc)) from exc


def _with_json_bytes(limits: reading.Limits, max_bytes: int) -> reading.Limits:
    from dataclasses import replace

    return replace(limits, json_bytes=max_bytes)


@dataclass(frozen=True)
class Properties:
    """DataProperties (v3) or MeasureCodes (v4): column key → title."""

    titles: dict[str, str]
    table_id: str | None


def parse_properties(data: bytes, max_bytes: int) -> Properties:
    document = read_json_document(data, max_bytes)
    rows = _rows_of(document)
    if rows is None:
        raise UnreadableFileError(
            _("The properties file is not a CBS DataProperties or MeasureCodes list.")
        )
    titles: dict[str, str] = {}
    for item in rows:
        if not isinstance(item, dict):
            continue
        key = item.get("Key") or item.get("Identifier")
        if isinstance(key, str) and key.strip():
            titles[key.strip()] = str(item.get("Title") or "")
    if not titles:
        raise UnreadableFileError(
            _("The properties file lists no columns (no Key or Identifier fields).")
        )
    return Properties(titles=titles, table_id=table_from_metadata(document))


def _region(parsed: ParsedFile, raw: Any, location: str) -> str | None:
    """The region code, or None (problem added, or a region we skip)."""
    if not isinstance(raw, str):
        parsed.add(location, _("The region code is missing."))
        return None
    code = raw.strip().upper()
    if code in COUNTRY_CODES:
        return code
    checked, problem, skip = check_code(code)
    if skip:
        parsed.skipped_regions += 1
        return None
    if problem is not None:
        parsed.add(location, problem)
        return None
    return checked


def _match_columns(
    parsed: ParsedFile,
    keys: Iterable[str],
    catalogue: Catalogue,
    properties: Properties | None,
    where: str,
) -> dict[str, str]:
    """Column key → indicator key stem for the columns the catalogue knows."""
    matched: dict[str, str] = {}
    for key in keys:
        if stem(key) in ID_STEMS:
            continue
        title = ""
        if properties is not None:
            if key not in properties.titles:
                parsed.add(
                    f"{where}.{key}",
                    _(
                        "The column %(key)s is not in the DataProperties file. Are the data "
                        "and the properties from the same table and year?"
                    )
                    % {"key": key},
                )
                continue
            title = properties.titles[key]
        indicator = catalogue.find(key, title)
        if indicator is None:
            parsed.ignored_columns.add(key)
        else:
            matched[key] = indicator
    return matched


def parse_v3(
    document: Any, catalogue: Catalogue, properties: Properties | None, *, untyped: bool
) -> ParsedFile:
    parsed = ParsedFile(format="v3-untyped" if untyped else "v3-typed")
    parsed.table_id = table_from_metadata(document)
    if properties is None:
        parsed.add(
            "",
            _(
                "An OData v3 file needs its DataProperties as well (--properties FILE): "
                "the column keys change every year and only DataProperties says what they mean."
            ),
        )
        return parsed
    _check_same_table(parsed, properties)
    rows = _rows_of(document) or []
    keys: dict[str, None] = {}
    for item in rows:
        if isinstance(item, dict):
            keys.update(dict.fromkeys(item))
    columns = _match_columns(parsed, keys, catalogue, properties, "value[0]")
    seen: set[str] = set()
    for index, item in enumerate(rows):
        # Each row is let go once read, so the parsed document shrinks while the cells grow
        # (a full year: about 130 MB of dicts; docs/performance.md). The rows are this
        # parse's own: parse_cbs_file made the document.
        rows[index] = None
        where = f"value[{index}]"
        if not isinstance(item, dict):
            parsed.add(where, _("Each row must be an object with keys and values."))
            continue
        region = _region(parsed, item.get(REGION_KEY), f"{where}.{REGION_KEY}")
        if region is None:
            continue
        if region in seen:
            parsed.add(f"{where}.{REGION_KEY}", _("%(code)s occurs twice.") % {"code": region})
            continue
        seen.add(region)
        for key, indicator in columns.items():
            if key not in item:
                continue
            raw = item[key]
            try:
                value, status = _v3_value(raw, untyped=untyped)
            except ValueError:
                location = f"{where}.{key}"
                if not untyped and isinstance(raw, str):
                    parsed.add(
                        location,
                        _(
                            "'%(value)s' is text in a column of numbers. Import the "
                            "UntypedDataSet to keep the meaning of CBS signs."
                        )
                        % {"value": raw.strip()[:40]},
                    )
                else:
                    parsed.add(location, _not_a_value(str(raw)))
                continue
            parsed.cells.append(Cell(indicator, region, value, status, where, key))
    return parsed


def _v3_value(raw: Any, *, untyped: bool) -> tuple[Decimal | None, str]:
    if raw is None:
        return None, UNKNOWN
    if untyped:
        if not isinstance(raw, str):
            raise ValueError(raw)
        return parse_symbol(raw)
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise ValueError(raw)
    return _number(raw), OK


def _number(raw: int | float) -> Decimal:
    # Whole numbers (most CBS values) convert directly; a float through its shortest text.
    if type(raw) is int:
        if -_MAX_ABS_INT < raw < _MAX_ABS_INT:
            return Decimal(raw)
        raise ValueError(str(raw))
    return _checked(Decimal(str(raw)))


def _check_same_table(parsed: ParsedFile, properties: Properties) -> None:
    if parsed.table_id and properties.table_id and parsed.table_id != properties.table_id:
        parsed.add(
            "",
            _(
                "The data are from table %(data)s, the properties from table %(properties)s. "
                "Use the properties of the same table."
            )
            % {"data": parsed.table_id, "properties": properties.table_id},
        )


# v4 ValueAttribute labels are not documented; anything but "None" means
# the value is missing. These words mean secret (anchors §1.5, UNVERIFIED).
_SECRET_ATTRIBUTES = ("secret", "confidential", "geheim")


def parse_v4(document: Any, catalogue: Catalogue, properties: Properties | None) -> ParsedFile:
    parsed = ParsedFile(format="v4")
    parsed.table_id = table_from_metadata(document)
    if properties is not None:
        _check_same_table(parsed, properties)
    seen: set[tuple[str, str]] = set()
    rows = _rows_of(document) or []
    for index, item in enumerate(rows):
        rows[index] = None  # let go of each observation once read, as parse_v3 does
        where = f"value[{index}]"
        if not isinstance(item, dict):
            parsed.add(where, _("Each row must be an object with keys and values."))
            continue
        measure = str(item.get("Measure") or "").strip()
        title = properties.titles.get(measure, "") if properties else ""
        indicator = catalogue.find(measure, title)
        if indicator is None:
            parsed.ignored_columns.add(measure)
            continue
        region = _region(parsed, item.get(REGION_KEY), f"{where}.{REGION_KEY}")
        if region is None:
            continue
        if (indicator, region) in seen:
            parsed.add(
                where,
                _("%(measure)s for %(code)s occurs twice.") % {"measure": measure, "code": region},
            )
            continue
        seen.add((indicator, region))
        try:
            value, status = _v4_value(item)
        except ValueError:
            parsed.add(f"{where}.Value", _not_a_value(str(item.get("Value"))))
            continue
        parsed.cells.append(Cell(indicator, region, value, status, where))
    return parsed


def _v4_value(item: dict[str, Any]) -> tuple[Decimal | None, str]:
    raw = item.get("Value")
    if raw is not None:
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            raise ValueError(raw)
        return _checked(Decimal(str(raw))), OK
    text = item.get("StringValue")
    if isinstance(text, str) and text.strip():
        return parse_symbol(text)
    attribute = str(item.get("ValueAttribute") or "").lower()
    if any(word in attribute for word in _SECRET_ATTRIBUTES):
        return None, SECRET
    return None, UNKNOWN


_REGION_HEADERS = {"wijkenenbuurten", "codering", "regiocode", "wijken en buurten"}


def parse_csv(data: bytes, catalogue: Catalogue, properties: Properties | None) -> ParsedFile:
    parsed = ParsedFile(format="csv")
    try:
        table = tabular.read_csv(data)
    except reading.TableError as exc:
        raise UnreadableFileError(str(exc)) from exc
    region_column = _csv_region_column(table)
    if region_column is None:
        parsed.add(
            _("row 1"),
            _("No column with CBS region codes (WijkenEnBuurten or Codering) was found."),
        )
        return parsed
    headers = [h for h in table.headers if h != region_column]
    columns: dict[str, str] = {}
    for header in headers:
        if stem(header) in ID_STEMS or normalise_title(header) in _REGION_HEADERS:
            continue
        title = properties.titles.get(header, "") if properties else header
        indicator = catalogue.find(header, title or header)
        if indicator is None:
            parsed.ignored_columns.add(header)
        else:
            columns[header] = indicator
    seen: set[str] = set()
    for row in table.rows:
        region_where = _("row %(row)s, column '%(column)s'") % {
            "row": row.number,
            "column": region_column,
        }
        region = _region(parsed, row.get(region_column), region_where)
        if region is None:
            continue
        if region in seen:
            parsed.add(region_where, _("%(code)s occurs twice.") % {"code": region})
            continue
        seen.add(region)
        for header, indicator in columns.items():
            try:
                value, status = parse_symbol(row.get(header))
            except ValueError:
                location = _("row %(row)s, column '%(column)s'") % {
                    "row": row.number,
                    "column": header,
                }
                parsed.add(location, _not_a_value(row.get(header)))
                continue
            parsed.cells.append(Cell(indicator, region, value, status, int(row.number), header))
    return parsed


def _csv_region_column(table: tabular.Table) -> str | None:
    for header in table.headers:
        if stem(header).lower() in _REGION_HEADERS or normalise_title(header) in _REGION_HEADERS:
            return header
    return None


def parse_cbs_file(
    data: bytes,
    filename: str,
    catalogue: Catalogue,
    *,
    properties: Properties | None,
    max_bytes: int,
) -> ParsedFile:
    """Parse any of the four shapes; UnreadableFileError when it is none of them."""
    if _looks_like_json(data, filename):
        document = read_json_document(data, max_bytes)
        rows = _rows_of(document)
        if not rows:
            raise UnreadableFileError(
                _("The JSON file holds no rows (a list, or an object with a 'value' list).")
            )
        first = next((r for r in rows if isinstance(r, dict)), {})
        if "Measure" in first:
            return parse_v4(document, catalogue, properties)
        if REGION_KEY not in first:
            raise UnreadableFileError(
                _(
                    "The rows have no WijkenEnBuurten key: this is not a CBS table of "
                    "wijken and buurten."
                )
            )
        metadata = str(document.get("odata.metadata", "")) if isinstance(document, dict) else ""
        untyped = "UntypedDataSet" in metadata or (
            "TypedDataSet" not in metadata and _all_text(rows)
        )
        return parse_v3(document, catalogue, properties, untyped=untyped)
    return parse_csv(data, catalogue, properties)


def _looks_like_json(data: bytes, filename: str) -> bool:
    if filename.lower().endswith(".json"):
        return True
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head[:1] in (b"{", b"[")


def _all_text(rows: list[Any]) -> bool:
    """True when every measure value in the first rows is a string (UntypedDataSet)."""
    values = [
        value
        for item in rows[:20]
        if isinstance(item, dict)
        for key, value in item.items()
        if stem(key) not in ID_STEMS and value is not None
    ]
    return bool(values) and all(isinstance(v, str) for v in values)
