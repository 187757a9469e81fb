"""The site: pages of every language generated from the model, and the MkDocs build around them.

`context`, `pages`, `rule_page`, `markup`, `anchors` and `urls` are plain Python over the
model; `build` runs MkDocs (with `labelbook.plugin`, the thin MkDocs adapter). Bengali
search is lunr.bn, in templates/material-overrides (where Material's worker loads it).
"""
