"""Stage 1: bytes -> raw records with their exact location in the source.

`extract(path)` detects the format from the bytes and hands the file to the
extractor registered for it (one module per format).
"""

from ingest.registry import extract, supported_formats

__all__ = ["extract", "supported_formats"]
