"""Benchmarks of brief: `make bench` (or `python -m bench [--quick]`)."""
