"""Stage 1: bytes -> raw records with their exact location in the source.

`extract(path)` detects the format from the bytes and hands the file to the
extractor registered for it (one module per format); `extract(identify(path))` does the
same with a `Source` hashed and detected beforehand (the pipeline does it once per file).
"""

from ingest.detect import identify
from ingest.registry import extract, supported_formats

__all__ = ["extract", "identify", "supported_formats"]
