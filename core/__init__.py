"""What every stage shares: errors, records, text matching, limits, source identity, periods
and the header words (`periods`, `period_rules`, `header_rules`).

Stages (`ingest`, `normalize`, `warehouse`, `export`) import `core`, never each other
backwards; only `plans` runs them together.
"""
