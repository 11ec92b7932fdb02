"""Every generator by name."""

from __future__ import annotations

from generators.base import Generator
from generators.image import IMAGE_GENERATORS
from generators.text import TEXT_GENERATORS
from generators.video import VIDEO_GENERATORS

GENERATORS: dict[str, type[Generator]] = {
    cls.name: cls for cls in [*TEXT_GENERATORS, *IMAGE_GENERATORS, *VIDEO_GENERATORS]
}


class UnknownGenerator(LookupError):
    pass


def get_generator(name: str) -> Generator:
    try:
        return GENERATORS[name]()
    except KeyError:
        raise UnknownGenerator(f"No generator {name!r}; known: {', '.join(GENERATORS)}") from None
