"""Translation states per unit, and stamping fingerprints into translations brought up to date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from labelbook.core.model import Repo, Translation
from labelbook.core.problems import UsageError


@dataclass(frozen=True)
class UnitState:
    lang: str
    kind: str  # "rule" | "example"
    id: str
    state: str  # current | stale | missing
    path: str  # the translation file, or the source file when missing
    source: str | None  # fingerprint the translation was made from
    current: str  # fingerprint of today's source text

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in ("lang", "kind", "id", "state", "path", "source", "current")}


def status(repo: Repo, langs: list[str] | None = None) -> list[UnitState]:
    out = []
    for lang in langs or repo.policy.target_languages:
        for rule in sorted(repo.rules.values(), key=lambda r: (r.area, r.id)):
            tr = rule.translations.get(lang)
            out.append(UnitState(lang, "rule", rule.id, repo.rule_state(rule, lang), tr.path if tr else rule.path, tr.source if tr else None, rule.fingerprint))
            for ex in sorted(repo.examples_of(rule.id), key=lambda e: e.id):
                et = ex.translations.get(lang)
                out.append(UnitState(lang, "example", ex.id, repo.example_state(ex, lang), et.path if et else ex.path, et.source if et else None, ex.fingerprint))
        orphans = [e for e in repo.examples.values() if e.rule not in repo.rules]
        for ex in sorted(orphans, key=lambda e: e.id):
            et = ex.translations.get(lang)
            out.append(UnitState(lang, "example", ex.id, repo.example_state(ex, lang), et.path if et else ex.path, et.source if et else None, ex.fingerprint))
    return out


def totals(states: list[UnitState]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for s in states:
        t = out.setdefault(s.lang, {"current": 0, "stale": 0, "missing": 0, "total": 0})
        t[s.state] += 1
        t["total"] += 1
    return out


@dataclass(frozen=True)
class Stamp:
    lang: str
    id: str
    path: str
    old: str
    new: str


def plan_stamps(repo: Repo, ids: list[str], all_: bool, langs: list[str]) -> list[Stamp]:
    """The stamps to write. Unknown ids and units without a translation are usage errors."""
    known = set(repo.rules) | set(repo.examples)
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise UsageError(f"no rule or example with id {', '.join(unknown)}")
    out: list[Stamp] = []
    for lang in langs:
        units: list[tuple[str, Translation | None, str]] = []
        for rule in repo.rules.values():
            if all_ or rule.id in ids:
                units.append((rule.id, rule.translations.get(lang), rule.fingerprint))
        for ex in repo.examples.values():
            if all_ or ex.id in ids or ex.rule in ids:
                units.append((ex.id, ex.translations.get(lang), ex.fingerprint))
        for id, tr, fp in units:
            if tr is None:
                if not all_:
                    raise UsageError(f"{id} has no {lang} translation to stamp; write the translation first")
                continue
            if tr.source != fp:
                out.append(Stamp(lang, id, tr.path, tr.source, fp))
    return out


_SOURCE_LINE = re.compile(r"^(?P<head>\s*source:\s*)(?P<value>[^\s#]*)(?P<tail>\s*(?:#.*)?)$")
_BOM = b"\xef\xbb\xbf"


def apply_stamps(root: Path, repo: Repo, stamps: list[Stamp]) -> None:
    """Rewrite only the `source:` values, leaving every other byte of each file as it was
    (a BOM, CRLF line ends, a comment after the fingerprint)."""
    by_file: dict[str, list[Stamp]] = {}
    for s in stamps:
        by_file.setdefault(s.path, []).append(s)
    for path, file_stamps in by_file.items():
        file = root / path
        data = file.read_bytes()
        bom = _BOM if data.startswith(_BOM) else b""
        lines = data[len(bom) :].decode("utf-8").split("\n")
        for s in file_stamps:
            tr = _translation(repo, s)
            idx = tr.pos.line - 1
            line = lines[idx] if 0 <= idx < len(lines) else ""
            cr = "\r" if line.endswith("\r") else ""
            m = _SOURCE_LINE.match(line[: len(line) - len(cr)])
            if m is None:
                raise UsageError(f"{path}:{tr.pos.line}: cannot find the 'source:' line of {s.id} to stamp")
            # an all-digit fingerprint is quoted, or YAML tools would read it as a number
            value = f'"{s.new}"' if s.new.isdigit() else s.new
            lines[idx] = f"{m['head']}{value}{m['tail']}{cr}"
        tmp = file.with_name(file.name + ".labelbook-tmp")
        tmp.write_bytes(bom + "\n".join(lines).encode("utf-8"))
        tmp.replace(file)


def _translation(repo: Repo, s: Stamp) -> Translation:
    unit = repo.rules.get(s.id) or repo.examples[s.id]
    return unit.translations[s.lang]
