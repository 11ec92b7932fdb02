"""Brand kit rules shared by the API serializers and the admin forms."""

import re

HEX_INPUT = re.compile(r"^#(?:[0-9A-Fa-f]{3}){1,2}$")


def normalize_hex(value: str) -> str:
    """'#abc' or '#aabbcc' → '#AABBCC'. Raises ValueError for anything else."""
    value = value.strip()
    if not HEX_INPUT.match(value):
        raise ValueError("Enter a colour as #RRGGBB or #RGB (for example #FF5A1F).")
    digits = value[1:]
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    return f"#{digits.upper()}"


def words_in_both(banned: list[str], required: list[str]) -> list[str]:
    """Words (compared case-insensitively) that a kit would both ban and require."""
    return sorted({w.casefold() for w in banned} & {w.casefold() for w in required})


def both_message(words: list[str]) -> str:
    return f"Words cannot be both required and banned: {', '.join(words)}."
