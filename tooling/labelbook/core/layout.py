"""Where things live in a guideline repository, and how a file's name and place say what it is.

    guidelines/policy.yaml, guidelines/policy.<lang>.yaml
    guidelines/<area>/<RULE>.md, guidelines/<area>/<RULE>.<lang>.md
    guidelines/<page>.md, guidelines/<page>.<lang>.md
    examples/<area>/<RULE>.yaml, examples/<area>/<RULE>.<lang>.yaml
"""

from __future__ import annotations

import re

from labelbook.core.problems import Pos, Problem, error
from labelbook.core.sources import Source

POLICY = "guidelines/policy.yaml"
_LANG_SUFFIX = re.compile(r"^(?P<stem>[^.]+)\.(?P<lang>[a-z]{2,3})$")


def split_name(name: str, ext: str) -> tuple[str, str | None]:
    """'HS-001.bn.md' -> ('HS-001', 'bn'); 'HS-001.md' -> ('HS-001', None)."""
    base = name[: -len(ext)]
    m = _LANG_SUFFIX.match(base)
    return (m["stem"], m["lang"]) if m else (base, None)


def split_front_matter(text: str, path: str) -> tuple[str | None, str, list[Problem]]:
    """(front matter YAML, body, problems). The front matter starts on line 1 with '---'."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None, text, [
            error(Pos(path, 1, 1), "frontmatter-missing", "the file must start with front matter: a '---' line, YAML, and a closing '---' line")
        ]
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1 :]), []
    return None, text, [
        error(Pos(path, 1, 1), "frontmatter-unclosed", "the front matter opened on line 1 is never closed: add a '---' line after it")
    ]


IGNORED_HINT = (
    "labelbook does not read this file: YAML files are guidelines/policy.yaml, "
    "guidelines/policy.<lang>.yaml and examples/<area>/<RULE>[.<lang>].yaml (ending in .yaml)"
)


def yaml_kind(parts: tuple[str, ...]) -> str | None:
    """The schema of a YAML file by its place, or None for a place labelbook does not read."""
    name = parts[-1]
    if parts[0] == "guidelines" and len(parts) == 2 and name.endswith(".yaml"):
        stem, lang = split_name(name, ".yaml")
        if stem == "policy":
            return "policy-translation" if lang else "policy"
    if parts[0] == "examples" and len(parts) == 3 and name.endswith(".yaml"):
        return "examples-translation" if split_name(name, ".yaml")[1] else "examples"
    return None


def read_as(parts: tuple[str, ...]) -> tuple[str, bool, str | None] | None:
    """How a file is read, by its place: (schema kind, Markdown with front matter?, its
    language), or None for a file that is no policy, rule or examples file. Every Markdown
    file in a folder of guidelines/ is taken for a rule here; the loader tells a page in a
    folder of its own from a rule by the policy's areas."""
    name = parts[-1]
    kind = yaml_kind(parts)
    if kind is not None:
        return kind, False, split_name(name, ".yaml")[1]
    if parts[0] == "guidelines" and len(parts) == 3 and name.endswith(".md"):
        lang = split_name(name, ".md")[1]
        return ("rule-translation" if lang else "rule"), True, lang
    return None


def looks_like_rule(source: Source, path: str) -> bool:
    """A .md file in a folder that is not an area is a rule only if it has front matter."""
    try:
        return source.read(path)[:4] in (b"---\n", b"---\r")
    except OSError:
        return False
