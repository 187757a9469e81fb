"""--since: the examples a recalibration asks about, read off the semantic changelog.

SPEC section 5: new examples, relabelled examples, and every example of a rule whose
decision or text (title, body) changed. An example whose own wording changed while its
answer and its rule did not is left out: nothing a labeler must do has moved.
"""

from __future__ import annotations

from pathlib import Path

from labelbook.history.diff import BodyChanged, Changelog, DecisionChanged, ExampleAdded, ExampleRelabelled, RuleAdded, TitleChanged, diff
from labelbook.core.model import Repo
from labelbook.history.releases import load_tree

#: why an example is in a recalibration quiz
NEW, RELABELLED, RULE_DECISION, RULE_TEXT = "new", "relabelled", "rule-decision", "rule-text"


def changed_examples(log: Changelog, new: Repo) -> dict[str, str]:
    """Example id -> the reason it is asked again, for the examples of `new`."""
    rule_reason: dict[str, str] = {}
    for change in log.changes:
        if isinstance(change, (RuleAdded, DecisionChanged)):
            rule_reason[change.rule] = RULE_DECISION
        elif isinstance(change, (TitleChanged, BodyChanged)):
            rule_reason.setdefault(change.rule, RULE_TEXT)
    out = {ex.id: rule_reason[ex.rule] for ex in new.examples.values() if ex.rule in rule_reason}
    out.update({c.example: RELABELLED for c in log.of(ExampleRelabelled)})
    out.update({c.example: NEW for c in log.of(ExampleAdded)})
    return {eid: why for eid, why in sorted(out.items()) if eid in new.examples}


def changed_since(root: Path, ref: str, new: Repo) -> dict[str, str]:
    """The recalibration examples of `new` against the tree of `ref` (a release tag, usually).

    The old tree is read from git objects; an unknown ref or a broken release is a clear
    error from `releases.load_tree`.
    """
    old, old_end = load_tree(root, ref)
    return changed_examples(diff(old, new, old_end), new)
