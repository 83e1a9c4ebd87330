"""Figures, not tests: `python -m benchmarks` measures each scenario beside its floor."""
