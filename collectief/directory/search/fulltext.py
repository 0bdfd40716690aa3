"""Full-text search of the sociale kaart, in Dutch, per database vendor.

- PostgreSQL: ``to_tsvector('dutch', search_text)`` with a GIN index (migration
  ``0100_search_indexes``), or the stored ``search_document`` column of
  migration ``0104`` when it exists; prefix matches of Snowball-stemmed
  words, ranked with ``ts_rank``.
- SQLite: an FTS5 table kept in sync with ``Service.search_text`` by triggers
  (:data:`SQLITE_FTS_SQL`, created by :func:`ensure_sqlite_fts`), with the
  small :func:`light_dutch_stem` stemmer, ranked with bm25.
- Other databases: a plain, unstemmed match on every word.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from collectief.directory.models import Service

_WORD = re.compile(r"\w+", re.UNICODE)
_SUFFIXES = ("heden", "heid", "ingen", "ing", "tjes", "jes", "tje", "je", "en", "e", "s")
_VOWELS = set("aeiouy")


def light_dutch_stem(word: str) -> str:
    """A small Dutch stemmer for SQLite, matched as a prefix.

    Strips one common ending and undoes the Dutch open-syllable spelling, so
    that eenzame, eenzaam and eenzaamheid share the prefix "eenza".
    """
    word = word.lower()
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    # eenzam(e) -> eenza, eenzaam -> eenza: drop the last consonant after a
    # vowel so that single and doubled vowels match.
    if (
        len(word) >= 6
        and word[-1] not in _VOWELS
        and word[-2] in _VOWELS
        and (word[-3] not in _VOWELS or word[-3] == word[-2])
    ):
        word = word[:-1]
        if word[-1] == word[-2]:
            word = word[:-1]
    return word


def query_words(query: str) -> list[str]:
    return [w for w in _WORD.findall(query.lower()) if len(w) >= 2][:12]


def _pg_tsquery(words: list[str]) -> str:
    return " & ".join(f"{w}:*" for w in words)


def _fts5_query(words: list[str]) -> str:
    return " ".join(f'"{light_dutch_stem(w)}"*' for w in words)


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
    "CREATE TRIGGER IF NOT EXISTS directory_service_fts_ai AFTER INSERT ON directory_service"
    " BEGIN INSERT INTO directory_service_search(service_id, body)"
    " VALUES (new.id, COALESCE(new.search_text, '')); END",
    "CREATE TRIGGER IF NOT EXISTS directory_service_fts_au"
    " AFTER UPDATE OF search_text ON directory_service BEGIN"
    " UPDATE directory_service_search SET body = COALESCE(new.search_text, '')"
    " WHERE service_id = new.id; END",
    "CREATE TRIGGER IF NOT EXISTS directory_service_fts_ad AFTER DELETE ON directory_service"
    " BEGIN DELETE FROM directory_service_search WHERE service_id = old.id; END",
)
SQLITE_FTS_BACKFILL = (
    "INSERT INTO directory_service_search(service_id, body)"
    " SELECT id, COALESCE(search_text, '') FROM directory_service"
    " WHERE id NOT IN (SELECT service_id FROM directory_service_search)"
)


def ensure_sqlite_fts(conn: Any = None) -> None:
    """Create the SQLite FTS5 index if it is missing (tests build tables without migrations)."""
    conn = conn or connection
    if conn.vendor != "sqlite":
        return
    with conn.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = 'directory_service_fts_ad'"
        )
        if cursor.fetchone():
            return
        for statement in SQLITE_FTS_SQL:
            cursor.execute(statement)
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
