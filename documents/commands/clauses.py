"""Quoted new text, and a command cut into the clauses it strings together.

"제목을 더 크게 하고 배경을 파란색으로" and "make the CTA bigger, then change the background to light
gray" are two edits each. A command is cut at Korean connective endings (-고, -며, -면서), at
그리고 / 다음에 / 후에, at and / then / after that, and at commas, semicolons and full stops; never
inside quotes ("헤드라인을 '빠르고 가볍게'로 바꿔줘" is one edit). A cut that leaves a piece which is
no clause of its own ("Salt and Pepper", "빠르고 가볍게") is undone: the piece goes back to the
clause it belongs to, rightwards after a Korean ending, leftwards after an English joiner.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_QUOTES = [('"', '"'), ("“", "”"), ("'", "'"), ("‘", "’"), ("「", "」"), ("『", "』")]
QUOTED = "|".join(f"{re.escape(a)}[^{re.escape(b)}]*{re.escape(b)}" for a, b in _QUOTES)
_QUOTED_RE = re.compile(QUOTED)


def unquote(text: str) -> str:
    text = text.strip()
    for a, b in _QUOTES:
        if len(text) >= 2 and text.startswith(a) and text.endswith(b):
            return text[1:-1].strip()
    return text


def blank_quotes(text: str) -> str:
    """``text`` with quoted new text blanked out (same length), so its words name nothing."""
    return _QUOTED_RE.sub(lambda match: " " * len(match.group()), text)


_KOREAN_LINK = r"(?<=[가-힣])(?:고|며|면서)(?:\s*,\s*|\s+)(?:나서\s+|난\s+(?:다음|뒤|후)에?\s+)?"
_WORD_LINK = (
    r"and\s+then|and\s+also|and|then|after\s+that|afterwards|plus|also"
    r"|그리고|그\s*다음에?|그런\s*다음에?|그\s*후에?|다음에|후에"
)
_SEPARATOR = re.compile(
    rf"(?P<ko>{_KOREAN_LINK})"
    # A comma between digits is a thousands separator ("129,000원"), a full stop before a digit a decimal point.
    rf"|\s*(?:(?<!\d),|,(?!\d)|;|\.(?=\s))\s*(?:(?:{_WORD_LINK})\s+)?"
    rf"|\s+(?:{_WORD_LINK})\s+",
    re.IGNORECASE,
)


@dataclass
class _Piece:
    text: str
    joiner: str  # what follows it in the command, up to the next piece
    continues: bool  # the joiner is a Korean connective ending: the piece reads on into the next


def split_clauses(command: str, is_clause: Callable[[str], bool]) -> list[str]:
    """The clauses of ``command``, in order; one when it is a single edit."""
    quoted = [match.span() for match in _QUOTED_RE.finditer(command)]
    pieces: list[_Piece] = []
    start = 0
    for match in _SEPARATOR.finditer(command):
        if any(a < match.end() and match.start() < b for a, b in quoted) or match.start() == 0:
            continue
        pieces.append(_Piece(command[start : match.start()], match.group(), bool(match.group("ko"))))
        start = match.end()
    pieces.append(_Piece(command[start:], "", False))
    pieces = [p for p in pieces if p.text.strip()] or pieces[-1:]
    if len(pieces) == 1:
        return [command]

    merged = True
    while merged and len(pieces) > 1:
        merged = False
        for index, piece in enumerate(pieces):
            if is_clause(_tidy(piece.text)):
                continue
            # Korean reads on to the right ("빠르고 가볍게"); an English tail belongs to the left ("Salt and Pepper").
            into_next = index + 1 < len(pieces) and (piece.continues or index == 0)
            first, second = (index, index + 1) if into_next else (index - 1, index)
            a, b = pieces[first], pieces[second]
            pieces[first : second + 1] = [_Piece(a.text + a.joiner + b.text, b.joiner, b.continues)]
            merged = True
            break
    return [_tidy(piece.text) for piece in pieces]


def _tidy(text: str) -> str:
    return text.strip(" \t\n,;")
