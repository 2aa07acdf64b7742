"""Helpers the tests share: the sample corpus, small articles of our own, running the CLI,
writing files, finding claims, reading the desk's screen. (Fixtures are in conftest.py;
no test file imports another.)"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console
from textual.pilot import Pilot

from factdesk.cli import cli
from factdesk.export import ExportOptions
from factdesk.export import write as write_export
from factdesk.importer import import_paths
from factdesk.store import Store
from factdesk.ui.app import FactdeskApp
from factdesk.ui.screens.review_screen import ReviewScreen

ROOT = Path(__file__).resolve().parent.parent


CORPUS = ROOT / "sample_corpus"


# A small article of our own, for tests that need a few claims above and below the
# threshold and sentences to add or correct (nothing depends on the exact scores).
HARBOUR = (
    "Harbour Figures\n\n"
    "The port handled 40 ships in May 2021, officials said. We hope the weather improves"
    " soon.\n\n"
    "The harbour authority said on Monday that 14 ships were turned away in 2020.\n\n"
    "Port officials reported that cargo volumes fell by 12 percent last year.\n"
)


# Three small articles of our own that report one story: the mayor's sentence is restated
# word for word in all three (so it always forms a cluster, however the similarity is
# tuned), and two of them date the bridge's closure differently (a date conflict).
STORY = {
    "a.txt": "Bridge Closure Hits Port\n\n"
    "The city council said on Monday that the Northgate bridge was closed in 2015 after an"
    " inspection found deep cracks.\n\n"
    "Mayor Helen Ward said the repairs to the Northgate bridge would cost 3 million dollars.\n\n"
    "Port officials reported that 40 ships were delayed by the closure of the bridge.\n",
    "b.txt": "Northgate Bridge Shut\n\n"
    "The city council said on Monday that the Northgate bridge was closed in 2018 after an"
    " inspection found deep cracks.\n\n"
    "Mayor Helen Ward said the repairs to the Northgate bridge would cost 3 million dollars.\n\n"
    "Shipping agents said the harbour lost trade to rival ports during the winter.\n",
    "c.txt": "Council Budget Debate\n\n"
    "Mayor Helen Ward said the repairs to the Northgate bridge would cost 3 million dollars.\n\n"
    "The council approved a new budget for schools on Tuesday, officials said.\n",
}


def import_story(store: Store, folder: Path) -> Store:
    """Write the STORY articles into ``folder`` and import them."""

    folder.mkdir(parents=True, exist_ok=True)
    for name, text in STORY.items():
        (folder / name).write_text(text, encoding="utf-8")
    import_paths(store, [folder / name for name in STORY])
    return store


def _claims_per_article() -> dict[str, int]:
    from factdesk.extract import extract_claims

    return {
        p.name: len(extract_claims(p.read_bytes().decode("utf-8").replace("\r\n", "\n")))
        for p in sorted(CORPUS.glob("*.txt"))
    }


# How many claims the extractor makes of each sample article at the default threshold, so
# that tests follow the scorer instead of hard-coding its figures.
ARTICLE_CLAIMS = _claims_per_article()


CORPUS_CLAIMS = sum(ARTICLE_CLAIMS.values())


def run(*args: str) -> tuple[int, str, str]:
    """Run the CLI; returns the exit code, stdout and stderr (a crash is raised)."""
    result = CliRunner().invoke(cli, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@contextmanager
def immutable_file(path: Path) -> Iterator[Path]:
    """A file made read-only at the file-system level (`chattr +i`: the tests run as root,
    who ignores chmod), and writable again afterwards. Skipped, saying why, where chattr
    is missing or the file system cannot do it: then no file can be read-only for root."""
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not installed, so no file can be made read-only for root")
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"this file system cannot make a file immutable: {done.stderr!r}")
    try:
        yield path
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def write(folder: Path, **texts: str) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in texts.items():
        path = folder / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def claim_id(store: Store, opening: str) -> int:
    found = [c.id for c in store.claims(min_score=None) if c.text.startswith(opening)]
    assert len(found) == 1, (opening, found)
    return found[0]


def members(store: Store, claim: int) -> set[int]:
    cluster = store.cluster_of(claim)
    return {m.claim_id for m in cluster.members} if cluster else set()


# Two reports of one claim: the Gazette carries it bare, the Courier says it was made
# without evidence (the sentences are this test's own).
GAZETTE = (
    "Water Board Row\n\n"
    "Councillor Ruth Okafor said the water board had hidden three burst mains from the"
    " public.\n\n"
    "The city library will open on Sundays from next month.\n"
)


COURIER = (
    "Mains Dispute\n\n"
    "Councillor Ruth Okafor accused the water board of hiding three burst mains from the"
    " public. She gave no evidence for the claim.\n"
)


def claim_in(store: Store, article: int, opening: str) -> int:
    (found,) = [
        c.id for c in store.claims(article_id=article, min_score=None) if c.text.startswith(opening)
    ]
    return found


def export_rows(store: Store, **options: object) -> list[dict[str, str]]:
    out = io.StringIO(newline="")
    write_export(store, ExportOptions(**options), out)  # type: ignore[arg-type]
    return list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))


def add(store: Store, reviewer: str, words: str) -> int:
    """Add the first place of these words in the current article as a claim (c)."""
    article_id = max(a["id"] for a in store.articles())
    text = store.article(article_id).text
    start = text.index(words)
    added = store.add_claim(article_id, reviewer, start, start + len(words), words)
    assert added.outcome == "new"
    return added.claim_id


ANN = "ann"


SIZE = (120, 40)


def screen(app: FactdeskApp) -> ReviewScreen:
    assert isinstance(app.screen, ReviewScreen)
    return app.screen


async def queue_read(app: FactdeskApp, pilot: Pilot[None]) -> None:
    """Wait (up to 10 s) until a large desk has read its queue behind its first claim."""
    for _ in range(1000):
        if not screen(app).progress.counting:
            return
        await pilot.pause(0.01)


def current(app: FactdeskApp) -> int:
    claim = screen(app).claim
    assert claim is not None
    return claim.id


def screen_lines(app: FactdeskApp) -> list[str]:
    """The text on the terminal, row by row (what export_screenshot draws, as text)."""
    width, height = app.size
    console = Console(
        width=width, height=height, file=io.StringIO(), force_terminal=True, record=True
    )
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text().splitlines()
