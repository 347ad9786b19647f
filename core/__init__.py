"""What every stage shares: errors, records, text matching, limits, source identity.

Stages (`ingest`, `normalize`, `warehouse`, `export`) import `core`, never each other
backwards; only `plans` runs them together.
"""
