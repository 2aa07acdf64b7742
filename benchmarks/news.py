"""Real news as it arrives: the 904 bodies of ../shared/devdata/fnc1-news imported once, and
five times as five outlets' syndicated copies (each copy opening with a sentence of its own),
each beside a baseline measured in the same run (every file read and its text inserted into
SQLite), with the CPU seconds per MB of each stage of the import (measured on one core).

    python -m benchmarks.news              # the devdata bodies (the generated corpus without)
    python -m benchmarks.news --copies 2   # two outlets instead of five

Without ../shared/devdata (a fresh clone), the generated corpus of benchmarks.corpus stands in
for the bodies, and the table says so."""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.corpus import write_corpus
from benchmarks.run import ROOT, baseline_import, child, table

BODIES = ROOT.parent / "shared" / "devdata" / "fnc1-news" / "news_bodies.csv"
TARGET_MB_S = 3.0
TARGET_COPIES = 5.5  # the most the copies may cost, as a multiple of one copy's time
TARGET_MEMORY_MB = 150


def bodies(folder: Path, most: int) -> tuple[list[tuple[str, str]], str]:
    """The bodies to import (the first ``most``), each with a name, and where they came
    from."""
    if BODIES.exists():
        csv.field_size_limit(sys.maxsize)
        with BODIES.open(encoding="utf-8", newline="") as rows:
            found = [(row["Body ID"], row["articleBody"]) for row in csv.DictReader(rows)]
        found = found[:most]
        return found, f"{len(found)} FNC-1 news bodies (devdata)"
    write_corpus(folder, min(most, 904))
    found = [(path.stem, path.read_text(encoding="utf-8")) for path in sorted(folder.iterdir())]
    return found, f"{len(found)} generated articles (no devdata here)"


def write_copies(folder: Path, found: list[tuple[str, str]], copies: int) -> int:
    """Each body once per outlet (a folder an outlet), a copy opening with a sentence of its
    own when there is more than one outlet; returns the bytes written."""
    total = 0
    for outlet in range(1, copies + 1):
        where = folder / f"outlet-{outlet}" if copies > 1 else folder
        where.mkdir(parents=True, exist_ok=True)
        for name, body in found:
            own = f"Outlet {outlet} reported this story on day {outlet} of the week.\n\n"
            data = ((own if copies > 1 else "") + body).encode("utf-8")
            (where / f"{name}.txt").write_bytes(data)
            total += len(data)
    return total


def baseline(folder: Path, db: Path) -> float:
    """The baseline over every file of the folder and its outlet folders."""
    flat = folder.parent / (folder.name + "-flat")
    flat.mkdir()
    for path in sorted(folder.rglob("*.txt")):
        (flat / f"{path.parent.name}-{path.name}").hardlink_to(path)
    return baseline_import(flat, db)


def run(folder: Path, root: Path, name: str) -> dict[str, Any]:
    size = sum(p.stat().st_size for p in folder.rglob("*.txt"))
    result = child("benchmarks.import_probe", str(root / f"{name}.db"), str(folder))
    result["baseline_s"] = baseline(folder, root / f"{name}-baseline.db")
    result["mb"] = size / 1e6
    return result


def main(argv: list[str] | None = None) -> str:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--copies", type=int, default=5, help="outlets of the syndicated run")
    parser.add_argument("--bodies", type=int, default=904, help="the first N bodies only")
    parser.add_argument("--no-stages", action="store_true", help="skip the profile by stage")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="factdesk-news-") as tmp:
        root = Path(tmp)
        found, origin = bodies(root / "generated", args.bodies)
        write_copies(root / "once", found, 1)
        write_copies(root / "copies", found, args.copies)
        once = run(root / "once", root, "once")
        many = run(root / "copies", root, "copies")
        stages = (
            None
            if args.no_stages
            else child("benchmarks.stages", str(root / "s.db"), str(root / "once"))
        )
    rows = [("measure", "factdesk", "baseline (same run)", "ratio / target")]
    for label, result in (
        (f"{origin}, once", once),
        (f"the same, {args.copies} outlets' copies", many),
    ):
        mb, seconds = result["mb"], result["seconds"]
        rows += [
            (
                label,
                f"{mb:.1f} MB, {result['articles']} articles, {result['claims']} claims",
                "",
                "",
            ),
            (
                "  import, everything",
                f"{seconds:.1f} s = {mb / seconds:.2f} MB/s, {result['cpu_s'] / mb:.2f} CPU s/MB",
                f"read + insert: {mb / result['baseline_s']:.1f} MB/s",
                f"{seconds / result['baseline_s']:.0f}x (target >= {TARGET_MB_S:g} MB/s)",
            ),
            (
                "  peak memory",
                f"{result['peak_rss_mb']:.0f} MB, workers {result['workers_peak_rss_mb']:.0f} MB",
                "",
                f"target < {TARGET_MEMORY_MB} MB",
            ),
        ]
    rows.append(
        (
            f"{args.copies} copies against one",
            f"{many['seconds'] / once['seconds']:.2f}x the time",
            f"{many['mb'] / once['mb']:.2f}x the text",
            f"target <= {TARGET_COPIES:g}x" if args.copies == 5 else "",
        )
    )
    if stages:
        mb = once["mb"]
        rows.append(("CPU by stage (once, one core)", f"{stages['cpu_s'] / mb:.2f} s/MB", "", ""))
        for stage, seconds in sorted(stages["stages"].items(), key=lambda kv: -kv[1]):
            share = seconds / stages["cpu_s"]
            rows.append((f"  {stage}", f"{seconds / mb:.2f} s/MB", "", f"{share:.0%}"))
    text = table(rows)
    print(text)
    return text


if __name__ == "__main__":
    main()
