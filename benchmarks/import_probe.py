"""Run in a child process: import a folder or file into a database, and report the time,
the CPU seconds (its own and its workers'), the claims found, the part spent clustering,
and the peak memory of this process and of
its extraction workers. Prints one JSON line.

    python -m benchmarks.import_probe DB PATH
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.memory import peak_rss_mb
from factdesk.importer import import_paths
from factdesk.store import Store


def main(db: Path, path: Path) -> dict[str, Any]:
    clustering = 0.0
    place = Store._cluster_article

    def timed(self: Store, *args: Any) -> None:
        nonlocal clustering
        began = time.perf_counter()
        place(self, *args)
        clustering += time.perf_counter() - began

    Store._cluster_article = timed  # type: ignore[method-assign]
    start = time.perf_counter()
    with Store(db) as store:
        report = import_paths(store, [path])
    seconds = time.perf_counter() - start
    mine, workers = (
        resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return {
        "cpu_s": mine.ru_utime + mine.ru_stime + workers.ru_utime + workers.ru_stime,
        "seconds": seconds,
        "claims": report.claims,
        "articles": report.new,
        "clustering_s": clustering,
        "peak_rss_mb": peak_rss_mb(),
        "workers_peak_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), Path(sys.argv[2]))))
