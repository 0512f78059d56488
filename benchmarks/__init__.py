"""Benchmarks: relevance, speed and entity extraction (results in docs/benchmarks.md)."""
