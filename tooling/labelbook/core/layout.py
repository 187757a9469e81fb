"""Where things live in a guideline repository, and how a file's name and place say what it is.

    guidelines/policy.yaml, guidelines/policy.<lang>.yaml
    guidelines/<area>/<RULE>.md, guidelines/<area>/<RULE>.<lang>.md
    guidelines/<page>.md, guidelines/<page>.<lang>.md
    examples/<area>/<RULE>.yaml, examples/<area>/<RULE>.<lang>.yaml

Also what a file's name and place may not be: a name that does not check out on Windows
or macOS, a path the built site gives to a page or file labelbook generates; and how
deep the Markdown of a file may nest.
"""

from __future__ import annotations

import re
from itertools import islice

from labelbook.core.nfc import nfc
from labelbook.core.problems import Pos, Problem, error
from labelbook.core.sources import Source, shown

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


# -- Markdown nesting ------------------------------------------------------------------------

#: Lists and blockquotes nested in each other that one Markdown text may hold: Python-Markdown
#: recurses once per level, and a few hundred levels crash `build` with a RecursionError
#: that names no file. Guidelines use three or four.
MAX_MARKDOWN_DEPTH = 20
#: Emphasis, strikethrough and subscript marks (* _ ~) one paragraph may hold (a paragraph
#: ends at a blank line): nested emphasis recurses too, each level takes two marks, and
#: about a thousand levels crash the build.
MAX_MARKDOWN_MARKS = 1000

# The openers of blockquotes and list items at the start of a line (tabs expanded first,
# as Markdown does; after a line's first list marker each opener adds a level, so the
# first few decide): on the first line, and after a newline (a literal first character
# lets the regex engine skip to the candidates); one such opener; a paragraph break.
_RUN = r"((?: *(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \n]|\Z))){1,%d})" % (MAX_MARKDOWN_DEPTH + 2)
_FIRST_OPENERS, _OPENERS = re.compile(_RUN), re.compile("\n" + _RUN)
_OPENER = re.compile(r" *(>|[-*+]|\d{1,9}[.)])")
_PARAGRAPH_BREAK = re.compile(r"(\n(?: *\n)+)")
_MARK = re.compile(r"[*_~]")


def markdown_too_deep(text: str) -> tuple[int, int, str] | None:
    """(line, column, message) where `text` passes a nesting limit of Markdown, or None.

    Linear, and it over-estimates: a list marker nests in every earlier one at a smaller
    column (Python-Markdown asks for four more spaces), each '>' adds a level, and marks
    are counted whether or not they pair up.
    """
    text = text.expandtabs(4) if "\t" in text else text
    first = _FIRST_OPENERS.match(text)
    runs = ([first.group(1)] if first else []) + _OPENERS.findall(text)
    if runs and (deep := _nesting(runs)) is not None:
        index, col = deep
        starts = ([0] if first else []) + [m.start(1) for m in islice(_OPENERS.finditer(text), index + 1)]
        return text.count("\n", 0, starts[index]) + 1, col + 1, f"lists and blockquotes are nested more than {MAX_MARKDOWN_DEPTH} levels deep here, the limit; flatten them"
    if text.count("*") + text.count("_") + text.count("~") <= MAX_MARKDOWN_MARKS:
        return None
    offset = 0
    for i, part in enumerate(_PARAGRAPH_BREAK.split(text)):  # paragraphs, and the breaks between them
        if i % 2 == 0 and part.count("*") + part.count("_") + part.count("~") > MAX_MARKDOWN_MARKS:
            at = offset + next(islice(_MARK.finditer(part), MAX_MARKDOWN_MARKS, None)).start()
            return text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at), (
                f"this paragraph holds more than {MAX_MARKDOWN_MARKS} emphasis marks (* _ ~), the limit: "
                "emphasis nested that deep would crash the site's build; split it with blank lines"
            )
        offset += len(part)
    return None


