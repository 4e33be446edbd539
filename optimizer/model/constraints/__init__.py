"""Hard constraints of SPEC §3, one module per constraint name."""
