"""Rows of articles, their per-annotator status, and bulk reads for exports."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence

from ..domain.errors import NotFound
from ..domain.model import (
    Article,
    ArticleDetails,
    ArticleListing,
    ArticleSummary,
)
from .base import RepositoryBase
from .bulk import filled_once
from .db import translate_errors
from .rows import (
    article_from,
    now,
)

_LISTED = (
    "SELECT a.id, a.title, a.outlet, a.date, c.counts FROM articles a "
    "LEFT JOIN article_quote_counts c ON c.article_id = a.id ORDER BY a.id"
)  # the covering index articles_listed (migration 0004) and the counts (0005): no text
_LISTED_ALONE = "SELECT id, title, outlet, date FROM articles ORDER BY id"
FEW_COUNTED = 2000
"""Below this many articles with quotes, their counts are read on their own and the list
scans the articles alone: the join's lookup for every article cost a quarter of listing
10,000 articles of which none had a quote yet (a project just imported)."""

# No counts or no status: one mapping for all such articles. A plain dict, read-only by
# contract (ArticleSummary), since summaries are also printed as JSON.
_NONE: Mapping = {}


class _QuoteCounts(dict):
    """Quotes per annotator, in annotator order, for each ``counts`` that ``_LISTED``
    gives (``'1:4,2:3'``, None for none), parsed once: many articles share one, and so
    they share the mapping (read-only, as :class:`ArticleSummary` says)."""

    def __init__(self, names: dict[int, str]) -> None:
        super().__init__()
        self.names = names

    def __missing__(self, counts: str | None) -> dict[str, int]:
        pairs = [pair.split(":") for pair in counts.split(",")] if counts else []
        by_id = sorted((int(n), int(count)) for n, count in pairs)
        made = self[counts] = {self.names[n]: count for n, count in by_id}
        return made


class ArticleRows(RepositoryBase):
    """Rows of articles, their per-annotator status, and bulk reads for exports."""

    # -- articles -----------------------------------------------------------

    def add_article(self, article: Article) -> tuple[Article, bool]:
        """Store ``article`` unless its text is already here; returns (stored, added)."""
        existing = self.article_by_digest(article.text_sha256)
        if existing is not None:
            return existing, False
        cursor = self.db.execute(
            "INSERT INTO articles(text_sha256, title, outlet, date, url, source, text, "
            "text_length, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                article.text_sha256,
                article.title,
                article.outlet,
                article.date,
                article.url,
                article.source,
                article.text,
                len(article.text),
                now(),
            ],
        )
        return article.with_id(cursor.lastrowid), True

    def add_articles(self, articles: Sequence[Article]) -> list[tuple[Article, bool]]:
        """:meth:`add_article` for many at once: one lookup of known digests per 500,
        one ``executemany``; returns (stored, added) for each, in order. A text that
        occurs twice in ``articles`` is added once, and the second is a duplicate.
        An id that an article holds (from another project) is never used."""
        texts = {a.text_sha256: a.text for a in articles}
        digests = sorted(texts)
        existing: dict[str, Article] = {}
        for first in range(0, len(digests), 500):
            chunk = digests[first : first + 500]
            marks = ", ".join("?" * len(chunk))
            # The stored metadata, but not the text: it is the one we hold (same digest).
            for id_, sha, title, outlet, date, url, source in self.db.execute(
                "SELECT id, text_sha256, title, outlet, date, url, source FROM articles "
                f"WHERE text_sha256 IN ({marks})",
                chunk,
            ):
                existing[sha] = Article(texts[sha], title, outlet, date, url, source, id_, sha)
        fresh: dict[str, Article] = {}
        for article in articles:
            if article.text_sha256 not in existing:
                fresh.setdefault(article.text_sha256, article)
        if fresh:
            self._cache_batch(sum(len(a.text) for a in fresh.values()))
            stamp = now()
            after = self.db.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0]
            with filled_once(self.db, "articles", len(fresh)):
                self.db.conn.executemany(
                    "INSERT INTO articles(text_sha256, title, outlet, date, url, source, text, "
                    "text_length, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(a.text_sha256, a.title, a.outlet, a.date, a.url, a.source, a.text,
                      len(a.text), stamp) for a in fresh.values()],
                )  # fmt: skip
            ids = dict(
                self.db.execute(
                    "SELECT text_sha256, id FROM articles WHERE id > ?", [after]
                ).fetchall()
            )
            for sha, article in fresh.items():
                existing[sha] = article.with_id(ids[sha])
        result, added = [], set()
        for article in articles:
            sha = article.text_sha256
            is_new = sha in fresh and sha not in added
            added.add(sha)
            result.append((existing[sha], is_new))
        return result

    def article(self, article_id: int) -> Article:
        row = self._one("SELECT * FROM articles WHERE id = ?", [article_id])
        if row is None:
            raise NotFound(f"article {article_id} is not in this project")
        return article_from(row)

    def article_by_digest(self, text_sha256: str) -> Article | None:
        row = self._one("SELECT * FROM articles WHERE text_sha256 = ?", [text_sha256])
        return None if row is None else article_from(row)

    def article_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def article_summaries(self) -> list[ArticleSummary]:
        """Every article without its text, with quote counts and status per annotator.

        One query reads the articles from their narrow index, each with its quote counts
        (one short row, kept by triggers); the statuses and the suggested articles are a
        pass each, put together by article id. Articles with the same counts share one
        mapping, parsed once, instead of a copy each.
        """
        with translate_errors(self.path):
            names = dict(self.db.execute("SELECT id, name FROM annotators").fetchall())
            statuses: dict[int, dict[str, str]] = {}
            for article_id, annotator_id, status in self.db.execute(
                "SELECT article_id, annotator_id, status FROM article_status"
            ):
                statuses.setdefault(article_id, {})[names[annotator_id]] = status
            suggested = {
                row[0] for row in self.db.execute("SELECT DISTINCT article_id FROM suggestions")
            }
            counted = dict(self.db.execute(
                "SELECT article_id, counts FROM article_quote_counts LIMIT ?", [FEW_COUNTED]
            ).fetchall())  # fmt: skip
            few = len(counted) < FEW_COUNTED
            rows = self.db.execute(_LISTED_ALONE if few else _LISTED).fetchall()
        counts, status_of, summary = _QuoteCounts(names), statuses.get, ArticleSummary._make
        if few:
            count_of = counted.get
            return [
                summary((id_, title, outlet, date, counts[count_of(id_)],
                         status_of(id_, _NONE), id_ in suggested))
                for id_, title, outlet, date in rows
            ]  # fmt: skip
        return [
            summary((id_, title, outlet, date, counts[counted], status_of(id_, _NONE),
                     id_ in suggested))
            for id_, title, outlet, date, counted in rows
        ]  # fmt: skip

    def article_details(self) -> dict[int, ArticleDetails]:
        """What the summaries leave out (url, source, digest, length), by article id."""
        with translate_errors(self.path):
            rows = self.db.execute(
                "SELECT id, url, source, text_sha256, text_length FROM articles"
            ).fetchall()
        return {row[0]: ArticleDetails._make(row[1:]) for row in rows}

    # -- per-annotator article status ---------------------------------------

    def article_status(self, article_id: int, annotator: str) -> str:
        row = self._one(
            "SELECT s.status FROM article_status s JOIN annotators a ON a.id = s.annotator_id "
            "WHERE s.article_id = ? AND a.name = ?",
            [article_id, annotator],
        )
        return "not_started" if row is None else row["status"]

    def article_statuses(self) -> dict[tuple[int, str], str]:
        """Every stored status, by (article id, annotator): one query for a bulk import."""
        return {
            (row[0], row[1]): row[2]
            for row in self.db.execute(
                "SELECT s.article_id, a.name, s.status FROM article_status s "
                "JOIN annotators a ON a.id = s.annotator_id"
            )
        }

    def set_article_statuses(self, statuses: Iterable[tuple[int, str, str]]) -> None:
        """:meth:`set_article_status` for many (article id, annotator, status) at once."""
        statuses = list(statuses)
        ids = {name: self.ensure_annotator(name).id for name in {s[1] for s in statuses}}
        stamp = now()
        self.db.conn.executemany(
            "INSERT INTO article_status(article_id, annotator_id, status, updated_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT(article_id, annotator_id) "
            "DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at",
            [(article_id, ids[name], status, stamp) for article_id, name, status in statuses],
        )

    def set_article_status(self, article_id: int, annotator: str, status: str) -> None:
        annotator_id = self.ensure_annotator(annotator).id
        self.db.execute(
            "INSERT INTO article_status(article_id, annotator_id, status, updated_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT(article_id, annotator_id) "
            "DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at",
            [article_id, annotator_id, status, now()],
        )

    # -- bulk reads for exports (added for services/exchange.py) -------------

    def articles(self, ids: Iterable[int] | None = None) -> list[Article]:
        """Whole articles (with text) by id, or all of them, in id order; one query per 500."""
        if ids is None:
            return [article_from(row) for row in self._rows("SELECT * FROM articles ORDER BY id")]
        wanted = sorted(set(ids))
        found: list[Article] = []
        for first in range(0, len(wanted), 500):
            chunk = wanted[first : first + 500]
            marks = ", ".join("?" * len(chunk))
            found += [
                article_from(row)
                for row in self._rows(
                    f"SELECT * FROM articles WHERE id IN ({marks}) ORDER BY id", chunk
                )
            ]
        return found

    # -- the article list, a page at a time (added for the window's list model) ----

    def _listed(self, annotator: str, listing: ArticleListing) -> tuple[str, list]:
        """FROM and WHERE of the article list for ``annotator``; values are parameters."""
        # The narrow index holds every column the list reads: looking up 50,000 ids of a
        # search there costs half of looking them up in the table, among the texts.
        sql = (
            "FROM articles a INDEXED BY articles_listed LEFT JOIN article_status s "
            "ON s.article_id = a.id "
            "AND s.annotator_id = (SELECT id FROM annotators WHERE name = ?) WHERE 1"
        )
        params: list = [annotator]
        if listing.status:
            sql += " AND coalesce(s.status, 'not_started') = ?"
            params.append(listing.status)
        if listing.outlet:
            sql += " AND a.outlet = ?"
            params.append(listing.outlet)
        if listing.with_suggestions:
            sql += " AND EXISTS (SELECT 1 FROM suggestions g WHERE g.article_id = a.id)"
        if listing.ids is not None:
            sql += " AND a.id IN (SELECT value FROM json_each(?))"
            params.append(json.dumps(sorted(listing.ids)))
        return sql, params

    def article_page(
        self, annotator: str, listing: ArticleListing, *, offset: int, limit: int
    ) -> list[ArticleSummary]:
        """One page of the article list in id order, with ``annotator``'s status only."""
        where, params = self._listed(annotator, listing)
        with translate_errors(self.path):
            rows = self.db.execute(
                "SELECT a.id, a.title, a.outlet, a.date, coalesce(s.status, 'not_started'), "
                "EXISTS (SELECT 1 FROM suggestions g WHERE g.article_id = a.id) "
                f"{where} ORDER BY a.id LIMIT ? OFFSET ?",
                [*params, limit, offset],
            ).fetchall()
        return [
            ArticleSummary(id_, title, outlet, date, _NONE, {annotator: status}, bool(suggested))
            for id_, title, outlet, date, status, suggested in rows
        ]

    def article_list_count(self, annotator: str, listing: ArticleListing) -> int:
        where, params = self._listed(annotator, listing)
        return self._one(f"SELECT count(*) AS n {where}", params)["n"]

    def article_position(self, annotator: str, listing: ArticleListing, article_id: int) -> int:
        """How many listed articles come before ``article_id`` (its row, if it is listed)."""
        where, params = self._listed(annotator, listing)
        return self._one(f"SELECT count(*) AS n {where} AND a.id < ?", [*params, article_id])["n"]

    def next_article_not_done(
        self, annotator: str, listing: ArticleListing, after: int
    ) -> int | None:
        """The next listed article after ``after`` (wrapping round) not done by ``annotator``."""
        where, params = self._listed(annotator, listing)
        row = self._one(
            f"SELECT a.id {where} AND coalesce(s.status, 'not_started') != 'done' "
            "AND a.id != ? ORDER BY a.id <= ?, a.id LIMIT 1",
            [*params, after, after],
        )
        return None if row is None else row["id"]

    def done_count(self, annotator: str) -> int:
        return self._one(
            "SELECT count(*) AS n FROM article_status s JOIN annotators a "
            "ON a.id = s.annotator_id WHERE a.name = ? AND s.status = 'done'",
            [annotator],
        )["n"]

    def outlets(self) -> list[str]:
        rows = self._rows("SELECT DISTINCT outlet FROM articles WHERE outlet != '' ORDER BY outlet")
        return [row["outlet"] for row in rows]
