"""What generation takes from learning: a plain ``LearnedStyle`` and a ranking of candidates.

Generators get this through ``BrandProfile.learned`` (generators/context.py) and never see the
ORM. ``rank`` orders a baseline's candidate phrasings: those with an avoided phrase last, those
with a preferred phrase first, and within that by cosine similarity to the brand's style vector
(candidates are embedded with the model that made the vector; vectors of two models cannot be
compared). The learned order outranks the kit's tone word: what marketers kept is stronger
evidence of the voice than one adjective.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass

from sparklio.llm.embeddings import OFFLINE
from sparklio.llm.errors import LLMError
from sparklio.llm.gateway import gateway

logger = logging.getLogger(__name__)

# At most this many candidates are embedded per ranking (the baseline's first ones in its own
# order): ranking a phrase bank costs one embedding call of at most this many short texts,
# cached per text by the gateway.
RANK_POOL = 24


@dataclass(frozen=True)
class LearnedStyle:
    vector: tuple[float, ...] | None = None
    provider: str = ""
    model: str = ""
    dimensions: int | None = None
    preferred: tuple[str, ...] = ()
    avoided: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()  # best first

    @property
    def empty(self) -> bool:
        return self.vector is None and not self.preferred and not self.avoided and not self.examples


def cosine(a: Sequence[float], b: Sequence[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b))
    return dot / norm if norm else 0.0


def hits(text: str, phrases: Sequence[str]) -> int:
    folded = text.casefold()
    return sum(1 for phrase in phrases if phrase.casefold() in folded)


def similarities(texts: Sequence[str], style: LearnedStyle, *, workspace_id: int | None, cause=None) -> list[float]:
    """Cosine similarity of each text to the style vector; zeros when there is no vector or its
    model does not answer now (the phrase signals still rank)."""
    if style.vector is None or not texts:
        return [0.0] * len(texts)
    try:
        result = gateway.embed(
            list(texts),
            input_type="passage",
            provider=style.provider,
            model=style.model,
            dimensions=None if style.provider == OFFLINE else style.dimensions,
            fallback=False,
            workspace_id=workspace_id,
            cause=cause,
        )
    except LLMError as exc:
        logger.warning("style ranking without similarity: %s/%s did not embed: %s", style.provider, style.model, exc)
        return [0.0] * len(texts)
    if any(len(vector) != len(style.vector) for vector in result.vectors):
        logger.warning("style ranking without similarity: dimensions differ from the style vector")
        return [0.0] * len(texts)
    return [cosine(vector, style.vector) for vector in result.vectors]


def rank(candidates: Sequence[str], style: LearnedStyle | None, *, workspace_id: int | None, cause=None) -> list[str]:
    """``candidates`` reordered by what the brand learned (see the module's docstring); the
    order is stable, so equal candidates keep the baseline's seeded order."""
    if style is None or style.empty or len(candidates) < 2:
        return list(candidates)
    pool, rest = list(candidates[:RANK_POOL]), list(candidates[RANK_POOL:])
    scores = similarities(pool, style, workspace_id=workspace_id, cause=cause)
    order = sorted(
        range(len(pool)),
        key=lambda i: (hits(pool[i], style.avoided), -hits(pool[i], style.preferred), -scores[i], i),
    )
    return [pool[i] for i in order] + rest
