"""The brand's knowledge base as the agents use it: the passages about a workflow's product,
the facts (claims) they state, and the claims of a copy that contradict them.

Retrieval is scoped to the run's workspace and brand (the brand's sources and the workspace's
shared ones, never another workspace's). Every passage an agent used is recorded on its output
as ``knowledge: [{chunk, source, source_title, quote, page}]``, the quote copied from the
passage; a workflow lists them as its ``citations``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import BaseModel

from knowledge.ingest.chunking import sentences
from knowledge.rag import QUESTION_MAX_CHARS
from knowledge.selectors import Hit, knowledge_search, scope
from sparklio.language.quantities import Quantity, quantities
from sparklio.language.terms import terms

PASSAGES = 4
PROMPT_PASSAGE_CHARS = 900
CLAIM_MAX_CHARS = 48  # a claim becomes a feature bullet
_SENTENCE_END = re.compile(r"(?:다|요|니다|습니다)$")
_MONEY = {"won", "dollar"}


class KnowledgeUse(BaseModel):
    """One passage an agent drew on, with the words of it that it used."""

    chunk: int
    source: int
    source_title: str
    quote: str
    page: int | None = None


def use_of(hit: Hit, quote: str) -> KnowledgeUse:
    return KnowledgeUse(chunk=hit.chunk, source=hit.source, source_title=hit.source_title, quote=quote, page=hit.page)


def passages(*, workspace_id: int, brand_id: int | None, query: str, user_id: int | None = None, k: int = PASSAGES):
    """The ``k`` best passages of the scope for ``query``; none (and no embedding call) when the
    scope has no knowledge."""
    query = " ".join((query or "").split())[:QUESTION_MAX_CHARS]
    if not query or not scope(workspace_id=workspace_id, brand_id=brand_id).exists():
        return []
    return knowledge_search(workspace_id=workspace_id, question=query, brand_id=brand_id, k=k, user_id=user_id)


def brand_id_of(ctx) -> int | None:
    return getattr(ctx.brand, "pk", None)


def product_query(facts: dict) -> str:
    """What to look up for a campaign: the product and its named features."""
    parts = [facts.get("product") or "", *(facts.get("features") or [])[:3]]
    return " ".join(part for part in parts if part)


def names_product(text: str, product: str) -> bool:
    """Whether ``text`` names the product: its model code when it has one ("X1" in "무선 이어폰
    X1", not in "X10"), else every word of its name."""
    words = product.split()
    codes = [word for word in words if any(char.isdigit() for char in word)]
    return all(
        re.search(rf"(?<![A-Za-z0-9]){re.escape(word)}(?![A-Za-z0-9])", text, re.IGNORECASE)
        for word in (codes or words)
    )


def about_product(hits: list[Hit], product: str | None) -> list[Hit]:
    """The passages that name the product (by their title, heading or text): a number of
    another product of the brand is not this one's. All of them when no product is known."""
    if not product or not product.strip():
        return hits
    return [hit for hit in hits if names_product(f"{hit.source_title}\n{hit.heading}\n{hit.text}", product)]


def prompt_passages(hits: list[Hit]) -> list[str]:
    """The passages as a generator's ``knowledge`` input (quoted knowledge for the model)."""
    return [
        f"[{hit.source_title}{' > ' + hit.heading if hit.heading else ''}] {hit.text[:PROMPT_PASSAGE_CHARS]}"
        for hit in hits
    ]


def best_sentence(hit: Hit, text: str) -> str:
    """The sentence of the passage that shares most words with ``text`` (what a model's copy
    drew on), else its first."""
    wanted = set(terms(text))
    options = sentences(hit.text) or [hit.text[:200]]
    return max(options, key=lambda sentence: (len(wanted & set(terms(sentence))), -options.index(sentence)))


# --- claims --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Claim:
    text: str  # as a feature: "배터리 최대 30시간 재생"
    quote: str  # the sentence of the passage, verbatim
    hit: Hit
    label: bool  # short enough and not a full sentence: it reads as a feature bullet


def _as_feature(sentence: str) -> str:
    text = sentence.strip().rstrip(".!。")
    return re.sub(r"\s*:\s*", " ", text, count=1).strip()


def claims(hits: list[Hit], *, known: list[str], limit: int) -> list[Claim]:
    """Measured facts the passages state (a sentence with a quantity of something: "배터리:
    최대 30시간 재생"), in retrieval order, that ``known`` (the features already given) does not
    already measure."""
    if limit <= 0:
        return []
    known_quantities = [q for text in known for q in quantities(text)]
    found: list[Claim] = []
    for hit in hits:
        for sentence in sentences(hit.text):
            measured = [q for q in quantities(sentence) if q.subject]
            if not measured or any(q.same_measure(k) for q in measured for k in known_quantities):
                continue
            text = _as_feature(sentence)
            if any(text.casefold() == claim.text.casefold() for claim in found):
                continue
            label = len(text) <= CLAIM_MAX_CHARS and not _SENTENCE_END.search(text)
            found.append(Claim(text, sentence, hit, label))
            if len(found) >= limit:
                return found
    return found


# --- contradictions ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Conflict:
    path: str
    found: Quantity
    stated: Quantity
    quote: str
    hit: Hit

    @property
    def severity(self) -> str:
        # a wrong price is a promise to the customer; a wrong measure misleads
        return "error" if self.found.family in _MONEY else "warning"


def conflicts(texts: list[tuple[str, str]], hits: list[Hit]) -> list[Conflict]:
    """The quantities of ``texts`` ((path, text) pairs) that the passages state otherwise: the
    same measure (unit family) of the same thing (a shared word of their clauses) with another
    value, and that value stated nowhere in the passages."""
    stated = [(q, sentence, hit) for hit in hits for sentence in sentences(hit.text) for q in quantities(sentence)]
    found: list[Conflict] = []
    seen = set()
    for path, text in texts:
        for quantity in quantities(text or ""):
            if not quantity.subject or (path, quantity.text) in seen:
                continue
            if any(quantity.same_value(other) for other, _sentence, _hit in stated):
                continue
            rival = next(((q, s, h) for q, s, h in stated if quantity.same_measure(q)), None)
            if rival is not None:
                seen.add((path, quantity.text))
                found.append(Conflict(path, quantity, rival[0], rival[1], rival[2]))
    return found


def unique(uses: list[KnowledgeUse]) -> list[KnowledgeUse]:
    """One use per chunk, the first kept."""
    seen: set[int] = set()
    kept = []
    for item in uses:
        if item.chunk not in seen:
            seen.add(item.chunk)
            kept.append(item)
    return kept
