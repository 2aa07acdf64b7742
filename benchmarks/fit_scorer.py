"""Fit the weights of the check-worthiness scorer on development data that is not part of the
product (CLEF 2019 CheckThat! task 1 training transcripts), and say how well they rank
sentences of transcripts they were not fitted on:

    python -m benchmarks.fit_scorer                 # ../shared/devdata, if present
    python -m benchmarks.fit_scorer --data DIR --write

A logistic regression (L2, Newton's method, pure Python) over the named features of
``factdesk.extract.features``. It reports leave-one-transcript-out MAP and F1, then fits on
every transcript; ``--write`` puts the weights into ``src/factdesk/extract/weights.py``.
Weights keep the sign their feature is meant to have (``features.FOR``, ``AGAINST``); a few
that debates cannot teach are set by hand (``FIXED``). The bias is set so that a sentence
with none of the features scores ``--neutral`` (0.4): below the threshold of 0.5, so that a
claim needs some sign of a checkable statement. Moving the bias changes no ranking."""

from __future__ import annotations

import argparse
import math
import sys
import textwrap
from pathlib import Path

from benchmarks.checkworthiness import DEFAULT_DATA, Transcript, average_precision, read
from factdesk.extract.attribution import find_attribution
from factdesk.extract.features import AGAINST, FOR, features

WEIGHTS_FILE = Path(__file__).resolve().parent.parent / "src/factdesk/extract/weights.py"
Row = dict[str, float]


