"""Where factdesk keeps its data: the one place that decides the database path."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_DB = "FACTDESK_DB"


def default_db_path() -> Path:
    """The database used when neither ``--db`` nor ``FACTDESK_DB`` says otherwise."""
    return platformdirs.user_data_path("factdesk") / "factdesk.db"


def db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Resolve the database path: ``--db``, else ``FACTDESK_DB``, else the default."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env).expanduser()
    return default_db_path()
