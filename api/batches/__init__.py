"""Batches: one job per office (a problem file, or a site of an organisation), and their summary."""