def _nesting(runs: list[str]) -> tuple[int, int] | None:
    """(index of the line's openers in `runs`, column) where nesting passes the limit, or None."""
    stack: list[int] = []  # columns of the list markers that may enclose the next line
    tokens: dict[str, list[tuple[int, bool]]] = {}
    previous = None
    for index, run in enumerate(runs):
        if run == previous:
            continue  # the same openers as the line before leave the same levels open
        previous = run
        if run not in tokens:
            tokens[run] = [(m.start(1), m.group(1) == ">") for m in _OPENER.finditer(run)]
        quotes = 0
        for at, quote in tokens[run]:
            if quote:
                quotes += 1
            else:
                while stack and stack[-1] >= at:
                    stack.pop()
                stack.append(at)
            if quotes + len(stack) > MAX_MARKDOWN_DEPTH:
                return index, at
    return None


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


# -- names that check out everywhere -------------------------------------------------------

#: Device names Windows reserves as a file or folder name, in any case and whatever follows
#: the first dot (`con.md`, `NUL.md`, `Con.bn.md`): such a file cannot be checked out there.
WINDOWS_DEVICES = frozenset(
    ["con", "prn", "aux", "nul", "conin$", "conout$"]
    + [f"{port}{n}" for port in ("com", "lpt") for n in "123456789\u00b9\u00b2\u00b3"]
)
#: Characters Windows does not allow in a name (':' also separates folders on macOS).
UNPORTABLE_CHARS = frozenset('<>:"|?*\\')


def unportable(name: str) -> str | None:
    """Why the file or folder name `name` does not check out on Windows or macOS, or None."""
    if shown(name) != name:
        return "it is not valid UTF-8"
    if bad := sorted({c for c in name if c in UNPORTABLE_CHARS or ord(c) < 0x20 or c == "\x7f"}):
        return "Windows does not allow " + ", ".join(repr(c) for c in bad) + " in a name"
    if name.endswith((".", " ")):
        return "Windows drops a dot or space at the end of a name"
    if name.split(".", 1)[0].rstrip(" ").casefold() in WINDOWS_DEVICES:
        return f"{name.split('.', 1)[0].upper()} is a device name on Windows, whatever the case or extension"
    return None


def name_problems(entries: list[str]) -> list[Problem]:
    """`name-not-portable` and `name-case-clash` for every file and folder of `entries`
    (a source's `entries()`), each folder reported once, at the folder."""
    out: list[Problem] = []
    nodes = set(entries)
    for path in entries:
        parts = path.split("/")
        nodes.update("/".join(parts[:i]) for i in range(2, len(parts)))
    siblings: dict[tuple[str, str], str] = {}
    for node in sorted(nodes):
        parent, _, name = node.rpartition("/")
        if why := unportable(name):
            out.append(error(Pos(shown(node), 1, 1), "name-not-portable", f"the name '{shown(name)}' is not portable: {why}; rename it"))
        # Windows and macOS compare names ignoring case, and macOS also the Unicode normal form.
        first = siblings.setdefault((parent, nfc(name).casefold()), name)
        if first != name:
            how = "in case" if name.casefold() == first.casefold() else "in case or in how their letters are encoded (NFC, NFD)"
            out.append(
                error(
                    Pos(shown(node), 1, 1),
                    "name-case-clash",
                    f"'{shown(name)}' and '{shown(first)}' in {shown(parent)}/ differ only {how}: Windows and macOS "
                    "keep one file for both; rename or remove one",
                )
            )
    return out


# -- paths of the built site that labelbook generates -----------------------------------------

#: Hand-written pages labelbook merges into the generated page of the same name (their
#: text is shown on it): `site.pages._MERGED` should come from here.
MERGED_PAGES = {"index": "the home page", "decisions": "the decisions page"}
#: Pages labelbook generates in every language and version, by name (the site's
#: `extra_pages.CHANGES` and `PRACTICE` should come from here).
GENERATED_PAGES = {"changes": "the 'What changed' page", "practice": "the practice quiz page"}
#: Folders of the built site that are not made from guidelines/: labelbook's own assets
#: (`site.assets.SITE_PREFIX`), MkDocs' search index, and the aliases of a versioned site.
RESERVED_FOLDERS = {
    "assets/labelbook": "labelbook's own styles, scripts and fonts",
    "search": "MkDocs' search index",
    "latest": "the 'latest' alias of a versioned site",
    "dev": "the 'dev' version of a versioned site",
}
#: Files of the built site that MkDocs, Material or `build --versions` write.
RESERVED_FILES = {
    "404.html": "the 'page not found' page",
    "sitemap.xml": "MkDocs' sitemap",
    "sitemap.xml.gz": "MkDocs' sitemap",
    "versions.json": "the version list of a versioned site",
}


