"""The core: a guideline repository read into a typed model with source positions, its
schemas, checks, translation states, problems and UI strings. Plain Python, no MkDocs."""
