"""Benchmarks of labelbook at scale, and the generator of their synthetic guideline repositories."""