#: What MkDocs may copy from guidelines/ into the site as it is, besides the pages labelbook
#: renders: images and PDF documents. An .html, .js, .svg or .css file would be served from
#: the site's own origin and could run script in every labeler's browser.
PUBLISHED_FILE_TYPES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".pdf"})


def unpublishable(path: str) -> bool:
    """A file of guidelines/ that MkDocs would copy into the site and that is no image or PDF."""
    if not path.startswith("guidelines/"):
        return False
    name = path.rpartition("/")[2].casefold()
    if name.endswith((".md", ".yaml", ".yml")):
        return False  # read by labelbook, or reported as ignored
    return "." + name.rpartition(".")[2] not in PUBLISHED_FILE_TYPES if "." in name else True


def generated_paths(languages: list[str], areas: list[str], rules: dict[str, str]) -> dict[str, str]:
    """What labelbook generates at each page URL of the site (without slashes, casefolded:
    a case-insensitive disk holds one of 'Changes/' and 'changes/'), and at each folder
    (a key ending in '/'), described for messages. `rules`: rule id -> its area."""
    out = {f"{lang}/": f"the site in '{lang}'" for lang in languages}
    out.update({f"{folder}/": f"{what} ({folder}/)" for folder, what in RESERVED_FOLDERS.items()})
    out.update({"": MERGED_PAGES["index"], "decisions": MERGED_PAGES["decisions"], **GENERATED_PAGES})
    out.update({area: f"the page of area '{area}'" for area in areas})
    out.update({f"{area}/{rule}".casefold(): f"the page of rule {rule}" for rule, area in rules.items()})
    return out


def site_collision(path: str, generated: dict[str, str]) -> str | None:
    """What a file of guidelines/ other than a rule would replace in the built site, or None.

    `generated`: `generated_paths(...)`. A Markdown page takes the URL of its name
    ('changes.md', 'changes/index.md' and 'changes/README.md' all give 'changes/'); any
    other file is copied as it is, so 'changes/index.html' and 'changes.html' (the URL
    without directory URLs) take it too.
    """
    rel = path.partition("/")[2]
    head, _, name = rel.rpartition("/")
    if rel.endswith(".md"):
        stem = split_name(name, ".md")[0]
        if not head and stem in MERGED_PAGES:
            return None
        key = head if stem in ("index", "README") else f"{head}/{stem}".lstrip("/")  # MkDocs' index pages
    elif rel.casefold() in RESERVED_FILES:
        return RESERVED_FILES[rel.casefold()]
    elif rel.casefold().endswith(".html"):
        key = head if name.casefold() == "index.html" else rel[: -len(".html")]
    else:
        key = rel
    key = key.casefold()
    folders = [key[:i] + "/" for i, c in enumerate(key + "/") if c == "/"]
    return next((generated[f] for f in folders if f in generated), None) or generated.get(key)


def reserved_problems(files: list[str], generated: dict[str, str], areas: list[str]) -> list[Problem]:
    """`page-reserved` for each file of guidelines/ that would replace a generated page or file."""
    out = []
    for path in files:
        parts = path.split("/")
        if parts[0] != "guidelines" or (len(parts) == 2 and yaml_kind(tuple(parts))):
            continue
        if len(parts) == 3 and parts[1] in areas and path.endswith(".md"):
            continue  # a rule, or a file its own checks report
        if what := site_collision(path, generated):
            out.append(error(Pos(path, 1, 1), "page-reserved", f"{path} would replace {what}, which labelbook generates; rename or move it"))
    return out


def reserved_area(area: str, languages: list[str]) -> str | None:
    """What the page of an area with this id would replace, or None."""
    if area in languages:
        return f"the site in '{area}'"
    if area == "decisions":
        return MERGED_PAGES[area]
    return GENERATED_PAGES.get(area) or RESERVED_FOLDERS.get(area)
