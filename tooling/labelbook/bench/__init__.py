"""Benchmark support: a synthetic guideline repository at realistic scale (see `corpus`)."""
