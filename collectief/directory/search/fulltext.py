"""Full-text search of the sociale kaart, in Dutch, per database vendor.

- PostgreSQL: ``to_tsvector('dutch', search_text)`` with a GIN index (migration
  ``0100_search_indexes``), or the stored ``search_document`` column of
  migration ``0104`` when it exists; prefix matches of Snowball-stemmed
  words, ranked with ``ts_rank``.
- SQLite: an FTS5 table of the Snowball-stemmed ``Service.search_text``, kept
  in sync by triggers (:data:`SQLITE_FTS_SQL`, created by
  :func:`ensure_sqlite_fts`) that call the stemmer registered on every
  connection; prefix matches of the stemmed words, ranked with bm25. The same
  stemmer and stop words as PostgreSQL's ``dutch``, so both find the same.
- Other databases: a plain, unstemmed match on every word.
"""

from __future__ import annotations

import re
from typing import Any

import snowballstemmer
from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from collectief.directory.models import Service

_WORD = re.compile(r"\w+", re.UNICODE)

# PostgreSQL's "dutch" text search configuration is the original Snowball
# Dutch stemmer, which snowballstemmer 3 calls "dutch_porter" (its "dutch" is
# a newer algorithm that stems "geldzorgen" to "ldzorg").
_STEMMER: Any = snowballstemmer.stemmer(
    "dutch_porter" if "dutch_porter" in snowballstemmer.algorithms() else "dutch"
)

# PostgreSQL's tsearch_data/dutch.stop (the Snowball Dutch stop list): the
# words PostgreSQL leaves out of documents and questions. Left out on SQLite
# too, so that both databases find the same.
DUTCH_STOP_WORDS = frozenset(
    [
        "de",
        "en",
        "van",
        "ik",
        "te",
        "dat",
        "die",
        "in",
        "een",
        "hij",
        "het",
        "niet",
        "zijn",
        "is",
        "was",
        "op",
        "aan",
        "met",
        "als",
        "voor",
        "had",
        "er",
        "maar",
        "om",
        "hem",
        "dan",
        "zou",
        "of",
        "wat",
        "mijn",
        "men",
        "dit",
        "zo",
        "door",
        "over",
        "ze",
        "zich",
        "bij",
        "ook",
        "tot",
        "je",
        "mij",
        "uit",
        "der",
        "daar",
        "haar",
        "naar",
        "heb",
        "hoe",
        "heeft",
        "hebben",
        "deze",
        "u",
        "want",
        "nog",
        "zal",
        "me",
        "zij",
        "nu",
        "ge",
        "geen",
        "omdat",
        "iets",
        "worden",
        "toch",
        "al",
        "waren",
        "veel",
        "meer",
        "doen",
        "toen",
        "moet",
        "ben",
        "zonder",
        "kan",
        "hun",
        "dus",
        "alles",
        "onder",
        "ja",
        "eens",
        "hier",
        "wie",
        "werd",
        "altijd",
        "doch",
        "wordt",
        "wezen",
        "kunnen",
        "ons",
        "zelf",
        "tegen",
        "na",
        "reeds",
        "wil",
        "kon",
        "niets",
        "uw",
        "iemand",
        "geweest",
        "andere",
    ]
)


def dutch_stem(word: str) -> str:
    """The Snowball Dutch stem, as PostgreSQL's ``dutch`` configuration makes it."""
    return str(_STEMMER.stemWord(word.lower()))


def light_dutch_stem(word: str) -> str:
    """Kept for callers of the old name: now the Snowball Dutch stem."""
    return dutch_stem(word)


def stem_text(text: str | None) -> str:
    """The document as SQLite indexes it: every word by its Snowball stem."""
    words = _WORD.findall((text or "").lower())
    return " ".join(dutch_stem(w) for w in words if w not in DUTCH_STOP_WORDS)


def query_words(query: str) -> list[str]:
    words = _WORD.findall(query.lower())
    return [w for w in words if len(w) >= 2 and w not in DUTCH_STOP_WORDS][:12]


def _pg_tsquery(words: list[str]) -> str:
    return " & ".join(f"{w}:*" for w in words)


def _fts5_query(words: list[str]) -> str:
    return " ".join(f'"{dutch_stem(w)}"*' for w in words)


# The SQL below names this function literally.
SQLITE_STEM_FUNCTION = "collectief_dutch_stems"


def register_sqlite_functions(sender: Any = None, connection: Any = None, **kwargs: Any) -> None:
    """Give a SQLite connection the stem function the FTS triggers call (connection_created)."""
    if connection is None or connection.vendor != "sqlite":
        return
    connection.connection.create_function(SQLITE_STEM_FUNCTION, 1, stem_text, deterministic=True)


