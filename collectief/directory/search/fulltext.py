"""Full-text search of the sociale kaart, in Dutch, per database vendor.

- PostgreSQL: the stored ``search_document`` column (``to_tsvector('dutch',
  search_text)``, migration ``0104``) with its GIN index; prefix matches of
  Snowball-stemmed words, ranked with ``ts_rank``.
- SQLite: an FTS5 table of the Snowball-stemmed ``Service.search_text``, kept
  in sync by triggers (migrations ``0100`` and ``0105``) that call
  :func:`stem_text`, registered on every connection; prefix matches of the
  stemmed words, ranked with bm25. The same stemmer and stop words as
  PostgreSQL's ``dutch``, so both databases find the same.
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
    """The document as SQLite indexes it: every word by its Snowball stem, no stop words."""
    words = _WORD.findall((text or "").lower())
    return " ".join(dutch_stem(w) for w in words if w not in DUTCH_STOP_WORDS)


def query_words(query: str) -> list[str]:
    words = _WORD.findall(query.lower())
    return [w for w in words if len(w) >= 2 and w not in DUTCH_STOP_WORDS][:12]


def _pg_tsquery(words: list[str]) -> str:
    return " & ".join(f"{w}:*" for w in words)


def _fts5_query(words: list[str]) -> str:
    return " ".join(f'"{dutch_stem(w)}"*' for w in words)


# Called by the SQLite triggers of migration 0105 (which name it literally).
SQLITE_STEM_FUNCTION = "collectief_dutch_stems"


def register_sqlite_functions(sender: Any = None, connection: Any = None, **kwargs: Any) -> None:
    """Give a new SQLite connection the stem function the FTS triggers call (connection_created)."""
    if connection is None or connection.vendor != "sqlite":
        return
    connection.connection.create_function(SQLITE_STEM_FUNCTION, 1, stem_text, deterministic=True)


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
