"""A package's heavy names loaded on first use (PEP 562), so that importing it costs nothing.

`labelbook.cli` builds every command's parser at start; the packages behind `qa` and
`score` therefore keep their `__init__` light and name where each public function lives.
"""

from __future__ import annotations

import importlib
from typing import Any, Callable, Mapping


def call(where: tuple[str, str], *args: Any) -> Any:
    """Call function `where[1]` of module `where[0]`, importing only that module."""
    module, function = where
    return getattr(importlib.import_module(module), function)(*args)


def loader(namespace: dict[str, Any], package: str, names: Mapping[str, str], renderers: Mapping[str, tuple[str, str]]) -> Callable[[str], Any]:
    """The module `__getattr__` of `package`: each of `names` from its module, once (then a
    plain attribute of `namespace`); `RENDERERS`, every renderer by format."""

    def __getattr__(name: str) -> Any:
        if name in names:
            value = namespace[name] = getattr(importlib.import_module(names[name]), name)
            return value
        if name == "RENDERERS":
            return {fmt: getattr(importlib.import_module(module), function) for fmt, (module, function) in renderers.items()}
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
