"""Run the benchmarks and print one table, each figure next to a baseline measured in the
same run:

    python -m benchmarks.run                  # 100,000 claims (a few minutes)
    python -m benchmarks.run --claims 2000    # a quick look
"""

from __future__ import annotations

import argparse
import csv
import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.corpus import CLAIMS_PER_ARTICLE, write_corpus
from factdesk.export import ExportOptions, write_file
from factdesk.store import Store
from factdesk.store_export import _WORK

ROOT = Path(__file__).resolve().parent.parent


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


def factdesk_import(path: Path, db: Path) -> dict[str, Any]:
    """Import the corpus in a fresh process (so that its peak memory is the import's):
    the time, the claims, the time spent placing claims in clusters and finding conflicts
    (timed around each article's clustering), and the peak memory of the process and of
    its extraction workers."""
    return child("benchmarks.import_probe", str(db), str(path))


def cluster_counts(db: Path) -> tuple[int, int, int]:
    """Clusters of two or more claims, the claims in them, and the conflicts found."""
    with Store(db) as store:
        sizes = store.cluster_map()
        conflicts = store.conn.execute("SELECT count(*) FROM conflicts").fetchone()[0]
    return len({cluster for cluster, _ in sizes.values()}), len(sizes), int(conflicts)


def probe(*args: str) -> dict[str, Any]:
    """Run the review probe in a fresh process (its start-up is part of what is timed)."""
    return child("benchmarks.review_probe", *args)


