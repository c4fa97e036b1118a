"""Exporters: annotation sets to CSV, JSONL and REFI-QDA (the spaCy DocBin is in ``nlp/``)."""

from .csv_export import codebook_path, write_codebook_csv, write_csv
from .files import atomic_paths
from .jsonl import write_jsonl
from .refi_qda import codebook_xml, write_qdpx

__all__ = [
    "atomic_paths",
    "codebook_path",
    "codebook_xml",
    "write_codebook_csv",
    "write_csv",
    "write_jsonl",
    "write_qdpx",
]