SQLITE_FTS_SQL = (
    # A plain table with a stable integer key, one row per service, as the
    # content of the FTS5 index (rowids of directory_service may change on VACUUM).
    "CREATE TABLE IF NOT EXISTS directory_service_search ("
    " id INTEGER PRIMARY KEY, service_id TEXT NOT NULL UNIQUE, body TEXT NOT NULL DEFAULT '')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS directory_service_fts USING fts5("
    "body, content='directory_service_search', content_rowid='id',"
    " tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS directory_service_search_ai"
    " AFTER INSERT ON directory_service_search BEGIN"
    " INSERT INTO directory_service_fts(rowid, body) VALUES (new.id, new.body); END",
    "CREATE TRIGGER IF NOT EXISTS directory_service_search_ad"
    " AFTER DELETE ON directory_service_search BEGIN"
    " INSERT INTO directory_service_fts(directory_service_fts, rowid, body)"
    " VALUES ('delete', old.id, old.body); END",
    "CREATE TRIGGER IF NOT EXISTS directory_service_search_au"
    " AFTER UPDATE ON directory_service_search BEGIN"
    " INSERT INTO directory_service_fts(directory_service_fts, rowid, body)"
    " VALUES ('delete', old.id, old.body);"
    " INSERT INTO directory_service_fts(rowid, body) VALUES (new.id, new.body); END",
    "CREATE TRIGGER IF NOT EXISTS directory_service_stems_ai AFTER INSERT ON directory_service"
    " BEGIN INSERT INTO directory_service_search(service_id, body)"
    " VALUES (new.id, collectief_dutch_stems(new.search_text)); END",
    "CREATE TRIGGER IF NOT EXISTS directory_service_stems_au"
    " AFTER UPDATE OF search_text ON directory_service BEGIN"
    " UPDATE directory_service_search SET body = collectief_dutch_stems(new.search_text)"
    " WHERE service_id = new.id; END",
    "CREATE TRIGGER IF NOT EXISTS directory_service_stems_ad AFTER DELETE ON directory_service"
    " BEGIN DELETE FROM directory_service_search WHERE service_id = old.id; END",
)
SQLITE_FTS_BACKFILL = (
    "INSERT INTO directory_service_search(service_id, body)"
    " SELECT id, collectief_dutch_stems(search_text) FROM directory_service"
    " WHERE id NOT IN (SELECT service_id FROM directory_service_search)"
)


SQLITE_FTS_RESTEM = (
    "UPDATE directory_service_search SET body = collectief_dutch_stems("
    "(SELECT search_text FROM directory_service WHERE directory_service.id = service_id))"
)


def ensure_sqlite_fts(conn: Any = None) -> None:
    """Create the SQLite FTS5 index if it is missing (tests build tables without migrations)."""
    conn = conn or connection
    if conn.vendor != "sqlite":
        return
    conn.ensure_connection()
    register_sqlite_functions(connection=conn)
    with conn.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'trigger'"
            " AND name = 'directory_service_stems_ad'"
        )
        if cursor.fetchone():
            return
        # An index of the unstemmed text (before migration 0105): replace
        # its triggers and stem every document once.
        for old in (
            "directory_service_fts_ai",
            "directory_service_fts_au",
            "directory_service_fts_ad",
        ):
            cursor.execute(f"DROP TRIGGER IF EXISTS {old}")
        for statement in SQLITE_FTS_SQL:
            cursor.execute(statement)
        cursor.execute(SQLITE_FTS_RESTEM)
        cursor.execute(SQLITE_FTS_BACKFILL)


# Whether directory_service has the stored search_document column of
# migration 0104, per database (tests create tables without migrations).
_STORED_DOCUMENT: dict[tuple[str, str], bool] = {}


def has_stored_search_document() -> bool:
    """Whether PostgreSQL has the generated ``search_document`` column (migration 0104)."""
    key = (connection.alias, str(connection.settings_dict.get("NAME")))
    if key not in _STORED_DOCUMENT:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()"
                " AND table_name = %s AND column_name = 'search_document'",
                [Service._meta.db_table],
            )
            _STORED_DOCUMENT[key] = cursor.fetchone() is not None
    return _STORED_DOCUMENT[key]


def _text_filter(qs: QuerySet[Service], words: list[str]) -> QuerySet[Service]:
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import (
            SearchQuery,
            SearchRank,
            SearchVector,
            SearchVectorField,
        )

        vector: Any = SearchVector("search_text", config="dutch")
        if has_stored_search_document():
            # The same document, computed once per write instead of per match.
            table = connection.ops.quote_name(Service._meta.db_table)
            vector = RawSQL(  # noqa: S611 - a fixed column name
                f"{table}.search_document", [], output_field=SearchVectorField()
            )
        tsquery = SearchQuery(_pg_tsquery(words), config="dutch", search_type="raw")
        return (
            qs.annotate(search_document=vector)
            .filter(search_document=tsquery)
            .annotate(search_rank=SearchRank(vector, tsquery))
            .order_by("-search_rank", "name")
        )
    if connection.vendor == "sqlite":
        ensure_sqlite_fts()
        return qs.extra(
            tables=["directory_service_search", "directory_service_fts"],
            where=[
                "directory_service_search.service_id = directory_service.id",
                "directory_service_fts.rowid = directory_service_search.id",
                "directory_service_fts MATCH %s",
            ],
            params=[_fts5_query(words)],
            select={"search_rank": "-directory_service_fts.rank"},
        ).order_by("-search_rank", "name")
    # Other databases: a plain (slow, unstemmed) match on every word.
    for word in words:
        qs = qs.filter(search_text__icontains=word)
    return qs
