"""The warnings of one Polotno import."""

from __future__ import annotations


class _Report:
    """Warnings of one import, each about a field when it is about one; attributes dropped are grouped by name."""

    def __init__(self):
        self.warnings: list[tuple[str | None, str]] = []
        self.dropped: dict[str, list[str]] = {}

    def warn(self, message: str, field: str | None = None) -> None:
        self.warnings.append((field, message))

    def drop(self, attribute: str, path: str) -> None:
        self.dropped.setdefault(attribute, []).append(path)

    def absorb(self, other: _Report, restored: set[str]) -> None:
        """Take ``other``'s warnings, less those about fields an exact copy restored (nothing was lost)."""
        self.warnings += [(field, message) for field, message in other.warnings if field not in restored]
        for attribute, paths in other.dropped.items():
            self.dropped.setdefault(attribute, []).extend(paths)

    def all(self) -> list[str]:
        out = [message for _, message in self.warnings]
        for attribute, paths in self.dropped.items():
            more = f" (and {len(paths) - 1} more)" if len(paths) > 1 else ""
            out.append(
                f"{paths[0] or 'store'}: Polotno attribute {attribute!r} has no SparklioDocument "
                f"equivalent and was dropped{more}"
            )
        return out
