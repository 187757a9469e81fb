"""Versions of a guideline repository: releases read from git tags, the semantic diff of two
trees, the changelog rendered from it, and what changed since a release (quiz --since)."""
