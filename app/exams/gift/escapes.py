"""GIFT escapes: ``\\~ \\= \\# \\{ \\} \\: \\\\`` and ``\\n``, swapped for private-use placeholders while parsing."""

from __future__ import annotations

# Escaped character -> placeholder (a private-use code point never typed in question text).
_ESCAPABLE = "\\~=#{}:"
_PLACEHOLDERS = {ch: chr(0xE000 + i) for i, ch in enumerate(_ESCAPABLE)}
_NEWLINE = chr(0xE000 + len(_ESCAPABLE))
_RESTORE = {v: k for k, v in _PLACEHOLDERS.items()} | {_NEWLINE: "\n"}
_RESTORE_TABLE = str.maketrans(_RESTORE)


def protect(line: str) -> str:
    """Replace escape sequences with placeholders so that only structural characters remain literal."""
    out: list[str] = []
    i = 0
    while i < len(line):
        ch = line[i]
        if ch == "\\" and i + 1 < len(line):
            nxt = line[i + 1]
            if nxt in _PLACEHOLDERS:
                out.append(_PLACEHOLDERS[nxt])
                i += 2
                continue
            if nxt == "n":
                out.append(_NEWLINE)
                i += 2
                continue
        out.append(ch)
        i += 1
    return "".join(out)


def restore(text: str) -> str:
    """Turn placeholders back into the characters they stand for (``\\n`` becomes a newline)."""
    return text.translate(_RESTORE_TABLE)


def escape(text: str) -> str:
    """Escape a text for writing: the GIFT special characters get a backslash, newlines become ``\\n``."""
    out = []
    for ch in text:
        if ch in _PLACEHOLDERS:
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            continue
        else:
            out.append(ch)
    return "".join(out)
