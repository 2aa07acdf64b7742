"""Agreement figures against worked examples from the literature, with their published
values."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factdesk.agreement import (
    cohen_kappa,
    confusion,
    fleiss_kappa,
    krippendorff_alpha,
    observed,
    span_f1,
)
from factdesk.importer import import_paths
from factdesk.models import Verdict
from factdesk.store import Store
from tests.helpers import COURIER, GAZETTE, run, write


def test_cohens_kappa_on_the_textbook_two_by_two_example() -> None:
    """The worked example of Cohen's kappa (Wikipedia, "Cohen's kappa", after Cohen 1960):
    50 proposals, both readers yes on 20, both no on 15, A yes and B no on 5, A no and B
    yes on 10: p_o = 0.7, p_e = 0.5, kappa = 0.4."""
    pairs = [("y", "y")] * 20 + [("y", "n")] * 5 + [("n", "y")] * 10 + [("n", "n")] * 15
    assert observed(pairs) == pytest.approx(0.7)
    assert cohen_kappa(pairs) == pytest.approx(0.4)
    assert confusion(pairs, ["y", "n"]) == [[20, 5], [10, 15]]


def test_cohens_kappa_of_perfect_and_chance_agreement() -> None:
    assert cohen_kappa([("a", "a"), ("b", "b")]) == pytest.approx(1.0)
    assert cohen_kappa([("a", "a"), ("a", "b"), ("b", "a"), ("b", "b")]) == pytest.approx(0.0)
    assert cohen_kappa([("a", "a")] * 3) is None  # one label only: undefined
    assert cohen_kappa([]) is None


# Fleiss (1971)'s method on the worked example of Wikipedia's "Fleiss' kappa": 10 subjects,
# 14 raters each, 5 categories; P-bar = 0.378, P_e = 0.213, kappa = 0.210.
FLEISS = [
    [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
]  # fmt: skip


def test_fleiss_kappa_on_the_published_example() -> None:
    items = [[c for c, n in enumerate(row) for _ in range(n)] for row in FLEISS]
    assert fleiss_kappa(items) == pytest.approx(0.210, abs=0.0005)


def test_fleiss_kappa_of_two_raters_is_scotts_pi() -> None:
    """With two raters Fleiss' kappa is Scott's pi: p_e from the pooled labels."""
    pairs = [("y", "y")] * 20 + [("y", "n")] * 5 + [("n", "y")] * 10 + [("n", "n")] * 15
    pooled_yes = (20 * 2 + 5 + 10) / 100
    p_e = pooled_yes**2 + (1 - pooled_yes) ** 2
    assert fleiss_kappa([list(p) for p in pairs]) == pytest.approx((0.7 - p_e) / (1 - p_e))


def test_krippendorffs_alpha_on_his_published_example() -> None:
    """Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", example C: four
    observers, twelve units, values missing; nominal alpha = 0.743."""
    observers = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
        [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
    ]
    units = [[o[u] for o in observers if o[u] is not None] for u in range(12)]
    assert krippendorff_alpha(units) == pytest.approx(0.743, abs=0.0005)


def test_krippendorffs_alpha_of_two_raters_without_missing_values() -> None:
    """Krippendorff (2011) example A (two observers, ten units, nominal): alpha = 0.095."""
    a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    assert krippendorff_alpha([[x, y] for x, y in zip(a, b, strict=True)]) == pytest.approx(
        0.095, abs=0.0005
    )


def test_evidence_overlap_by_character() -> None:
    assert span_f1([(1, 0, 10)], [(1, 5, 15)]) == pytest.approx(0.5)
    assert span_f1([(1, 0, 10)], [(2, 0, 10)]) == 0.0  # the same offsets, another article
    assert span_f1([], []) == 1.0
    assert span_f1([(1, 0, 4), (1, 10, 14)], [(1, 0, 4)]) == pytest.approx(2 * 4 / 12)


def test_the_agreement_command_on_reviewers_work(store: Store, tmp_path: Path) -> None:
    import_paths(store, write(tmp_path / "news", gazette=GAZETTE, courier=COURIER))
    ids = [c.id for c in store.claims(min_score=None)][:4]
    assert len(ids) == 4
    ann = ["evidenced", "unevidenced", "disputed", "disputed"]
    bob = ["evidenced", "unevidenced", "unevidenced", "disputed"]
    for claim_id, a, b in zip(ids, ann, bob, strict=True):
        store.set_verdict(claim_id, "ann", Verdict(a))
        store.set_verdict(claim_id, "bob", Verdict(b))
    store.set_verdict(ids[0], "cat", Verdict.EVIDENCED)  # a third reviewer on one claim
    text = store.article(store.claim(ids[0]).article_id).text
    store.add_span(ids[0], "ann", 0, 10, text[0:10])
    store.add_span(ids[0], "bob", 5, 15, text[5:15])
    code, out, _ = run("agreement", "--format", "json", "--reviewers", "ann,bob")
    assert code == 0
    found = json.loads(out)
    (pair,) = found["pairs"]
    pairs = list(zip(ann, bob, strict=True))
    assert (found["claims"], pair["n"]) == (4, 4)
    assert pair["observed"] == 0.75 and pair["cohen_kappa"] == round(cohen_kappa(pairs), 4)
    assert pair["confusion"] == [[1, 0, 0], [0, 1, 0], [0, 1, 1]]
    assert pair["evidence_f1"] == 0.5 and pair["evidence_n"] == 1
    assert found["fleiss_kappa"] == round(fleiss_kappa([list(p) for p in pairs]), 4)
    assert found["krippendorff_alpha"] == round(krippendorff_alpha([list(p) for p in pairs]), 4)
    code, out, _ = run("status")
    assert "\nagreement: 4 claims judged by two or more reviewers, 3 agree, 1 disagree" in out
    code, out, _ = run("agreement", "--by-article")
    assert code == 0 and "claims judged by two or more of: ann, bob, cat" in out
    assert "ann – bob" in out and "ann – cat" in out and "\narticle " in out
