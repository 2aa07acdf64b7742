"""Small domain types shared by the store, the importer, the extractor and the screens."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from factdesk.inert import one_line


def plural(count: int, noun: str) -> str:
    """ "1 file", "2 files"."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def record_kin(source: str) -> str | None:
    """The start shared by the sources of one file's records with ids of their own (a
    spreadsheet's or JSON Lines file's: ``/data/x.csv#id=`` of ``/data/x.csv#id=7``); None
    for any other source, a URL with ``#id=`` in its fragment among them."""
    if "#id=" not in source or _URL.match(source):
        return None
    return source[: source.index("#id=") + 4]


_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


class FactdeskError(Exception):
    """A problem the user can act on; the CLI prints it as one line."""


class Verdict(StrEnum):
    """A reviewer's judgement of a claim."""

    EVIDENCED = "evidenced"
    UNEVIDENCED = "unevidenced"
    DISPUTED = "disputed"


LARGEST_ID = 2**63 - 1  # SQLite's largest integer: no row's id or offset is above it


def claim_number(text: str) -> int:
    """A claim id as a person types it ("12", "#12"), or FactdeskError saying what one is."""
    digits = text.strip().removeprefix("#")
    # 19 digits hold every id SQLite can; int() of thousands of digits would raise.
    if digits.isdecimal() and len(digits) <= 19:
        number = int(digits)
        if 0 < number <= LARGEST_ID:
            return number
    shown = one_line(text)
    shown = shown if len(shown) <= 30 else shown[:29] + "…"
    raise FactdeskError(
        f"a claim id is a whole number from 1, as `factdesk claims` lists; not {shown!r}"
    )


def too_large(number: int) -> bool:
    """Whether an integer (an id or offset read from a file) is past what SQLite holds."""
    return not -LARGEST_ID - 1 <= number <= LARGEST_ID


@dataclass(frozen=True, slots=True)
class ExtractedClaim:
    """A claim found in an article, before it is stored."""

    start: int
    end: int
    text: str
    speaker: str | None
    verb: str | None
    score: float


@dataclass(frozen=True, slots=True)
class Claim:
    """A stored claim, with where it comes from."""

    id: int
    article_id: int
    article_source: str
    start: int
    end: int
    text: str
    speaker: str | None
    verb: str | None
    score: float
    current: bool = True  # False for a claim of an article version replaced since
    origin: str = "extractor"  # or "reviewer": added by hand

    @property
    def added(self) -> bool:
        """Whether a reviewer added it by hand (or chose it below the threshold)."""
        return self.origin == "reviewer"


class ClaimSuperseded(FactdeskError):
    """An action on a claim whose article has been replaced by a newer version since the
    desk showed it; nothing was saved."""

    def __init__(self, claim_id: int) -> None:
        super().__init__(
            f"claim {claim_id} is from an older version of its article (a corrected version"
            " was imported since); nothing saved"
        )
        self.claim_id = claim_id


class ArticleSuperseded(FactdeskError):
    """An action on an article version that a newer import has replaced since the desk
    showed it (adding a claim to it); nothing was saved."""

    def __init__(self, article_id: int) -> None:
        super().__init__(
            f"article {article_id} has been replaced by a corrected version since; nothing saved"
        )
        self.article_id = article_id


@dataclass(frozen=True, slots=True)
class ArticleInput:
    """An article read from a file, ready to store."""

    source: str
    text: str
    title: str
    encoding: str
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    where: str = ""  # the file, or file:line for a JSON Lines record
    author: str | None = None
    raw_sha256: str | None = None  # of the page an HTML article was extracted from
    # What a document's markup marks as not prose (headings, tables, code): never claims.
    not_claims: tuple[tuple[int, int], ...] = ()
    kind: str = "text"  # the format it came in: text, Markdown, HTML, JSON Lines, CSV, TSV


# The files import reads (factdesk.readers), and what one article of each format is.
THRESHOLD = 0.5  # the check-worthiness score a claim needs to be in a queue, by default
MAX_CLAIM_CHARS = 1000  # the longest claim (a reviewer's selection included)
READABLE = ".txt, .md, .html, .htm, .jsonl, .csv or .tsv"


class ImportOutcome(StrEnum):
    """What storing one article did."""

    NEW = "new"
    UNCHANGED = "unchanged"
    VERSION = "new version"


@dataclass(frozen=True, slots=True)
class Article:
    """One stored version of an article."""

    id: int
    source: str
    version: int
    title: str
    text: str
    byline: str = ""  # outlet, author and date, as far as known (web pages, feeds)