def rows(transcript: Transcript) -> list[Row]:
    """Each sentence's features, with the attribution extraction scores it by (a first-person
    report counts as a report there, though it records no speaker)."""
    return [
        features(s, find_attribution(s) or find_attribution(s, first_person=True))
        for s in transcript.sentences
    ]


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Solve a small dense linear system by Gaussian elimination with pivoting."""
    n = len(vector)
    a = [row[:] + [vector[i]] for i, row in enumerate(matrix)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        a[col], a[pivot] = a[pivot], a[col]
        for r in range(col + 1, n):
            factor = a[r][col] / a[col][col]
            if factor:
                for c in range(col, n + 1):
                    a[r][c] -= factor * a[col][c]
    result = [0.0] * n
    for r in range(n - 1, -1, -1):
        result[r] = (a[r][n] - sum(a[r][c] * result[c] for c in range(r + 1, n))) / a[r][r]
    return result


# Set by hand, not fitted: what makes a news report checkable but is rare in debates, where
# speakers state things in their own name (attribution to someone else, dates, several named
# actors); and a prediction or an exhortation, which state nothing that can be checked yet
# (the debates' labels sometimes count one about an opponent's plans). The fit weighs the
# other features around these.
FIXED = {
    "attributed": 0.5, "attributed_strong": 0.3, "year": 0.2, "name_2": 0.2,
    "prediction": -1.0, "exhort": -1.0, "exhort_reported": -0.5,
}  # fmt: skip


def fit(data: list[Row], labels: list[bool], names: list[str], l2: float) -> dict[str, float]:
    """Logistic regression weights (the bias under ``"bias"``) by Newton's method, with the
    weights in FIXED held as they are."""
    names = [n for n in names if n not in FIXED]
    index = {name: i + 1 for i, name in enumerate(names)}
    sparse = [[0] + [index[k] for k in row if k in index] for row in data]
    offsets = [sum(FIXED.get(k, 0.0) * v for k, v in row.items()) for row in data]
    n = len(names) + 1
    w = [0.0] * n
    for _ in range(25):
        grad = [0.0] * n
        hess = [[0.0] * n for _ in range(n)]
        for active, label, offset in zip(sparse, labels, offsets, strict=True):
            z = offset + sum(w[i] for i in active)
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
            g = p - float(label)
            h = p * (1 - p)
            for i in active:
                grad[i] += g
                row = hess[i]
                for j in active:
                    row[j] += h
        for i in range(1, n):
            grad[i] += l2 * w[i]
            hess[i][i] += l2
        hess[0][0] += 1e-6
        step = _solve(hess, grad)
        w = [wi - si for wi, si in zip(w, step, strict=True)]
        if max(abs(s) for s in step) < 1e-6:
            break
    return {"bias": w[0]} | {name: w[index[name]] for name in names} | FIXED


def fit_signed(data: list[Row], labels: list[bool], l2: float) -> dict[str, float]:
    """Fit, then leave out every feature whose weight points the wrong way (see
    ``features.FOR`` and ``AGAINST``) and fit again, until none does."""
    names = names_of(data)
    while True:
        weights = fit(data, labels, names, l2)
        wrong = [
            n for n in names if (n in FOR and weights[n] < 0) or (n in AGAINST and weights[n] > 0)
        ]
        if not wrong:
            return weights
        names = [n for n in names if n not in wrong]


def score(row: Row, weights: dict[str, float]) -> float:
    z = weights["bias"] + sum(weights.get(k, 0.0) * v for k, v in row.items())
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def evaluate(
    folds: list[tuple[str, list[Row], list[bool]]], l2: float, neutral: float
) -> tuple[float, float, float, float]:
    """Leave-one-transcript-out MAP, and precision, recall and F1 at the threshold."""
    aps, tp, fp, fn = [], 0, 0, 0
    for held, (_, data, labels) in enumerate(folds):
        train_x = [r for i, f in enumerate(folds) if i != held for r in f[1]]
        train_y = [y for i, f in enumerate(folds) if i != held for y in f[2]]
        weights = calibrate(fit_signed(train_x, train_y, l2), train_x, neutral)
        found = [score(r, weights) for r in data]
        order = sorted(range(len(found)), key=lambda i: -found[i])
        aps.append(average_precision([labels[i] for i in order]))
        for s, y in zip(found, labels, strict=True):
            tp += s >= 0.5 and y
            fp += s >= 0.5 and not y
            fn += s < 0.5 and y
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return sum(aps) / len(aps), p, r, 2 * p * r / (p + r) if p + r else 0.0


def names_of(data: list[Row]) -> list[str]:
    return sorted({k for row in data for k in row})


def calibrate(weights: dict[str, float], data: list[Row], neutral: float) -> dict[str, float]:
    """Set the bias so that a sentence with none of the features scores ``neutral``: below
    the threshold, a sentence needs some sign of a checkable statement to become a claim."""
    return weights | {"bias": math.log(neutral / (1 - neutral))}


def share_passing(weights: dict[str, float], data: list[Row]) -> float:
    return sum(score(row, weights) >= 0.5 for row in data) / len(data)


def write(weights: dict[str, float], note: str) -> None:
    text = "The check-worthiness scorer's weights, written by python -m benchmarks.fit_scorer "
    text += "--write. " + note
    lines = [
        '"""' + textwrap.fill(text, 92) + '"""',
        "",
        "WEIGHTS: dict[str, float] = {",
        *(f'    "{k}": {v:.4f},' for k, v in weights.items()),
        "}",
        "",
    ]
    WEIGHTS_FILE.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--neutral", type=float, default=0.4)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"no development data at {args.data}; nothing to fit", file=sys.stderr)
        return 0
    transcripts = read(args.data)
    folds = [(t.name, rows(t), t.labels) for t in transcripts]
    map_, p, r, f1 = evaluate(folds, args.l2, args.neutral)
    print(f"leave one transcript out: MAP {map_:.3f}  P {p:.2f}  R {r:.2f}  F1 {f1:.2f}")
    data = [row for f in folds for row in f[1]]
    labels = [y for f in folds for y in f[2]]
    weights = calibrate(fit_signed(data, labels, args.l2), data, args.neutral)
    print(f"{share_passing(weights, data):.0%} of the sentences score 0.5 or more")
    for name, value in sorted(weights.items(), key=lambda kv: -kv[1]):
        print(f"  {name:22} {value:+.3f}")
    if args.write:
        sentences = sum(len(t.sentences) for t in transcripts)
        write(
            weights,
            f"Fitted on the CLEF 2019 CheckThat! task 1 training transcripts ({len(transcripts)}"
            f" debates and speeches, {sentences} sentences, {sum(labels)} check-worthy; not"
            f" shipped), L2 {args.l2}. Set by hand: {', '.join(FIXED)}. The"
            f" bias makes a sentence with none of the features score {args.neutral}; "
            f"{share_passing(weights, data):.0%} of the transcripts' sentences score 0.5 or"
            f" more. Leave-one-transcript-out: MAP {map_:.3f}.",
        )
        print(f"wrote {WEIGHTS_FILE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
