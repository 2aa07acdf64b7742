"""Run the benchmarks and print one table: each figure next to its same-run baseline.

python -m benchmarks.run --articles 2000
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import write_corpus
from factdesk.importer import import_paths
from factdesk.store import Store


def baseline_import(folder: Path, db: Path) -> float:
    """Read every file and insert its text into SQLite, nothing else."""
    start = time.perf_counter()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE articles (source TEXT, text TEXT)")
    with conn:
        for path in sorted(folder.iterdir()):
            text = path.read_bytes().decode("utf-8")
            conn.execute("INSERT INTO articles VALUES (?, ?)", (str(path), text))
    conn.close()
    return time.perf_counter() - start


def factdesk_import(folder: Path, db: Path) -> tuple[float, int]:
    start = time.perf_counter()
    with Store(db) as store:
        report = import_paths(store, [folder])
    return time.perf_counter() - start, report.claims


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="articles to generate")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="factdesk-bench-") as tmp:
        root = Path(tmp)
        size = write_corpus(root / "corpus", args.articles)
        mb = size / 1e6
        base = baseline_import(root / "corpus", root / "baseline.db")
        ours, claims = factdesk_import(root / "corpus", root / "factdesk.db")
    rows = [
        ("corpus", f"{args.articles} articles, {mb:.1f} MB, {claims} claims", "", ""),
        (
            "import + extraction",
            f"{mb / ours:.2f} MB/s, {args.articles / ours:.0f} articles/s",
            f"read + insert: {mb / base:.1f} MB/s",
            f"{ours / base:.1f}x baseline time",
        ),
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for row in [("measure", "factdesk", "baseline", "ratio"), *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


if __name__ == "__main__":
    main()
