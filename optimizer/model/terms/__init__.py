"""Soft terms of SPEC §3, one module per term name; each returns its unweighted value."""
