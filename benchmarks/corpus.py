"""A seeded, news-like synthetic corpus built from the sample corpus's own sentences."""

from __future__ import annotations

import random
import re
from pathlib import Path

from factdesk.extract import split_sentences

SAMPLE = Path(__file__).resolve().parent.parent / "sample_corpus"
NAMES = [
    "Maria Keller", "Omar Haddad", "Li Wei", "Sofia Ramos", "Daniel Okafor", "Anna Petrova",
    "Rahul Mehta", "Yuki Tanaka", "Hassan Rouhani", "Claire Dubois", "Tom Becker",
]  # fmt: skip
HEADLINES = ["Officials Trade Accusations", "Talks Stall Again", "Sanctions Widen", "New Claims"]
CLAIMS_PER_ARTICLE = 20.8  # claims at 0.5 an article, on average (of 24.8 candidates)
_NUMBER = re.compile(r"\b\d{1,4}\b")


def sample_sentences() -> list[str]:
    """Every sentence of the sample corpus (furniture included, as in real pages)."""
    result: list[str] = []
    for path in sorted(SAMPLE.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        result += [text[s:e] for s, e in split_sentences(text)]
    return result


def article(rng: random.Random, sentences: list[str]) -> str:
    """One article: a headline, then paragraphs of two to four recombined sentences."""
    paragraphs = [rng.choice(HEADLINES)]
    for _ in range(rng.randint(6, 14)):
        chosen = rng.sample(sentences, rng.randint(2, 4))
        text = " ".join(chosen)
        text = _NUMBER.sub(lambda m: str(rng.randint(1, 2030)), text)
        text = text.replace("Pompeo", rng.choice(NAMES).split()[-1])
        paragraphs.append(text)
    return "\n\n".join(paragraphs) + "\n"


def write_corpus(folder: Path, articles: int, seed: int = 7) -> int:
    """Write ``articles`` files into ``folder``; returns the bytes written."""
    rng = random.Random(seed)
    sentences = sample_sentences()
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(articles):
        data = article(rng, sentences).encode("utf-8")
        (folder / f"{i:06}.txt").write_bytes(data)
        total += len(data)
    return total
