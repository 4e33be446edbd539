"""The solver-free domain: problem, rules, validation and solution models."""
