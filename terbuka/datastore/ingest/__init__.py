"""Tabular ingest without Django: CSV, XLSX and JSON in, validated Parquet out."""

from .diff import diff_versions
from .messages import IngestError, set_translator
from .pipeline import IngestResult, format_of, ingest
from .schema import Field, Schema, from_descriptor, infer

__all__ = ["Field", "IngestError", "IngestResult", "Schema", "diff_versions", "format_of",
           "from_descriptor", "infer", "ingest", "set_translator"]
