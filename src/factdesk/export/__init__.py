"""Export verdicts as CSV, JSON Lines or schema.org ClaimReview, streaming, with every
span checked against its article: the rows (rows.py; the team's final ones in final.py),
each format's writing of a row (formats.py), and writing to a stream or a file (files.py)."""

from factdesk.export.files import PROGRESS_EVERY, Interrupted, records, write, write_file
from factdesk.export.formats import (
    FORMULA_STARTS,
    claim_review,
    csv_row,
    json_line,
    jsonl_object,
    neutralise,
)
from factdesk.export.rows import (
    CSV_COLUMNS,
    DEFAULT_URL_TEMPLATE,
    FORMATS,
    JSONL_EXTRA,
    Checked,
    DamagedDatabase,
    ExportOptions,
    Record,
    SpanRow,
)

__all__ = [
    "CSV_COLUMNS", "DEFAULT_URL_TEMPLATE", "FORMATS", "FORMULA_STARTS", "JSONL_EXTRA",
    "PROGRESS_EVERY", "Checked", "DamagedDatabase", "ExportOptions", "Interrupted", "Record",
    "SpanRow", "claim_review", "csv_row", "json_line", "jsonl_object", "neutralise", "records",
    "write", "write_file",
]  # fmt: skip
