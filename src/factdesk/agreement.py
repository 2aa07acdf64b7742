"""How much reviewers agree: observed agreement and Cohen's κ for a pair, Fleiss' κ and
Krippendorff's α (nominal) for any number of reviewers, confusion matrices, and how much the
evidence of two reviewers who gave the same verdict overlaps. Textbook formulas, tested on
the literature's worked examples (tests/test_agreement.py)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from itertools import combinations
from typing import TypeVar

L = TypeVar("L", bound=Hashable)


def observed(pairs: Sequence[tuple[L, L]]) -> float | None:
    """The share of items two raters labelled alike (None without items)."""
    return sum(a == b for a, b in pairs) / len(pairs) if pairs else None


def cohen_kappa(pairs: Sequence[tuple[L, L]]) -> float | None:
    """Cohen's κ (1960) for two raters: (p_o − p_e) / (1 − p_e), p_e from each rater's own
    label frequencies. None without items, or when chance agreement is certain (both gave
    one and the same label to everything: κ is undefined)."""
    n = len(pairs)
    if not n:
        return None
    first = Counter(a for a, _ in pairs)
    second = Counter(b for _, b in pairs)
    expected = sum(first[label] * second[label] for label in first) / (n * n)
    if expected == 1:
        return None
    return (observed(pairs) - expected) / (1 - expected)  # type: ignore[operator]


def fleiss_kappa(items: Sequence[Sequence[L]]) -> float | None:
    """Fleiss' κ (1971) over items each labelled by two or more raters (the number may vary
    from item to item: each item's agreement is over its own pairs of raters)."""
    rated = [item for item in items if len(item) >= 2]
    if not rated:
        return None
    totals: Counter[L] = Counter()
    agreement = 0.0
    for item in rated:
        counts = Counter(item)
        n = len(item)
        agreement += (sum(c * c for c in counts.values()) - n) / (n * (n - 1))
        totals.update(counts)
    p_bar = agreement / len(rated)
    all_labels = sum(totals.values())
    p_e = sum((c / all_labels) ** 2 for c in totals.values())
    if p_e == 1:
        return None
    return (p_bar - p_e) / (1 - p_e)


def krippendorff_alpha(units: Sequence[Sequence[L]]) -> float | None:
    """Krippendorff's α for nominal data (Krippendorff 2011, "Computing Krippendorff's
    Alpha-Reliability"): 1 − D_o / D_e from the coincidence matrix of the pairable values
    (units with two or more values; missing values are simply absent)."""
    coincidences: dict[tuple[L, L], float] = {}
    for unit in units:
        m = len(unit)
        if m < 2:
            continue
        for a, b in combinations(range(m), 2):
            for x, y in ((unit[a], unit[b]), (unit[b], unit[a])):
                coincidences[(x, y)] = coincidences.get((x, y), 0.0) + 1 / (m - 1)
    n = sum(coincidences.values())
    if not n:
        return None
    marginal: dict[L, float] = {}
    for (x, _), value in coincidences.items():
        marginal[x] = marginal.get(x, 0.0) + value
    disagree_observed = sum(v for (x, y), v in coincidences.items() if x != y)
    disagree_expected = sum(
        marginal[x] * marginal[y] for x in marginal for y in marginal if x != y
    ) / (n - 1)
    if not disagree_expected:
        return None
    return 1 - disagree_observed / disagree_expected


def confusion(pairs: Sequence[tuple[L, L]], labels: Sequence[L]) -> list[list[int]]:
    """The confusion matrix of two raters: rows the first's labels, columns the second's."""
    counts = Counter(pairs)
    return [[counts[(a, b)] for b in labels] for a in labels]


def span_f1(
    first: Sequence[tuple[Hashable, int, int]], second: Sequence[tuple[Hashable, int, int]]
) -> float:
    """How much two sets of evidence spans overlap, by character: the F1 of the characters
    each marked ((article, start, end) spans; 1.0 when neither marked any)."""
    a, b = _chars(first), _chars(second)
    if not a and not b:
        return 1.0
    both = len(a & b)
    return 2 * both / (len(a) + len(b))


def _chars(spans: Sequence[tuple[Hashable, int, int]]) -> set[tuple[Hashable, int]]:
    return {(article, i) for article, start, end in spans for i in range(start, end)}


def pairs_of(judged: Mapping[int, Mapping[str, L]], one: str, two: str) -> list[tuple[L, L]]:
    """The (one's, two's) labels of the items both labelled."""
    return [(by[one], by[two]) for by in judged.values() if one in by and two in by]


LABELS = ("evidenced", "unevidenced", "disputed")


def report(
    verdicts: Sequence[tuple[int, int, str, str, str]],
    spans: Sequence[tuple[int, str, int, int, int]],
    reviewers: Sequence[str] | None = None,
    by_article: bool = False,
) -> dict[str, object]:
    """The agreement of reviewers (all, or these) over the claims two or more of them
    judged: ``verdicts`` as (claim_id, article_id, title, reviewer, verdict), ``spans`` as
    (claim_id, reviewer, article_id, start, end). The keys are documented in the README."""
    judged: dict[int, dict[str, str]] = {}
    articles: dict[int, tuple[int, str]] = {}
    for claim_id, article_id, title, reviewer, verdict in verdicts:
        if reviewers is None or reviewer in reviewers:
            judged.setdefault(claim_id, {})[reviewer] = verdict
            articles[claim_id] = (article_id, title)
    judged = {c: by for c, by in judged.items() if len(by) >= 2}
    evidence: dict[tuple[int, str], list[tuple[Hashable, int, int]]] = {}
    for claim_id, reviewer, article_id, start, end in spans:
        evidence.setdefault((claim_id, reviewer), []).append((article_id, start, end))
    result = _figures(judged, evidence)
    if by_article:
        per: dict[int, dict[int, dict[str, str]]] = {}
        for claim_id, by in judged.items():
            per.setdefault(articles[claim_id][0], {})[claim_id] = by
        result["by_article"] = [
            {"article_id": a, "title": articles[next(iter(c))][1], **_figures(c, evidence)}
            for a, c in per.items()
        ]
    return result


def _figures(
    judged: Mapping[int, Mapping[str, str]],
    evidence: Mapping[tuple[int, str], Sequence[tuple[Hashable, int, int]]],
) -> dict[str, object]:
    names = sorted({r for by in judged.values() for r in by})
    pairs = []
    for one, two in combinations(names, 2):
        both = [c for c, by in judged.items() if one in by and two in by]
        if not both:
            continue
        labels = [(judged[c][one], judged[c][two]) for c in both]
        # Evidence agreement: where both gave the same verdict and either attached any.
        same = [
            c for c in both if judged[c][one] == judged[c][two]
            and (evidence.get((c, one)) or evidence.get((c, two)))
        ]  # fmt: skip
        f1 = [span_f1(evidence.get((c, one), []), evidence.get((c, two), [])) for c in same]
        pairs.append({
            "reviewers": [one, two],
            "n": len(both),
            "observed": _round(observed(labels)),
            "cohen_kappa": _round(cohen_kappa(labels)),
            "confusion": confusion(labels, LABELS),
            "evidence_f1": _round(sum(f1) / len(f1)) if f1 else None,
            "evidence_n": len(f1),
        })  # fmt: skip
    units = [list(by.values()) for by in judged.values()]
    return {
        "reviewers": names,
        "claims": len(judged),
        "labels": list(LABELS),
        "fleiss_kappa": _round(fleiss_kappa(units)),
        "krippendorff_alpha": _round(krippendorff_alpha(units)),
        "pairs": pairs,
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
