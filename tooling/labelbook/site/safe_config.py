"""What a repository's mkdocs.yml may say: a pull request can change it, so it is untrusted.

MkDocs reads mkdocs.yml with PyYAML's full loader and acts on what it says: `hooks:` and
`!!python/...` tags run Python code, `!ENV` copies an environment variable (in CI, a secret)
into the site, `INHERIT`, some Markdown extensions (`pymdownx.snippets`, `markdown_include`)
and a theme's `custom_dir` (Jinja templates, which can run code) read files, and the theme
prints several settings into every page without escaping them. So before MkDocs sees the
file it is read here as YAML nodes (nothing is constructed, so nothing runs), and refused
with one located `mkdocs-unsafe` problem per offending key or value.

The allowed shape (also in `labelbook build --help`):
- no `hooks`, `INHERIT`, `extra_templates`, `extra_javascript`, `theme.custom_dir` or
  `extra.analytics`; no YAML tags but `!!python/name:` of the emoji and fence functions
  and toc's slugify, as Material documents them; no merge keys (`<<`), which would hide
  keys from this check;
- `docs_dir` and `site_dir` inside the repository (build elsewhere with `-d`);
- Markdown extensions from the list below: an extension is Python code imported by name;
- plugins: search, labelbook, tags, offline, and those the person running the build names
  with `--allow-plugin` (a plugin is code the CI owner installed, not code from the pull
  request, but some run or read files the repository names: macros, gen-files, mkdocstrings);
- other settings the theme prints (repo_url, repo_name, extra, theme...) without `<`, `>`
  or `"`, and no `javascript:`, `vbscript:` or `data:` link; the site name, description,
  author, copyright and nav titles are escaped (or sanitised) by the plugin instead.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Callable, Iterable, Iterator

import yaml

from labelbook.core.problems import Pos, Problem, error
from labelbook.core.sources import MAX_BYTES, decode, too_large
from labelbook.core.yamlio import MAX_NODES, parse_yaml

NAME = "mkdocs.yml"
CODE = "mkdocs-unsafe"

PLUGINS = frozenset({"search", "labelbook", "tags", "offline", "material/search", "material/tags", "material/offline"})
EXTENSIONS = frozenset(
    "abbr admonition attr_list codehilite def_list extra fenced_code footnotes legacy_attrs legacy_em md_in_html "
    "meta nl2br sane_lists smarty tables toc wikilinks".split()
    + [f"pymdownx.{n}" for n in (
        "arithmatex betterem blocks.admonition blocks.caption blocks.definition blocks.details blocks.tab caret "
        "critic details emoji escapeall extra fancylists highlight inlinehilite keys magiclink mark progressbar "
        "quotes saneheaders smartsymbols striphtml superfences tabbed tasklist tilde"
    ).split()]
)
_READS_FILES = frozenset({"pymdownx.snippets", "pymdownx.b64", "markdown_include", "markdown_include.include", "mdx_include"})
#: `!!python/name:` values Material's documentation uses: functions of installed packages.
_PY_NAMES = frozenset(
    [f"{m}.{n}" for m in ("material.extensions.emoji", "materialx.emoji") for n in ("twemoji", "to_svg")]
    + [f"pymdownx.emoji.{n}" for n in ("twemoji", "emojione", "gemoji", "to_svg", "to_png", "to_alt", "to_png_sprite", "to_svg_sprite")]
    + ["pymdownx.superfences.fence_code_format", "pymdownx.superfences.fence_div_format"]
    + ["pymdownx.arithmatex.arithmatex_inline_format", "pymdownx.arithmatex.arithmatex_fenced_format"]
)
#: The `!!python/...` tags allowed: those names, and toc's slugify as Material documents it
#: (`!!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}`).
_PY_TAGS = frozenset({f"name:{n}" for n in _PY_NAMES} | {"object/apply:pymdownx.slugs.slugify"})
#: Settings the theme does not print, and those the plugin escapes (or sanitises) itself
#: before the theme prints them (`site.configure`); every other text must be plain.
_NOT_SHOWN = frozenset({"markdown_extensions", "plugins"})
_ESCAPED = frozenset({"site_name", "site_description", "site_author", "copyright", "nav"})
_CORE = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}
_MARKUP = re.compile(r'[<>"]')
_SCRIPT_URL = re.compile(r"(?:javascript|vbscript|data):", re.IGNORECASE)
_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
_BROWSER_SKIPS = re.compile(r"[\x00-\x20\x7f]")  # browsers ignore them inside a scheme: "java\tscript:"


class _TooMany(Exception):
    pass


def check_config(root: Path, allow_plugins: Iterable[str] = ()) -> list[Problem]:
    """The problems of `root`/mkdocs.yml (none when there is no such file)."""
    path = Path(root) / NAME
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return []
    if stat.S_ISLNK(st.st_mode) or not stat.S_ISREG(st.st_mode):
        return [error(Pos(NAME, 1, 1), CODE, "mkdocs.yml must be a plain file, not a symbolic link or anything else: MkDocs would read whatever it points at")]
    if st.st_size > MAX_BYTES:
        return too_large(NAME, st.st_size)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as f:
        data = f.read(MAX_BYTES + 1)
    try:
        # PyYAML's pure-Python composer, as MkDocs' loader uses: both see the same nodes.
        doc = yaml.compose(data, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError):
        return _syntax_problems(data)
    return _Checker(Path(root).resolve(), PLUGINS | set(allow_plugins)).run(doc)


def _syntax_problems(data: bytes) -> list[Problem]:
    text, problems = decode(data, NAME)
    if text is not None:
        problems = parse_yaml(text, NAME)[1]
    return problems or [error(Pos(NAME, 1, 1), "yaml-syntax", "mkdocs.yml cannot be read as YAML")]


def _scalars(node: yaml.Node) -> Iterator[yaml.ScalarNode]:
    """Every scalar under `node`, keys included (the tag walk has bounded the node count)."""
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, yaml.ScalarNode):
            yield n
        elif isinstance(n, yaml.SequenceNode):
            stack.extend(reversed(n.value))
        elif isinstance(n, yaml.MappingNode):
            stack.extend(x for pair in reversed(n.value) for x in reversed(pair))


def _entries(node: yaml.Node) -> Iterator[tuple[yaml.ScalarNode, yaml.Node | None]]:
    """(name, options) of a plugins or markdown_extensions list: `[a, {b: {...}}]` or `{a: ..., b: ...}`."""
    items = node.value if isinstance(node, yaml.SequenceNode) else [node] if isinstance(node, yaml.MappingNode) else []
    for item in items:
        if isinstance(item, yaml.ScalarNode):
            yield item, None
        elif isinstance(item, yaml.MappingNode):
            yield from ((k, v) for k, v in item.value if isinstance(k, yaml.ScalarNode))


def _empty(node: yaml.Node) -> bool:
    return (isinstance(node, yaml.ScalarNode) and node.tag == _CORE + "null") or (
        isinstance(node, (yaml.SequenceNode, yaml.MappingNode)) and not node.value
    )


class _Checker:
    def __init__(self, root: Path, plugins: frozenset[str] | set[str]) -> None:
        self.root = root
        self.plugins = plugins
        self.problems: list[Problem] = []

    def say(self, node: yaml.Node, message: str) -> None:
        mark = node.start_mark
        self.problems.append(error(Pos(NAME, mark.line + 1, mark.column + 1), CODE, message))

    def run(self, doc: yaml.Node | None) -> list[Problem]:
        if doc is None:
            return []
        try:
            self.tags(doc)
        except _TooMany:
            return [error(Pos(NAME, 1, 1), "yaml-alias-bomb", f"mkdocs.yml expands to more than {MAX_NODES:,} values (anchors and aliases repeated inside each other)")]
        if isinstance(doc, yaml.MappingNode):
            for key, value in doc.value:
                rule = _TOP.get(key.value) if isinstance(key, yaml.ScalarNode) else None
                if rule is not None:
                    rule(self, key, value)
                if not (isinstance(key, yaml.ScalarNode) and key.value in _NOT_SHOWN | _ESCAPED):
                    self.text(key)
                    self.text(value)
        return sorted(self.problems, key=Problem.sort_key)

    def tags(self, doc: yaml.Node) -> None:
        """Refuse every tag that makes PyYAML's full loader run code or read the environment."""
        stack, seen = [doc], 0
        while stack:
            node = stack.pop()
            seen += 1
            if seen > MAX_NODES:
                raise _TooMany
            tag = node.tag or ""
            if tag.startswith(_CORE + "python/"):
                name = tag[len(_CORE + "python/") :]
                if name not in _PY_TAGS:
                    self.say(node, f"the tag '!!python/{name}' makes MkDocs run Python code named in the repository; only the emoji and fence functions and toc's slugify that Material documents are allowed")
            elif tag == "!ENV":
                self.say(node, "'!ENV' copies an environment variable into the site: in CI that can publish a secret; write the value itself")
            elif tag.startswith("!") or (tag not in _PLAIN_TAGS and tag != _CORE + "merge"):
                self.say(node, f"the tag '{tag}' is not allowed in mkdocs.yml; write plain values")
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    if key.tag == _CORE + "merge":
                        self.say(key, "merge keys ('<<') are not allowed in mkdocs.yml: they would hide settings from labelbook's check; write the keys out")
                    stack += [key, value]
            elif isinstance(node, yaml.SequenceNode):
                stack += node.value

    def text(self, node: yaml.Node) -> None:
        """Settings the theme prints into pages unescaped must be plain text and safe links."""
        for s in _scalars(node):
            if s.tag == _CORE + "merge":
                continue  # refused on its own
            if _MARKUP.search(s.value):
                self.say(s, f"'{_short(s.value)}' holds '<', '>' or '\"': the theme prints settings into the pages without escaping them, so they must be plain text")
            elif _SCRIPT_URL.match(_BROWSER_SKIPS.sub("", s.value)):
                self.say(s, f"'{_short(s.value)}' is a javascript:, vbscript: or data: link, which runs or hides a script; use an https: link")

    def inside(self, node: yaml.Node, key: str, hint: str) -> None:
        if not isinstance(node, yaml.ScalarNode) or node.tag != _CORE + "str":
            return  # not a path: MkDocs' own validation says so
        path = (self.root / node.value).resolve()
        if path == self.root or not path.is_relative_to(self.root):
            self.say(node, f"{key} '{_short(node.value)}' is not a folder inside the repository; {hint}")

    def inherit(self, key: yaml.Node, value: yaml.Node) -> None:
        self.say(key, "'INHERIT' reads settings from another file that this check cannot see; copy them into mkdocs.yml")

    def theme(self, key: yaml.Node, value: yaml.Node) -> None:
        for k, v in value.value if isinstance(value, yaml.MappingNode) else []:
            if isinstance(k, yaml.ScalarNode) and k.value == "custom_dir":
                self.say(k, "theme 'custom_dir' holds Jinja templates, which can run code during the build and put scripts on every page; set theme options instead")
        for s in _scalars(value):
            if _URL.match(s.value):
                self.say(s, f"'{_short(s.value)}' is on another host: the site makes no request to other hosts; put the file in the repository")

    def extra(self, key: yaml.Node, value: yaml.Node) -> None:
        for k, _ in value.value if isinstance(value, yaml.MappingNode) else []:
            if isinstance(k, yaml.ScalarNode) and k.value == "analytics":
                self.say(k, "'extra.analytics' loads a third-party script on every page; the site runs only labelbook's scripts")

    def extra_css(self, key: yaml.Node, value: yaml.Node) -> None:
        for s in _scalars(value):
            if _URL.match(s.value):
                self.say(s, f"style sheet '{_short(s.value)}' is on another host: the site makes no request to other hosts; put it in the repository")

    def extensions(self, key: yaml.Node, value: yaml.Node) -> None:
        for name, options in _entries(value):
            short = name.value.removeprefix("markdown.extensions.")
            if short in _READS_FILES:
                self.say(name, f"Markdown extension '{name.value}' copies files from disk into the pages, from outside the repository too")
            elif short not in EXTENSIONS:
                self.say(name, f"Markdown extension '{_short(name.value)}' is not one labelbook allows: an extension is Python code imported by name; allowed: Python-Markdown's own, and pymdownx's but snippets, b64 and blocks.html")
            for s in _scalars(options) if options is not None else ():
                if _outside_path(s.value):
                    self.say(s, f"'{_short(s.value)}' names a file or folder outside the repository")

    def plugin_list(self, key: yaml.Node, value: yaml.Node) -> None:
        for name, options in _entries(value):
            if name.value not in self.plugins:
                self.say(name, f"plugin '{_short(name.value)}' is not allowed: plugins run code during the build and some run or read files the repository names; "
                         f"allowed: {', '.join(sorted(p for p in self.plugins if '/' not in p))}, and any that the person running the build names with `--allow-plugin NAME`")
            elif name.value == "labelbook" and isinstance(options, yaml.MappingNode):
                for k, v in options.value:
                    if getattr(k, "value", None) == "repo" and isinstance(v, yaml.ScalarNode) and (self.root / v.value).resolve() != self.root:
                        self.say(v, "labelbook's 'repo' must be this repository; leave it out")


