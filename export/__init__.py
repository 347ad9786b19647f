"""Stage 4: the warehouse -> clean files for the associations and for other tools."""