@dataclass(frozen=True, slots=True)
class Span:
    """An evidence span: offsets into the article and the quote they cover (the claim's
    article, or ``article_id``'s: another article of the claim's story)."""

    id: int
    start: int
    end: int
    quote: str
    article_id: int | None = None


@dataclass(frozen=True, slots=True)
class Earlier:
    """A reviewer's work on the claim that stood here in an earlier version of the
    article, kept there because the sentence (or an evidence quote) changed since."""

    claim_id: int
    version: int
    text: str
    verdict: Verdict | None
    note: str
    spans: int
    flagged: bool = False


@dataclass(frozen=True, slots=True)
class Review:
    """One reviewer's work on one claim."""

    verdict: Verdict | None = None
    flagged: bool = False
    note: str = ""
    spans: tuple[Span, ...] = ()
    updated_at: str | None = None
    earlier: tuple[Earlier, ...] = ()
    dismissed: bool = False  # as not check-worthy: out of this reviewer's queue
    # The action that returned this review restored the claim from this reviewer's
    # dismissals (work given to a dismissed claim restores it: see Store.set_verdict).
    restored: bool = False

    @property
    def changed(self) -> bool:
        """Judged in an earlier version, changed since, and not judged again."""
        return bool(self.earlier) and self.verdict is None


class QueueFilter(StrEnum):
    """Which claims the queue shows."""

    ALL = "all"
    UNJUDGED = "unjudged"
    EVIDENCED = "evidenced"
    UNEVIDENCED = "unevidenced"
    DISPUTED = "disputed"
    FLAGGED = "flagged"
    CHANGED = "changed"  # changed since judged: the article was corrected under the verdict
    DISMISSED = "dismissed"  # dismissed as not check-worthy (the one filter outside the queue)


@dataclass(frozen=True, slots=True)
class QueueRow:
    """What the queue shows of one claim."""

    claim_id: int
    verdict: Verdict | None
    flagged: bool
    text: str
    article: str
    changed: bool = False


@dataclass(frozen=True, slots=True)
class Undone:
    """What an undo reverted; ``conflict`` when nothing was reverted (another window
    changed the claim since, or the action cannot be taken back)."""

    claim_id: int
    action: str
    conflict: bool = False
    corrected: bool = False  # the action was on an article version replaced since
    reason: str = ""  # what was done, or why nothing was, when the usual words do not say
    # Nothing was reverted and nothing ever can be: the undo is logged as passed over, so
    # the next one goes on to the action before it.
    skipped: bool = False
    list_changed: bool = False  # a claim left or joined this reviewer's queue
    detail: str = ""  # what ``reason`` says in short, explained


class ClaimStatus(StrEnum):
    """What a claim is to one reviewer (the exports' claim_status, claims' status)."""

    EXTRACTED = "extracted"
    ADDED = "added"  # a reviewer added it by hand
    DISMISSED = "dismissed"  # this reviewer dismissed it as not check-worthy

    @classmethod
    def of(cls, added: bool, dismissed: bool) -> ClaimStatus:
        """Dismissed by the reviewer, else added by hand, else found by the extractor (as
        the exports' SQL decides it too)."""
        return cls.DISMISSED if dismissed else cls.ADDED if added else cls.EXTRACTED


@dataclass(frozen=True, slots=True)
class AddedClaim:
    """What adding a span as a claim did: ``outcome`` is ``new`` (a claim was made),
    ``revealed`` (a candidate below the threshold is now an added claim), ``existing``
    (it was already in the queue: nothing changed) or ``dismissed`` (the reviewer
    dismissed that claim: nothing changed)."""

    claim_id: int
    outcome: str


@dataclass
class Progress:
    """How much of the queue one reviewer has judged."""

    total: int
    counts: dict[Verdict, int] = field(default_factory=lambda: dict.fromkeys(Verdict, 0))
    word: str = "judged"  # what a verdict does to a claim here ("adjudicated" for finals)
    counting: bool = False  # not counted yet (a large desk reads its queue behind)

    @property
    def judged(self) -> int:
        """Claims with a verdict."""
        return sum(self.counts.values())

    def change(self, before: Verdict | None, after: Verdict | None) -> None:
        """Account for one claim's verdict changing."""
        if before is not None:
            self.counts[before] -= 1
        if after is not None:
            self.counts[after] += 1

    def __str__(self) -> str:
        if self.counting:
            return "counting…"
        return f"{self.judged} of {self.total} {self.word}"
