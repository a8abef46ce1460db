"""A call bound to a declared signature as Python binds a ``def``'s, with its TypeErrors."""

from __future__ import annotations

import inspect
from typing import Any

_P = inspect.Parameter
_POSITIONAL = (_P.POSITIONAL_ONLY, _P.POSITIONAL_OR_KEYWORD)
_NAMED = (_P.POSITIONAL_OR_KEYWORD, _P.KEYWORD_ONLY)
_EMPTY = _P.empty


def bind(
    signature: inspect.Signature, qualname: str, args: tuple, kwargs: dict[str, Any]
) -> dict[str, Any]:
    """The call ``qualname(*args, **kwargs)``'s arguments by name, in the
    signature's order, defaults filled in (``*args`` as a tuple, ``**kwargs`` as a
    dict); a bad call raises the TypeError Python 3.11 raises for a ``def`` of
    this signature and qualname (the checks in CPython's order)."""
    parameters = list(signature.parameters.values())
    positional = [p for p in parameters if p.kind in _POSITIONAL]
    keyword_only = [p for p in parameters if p.kind is _P.KEYWORD_ONLY]
    star = next((p.name for p in parameters if p.kind is _P.VAR_POSITIONAL), None)
    stars = next((p.name for p in parameters if p.kind is _P.VAR_KEYWORD), None)
    given = dict(zip((p.name for p in positional), args, strict=False))
    by_keyword = {p.name for p in parameters if p.kind in _NAMED}
    extra: dict[str, Any] = {}
    for key, value in kwargs.items():
        if key not in by_keyword:
            if stars is None:
                _refuse_keyword(qualname, positional, kwargs, key)
            extra[key] = value
            continue
        if key in given:
            raise TypeError(f"{qualname}() got multiple values for argument '{key}'")
        given[key] = value
    if len(args) > len(positional) and star is None:
        raise TypeError(_too_many(qualname, positional, keyword_only, given, len(args)))
    _check_missing(qualname, positional, "positional", given)
    _check_missing(qualname, keyword_only, "keyword-only", given)
    arguments = {}
    for p in parameters:
        if p.kind is _P.VAR_POSITIONAL:
            arguments[p.name] = tuple(args[len(positional) :])
        elif p.kind is _P.VAR_KEYWORD:
            arguments[p.name] = extra
        else:
            arguments[p.name] = given.get(p.name, p.default)
    return arguments


def _refuse_keyword(
    qualname: str, positional: list[_P], kwargs: dict[str, Any], key: str
) -> None:
    """A keyword no parameter takes: positional-only names given by keyword are
    named together, as CPython does; any other is unexpected."""
    only = [p.name for p in positional if p.kind is _P.POSITIONAL_ONLY]
    passed = [name for name in only if name in kwargs]
    if passed:
        names = ", ".join(passed)
        raise TypeError(
            f"{qualname}() got some positional-only arguments passed as keyword arguments: '{names}'"
        )
    raise TypeError(f"{qualname}() got an unexpected keyword argument '{key}'")


def _too_many(
    qualname: str,
    positional: list[_P],
    keyword_only: list[_P],
    given: dict[str, Any],
    count: int,
) -> str:
    """CPython's message for more positional arguments than the signature takes."""
    defaults = sum(p.default is not _EMPTY for p in positional)
    most = len(positional)
    if defaults:
        takes = f"from {most - defaults} to {most} positional arguments"
    else:
        takes = f"{most} positional argument{'' if most == 1 else 's'}"
    keywords = sum(p.name in given for p in keyword_only)
    if keywords:
        s, ks = "" if count == 1 else "s", "" if keywords == 1 else "s"
        given_text = f"{count} positional argument{s} (and {keywords} keyword-only argument{ks}) were"
    else:
        given_text = f"{count} {'was' if count == 1 else 'were'}"
    return f"{qualname}() takes {takes} but {given_text} given"


def _check_missing(
    qualname: str, parameters: list[_P], kind: str, given: dict[str, Any]
) -> None:
    """CPython's error for required ``parameters`` of ``kind`` not given."""
    missing = [
        f"'{p.name}'" for p in parameters if p.default is _EMPTY and p.name not in given
    ]
    if not missing:
        return
    if len(missing) == 1:
        names = missing[0]
    elif len(missing) == 2:
        names = " and ".join(missing)
    else:
        names = ", ".join(missing[:-1]) + ", and " + missing[-1]
    s = "" if len(missing) == 1 else "s"
    raise TypeError(
        f"{qualname}() missing {len(missing)} required {kind} argument{s}: {names}"
    )
