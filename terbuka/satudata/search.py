"""Full-text search over datasets, on the database the installation uses.

PostgreSQL: a GIN index on to_tsvector('simple', search_text), queried with to_tsquery and
ranked with ts_rank. SQLite: an FTS5 table whose rowid is the dataset id, ranked with bm25.
Both index the same pre-stemmed words (textsearch.index_text), so results agree across them.
The index is created by migration 0002; `sync` keeps the SQLite table current after writes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from terbuka.satudata import textsearch

FTS_TABLE = "satudata_dataset_fts"


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def document(dataset, *, tags: Iterable[str] = (), org: str = "") -> str:
    return textsearch.index_text(
        dataset.title, dataset.title, dataset.name.replace("-", " "), " ".join(tags), org,
        dataset.tema, dataset.notes,
    )


def sync(ids: Iterable[int]) -> None:
    """Copy search_text of these datasets into the SQLite FTS table (PostgreSQL indexes the
    column itself)."""
    ids = list(ids)
    if not ids or is_postgres():
        return
    with connection.cursor() as cursor:
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join("%s" for _ in chunk)
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", chunk)  # noqa: S608
            cursor.execute(
                f"INSERT INTO {FTS_TABLE}(rowid, body) SELECT id, search_text "  # noqa: S608
                f"FROM satudata_dataset WHERE id IN ({marks})", chunk,
            )


def forget(ids: Iterable[int]) -> None:
    ids = list(ids)
    if not ids or is_postgres():
        return
    with connection.cursor() as cursor:
        marks = ",".join("%s" for _ in ids)
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", ids)  # noqa: S608


def matching(qs: QuerySet, q: str) -> QuerySet | None:
    """`qs` narrowed to datasets matching the free text `q`; None when `q` holds no searchable
    word. No score is attached here (a per-row score in every facet subquery is what made
    searches slow); `ranked_ids` orders a page by it."""
    groups = textsearch.query_terms(q)
    if not groups:
        return None
    if is_postgres():
        query = SearchQuery(textsearch.tsquery(groups), search_type="raw", config="simple")
        return qs.annotate(_sv=SearchVector("search_text", config="simple")).filter(_sv=query)
    table = FTS_TABLE
    return qs.filter(
        id__in=RawSQL(  # noqa: S611 (the table name is ours; the match is a parameter)
            f"SELECT rowid FROM {table} WHERE {table} MATCH %s",  # noqa: S608
            [textsearch.fts5_query(groups)])
    )


def ranked_ids(pairs: list[tuple[int, Any]], q: str, start: int, rows: int) -> list[int]:
    """Ids of one page of the matches `pairs` ((id, metadata_modified) from a query narrowed by
    `matching`), most relevant first, then newest. The scores come from one query to the
    search engine: ts_rank on PostgreSQL, bm25 (lower is better) on SQLite."""
    groups = textsearch.query_terms(q)
    ids = [p[0] for p in pairs]
    if is_postgres():
        from terbuka.satudata.models import Dataset

        query = SearchQuery(textsearch.tsquery(groups), search_type="raw", config="simple")
        score = dict(
            Dataset.objects.filter(pk__in=ids)
            .annotate(rank=SearchRank(SearchVector("search_text", config="simple"), query))
            .values_list("id", "rank"))
        sign = -1.0
    else:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, bm25({FTS_TABLE}) FROM {FTS_TABLE} "  # noqa: S608
                f"WHERE {FTS_TABLE} MATCH %s", [textsearch.fts5_query(groups)])
            score = dict(cursor.fetchall())
        sign = 1.0
    ordered = sorted(pairs, key=lambda p: (sign * score.get(p[0], 0.0),
                                           -p[1].timestamp(), -p[0]))
    return [p[0] for p in ordered[start:start + rows]]
