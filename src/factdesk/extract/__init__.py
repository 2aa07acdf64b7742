"""Claim extraction: sentences with exact offsets, who says them, how check-worthy they are.

The importer, the CLI and the benchmarks use these entry points; nothing here imports
Textual."""

from factdesk.extract.claims import claim_at, extract_candidates, extract_claims, outside
from factdesk.extract.scoring import EXTRACTOR_VERSION, THRESHOLD, score_sentence
from factdesk.extract.sentences import split_sentences

__all__ = [
    "EXTRACTOR_VERSION",
    "THRESHOLD",
    "claim_at",
    "extract_candidates",
    "extract_claims",
    "outside",
    "score_sentence",
    "split_sentences",
]
