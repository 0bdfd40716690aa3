"""Full-text search of the sociale kaart, in Dutch, per database vendor.

- PostgreSQL: the stored ``search_document`` column (``to_tsvector('dutch',
  search_text)``, migration ``0104``) with its GIN index; prefix matches of
  Snowball-stemmed words, ranked with ``ts_rank``.
- SQLite: an FTS5 table kept in sync with ``Service.search_text`` by triggers
  (created by migration ``0100_search_indexes``), with the small
  :func:`light_dutch_stem` stemmer, ranked with bm25.
- Other databases: a plain, unstemmed match on every word.
"""

from __future__ import annotations

import re

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


def _text_filter(qs: QuerySet[Service], words: list[str]) -> QuerySet[Service]:
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import (
            SearchQuery,
            SearchRank,
            SearchVectorField,
        )

        # The document is stored (migration 0104): computed once per write
        # instead of once per match.
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
