"""Moving between claims in one huge paragraph, and in one paragraph that says a few
sentences over and over (a page pasted many times), against the same number of claims in
normal articles, in the same run:

    python -m benchmarks.long_article             # 250 KB, 4,000 claims in one paragraph
    python -m benchmarks.long_article --moves 50  # a quick look

The figures that matter are the ratios: n/p in the long paragraph, and among a claim's
hundreds of copies, should cost about what they cost in a normal article (a paragraph of
four sentences).
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import tempfile
import time
from pathlib import Path

from factdesk.importer import import_paths
from factdesk.store import Store
from factdesk.ui.app import FactdeskApp
from factdesk.ui.screens.review_screen import ReviewScreen

SIZE = (120, 40)
FRAME = 0.025  # seconds: longer than one frame at 60 Hz
SENTENCE = "Official {n} said on Monday that {n} people were held in 2020. "


def write_database(path: Path, claims: int, per_paragraph: int, per_article: int) -> int:
    """A database of ``claims`` claims, ``per_article`` to an article, in paragraphs of
    ``per_paragraph`` sentences; returns the length of the longest article."""
    longest = 0
    with Store(path) as store:
        conn: sqlite3.Connection = store.conn
        conn.execute("BEGIN")
        for a in range(claims // per_article):
            text, rows = "", []
            for i in range(per_article):
                if i and i % per_paragraph == 0:
                    text = text.rstrip(" ") + "\n\n"
                sentence = SENTENCE.format(n=a * per_article + i)
                start = len(text)
                text += sentence
                rows.append((start, start + len(sentence) - 1))
            article_id = conn.execute(
                "INSERT INTO articles (source, version, sha256, title, encoding, text,"
                " imported_at) VALUES (?, 1, ?, ?, 'utf-8', ?, 'now')",
                (f"/bench/{a}.txt", f"sha{a}", f"Article {a}", text),
            ).lastrowid
            conn.executemany(
                "INSERT INTO claims (article_id, start, end, score, extractor)"
                " VALUES (?, ?, ?, 0.7, 'bench')",
                [(article_id, s, e) for s, e in rows],
            )
            longest = max(longest, len(text))
        conn.execute("COMMIT")
    return longest


def write_repeated(path: Path, claims: int, distinct: int) -> tuple[int, int]:
    """A database of one article: a paragraph of ``distinct`` sentences said over and over,
    ``claims`` sentences in all, imported as a file is (so that each sentence's copies are
    clustered and given suggestions); returns its length and its largest cluster's size."""
    block = "".join(SENTENCE.format(n=i) for i in range(distinct)).rstrip(" ")
    text = "Repeated\n\n" + " ".join([block] * max(1, claims // distinct)) + "\n"
    source = path.with_suffix(".txt")
    source.write_text(text, "utf-8")
    with Store(path) as store:
        import_paths(store, [source])
        (copies,) = store.conn.execute(
            "SELECT max(n) FROM (SELECT count(*) AS n FROM cluster_members GROUP BY cluster_id)"
        ).fetchone()
    return len(text), int(copies or 0)


async def time_moves(db: Path, moves: int) -> list[float]:
    """CPU time per n (then per p) in the review desk, far into the queue: handling the key
    and drawing the frames it asked for (sleeping costs no CPU time)."""
    samples: list[float] = []
    with Store(db) as store:
        app = FactdeskApp(store, "bench")
        async with app.run_test(size=SIZE) as pilot:
            screen = app.screen
            assert isinstance(screen, ReviewScreen)
            screen.go_to(screen.queue.ids[len(screen.queue.ids) // 2])  # mid-article
            await pilot.pause()
            start = screen.queue.cursor
            for key in ["n"] * moves + ["p"] * moves:
                before = time.process_time()
                await pilot.press(key)
                await asyncio.sleep(FRAME)
                samples.append(time.process_time() - before)
            if screen.queue.cursor != start:  # the figures count only if the desk moved
                raise SystemExit("the desk did not move back to where it started")
    return samples


def summary(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return ordered[len(ordered) // 2] * 1000, ordered[int(len(ordered) * 0.95)] * 1000


def main(argv: list[str] | None = None) -> str:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--claims", type=int, default=4000, help="claims in the paragraph")
    parser.add_argument("--moves", type=int, default=200, help="n presses, then as many p")
    parser.add_argument(
        "--distinct", type=int, default=8, help="sentences in the repeated paragraph"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="factdesk-long-") as tmp:
        long_db, normal_db = Path(tmp) / "long.db", Path(tmp) / "normal.db"
        repeated_db = Path(tmp) / "repeated.db"
        size = write_database(long_db, args.claims, args.claims, args.claims)
        write_database(normal_db, args.claims, 4, 40)
        repeated_size, copies = write_repeated(repeated_db, args.claims, args.distinct)
        normal = summary(asyncio.run(time_moves(normal_db, args.moves)))
        long = summary(asyncio.run(time_moves(long_db, args.moves)))
        repeated = summary(asyncio.run(time_moves(repeated_db, args.moves)))
    lines = [
        f"n/p, CPU per key ({2 * args.moves} keys each, p50 / p95)",
        f"  normal articles (4-sentence paragraphs): {normal[0]:.1f} / {normal[1]:.1f} ms",
        f"  one {size / 1000:.0f} KB paragraph, {args.claims} claims: "
        f"{long[0]:.1f} / {long[1]:.1f} ms",
        f"  ratio long / normal: p50 {long[0] / normal[0]:.1f}x, p95 {long[1] / normal[1]:.1f}x"
        " (target about 1x)",
        f"  one {repeated_size / 1000:.0f} KB paragraph of {args.distinct} sentences said"
        f" {args.claims // args.distinct} times each (clusters of up to {copies} claims):"
        f" {repeated[0]:.1f} / {repeated[1]:.1f} ms",
        f"  ratio repeated / normal: p50 {repeated[0] / normal[0]:.1f}x,"
        f" p95 {repeated[1] / normal[1]:.1f}x (target about 1x)",
    ]
    text = "\n".join(lines)
    print(text)
    return text


if __name__ == "__main__":
    main()
