"""einsum's equation: checked with torch's errors and rewritten in explicit form."""

from __future__ import annotations

import string


def explicit_equation(equation: str, shapes: list[tuple]) -> str:
    """``equation`` for operands of ``shapes`` as 'ab,bc->ac': spaces dropped, '...'
    spelled out as letters, the implicit output made explicit (as torch)."""
    eq = equation.replace(" ", "")
    lhs, arrow, rhs = eq.partition("->")
    terms = lhs.split(",")
    if len(terms) > len(shapes):
        raise RuntimeError(
            "einsum(): fewer operands were provided than specified in the equation"
        )
    if len(terms) < len(shapes):
        raise RuntimeError(
            "einsum(): more operands were provided than specified in the equation"
        )
    for i, ch in enumerate(eq):
        if not (ch in string.ascii_letters or ch in ",.->"):
            raise RuntimeError(
                f"einsum(): invalid subscript given at index {i} in the equation string, subscripts must be in [a-zA-Z]"
            )
    free = [c for c in string.ascii_letters if c not in eq]
    ell_dims = 0
    spelled = []
    for k, (term, shape) in enumerate(zip(terms, shapes)):
        letters = term.replace("...", "")
        if "..." in term:
            n = len(shape) - len(letters)
            if n < 0:
                raise RuntimeError(
                    f"einsum(): the number of subscripts in the equation ({len(letters)}) is more than the number of dimensions ({len(shape)}) for operand {k}"
                )
            ell_dims = max(ell_dims, n)
            term = term.replace("...", "".join(free[ell_dims - n : ell_dims]))
        elif len(letters) != len(shape):
            raise RuntimeError(
                f"einsum(): the number of subscripts in the equation ({len(letters)}) does not match the number of dimensions ({len(shape)}) for operand {k} and no ellipsis was given"
            )
        spelled.append(term)
    ell = "".join(free[:ell_dims])
    if arrow:
        out = rhs.replace("...", ell)
        for c in out:
            if out.count(c) > 1:
                raise RuntimeError(
                    f"einsum(): output subscript {c} appears more than once in the output"
                )
            if not any(c in t for t in spelled):
                raise RuntimeError(
                    f"einsum(): output subscript {c} does not appear in the equation for any input operand"
                )
    else:
        counts = "".join(spelled)
        out = ell + "".join(
            sorted(c for c in set(counts) if counts.count(c) == 1 and c not in ell)
        )
    sizes: dict = {}
    for k, (term, shape) in enumerate(zip(spelled, shapes)):
        for c, n in zip(term, shape):
            seen = sizes.get(c)
            if seen is None or seen == 1:
                sizes[c] = n
            elif n not in (1, seen):
                raise RuntimeError(
                    f"einsum(): subscript {c} has size {n} for operand {k} which does not broadcast with previously seen size {seen}"
                )
    return ",".join(spelled) + "->" + out


def has_diagonal(equation: str) -> bool:
    """True when a letter repeats within one operand ('ii->i': a diagonal)."""
    return any(len(set(t)) != len(t) for t in equation.split("->")[0].split(","))
