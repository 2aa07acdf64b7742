"""Where factdesk keeps its data and who is working: the one place that decides both."""

from __future__ import annotations

import getpass
import os
from pathlib import Path

import platformdirs

ENV_DB = "FACTDESK_DB"
ENV_REVIEWER = "FACTDESK_REVIEWER"


def default_db_path() -> Path:
    """The database used when neither ``--db`` nor ``FACTDESK_DB`` says otherwise."""
    return platformdirs.user_data_path("factdesk") / "factdesk.db"


def state_path() -> Path:
    """The small file where the desk remembers things between runs that are not review
    data (the last export folder): per user, never inside a database that may be shared."""
    return platformdirs.user_state_path("factdesk") / "desk.json"


def db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Resolve the database path: ``--db``, else ``FACTDESK_DB``, else the default."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env).expanduser()
    return default_db_path()


def reviewer_name(explicit: str | None = None) -> str:
    """Who is reviewing: ``--reviewer``, else ``FACTDESK_REVIEWER``, else the login name."""
    name = (explicit or os.environ.get(ENV_REVIEWER) or "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "reviewer"