def _refused(what: str) -> Callable[[_Checker, yaml.Node, yaml.Node], None]:
    """The rule of a setting that must be absent or empty."""

    def rule(self: _Checker, key: yaml.Node, value: yaml.Node) -> None:
        if not _empty(value):
            self.say(key, f"'{key.value}' {what}")

    return rule


def _outside_path(value: str) -> bool:
    return value.startswith(("/", "~", "\\")) or bool(re.match(r"[A-Za-z]:[\\/]", value)) or ".." in re.split(r"[\\/]", value)


def _short(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


_TOP: dict[str, Callable[[_Checker, yaml.Node, yaml.Node], None]] = {
    "hooks": _refused("makes MkDocs run Python files from the repository during the build; labelbook builds with its own code only"),
    "INHERIT": _Checker.inherit,
    "docs_dir": lambda self, k, v: self.inside(v, "docs_dir", "the pages come from the repository's guidelines/"),
    "site_dir": lambda self, k, v: self.inside(v, "site_dir", "to build the site elsewhere, use `labelbook build -d DIR`"),
    "theme": _Checker.theme,
    "extra": _Checker.extra,
    "extra_css": _Checker.extra_css,
    "extra_templates": _refused("are Jinja templates, which can run code during the build"),
    "extra_javascript": _refused("puts a script from the repository on every page; the site runs only labelbook's scripts"),
    "markdown_extensions": _Checker.extensions,
    "plugins": _Checker.plugin_list,
}
