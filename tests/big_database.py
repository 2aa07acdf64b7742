"""Build large databases fast, straight in SQL, for tests of pipes and interrupted exports."""

from __future__ import annotations

from pathlib import Path

from factdesk.store import Store

SENTENCE = "Officials said {n} people were hurt in 2020. "


def make_database(
    path: Path, claims: int, articles: int = 1, judged: bool = True, odd: str = ""
) -> None:
    """A database of ``articles`` articles sharing ``claims`` claims, each claim one
    sentence, judged by ann when ``judged``; ``odd`` is put inside every sentence (for
    control or escape characters)."""
    with Store(path) as store:
        conn = store.conn
        per_article = max(1, claims // articles)
        claim_rows = []
        for a in range(1, articles + 1):
            count = per_article if a < articles else claims - per_article * (articles - 1)
            offset = 0
            parts = []
            for n in range(count):
                sentence = SENTENCE.format(n=f"{odd}{n}")
                parts.append(sentence)
                end = offset + len(sentence) - 1  # without the trailing space
                claim_rows.append((a, offset, end))
                offset += len(sentence)
            conn.execute(
                "INSERT INTO articles (id, source, version, sha256, title, encoding, text,"
                " imported_at) VALUES (?, ?, 1, ?, ?, 'utf-8', ?, '2021-01-13T09:30:00+00:00')",
                (a, f"/corpus/{a:05}.txt", f"h{a}", f"Article {a}", "".join(parts)),
            )
        conn.executemany(
            "INSERT INTO claims (article_id, start, end, score, extractor)"
            " VALUES (?, ?, ?, 0.9, 'test')",
            claim_rows,
        )
        if judged:
            conn.execute(
                "INSERT INTO verdicts (claim_id, reviewer, verdict, flagged, updated_at)"
                " SELECT id, 'ann', 'evidenced', id % 2, '2021-01-13T09:30:00+00:00' FROM claims"
            )
        conn.commit()
