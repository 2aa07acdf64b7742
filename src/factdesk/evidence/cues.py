"""The words that decide a claim: phrases saying a claim has no evidence, that it was
denied, doubted or confirmed, or that a named source reports it. Each cue is found as the
clause that carries it, with exact offsets, and points to a verdict.

The patterns are written from how news reports weigh claims in general ("did not provide
any evidence", "rejected the allegations", "cast doubt on", "records show"), not from the
wording of any one article."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from factdesk.evidence.views import (
    CONFIRMATION,
    DENIAL,
    DOUBT,
    NO_EVIDENCE,
    SOURCE,
    VERDICT,
)

__all__ = ["CONFIRMATION", "DENIAL", "DOUBT", "NO_EVIDENCE", "SOURCE", "VERDICT", "Cue", "cues"]

_NEG = (
    r"(?:did\s+not|didn[’']t|does\s+not|doesn[’']t|has\s+not|hasn[’']t|have\s+not|haven[’']t"
    r"|had\s+not|hadn[’']t|failed\s+to|fails\s+to|declined\s+to|declines\s+to|refused\s+to"
    r"|refuses\s+to|could\s+not|couldn[’']t|cannot|can[’']t|was\s+unable\s+to"
    r"|were\s+unable\s+to|never|would\s+not|wouldn[’']t|will\s+not|won[’']t)"
)
_GIVE = (
    r"(?:provid|offer|giv|present|cit|produc|show|shar|releas|publish|suppl|disclos|back"
    r"|substantiat|support|document|prov|demonstrat|furnish|put\s+forward|point\s+to)\w*"
)
_PROOF = (
    r"(?:evidence|proof|details|specifics|sources?|data|documentation|records|facts"
    r"|information|examples|basis|backing|substantiation|figures|numbers|statistics|documents"
    r"|explanation|study|studies|support|corroboration)"
)
_QUALITY = r"(?:(?:any|hard|concrete|direct|firm|clear|further|supporting|public|credible|solid"
_QUALITY += r"|independent|real|specific|new|such|the|much|evidence\s+or|documentary)\s+)*"
_CLAIMS = (
    r"(?:claims?|allegations?|accusations?|reports?|charges?|assertions?|suggestions?"
    r"|statements?|accounts?|characteri[sz]ation|idea|notion|story|stories|rumou?rs?)"
)
_DET = r"(?:(?:the|these|those|such|his|her|their|its|this|that|all|any|what\s+\w+\s+called)\s+)?"
_FALSE = (
    r"(?:false|baseless|groundless|fabricated|lies|untrue|nonsense|fake|unfounded|absurd"
    r"|ridiculous|propaganda|fabrication|a\s+lie|a\s+hoax|hoax|misinformation|disinformation"
    r"|slander|smear|fictitious|fabricat\w*|preposterous|lies)"
)
_ORG = r"(?:[A-Z][\w&.’'-]*(?:\s+(?:of|for|and|the|de|al)\s+|\s+)){0,4}[A-Z][\w&.’'-]*"
_RECORDS = (
    r"(?:official\s+|government\s+|court\s+|public\s+|police\s+|hospital\s+|published\s+"
    r"|leaked\s+|internal\s+|financial\s+|census\s+)*(?:records|data|figures|documents"
    r"|statistics|filings|minutes|transcripts?|receipts|footage|video|photographs|images"
    r"|satellite\s+images|logs|counts|tallies|results|surveys?|polls?|audits?|analysis"
    r"|reports)"
)

# (kind, weight, pattern): the weight is how surely the cue decides a claim it is tied to.
_PATTERNS: list[tuple[str, float, str]] = [
    (NO_EVIDENCE, 1.0, rf"\bwithout\s+(?:\w+ing\s+)?{_QUALITY}{_PROOF}\b"),
    (NO_EVIDENCE, 1.0, rf"\b{_NEG}\s+(?:\w+\s+){{0,2}}?{_GIVE}\s+{_QUALITY}{_PROOF}\b"),
    (NO_EVIDENCE, 0.9, rf"\b(?:no|little|scant|scarce|zero|nor)\s+{_QUALITY}(?:evidence|proof)\b"),
    (
        NO_EVIDENCE,
        0.9,
        rf"\b(?:offered|provided|gave|presented|cited|produced|showed)\s+no\s+{_QUALITY}{_PROOF}\b",
    ),
    (
        NO_EVIDENCE,
        0.9,
        r"\b(?:unsubstantiated|unverified|unproven|uncorroborated|unsupported"
        r"|unconfirmed|evidence-free|unsourced)\b",
    ),
    (
        NO_EVIDENCE,
        0.85,
        r"\b(?:could\s+not|couldn[’']t|cannot|can[’']t|was\s+not\s+able\s+to"
        r"|were\s+not\s+able\s+to|has\s+not\s+been|have\s+not\s+been|had\s+not\s+been|was\s+not"
        r"|were\s+not|is\s+not|are\s+not)\s+(?:be\s+)?(?:immediately\s+)?(?:independently\s+)?"
        r"(?:verif(?:y|ied)|confirm(?:ed)?|corroborat(?:e|ed)|substantiat(?:e|ed)|prove[dn]?)\b",
    ),
    (
        NO_EVIDENCE,
        0.85,
        rf"\bno\s+(?:\w+\s+){{0,3}}{_RECORDS}\s+(?:have|has|had|were|was)\s+been\s+"
        r"(?:cited|provided|produced|released|shown|presented|made\s+public|published)\b",
    ),
    (
        NO_EVIDENCE,
        0.8,
        rf"\b{_NEG}\s+(?:\w+\s+){{0,2}}?(?:elaborat|explain|specify|say\s+how"
        r"|say\s+what|identify|name)\w*\b",
    ),
    (
        NO_EVIDENCE,
        0.85,
        r"\b(?:never|not\s+yet|not)\s+(?:been\s+)?(?:independently\s+)?(?:confirmed|verified"
        r"|corroborated|substantiated|proven)\b",
    ),
    (DENIAL, 1.0, r"\b(?:denied|denies|deny|denying|denial)\b"),
    (
        DENIAL,
        1.0,
        rf"\b(?:rejected|rejects|reject|rejecting|dismissed|dismisses|dismissing|refuted"
        rf"|refutes|rebutted|rebuts|repudiated|disputed|disputes|contested|contests|rebuffed)\s+"
        rf"{_DET}(?:\w+\s+){{0,2}}?{_CLAIMS}\b",
    ),
    (
        DENIAL,
        0.95,
        rf"\b(?:called|calls|calling|described|describes|branded|brands|labell?ed"
        rf"|termed|dismissed)\s+[^.;:]{{0,60}}?\b{_FALSE}",
    ),
    (
        DENIAL,
        0.7,
        rf"\b(?:decried|denounced|condemned|slammed)\s+{_DET}(?:\w+[’']?s?\s+){{0,3}}?"
        rf"{_CLAIMS}\b",
    ),
    (
        DENIAL,
        0.9,
        r"\binsist(?:ed|s|ing)?\s+(?:that\s+)?(?:\w+\s+){0,4}?(?:no|not|never|nothing)\b",
    ),
    (
        DENIAL,
        0.85,
        r"\b(?:there\s+(?:is|was)\s+no\s+truth|not\s+true|categorically|flatly"
        r"|strongly\s+rejected)\b",
    ),
    (DENIAL, 0.7, rf"\b(?:is|was|are|were)\s+(?:completely\s+|entirely\s+|totally\s+)?{_FALSE}\b"),
    (
        DOUBT,
        0.95,
        r"\b(?:discredited|debunked|disproved|disproven|contradicted|contradicts"
        r"|contradict|refuted\s+by|at\s+odds\s+with|inconsistent\s+with)\b",
    ),
    (
        DOUBT,
        0.9,
        r"\b(?:skeptic(?:ism|al|s)?|sceptic(?:ism|al|s)?|doubts?|doubted|doubtful"
        r"|dubious|questionable|misleading|exaggerated|overstated|implausible)\b",
    ),
    (
        DOUBT,
        0.85,
        rf"\b(?:questioned|questions|questioning)\s+{_DET}(?:\w+\s+){{0,2}}?"
        rf"(?:{_CLAIMS}|estimates?|figures?|numbers?|account|data)\b",
    ),
    (
        DOUBT,
        0.9,
        r"\b(?:viewed|treated|taken|regarded|seen|met|greeted)\s+with\s+(?:some\s+|great\s+"
        r"|considerable\s+)?(?:caution|skepticism|scepticism|suspicion|doubt|disbelief)\b",
    ),
    (DOUBT, 0.85, r"\bcast(?:s|ing)?\s+doubts?\b|\braised?\s+(?:questions|doubts)\b"),
    (
        DOUBT,
        0.6,
        r"\bit\s+(?:is|was|remains|remained)\s+(?:still\s+)?(?:unclear|not\s+"
        r"(?:immediately\s+|yet\s+|entirely\s+)?clear)\b",
    ),
    (
        DOUBT,
        0.85,
        r"\b(?:viewed|treated|taken|regarded|seen)\s+(?:warily|cautiously|sceptically"
        r"|skeptically)\b|\bfar\s+more\s+fiction\s+than\s+fact\b",
    ),
    (
        CONFIRMATION,
        1.0,
        r"\b(?:publicly\s+|officially\s+|independently\s+|later\s+|since\s+)?"
        r"(?:confirmed|confirms|verified|corroborated|acknowledged)\b",
    ),
    (
        CONFIRMATION,
        1.0,
        rf"\b{_RECORDS}\s+(?:\w+\s+){{0,6}}?(?:show|showed|shows|shown|confirm"
        r"|confirmed|confirms|indicate|indicated|indicates|reveal|revealed|reveals|prove|proved"
        r"|proves|support|supports)\b",
    ),
    (CONFIRMATION, 0.95, rf"\b[Aa]ccording\s+to\s+(?:[\w’']+\s+){{0,3}}?(?:{_RECORDS}|report)\b"),
    (SOURCE, 0.8, rf"\b[Aa]ccording\s+to\s+(?:a\s+|an\s+|the\s+)?{_ORG}"),
    (SOURCE, 0.75, rf"\b{_ORG}\s+(?:has\s+|had\s+|also\s+)?(?:reported|found|established)\b"),
]
# The words each pattern needs, one at least (lower case): a sentence with none of them is
# not searched with it (most sentences have no cue).
_NEGATIONS = (
    "not",
    "n't",
    "n’t",
    "failed to",
    "fails to",
    "declined to",
    "declines to",
    "refused to",
    "refuses to",
    "cannot",
    "unable",
    "never",
)
_FALSE_WORDS = (
    "false",
    "baseless",
    "groundless",
    "fabricat",
    "lie",
    "untrue",
    "nonsense",
    "fake",
    "unfounded",
    "absurd",
    "ridiculous",
    "propaganda",
    "hoax",
    "information",
    "slander",
    "smear",
    "fictitious",
    "preposterous",
)
_KEYS: list[tuple[str, ...]] = [
    ("without",),
    _NEGATIONS,
    ("evidence", "proof"),
    (" no ",),
    ("unsubstantiat", "unverif", "unproven", "uncorroborat", "unsupported", "unconfirm",
     "evidence-free", "unsourced"),
    ("verif", "confirm", "corroborat", "substantiat", "prove"),
    ("been",),
    _NEGATIONS,
    ("never", "not"),
    ("deni", "deny"),
    ("reject", "dismiss", "refut", "rebut", "repudiat", "disput", "contest", "rebuff"),
    ("call", "describ", "brand", "label", "termed", "dismissed"),
    ("decried", "denounced", "condemned", "slammed"),
    ("insist",),
    ("truth", "not true", "categorical", "flatly", "reject"),
    _FALSE_WORDS,
    ("discredit", "debunk", "disprov", "contradict", "refuted", "at odds", "inconsistent"),
    ("skeptic", "sceptic", "doubt", "dubious", "questionab", "questioned", "misleading",
     "exaggerat", "overstat", "implausib"),
    ("question",),
    ("caution", "skeptic", "sceptic", "suspicion", "doubt", "disbelief"),
    ("cast", "raise"),
    ("clear",),
    ("warily", "cautiously", "sceptically", "skeptically", "fiction"),
    ("confirm", "verified", "corroborat", "acknowledg"),
    ("record", "data", "figure", "document", "statistic", "filing", "minutes", "transcript",
     "receipt", "footage", "video", "photograph", "image", "log", "count", "tallies",
     "result", "survey", "poll", "audit", "analysis", "report"),
    ("according to",),
    ("according to",),
    ("reported", "found", "established"),
]  # fmt: skip
assert len(_KEYS) == len(_PATTERNS)
# Case matters only where a source is named ("Reuters reported"); elsewhere a cue may
# open its sentence ("Denied by the ministry, …").
_COMPILED = [
    (kind, weight, re.compile(p, 0 if kind == SOURCE else re.IGNORECASE), keys)
    for (kind, weight, p), keys in zip(_PATTERNS, _KEYS, strict=True)
]

# Where a clause ends: punctuation, or a conjunction that starts another clause.
_CLAUSE_END = re.compile(
    r"[,;:—–()\"“”]|\s-\s|\s(?:but|while|whereas|although|though)\s|\sand\s+(?=\w+ed\b)"
)
_CLAUSE_START = re.compile(
    r"(?:[,;:—–(\"“”]|\s-\s|\b(?:but|while|whereas|although|though|however|yet)\b)\s*"
)
_NEGATED = re.compile(
    r"\b(?:not|never|no|nobody|none|cannot|can[’']t|couldn[’']t|wasn[’']t|weren[’']t|hasn[’']t"
    r"|haven[’']t|didn[’']t|doesn[’']t|don[’']t|no\s+one)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_NOT = re.compile(r"\b(?:not|never|no)\b|n[’']t\b", re.IGNORECASE)
_JOINED = re.compile(r"(?:and|or|so|then)\s+", re.IGNORECASE)
_MAX_SPAN = 160  # characters: a longer clause is cut around its cue


@dataclass(frozen=True, slots=True)
class Cue:
    """A cue found in an article: the clause carrying it, its kind and weight."""

    start: int
    end: int
    kind: str
    weight: float

    @property
    def verdict(self) -> str:
        return VERDICT[self.kind]


def cues(text: str, start: int, end: int) -> list[Cue]:
    """The cues of one sentence (``text[start:end]``), each as its clause, the strongest
    first where two overlap."""
    sentence = text[start:end]
    lowered = sentence.lower()
    found: list[Cue] = []
    for kind, weight, pattern, keys in _COMPILED:
        if not any(key in lowered for key in keys):
            continue
        for match in pattern.finditer(sentence):
            if kind == SOURCE and not _named(match.group()):
                continue
            if kind != NO_EVIDENCE and _negated(sentence, match, kind):
                continue  # "could not be verified", "did not deny", "no doubt": no cue
            s, e = _clause(sentence, match.start(), match.end())
            found.append(Cue(start + s, start + e, kind, weight))
    found.sort(key=lambda c: (-c.weight, c.start))
    kept: list[Cue] = []  # by start; kept apart from each other
    for cue in found:
        at = bisect.bisect_left(kept, cue.start, key=lambda k: k.start)
        before = kept[at - 1] if at else None
        after = kept[at] if at < len(kept) else None
        if (before is None or before.end <= cue.start) and (
            after is None or cue.end <= after.start
        ):
            kept.insert(at, cue)
    return kept


_NOT_NAMES = frozenset(
    "The A An This That These Those It He She They We I In On At As But And However"
    " Meanwhile According Following After Before Since Earlier Later".split()
)


def _negated(sentence: str, match: re.Match[str], kind: str) -> bool:
    """Whether a cue is said not to hold: a negation just before it ("did not deny",
    "there is no doubt") or, for a confirmation, inside it ("were never confirmed"). Looks
    back a few words only, so that a long sentence costs no more per cue."""
    start = match.start()
    if _NEGATED.search(sentence, max(0, start - 40), start):
        return True
    return kind == CONFIRMATION and bool(_NOT.search(match.group()))


def _named(found: str) -> bool:
    """Whether a source cue names someone ("according to Reuters", not "according to the")."""
    words = re.findall(r"[A-Z][\w&.’'-]*", found)
    return any(w not in _NOT_NAMES for w in words)


def _clause(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The clause around a cue at ``sentence[start:end]``: from the last clause boundary
    before it to the first after it, spaces and closing punctuation trimmed."""
    begin = 0
    for match in _CLAUSE_START.finditer(sentence, max(0, start - _MAX_SPAN), start):
        begin = match.end()
    after = _CLAUSE_END.search(sentence, end)
    stop = after.start() if after else len(sentence)
    if stop - begin > _MAX_SPAN:  # a long clause: the cue and what follows it
        begin = max(begin, start)
        stop = min(stop, max(end, begin + _MAX_SPAN))
    while begin < stop and not sentence[begin].isalnum():
        begin += 1
    joined = _JOINED.match(sentence, begin, stop)
    if joined and joined.end() < start:  # "and the board denied it": the clause itself
        begin = joined.end()
    while stop > begin and sentence[stop - 1] in " .!?\n\t":
        stop -= 1
    return begin, stop
