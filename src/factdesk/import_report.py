"""The summary of one import run: what was stored, skipped and ignored, and why an
article gave no claims, as the importer counts it and people read it."""

from __future__ import annotations

import itertools
import math
import threading
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, ClassVar

from factdesk.inert import one_line
from factdesk.models import READABLE, THRESHOLD, ImportOutcome, plural

_COUNTING = threading.Lock()  # (two threads may count extracted articles at once)
NAMED = 3  # the files named on a summary line about many read alike; the rest are counted
FORMAT_NOUNS = {
    "text": "text file", "Markdown": "Markdown file", "HTML": "HTML page", "link": "link",
    "JSON Lines": "JSON Lines record", "CSV": "CSV row", "TSV": "TSV row",
}  # fmt: skip


@dataclass
class ImportReport:
    """The summary of one import run."""

    # Ignored files and claimless articles named in the summary; the rest are counted.
    SHOWN: ClassVar[int] = 10
    SKIPS_KEPT: ClassVar[int] = 1000  # skipped files, lines and rows listed; the rest counted

    new: int = 0
    unchanged: int = 0
    versions: int = 0
    claims: int = 0
    continued: int = 0  # judged claims whose work continued into a new version
    changed: int = 0  # judged claims whose sentence changed in a new version
    removed: int = 0  # judged claims whose sentence a new version removed
    files: int = 0
    links: int = 0  # of which links
    ignored: int = 0
    bytes_read: int = 0
    extracted: int = 0  # new articles whose claims, profiles and suggestions are ready
    formats: dict[str, int] = field(default_factory=dict)  # articles read, by format
    skipped: list[tuple[str, str]] = field(default_factory=list)  # the first SKIPS_KEPT
    skipped_count: int = 0
    ignored_files: list[str] = field(default_factory=list)  # the first SHOWN of them
    # New articles that gave no claims: where, whether they read as English, their
    # candidates (all below the threshold) and the best candidate's score.
    no_claims: list[tuple[str, bool, int, float]] = field(default_factory=list)
    # How files were read (a sheet's columns), each way once, with the first few files
    # read so and how many in all: a folder of 300 alike spreadsheets is one line.
    notes: dict[str, tuple[list[str], int]] = field(default_factory=dict)

    def count_extracted(self, done: Future[tuple[list[Any], Any]]) -> None:
        """Count the articles of a part whose extraction is done (called by its future, in
        the pool's thread or, when it is done already, in the caller's)."""
        if not done.cancelled() and done.exception() is None:
            with _COUNTING:
                self.extracted += len(done.result()[0])

    def count(self, outcome: ImportOutcome, claims: int) -> None:
        """Record one stored article and the claims it brought."""
        if outcome is ImportOutcome.NEW:
            self.new += 1
        elif outcome is ImportOutcome.VERSION:
            self.versions += 1
        else:
            self.unchanged += 1
        self.claims += claims

    def skip(self, source: str, reason: str) -> None:
        """Record a file (or JSON line) that was not imported, with why."""
        self.skipped_count += 1
        if len(self.skipped) < self.SKIPS_KEPT:  # a million bad lines: the first, counted
            self.skipped.append((source, reason))

    def note(self, name: str, how: str) -> None:
        """Say in the summary how a file was read (which columns of a spreadsheet)."""
        names, count = self.notes.get(how, ([], 0))
        if len(names) < NAMED:
            names.append(name)
        self.notes[how] = (names, count + 1)

    def ignore(self, path: str) -> None:
        """Record a file found in a folder that is not a kind import reads."""
        self.ignored += 1
        if len(self.ignored_files) < self.SHOWN:
            self.ignored_files.append(path)

    def summary(self) -> str:
        """One line for people, then one line per skipped file with its reason, the
        ignored files and the articles that gave no claims (the first few of each)."""
        parts = [
            f"{self.new} new",
            f"{self.unchanged} unchanged",
            plural(self.versions, "new version"),
            f"{self.skipped_count} skipped",
        ]
        if self.ignored:
            parts.append(f"{plural(self.ignored, 'other file')} ignored")
        files = plural(self.files - self.links, "file")
        if self.links:
            what = plural(self.links, "link")
            files = f"{files} and {what}" if self.files > self.links else what
        lines = [
            f"Imported {files}: " + ", ".join(parts) + f"; {plural(self.claims, 'claim')} found."
        ]
        if set(self.formats) - {"text"}:  # say what came in each format
            read = (plural(n, FORMAT_NOUNS.get(kind, kind)) for kind, n in self.formats.items())
            lines.append("  read: " + ", ".join(read))
        lines += _notes(self.notes, self.SHOWN)
        if self.continued or self.changed or self.removed:
            lines.append(
                f"  review work on the old versions: {self.continued} continued,"
                f" {self.changed} changed since judged, {self.removed} on sentences since"
                " removed (see `factdesk status`)"
            )
        lines += [f"  skipped {one_line(source)}: {reason}" for source, reason in self.skipped]
        if self.skipped_count > len(self.skipped):
            lines.append(f"  skipped {self.skipped_count - len(self.skipped)} more")
        lines += [
            f"  ignored {one_line(path)}: not a {READABLE} file" for path in self.ignored_files
        ]
        if self.ignored > len(self.ignored_files):
            more = self.ignored - len(self.ignored_files)
            lines.append(f"  ignored {more} more files that are not {READABLE}")
        lines += [
            f"  no claims found in {one_line(source)}: {_why_no_claims(english, below, best)}"
            for source, english, below, best in self.no_claims[: self.SHOWN]
        ]
        if len(self.no_claims) > self.SHOWN:
            more = len(self.no_claims) - self.SHOWN
            lines.append(f"  no claims found in {plural(more, 'more article')}")
        return "\n".join(lines)


def _notes(notes: dict[str, tuple[list[str], int]], shown: int) -> list[str]:
    """The summary's lines on how files were read: the first ``shown`` ways, each with the
    files read so (a few named, the rest counted), then how many files were read otherwise."""
    lines = []
    for how, (names, count) in itertools.islice(notes.items(), shown):
        said = ", ".join(one_line(name) for name in names)
        if count > len(names):
            said += f" and {count - len(names)} more"
        lines.append(f"  {said}: {one_line(how)}")
    rest = sum(count for _, count in itertools.islice(notes.values(), shown, None))
    if rest:
        lines.append(f"  {plural(rest, 'more spreadsheet')} read from other columns")
    return lines


def _why_no_claims(english: bool, below: int, best: float) -> str:
    """Why an article gave no claims: it is not English, no sentence could be a claim, or
    they all scored under the threshold (and how to see them)."""
    if not english:
        return "is it English news text?"
    if not below:
        return "no sentence in it can be a claim"
    lower = math.floor(best * 20) / 20  # a round threshold that shows the best one
    return (
        f"no sentence scored {THRESHOLD:g} or more; {plural(below, 'candidate')} below: lower"
        f" the threshold to see them (factdesk review --min-score {lower:g})"
    )
