"""Tests of labelbook's core: loading, schemas, `labelbook check`, translations."""
