"""The load issue 15 measured Label Studio with: many short items (about 200 characters, one
to three sentences of the sample corpus, each made unique by its number) in one JSON Lines
file, imported with extraction, clustering and suggestions, against a baseline measured in
the same run (each line parsed and its text inserted into SQLite).

    python -m benchmarks.items                 # 100,000 items (about a minute)
    python -m benchmarks.items --items 10000   # a quick look

Label Studio 1.23.2's figures for 100,000 such items on this machine (its pip install,
SQLite, its own server; measured when issue 15 was filed) are printed beside them.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import sample_sentences
from benchmarks.run import child, table

LABEL_STUDIO = {"import_s": 18.4, "memory_mb": 775, "db_mb": 53, "items": 100_000}
ITEM_CHARS = 200


def write_items(path: Path, count: int) -> int:
    """One JSON Lines file of ``count`` items; returns its size in bytes."""
    sentences = [s for s in sample_sentences() if len(s) > 30]
    with path.open("w", encoding="utf-8") as out:
        at = 0
        for number in range(count):
            parts: list[str] = []
            while sum(map(len, parts)) < ITEM_CHARS * 3 // 4:
                parts.append(sentences[at % len(sentences)])
                at += 1
            text = " ".join(parts) + f" ({number})"
            out.write(json.dumps({"id": number, "text": text}) + "\n")
    return path.stat().st_size


def baseline(path: Path, db: Path) -> float:
    """Parse each line and insert its text into SQLite, nothing else."""
    start = time.perf_counter()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE items (id INTEGER, text TEXT)")
    with conn, path.open(encoding="utf-8") as lines:
        conn.executemany(
            "INSERT INTO items VALUES (?, ?)",
            ((item["id"], item["text"]) for item in map(json.loads, lines)),
        )
    conn.close()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> str:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000, help="items to generate")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="factdesk-items-") as tmp:
        root = Path(tmp)
        source = root / "items.jsonl"
        size = write_items(source, args.items)
        base = baseline(source, root / "baseline.db")
        db = root / "factdesk.db"
        ours = child("benchmarks.import_probe", str(db), str(source))
        stored = sum(p.stat().st_size for p in root.glob("factdesk.db*"))
    scale = args.items / LABEL_STUDIO["items"]
    seconds = ours["seconds"]
    rows = [
        ("measure", "factdesk", "baseline (same run)", "Label Studio 1.23.2"),
        ("items", f"{args.items}, {size / 1e6:.1f} MB of JSON Lines", "", "100,000 such items"),
        (
            "import",
            f"{seconds:.1f} s, {args.items / seconds:.0f} items/s, {ours['claims']} claims",
            f"parse + insert: {base:.2f} s",
            f"{LABEL_STUDIO['import_s'] * scale:.1f} s at this size"
            f" (factdesk {LABEL_STUDIO['import_s'] * scale / seconds:.2f}x as fast; target 2x)",
        ),
        (
            "import peak memory",
            f"{ours['peak_rss_mb']:.0f} MB, workers {ours['workers_peak_rss_mb']:.0f} MB",
            "",
            f"server {LABEL_STUDIO['memory_mb']} MB (target < 150 MB)",
        ),
        (
            "database on disk",
            f"{stored / 1e6:.1f} MB, {stored / args.items:.0f} bytes an item",
            f"the items: {size / 1e6:.1f} MB",
            f"{LABEL_STUDIO['db_mb'] * scale:.1f} MB at this size (target: no larger)",
        ),
    ]
    text = table(rows)
    print(text)
    return text


if __name__ == "__main__":
    main()
