"""The `plans` command and the pipeline that chains ingest -> normalize -> warehouse."""
