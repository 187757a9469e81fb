"""`labelbook init` and `labelbook new`: what a specialist would otherwise copy by hand."""

from __future__ import annotations

import json
import re
from importlib import metadata, resources
from pathlib import Path

from labelbook.core.checks import check
from labelbook.core.model import Repo
from labelbook.core.problems import ContentError, UsageError, did_you_mean
from labelbook.core.sources import WorkingTree, git
from labelbook.core.translations import apply_stamps, plan_stamps

#: Templates are stored without leading dots (package data globs skip dotfiles).
_DOT_PREFIX = "dot-"
_SCHEMA_KINDS = ("policy", "policy-translation", "rule", "rule-translation", "examples", "examples-translation", "glossary")
UNSTAMPED = "000000000000"


def default_requirement() -> str:
    """What the generated workflow pip-installs: where this labelbook came from, if it was a git URL."""
    try:
        raw = metadata.distribution("labelbook").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        raw = None
    if raw:
        info = json.loads(raw)
        vcs = info.get("vcs_info")
        if vcs and vcs.get("vcs") == "git":
            return f"labelbook @ git+{info['url']}@{vcs.get('commit_id') or vcs.get('requested_revision')}"
    return "labelbook"


def init(target: Path, *, force: bool = False, requirement: str | None = None, title: str | None = None) -> list[Path]:
    """Write a new bilingual guideline repository into `target`; returns the files written."""
    target = Path(target)
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} exists and is not a folder")
    if target.is_dir() and any(target.iterdir()) and not force:
        raise UsageError(f"{target} is not empty; pass --force to write into it (existing files with the same names are overwritten)")
    requirement = requirement or default_requirement()
    site_title = title or "Content labeling guidelines"
    written: list[Path] = []
    root = resources.files("labelbook").joinpath("templates", "init")
    with resources.as_file(root) as src:
        for path in sorted(p for p in Path(src).rglob("*") if p.is_file()):
            rel = Path(*[part.replace(_DOT_PREFIX, ".", 1) if part.startswith(_DOT_PREFIX) else part for part in path.relative_to(src).parts])
            text = path.read_text("utf-8").replace("@@LABELBOOK_REQUIREMENT@@", requirement).replace("@@TITLE@@", site_title)
            if rel.as_posix() == "guidelines/policy.yaml" and title:
                text = text.replace("title: Content labeling guidelines", f"title: {json.dumps(title, ensure_ascii=False)}")
            out = target / rel
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8")
            written.append(out)
    schemas = target / "schemas"
    schemas.mkdir(exist_ok=True)
    for kind in _SCHEMA_KINDS:  # for editors; labelbook itself uses the schemas it ships
        out = schemas / f"{kind}.schema.json"
        out.write_text(resources.files("labelbook").joinpath("schemas", f"{kind}.schema.json").read_text("utf-8"), encoding="utf-8")
        written.append(out)
    # The sample's Bengali was written for the sample's English: record that.
    loaded = check(WorkingTree(target))
    if loaded.repo is None or loaded.errors:
        raise ContentError("the starter repository does not pass its own check (a labelbook bug)", loaded.errors)
    apply_stamps(target, loaded.repo, plan_stamps(loaded.repo, [], True, loaded.repo.policy.target_languages))
    return written


def _load(root: Path) -> Repo:
    loaded = check(WorkingTree(root))
    if loaded.repo is None:
        raise ContentError("guidelines/policy.yaml cannot be read; fix it first", loaded.errors)
    return loaded.repo


def _history_ids(root: Path, pattern: re.Pattern[str]) -> set[str]:
    """Ids of files that ever existed in git history: an id is never reused."""
    try:
        out = git(root, "log", "--all", "--name-only", "--format=", "--", "guidelines", "examples").decode("utf-8", "replace")
    except UsageError:
        return set()  # not a git repository (yet)
    return {m.group(0) for m in pattern.finditer(out)}


def _prefix(repo: Repo, area: str) -> str:
    prefixes = [r.id.split("-")[0] for r in repo.rules_in(area)]
    if prefixes:
        return max(set(prefixes), key=prefixes.count)
    initials = "".join(w[0] for w in area.split("-") if w).upper()
    return (initials if len(initials) >= 2 else area[:2].upper())[:5]


#: The body of a new rule: the three sections every rule has, each saying what goes in it.
RULE_BODY = (
    "## Definition\n[Write what this rule covers, in one paragraph.]\n\n"
    "## What to look for\n- [The signals a labeler can see in the content.]\n\n"
    "## What this rule does not cover\n- [The nearby cases, and the rules that handle them.]\n"
)
#: What a new example says until the specialist describes the case.
EXAMPLE_CONTENT = "[Describe the content in words; use placeholders such as [name], never the harmful material itself.]"
EXAMPLE_RATIONALE = "[Why this label is right, and which nearby rule does not apply.]"


