"""Run in a child process: import a folder or file on one core (no worker processes) with a
timer around each stage of the import, and print the CPU seconds of each as one JSON line.

    python -m benchmarks.stages DB PATH

The stages are the functions the import calls, each timed where it is called (the time of
a stage excludes the stages it calls); "store and the rest" is the whole import's CPU time
less the stages': reading files, SQL, and the importer's own work."""

from __future__ import annotations

import importlib
import inspect
import json
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

# (stage, module, attribute): an attribute that is a function of the module, or
# "Class.method". A name the code no longer has is left out of the profile.
STAGES = [
    ("read files", "factdesk.importer", "read"),
    ("split sentences", "factdesk.importer", "split_sentences"),
    ("score candidates", "factdesk.importer", "extract_candidates"),
    ("clustering terms", "factdesk.cluster.index", "ClusterIndex.parse"),
    ("clustering terms", "factdesk.cluster.index", "ClusterIndex.learn_acronyms"),
    ("facts", "factdesk.importer", "facts"),
    ("suggestions", "factdesk.importer", "read_article"),
    ("suggestions", "factdesk.importer", "suggest"),
    ("placing claims", "factdesk.cluster.index", "place"),
    ("conflicts", "factdesk.store_clusters", "ClusterQueries._find_conflicts"),
    ("suggestions stored", "factdesk.store_suggest", "SuggestQueries._suggest_article"),
]

_spent: dict[str, float] = {}
_inner = [0.0]  # CPU spent in timed stages below the current one


def _run(stage: str, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    outer, _inner[0] = _inner[0], 0.0
    began = time.process_time()
    try:
        return function(*args, **kwargs)
    finally:
        total = time.process_time() - began
        _spent[stage] = _spent.get(stage, 0.0) + total - _inner[0]
        _inner[0] = outer + total


def _timed(stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        result = _run(stage, function, *args, **kwargs)
        if inspect.isgenerator(result):  # (a reader: its time is spent as it is read)
            return _each(stage, result)
        return result

    return wrapper


def _each(stage: str, items: Iterator[Any]) -> Iterator[Any]:
    done = object()
    while (item := _run(stage, next, items, done)) is not done:
        yield item


def instrument() -> list[str]:
    """Wrap each stage's function; returns the stages found."""
    found = []
    for stage, module_name, attribute in STAGES:
        owner: Any = importlib.import_module(module_name)
        *path, name = attribute.split(".")
        for part in path:
            owner = getattr(owner, part, None)
        if owner is None or not hasattr(owner, name):
            continue
        setattr(owner, name, _timed(stage, getattr(owner, name)))
        found.append(stage)
    return found


def main(db: Path, path: Path) -> dict[str, Any]:
    instrument()
    import factdesk.importer as importer
    from factdesk.store import Store

    importer.PARALLEL_MIN_ARTICLES = 1 << 62  # one core: every stage in this process
    importer.PARALLEL_MIN_CHARS = 1 << 62  # (a name the code before issue 23 lacks)
    began = time.process_time()
    with Store(db) as store:
        importer.import_paths(store, [path])
    total = time.process_time() - began
    stages = dict(_spent)
    stages["store and the rest"] = total - sum(_spent.values())
    return {"cpu_s": total, "stages": stages}


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), Path(sys.argv[2]))))
