"""What the desk remembers between runs besides the review itself: the folder of the last
export. Kept in a small JSON file per user (``paths.state_path()``), not in the database,
which may be read-only, shared by reviewers or merged; losing it costs nothing."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from factdesk.paths import state_path


def _load(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # missing, unreadable or damaged: start afresh
        return {}
    return data if isinstance(data, dict) else {}


def last_export_folder() -> Path | None:
    """The folder of the last export, if it still exists."""
    folder = _load(state_path()).get("export_folder")
    if isinstance(folder, str) and Path(folder).is_dir():
        return Path(folder)
    return None


def remember_export_folder(folder: Path) -> None:
    """Remember the folder of an export that succeeded (quietly does nothing if the state
    file cannot be written: an export never fails for it)."""
    path = state_path()
    data = _load(path)
    data["export_folder"] = str(folder.resolve())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".desk.", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out)
        os.replace(temp, path)
    except OSError:
        Path(temp).unlink(missing_ok=True)