def child(module: str, *args: str) -> dict[str, Any]:
    """Run a benchmark module in a process of its own; the JSON line it prints last."""
    done = subprocess.run(
        [sys.executable, "-m", module, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def progress_times(db: Path, reviewer: str, repeats: int = 21) -> tuple[float, float]:
    """The median seconds of the desk's progress figures (its queue's size and its
    verdicts: what every catch-up with another window reads again), and of the baseline:
    a bare count of the claims of current articles, on the same file."""
    with Store(db) as store:
        ours, bare = [], []
        for _ in range(repeats):
            start = time.perf_counter()
            store.progress(reviewer)
            ours.append(time.perf_counter() - start)
            start = time.perf_counter()
            store.conn.execute(
                "SELECT count(*) FROM claims c JOIN articles a ON a.id = c.article_id"
                " WHERE a.is_current = 1"
            ).fetchone()
            bare.append(time.perf_counter() - start)
    return sorted(ours)[repeats // 2], sorted(bare)[repeats // 2]


def judge_everything(db: Path) -> int:
    """Give every claim a verdict and one evidence span (the claim's first word or so)."""
    with Store(db) as store:
        conn = store.conn
        conn.execute("BEGIN")
        conn.execute(
            "INSERT INTO verdicts (claim_id, reviewer, verdict, updated_at)"
            " SELECT id, 'exporter', CASE id % 3 WHEN 0 THEN 'evidenced' WHEN 1 THEN 'unevidenced'"
            " ELSE 'disputed' END, '2026-01-01T00:00:00+00:00' FROM claims"
        )
        conn.execute(
            "INSERT INTO spans (claim_id, reviewer, start, end, quote, created_at)"
            " SELECT c.id, 'exporter', c.start, c.start + min(8, c.end - c.start),"
            " substr(a.text, c.start + 1, min(8, c.end - c.start)), 'now' FROM claims c"
            " JOIN articles a ON a.id = c.article_id"
        )
        conn.execute("COMMIT")
        return int(
            conn.execute("SELECT count(*) FROM verdicts WHERE verdict IS NOT NULL").fetchone()[0]
        )


def baseline_export(db: Path, target: Path) -> float:
    """A bare csv.writer over the same query the export streams (no spans, no checks),
    the claim's text read by SQLite from its article's."""
    start = time.perf_counter()
    conn = sqlite3.connect(db)
    cursor = conn.execute(
        f"""{_WORK}
        SELECT c.id, a.id, a.source, a.title, c.start, c.end,
               substr(a.text, c.start + 1, c.end - c.start), c.speaker, v.verdict,
               n.text, w.reviewer, v.updated_at, v.flagged
        FROM claims c JOIN articles a ON a.id = c.article_id
        LEFT JOIN work w ON w.claim_id = c.id
        LEFT JOIN verdicts v ON v.claim_id = c.id AND v.reviewer = w.reviewer
        LEFT JOIN notes n ON n.claim_id = c.id AND n.reviewer = w.reviewer
        WHERE a.is_current = 1 AND v.verdict IS NOT NULL ORDER BY c.id, w.reviewer"""
    )
    with target.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(cursor)
    conn.close()
    return time.perf_counter() - start


def factdesk_export(db: Path, target: Path) -> tuple[float, int]:
    start = time.perf_counter()
    with Store(db) as store:
        rows = write_file(store, ExportOptions(), target)
    return time.perf_counter() - start, rows


def table(rows: list[tuple[str, str, str, str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    )


def main(argv: list[str] | None = None) -> str:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000, help="claims to generate")
    parser.add_argument("--moves", type=int, default=1000, help="keys timed in the review")
    args = parser.parse_args(argv)
    articles = max(1, round(args.claims / CLAIMS_PER_ARTICLE))
    with tempfile.TemporaryDirectory(prefix="factdesk-bench-") as tmp:
        root = Path(tmp)
        size = write_corpus(root / "corpus", articles)
        mb = size / 1e6
        base_import = baseline_import(root / "corpus", root / "baseline.db")
        db = root / "factdesk.db"
        imported = factdesk_import(root / "corpus", db)
        ours_import, claims = imported["seconds"], imported["claims"]
        clustering = imported["clustering_s"]
        stored = db.stat().st_size + sum(
            p.stat().st_size for p in db.parent.glob(db.name + "-wal") if p.exists()
        )
        clusters, clustered, conflicts = cluster_counts(db)
        bare = probe("--bare")
        review = probe(str(db), str(args.moves))  # the first open after the import
        if review["moved"] != 2 * args.moves or review["judged"] != args.moves:
            raise SystemExit(f"the review probe did not do its work: {review}")
        reopen = probe(str(db), "10")
        bare_again = probe("--bare")
        ours_progress, base_progress = progress_times(db, "bench")
        judged = judge_everything(db)
        base_export = baseline_export(db, root / "baseline.csv")
        ours_export, exported = factdesk_export(db, root / "factdesk.csv")
    rows = [
        ("measure", "factdesk", "baseline (same run)", "ratio / target"),
        ("corpus", f"{articles} articles, {mb:.1f} MB, {claims} claims", "", ""),
        (
            "import + extraction",
            f"{mb / ours_import:.2f} MB/s, {articles / ours_import:.0f} articles/s",
            f"read + insert: {mb / base_import:.1f} MB/s",
            "target >= 2 MB/s (and 100,000 items < 9 s)",
        ),
        (
            "of which clustering",
            f"{clustering:.1f} s of {ours_import:.1f} s ({clustering / ours_import:.0%});"
            f" {clustered} claims in {clusters} clusters, {conflicts} conflicts",
            f"{claims / clustering:.0f} claims/s placed" if clustering else "",
            "import target >= 2 MB/s with it",
        ),
        (
            "import peak memory",
            f"{imported['peak_rss_mb']:.0f} MB, workers {imported['workers_peak_rss_mb']:.0f} MB",
            "",
            "target < 150 MB",
        ),
        (
            "database on disk",
            f"{stored / 1e6:.1f} MB, {stored / max(claims, 1):.0f} bytes a claim",
            f"the corpus: {mb:.1f} MB",
            f"{stored / size:.1f}x the text",
        ),
        (
            "review ready, first open (headless)",
            f"{review['ready_s']:.2f} s with {review['claims']} claims",
            f"bare Textual app: {bare['ready_s']:.2f} s",
            f"{review['ready_s'] / bare['ready_s']:.1f}x (target <= 2x)",
        ),
        (
            "review ready, reopen (headless)",
            f"{reopen['ready_s']:.2f} s",
            f"bare Textual app: {bare_again['ready_s']:.2f} s",
            f"{reopen['ready_s'] / bare_again['ready_s']:.1f}x (target <= 2x)",
        ),
        (
            f"next claim, CPU per key ({args.moves})",
            f"p50 {review['next']['p50_ms']:.1f} ms, p95 {review['next']['p95_ms']:.1f} ms",
            "",
            "target p95 < 16 ms",
        ),
        (
            f"verdict key + commit ({args.moves})",
            f"p50 {review['verdict']['p50_ms']:.1f} ms, p95 {review['verdict']['p95_ms']:.1f} ms",
            "",
            "target p95 < 16 ms",
        ),
        (
            "progress (each catch-up)",
            f"{ours_progress * 1000:.1f} ms",
            f"count(*) of the claims: {base_progress * 1000:.1f} ms",
            f"{ours_progress / base_progress:.1f}x",
        ),
        (
            "CSV export",
            f"{exported} rows in {ours_export:.2f} s",
            f"bare csv.writer: {judged} rows in {base_export:.2f} s",
            f"{ours_export / base_export:.1f}x (target <= 1.5x)",
        ),
        (
            "peak RSS of the review",
            f"{review['peak_rss_mb']:.0f} MB",
            f"bare Textual app: {bare['peak_rss_mb']:.0f} MB",
            "target < 150 MB",
        ),
    ]
    text = table(rows)
    print(text)
    return text


if __name__ == "__main__":
    main()
