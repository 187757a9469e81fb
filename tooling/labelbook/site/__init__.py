"""The site: pages of every language generated from the model, and the MkDocs build around them.

`context`, `pages`, `rule_page`, `markup`, `urls` and `i18n` are plain Python over the
model; `build` runs MkDocs (with `labelbook.plugin`, the thin MkDocs adapter).
"""
