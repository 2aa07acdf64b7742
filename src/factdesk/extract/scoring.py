"""How check-worthy a sentence is: a score in [0, 1] from a small linear model over the named
features of ``features.py``, with the weights in ``weights.py`` (and where they came from)."""

from __future__ import annotations

import math
import re

from factdesk.extract.attribution import Attribution
from factdesk.extract.features import features
from factdesk.extract.weights import WEIGHTS
from factdesk.models import THRESHOLD

__all__ = ["EXTRACTOR_VERSION", "THRESHOLD", "score_sentence"]

EXTRACTOR_VERSION = "linear-2"


# A question asks and an introduction ("He tweeted:") announces: neither states anything,
# whatever its words. Their scores are scaled under the threshold, keeping their order.
_QUESTION = re.compile(r"\?[\"'”’)\]]*$")
_INTRODUCTION = re.compile(r":[\"'”’]?$")
_BELOW = 0.49


def score_sentence(sentence: str, attribution: Attribution | None) -> float:
    """The probability-like check-worthiness of a sentence: 0.5 or more makes it a claim."""
    found = features(sentence, attribution)
    z = WEIGHTS["bias"] + sum(WEIGHTS.get(name, 0.0) * v for name, v in found.items())
    score = 1 / (1 + math.exp(-z))
    stripped = sentence.rstrip()
    if _QUESTION.search(stripped) or _INTRODUCTION.search(stripped):
        score *= _BELOW
    return round(score, 3)
