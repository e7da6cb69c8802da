"""Names of a package imported on first use (PEP 562), so that a light import stays light.

A package lists its submodules with the public names each defines, and sets
``__getattr__ = lazy_exports(__name__, EXPORTS)``: the CLI's ``--help`` and light
submodules then do not load networkx, numpy or scipy.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(package: str, exports: Mapping[str, str]) -> Callable[[str], Any]:
    """A module-level ``__getattr__`` that imports each name of *exports* from its submodule when first asked for.

    The package's ``__all__`` is ``exported_names(exports)``.

    Parameters
    ----------
    package : str
        The package's ``__name__`` (relative submodule names are resolved against it).
    exports : mapping
        Submodule (``".report"``) -> the public names it defines.

    Returns
    -------
    callable
        ``__getattr__(name)``; an unknown name raises ``AttributeError`` as for any module.

    Examples
    --------
    >>> get = lazy_exports("json", {".decoder": ("JSONDecoder",)})
    >>> get("JSONDecoder").__name__
    'JSONDecoder'
    >>> get("nothing")
    Traceback (most recent call last):
    ...
    AttributeError: module 'json' has no attribute 'nothing'
    """
    table = {name: module for module, names in exports.items() for name in names}

    def __getattr__(name: str) -> Any:
        if name not in table:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(table[name], package), name)

    return __getattr__


def exported_names(exports: Mapping[str, Any]) -> list[str]:
    """The public names of *exports* (submodule -> names), sorted: a package's ``__all__``.

    Examples
    --------
    >>> exported_names({".b": ("y", "x"), ".a": ("z",)})
    ['x', 'y', 'z']
    """
    return sorted(name for names in exports.values() for name in names)
