"""How well the extractor finds check-worthy sentences in development data that is not
part of the product (CLEF 2019 CheckThat! task 1, political debates and speeches):

    python -m benchmarks.checkworthiness                  # ../shared/devdata, if present
    python -m benchmarks.checkworthiness --data DIR

Each transcript is given to the extractor as one text, a sentence to a line, through the
same entry point the importer uses. A sentence's score is the highest score of a candidate
on its line (0 when it is not a candidate, such as a heading); a claim is a candidate at or
above the threshold. Reported per transcript and overall: mean
average precision of the ranking by score (the task's official measure), and precision,
recall and F1 of the sentences the extractor makes claims of. The data never enters the
repository; when it is not there, the script says so and stops.
"""

from __future__ import annotations

import argparse
import csv
import sys
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

from factdesk.extract import THRESHOLD, extract_candidates

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "devdata" / "checkthat2019-train"


@dataclass
class Transcript:
    """One debate or speech: its sentences and which are check-worthy."""

    name: str
    sentences: list[str]
    labels: list[bool]


def read(folder: Path) -> list[Transcript]:
    """Every ``.tsv`` transcript in the folder (line, speaker, text, label)."""
    transcripts = []
    for path in sorted(folder.glob("*.tsv")):
        sentences, labels = [], []
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                if len(row) >= 4:
                    sentences.append(" ".join(row[2].split()))  # one line each
                    labels.append(row[3].strip() == "1")
        transcripts.append(Transcript(path.stem, sentences, labels))
    return transcripts


def scores(sentences: list[str]) -> list[float]:
    """The extractor's score for each sentence, read from the claims it makes of them."""
    text = "\n".join(sentences)
    starts = [0]
    for sentence in sentences[:-1]:
        starts.append(starts[-1] + len(sentence) + 1)
    result = [0.0] * len(sentences)
    for claim in extract_candidates(text):
        line = bisect_right(starts, claim.start) - 1
        result[line] = max(result[line], claim.score)
    return result


def average_precision(ranked_labels: list[bool]) -> float:
    """Average precision of a ranking (1.0 when every positive comes first)."""
    hits, total = 0, 0.0
    for rank, label in enumerate(ranked_labels, start=1):
        if label:
            hits += 1
            total += hits / rank
    return total / hits if hits else 0.0


def evaluate(transcript: Transcript) -> tuple[float, int, int, int]:
    """AP of the ranking by score (ties in transcript order), and the true positives, false
    positives and false negatives of the claims made."""
    found = scores(transcript.sentences)
    order = sorted(range(len(found)), key=lambda i: -found[i])
    ap = average_precision([transcript.labels[i] for i in order])
    pairs = list(zip(found, transcript.labels, strict=True))
    tp = sum(1 for s, y in pairs if s >= THRESHOLD and y)
    fp = sum(1 for s, y in pairs if s >= THRESHOLD and not y)
    fn = sum(1 for s, y in pairs if s < THRESHOLD and y)
    return ap, tp, fp, fn


def f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    both = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, both


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of .tsv files")
    args = parser.parse_args(argv)
    if not args.data.is_dir() or not any(args.data.glob("*.tsv")):
        print(f"No development data at {args.data}: nothing to measure.", file=sys.stderr)
        return 0
    transcripts = read(args.data)
    print(f"{'transcript':<28} {'sentences':>9} {'worthy':>6} {'claims':>6} {'AP':>6} {'F1':>5}")
    aps, totals = [], [0, 0, 0]
    for transcript in transcripts:
        ap, tp, fp, fn = evaluate(transcript)
        aps.append(ap)
        totals = [totals[0] + tp, totals[1] + fp, totals[2] + fn]
        print(
            f"{transcript.name:<28} {len(transcript.sentences):>9} {sum(transcript.labels):>6}"
            f" {tp + fp:>6} {ap:>6.3f} {f1(tp, fp, fn)[2]:>5.2f}"
        )
    precision, recall, both = f1(*totals)
    print(
        f"\nMAP {sum(aps) / len(aps):.3f} over {len(aps)} transcripts;"
        f" claims: P {precision:.2f}, R {recall:.2f}, F1 {both:.2f}"
        f" ({totals[0] + totals[1]} claims, {totals[0] + totals[2]} check-worthy sentences)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
