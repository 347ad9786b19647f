"""The export formats and the default output folder, named without importing the writers."""

from pathlib import Path

# Format -> file suffix (`export.run.FORMATS` gives each its writer).
SUFFIXES = {
    "xlsx": ".xlsx",
    "csv": ".csv",
    "parquet": ".parquet",
    "ia-pst": ".pst.xml",
    "tet": ".tet.xlsx",
}
# Relative to the current directory, as the default warehouse (README, "Where files go").
DEFAULT_OUT = Path("data/export")
