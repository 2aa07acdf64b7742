"""Storing a batch of articles new to the desk (the bulk of any import) with a few
statements for the whole batch: the articles, their claims and their suggestions each
inserted by one executemany, with the ids the database would give them, instead of a dozen
statements an article. Used by Store.add_articles inside its write transaction."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from factdesk.store_suggest import _PUT

if TYPE_CHECKING:
    from factdesk.store import NewArticle, Store

_ARTICLE = (
    "INSERT INTO articles (id, source, version, is_current, sha256, title, url, outlet,"
    " published, encoding, text, imported_at, slot, author, raw_sha256, not_claims)"
    " VALUES (?, ?, 1, 1, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)"
)
_CLAIM = (
    "INSERT INTO claims (id, article_id, start, end, speaker, verb, score, extractor)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)


def new_sources(store: Store, batch: Sequence[NewArticle]) -> list[int]:
    """The places in the batch of the articles :func:`add_new` can store: those of a
    source the desk does not hold (each source once) whose text is not already held
    elsewhere, as :meth:`Store.is_known` tells, asked inside the write transaction (so an
    import running beside this one is seen)."""
    asked = [(item.article.source, item.sha256, item.article.raw_sha256) for item in batch]
    known = store.known_articles(asked)
    held = store.held_sources([source for source, _, _ in asked])
    found, met = [], set()
    for place, ((source, _, _), is_known) in enumerate(zip(asked, known, strict=True)):
        if not is_known and source not in held and source not in met:
            met.add(source)
            found.append(place)
    return found


def add_new(store: Store, items: Sequence[NewArticle], stamp: str) -> None:
    """Store articles of new sources with their claims, clusters and suggestions (the
    caller holds the write transaction; a failure leaves it to roll back)."""
    conn = store.conn
    article_id = int(conn.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0])
    claim_id = int(conn.execute("SELECT coalesce(max(id), 0) FROM claims").fetchone()[0])
    articles, claims, placed = [], [], []
    for item in items:
        article_id += 1
        a = item.article
        articles.append(
            (article_id, a.source, item.sha256, a.title, a.url, a.outlet, a.published,
             a.encoding, a.text, stamp, a.author, a.raw_sha256,
             json.dumps(a.not_claims) if a.not_claims else None)
        )  # fmt: skip
        rows = []
        for c in item.claims:
            claim_id += 1
            claims.append(
                (claim_id, article_id, c.start, c.end, c.speaker, c.verb, c.score, item.extractor)
            )
            rows.append((claim_id, c.start, c.end, c.speaker, c.verb, c.score))
        placed.append((article_id, rows))
    conn.executemany(_ARTICLE, articles)
    conn.executemany(_CLAIM, claims)
    suggestions: list[tuple[int, int, int, int, str, float]] = []
    store.hold_cluster_rows()
    try:
        for item, (article_id, rows) in zip(items, placed, strict=True):
            ordered = sorted(rows, key=lambda r: (r[1], r[2], r[0]))
            text = item.article.text
            store._cluster_article(
                article_id, None, text, item.prepared(), [r[:3] for r in ordered]
            )
            store._suggest_article(article_id, text, item.ready(), True, rows, suggestions)
        store.store_cluster_rows()
    finally:
        store._held = None  # (none is held past the batch, stored or not)
    conn.executemany(_PUT, suggestions)