def new_rule(root: Path, area: str, *, title: str, decision: str | None = None) -> list[Path]:
    repo = _load(root)
    areas = [a.id for a in repo.policy.areas]
    if area not in areas:
        raise UsageError(f"unknown area '{area}'{did_you_mean(area, areas)}; areas: {', '.join(areas)}")
    decisions = [d.id for d in repo.policy.decisions]
    decision = decision or decisions[0]
    if decision not in decisions:
        raise UsageError(f"unknown decision '{decision}'{did_you_mean(decision, decisions)}; decisions: {', '.join(decisions)}")
    prefix = _prefix(repo, area)
    taken = {r.id for r in repo.rules.values()} | _history_ids(root, re.compile(rf"\b{prefix}-\d{{3}}\b"))
    numbers = [int(i.split("-")[1]) for i in taken if i.startswith(prefix + "-")]
    rule_id = f"{prefix}-{(max(numbers) + 1) if numbers else 1:03d}"
    if int(rule_id.split("-")[1]) > 999:
        raise UsageError(f"area {area} has used every id from {prefix}-001 to {prefix}-999")
    folder = root / "guidelines" / area
    folder.mkdir(parents=True, exist_ok=True)
    rule_path = folder / f"{rule_id}.md"
    quoted_title = json.dumps(title, ensure_ascii=False)
    rule_path.write_text(
        "---\n"
        f"id: {rule_id}\n"
        f"area: {area}\n"
        f"title: {quoted_title}\n"
        f"decision: {decision}\n"
        "severity: medium\n"
        "related: []\n"
        "tags: []\n"
        "---\n" + RULE_BODY,
        encoding="utf-8",
    )
    written = [rule_path]
    for lang in repo.policy.target_languages:
        # The stub holds the English to translate, and is stale on purpose: the site shows
        # the English first until a translator translates it and stamps it.
        stub = folder / f"{rule_id}.{lang}.md"
        stub.write_text(f"---\ntitle: {quoted_title}\nsource: {UNSTAMPED}\n---\n" + RULE_BODY, encoding="utf-8")
        written.append(stub)
    return written


def new_example(
    root: Path, rule_id: str, *, label: str | None = None, content: str | None = None, rationale: str | None = None
) -> tuple[str, list[Path]]:
    repo = _load(root)
    rule = repo.rules.get(rule_id)
    if rule is None:
        raise UsageError(f"unknown rule '{rule_id}'{did_you_mean(rule_id, list(repo.rules))}")
    decisions = [d.id for d in repo.policy.decisions]
    label = label or rule.decision
    if label not in decisions:
        raise UsageError(f"unknown label '{label}'{did_you_mean(label, decisions)}; decisions: {', '.join(decisions)}")
    taken = {e.id for e in repo.examples.values()} | _history_ids(root, re.compile(rf"\b{re.escape(rule_id)}-E\d{{2,}}\b"))
    numbers = [int(i.rsplit("-E", 1)[1]) for i in taken if i.startswith(rule_id + "-E")]
    ex_id = f"{rule_id}-E{(max(numbers) + 1) if numbers else 1:02d}"
    folder = root / "examples" / rule.area
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{rule_id}.yaml"
    texts = (
        f"    content: {json.dumps(content or EXAMPLE_CONTENT, ensure_ascii=False)}\n"
        f"    rationale: {json.dumps(rationale or EXAMPLE_RATIONALE, ensure_ascii=False)}\n"
    )
    entry = (
        f"  - id: {ex_id}\n"
        "    modality: video\n"
        f"    label: {label}\n"
        "    difficulty: medium\n"
        "    sensitive: false\n"
    ) + texts
    written = [path]
    _append(path, f"rule: {rule_id}\nexamples:\n", entry)
    for lang in repo.policy.target_languages:
        tr_path = folder / f"{rule_id}.{lang}.yaml"
        # As for a rule: the English to translate, stale until stamped.
        tr_entry = f"  {ex_id}:\n    source: {UNSTAMPED}\n" + texts
        _append(tr_path, f"rule: {rule_id}\nexamples:\n", tr_entry)
        written.append(tr_path)
    return ex_id, written


def _append(path: Path, header: str, entry: str) -> None:
    """Append an entry to the `examples:` of a file, keeping every existing byte and comment."""
    if not path.exists() or not path.read_text("utf-8").strip():
        path.write_text(header + entry, encoding="utf-8")
        return
    text = path.read_text("utf-8")
    if re.search(r"(?m)^examples:\s*(\[\]|\{\})\s*$", text):
        text = re.sub(r"(?m)^examples:\s*(\[\]|\{\})\s*$", "examples:", text)
    elif not re.search(r"(?m)^examples:\s*$", text):
        raise UsageError(f"{path}: cannot find a block-style 'examples:' key to append to; add the example by hand")
    if not text.endswith("\n"):
        text += "\n"
    # Follow the file's own indentation of its entries ("- id:" at column 1 is valid YAML too).
    first = re.search(r"(?m)^( *)(- id:|[A-Z]{2,5}-\d{3}-E\d+:)", text)
    if first and len(first.group(1)) != 2:
        pad = first.group(1)
        entry = "\n".join(pad + line[2:] if line.startswith("  ") else line for line in entry.split("\n"))
    path.write_text(text + entry, encoding="utf-8")


