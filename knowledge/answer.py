"""The offline answer: the sentences of the retrieved passages that best answer the question,
quoted verbatim and cited, or an honest "nothing found" (``grounded=False``). It never writes a
word of its own beyond that message: what it states is what a passage states.

A sentence is scored by how much of the question's weight its terms cover (``sparklio.language.
terms``: Korean morphemes, English stems, numbers with their units, and concepts shared by both
languages, so a Korean question can be answered by an English sentence), each term weighted by
how rare it is among the candidate sentences. The passage's heading and source title count at
``CONTEXT_WEIGHT``, since "60시간" answers "H2 battery?" under the heading "배터리" of the H2
sheet; a name spelled in the other script ("Dewy Lab", 듀이랩) is matched by its sound."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from knowledge.ingest.chunking import sentences
from sparklio.language import detect_language, language_code
from sparklio.language.terms import names, sound_key, terms

# the share of the question's weight a sentence must cover to count as an answer
MIN_COVERAGE = 0.4
# further sentences join the best one only when they come close to it
FOLLOWER_SHARE = 0.65
CONTEXT_WEIGHT = 0.6
SAME_LANGUAGE_BONUS = 0.05
NOTHING_FOUND = {
    "ko": "지식 베이스에서 이 질문에 답하는 내용을 찾지 못했습니다.",
    "en": "Nothing in the knowledge base answers this question.",
}


@dataclass(frozen=True)
class Passage:
    chunk: int
    source: int
    source_title: str
    text: str
    page: int | None
    heading: str
    score: float


@dataclass(frozen=True)
class Citation:
    source: int
    source_title: str
    chunk: int
    quote: str
    page: int | None


@dataclass(frozen=True)
class ExtractiveAnswer:
    answer: str
    citations: list[Citation]
    grounded: bool


@dataclass(frozen=True)
class _Candidate:
    passage: Passage
    rank: int  # the passage's place in the retrieval order
    position: int  # the sentence's place in its passage
    text: str
    terms: frozenset[str]
    context: frozenset[str]
    language: str
    names: tuple[str, ...] = ()  # proper names in the sentence and its title and heading


_MIN_SOUND_KEY = 3  # "T" (audio, 오디오) or "MN" match too much by chance


def _sound_keys(found: list[str]) -> dict[str, tuple[str, ...]]:
    """Sound keys of names, written together ("Dewy Lab" is one word in Korean: 듀이랩), each
    with the terms the name stands for."""
    keys: dict[str, tuple[str, ...]] = {}
    for name in found:
        key = sound_key(name.replace(" ", ""))
        if len(key) >= _MIN_SOUND_KEY:
            keys.setdefault(key, tuple(terms(name)))
    return keys


def _with_names(question: str, candidates: list[_Candidate]) -> list[_Candidate]:
    """A name in the question may be written in the other script in a passage ("Dewy Lab" and
    "듀이랩", "소닉" and "Sonic"): a candidate that has it only that way is given the question's
    terms for it, when the two names sound alike."""
    wanted = _sound_keys(names(question))
    if not wanted:
        return candidates
    result = []
    for candidate in candidates:
        has = candidate.terms | candidate.context
        found = [wanted[key] for key in _sound_keys(list(candidate.names)) if key in wanted]
        extra = frozenset(term for group in found for term in group if term not in has)
        result.append(replace(candidate, terms=candidate.terms | extra) if extra else candidate)
    return result


def _candidates(passages: list[Passage]) -> list[_Candidate]:
    found = []
    for rank, passage in enumerate(passages):
        context_terms = terms(f"{passage.source_title}\n{passage.heading}")
        context = frozenset(context_terms)
        passage_names = tuple(names(f"{passage.source_title}\n{passage.heading}"))
        seen = set()
        for position, sentence in enumerate(sentences(passage.text)):
            if sentence in seen:
                continue
            seen.add(sentence)
            sentence_terms = terms(sentence)
            found.append(
                _Candidate(
                    passage,
                    rank,
                    position,
                    sentence,
                    frozenset(sentence_terms),
                    context,
                    language_code(sentence),
                    passage_names + tuple(names(sentence)),
                )
            )
    return found


def _score(question: set[str], weights: dict[str, float], candidate: _Candidate) -> float:
    total = sum(weights[term] for term in question)
    if not total:
        return 0.0
    covered = sum(weights[term] for term in question & candidate.terms)
    from_context = sum(weights[term] for term in (question & candidate.context) - candidate.terms)
    return (covered + CONTEXT_WEIGHT * from_context) / total


def extractive_answer(question: str, passages: list[Passage], *, max_sentences: int = 3) -> ExtractiveAnswer:
    """The best sentences of ``passages`` (best first, as retrieval ranked them) that answer
    ``question``, quoted; ``grounded=False`` with a message in the question's language when no
    sentence covers enough of the question. Between equally good sentences, one in the
    question's language and from a better-ranked passage wins."""
    language = detect_language(question or "", default="ko")
    nothing = ExtractiveAnswer(answer=NOTHING_FOUND[language], citations=[], grounded=False)
    question_terms = set(terms(question or ""))
    candidates = _candidates(passages)
    if not question_terms or not candidates:
        return nothing
    candidates = _with_names(question or "", candidates)
    # rarer terms weigh more; a question term no sentence has weighs as the rarest one present
    count = len(candidates)
    frequency = {term: sum(1 for c in candidates if term in c.terms or term in c.context) for term in question_terms}
    weights = {term: math.log(1 + count / max(df, 1)) for term, df in frequency.items()}
    if "unit:duration" in weights:  # "how long" asks for a duration, or for a length in words
        weights["unit:duration"] *= 0.5
    scored = []
    for candidate in candidates:
        score = _score(question_terms, weights, candidate)
        if score >= MIN_COVERAGE:
            bonus = SAME_LANGUAGE_BONUS if candidate.language == language else 0.0
            scored.append((score + bonus, -candidate.rank, -candidate.position, candidate))
    if not scored:
        return nothing
    scored.sort(key=lambda item: item[:3], reverse=True)
    best = scored[0][0]
    # best first: the answer opens with the sentence that answers most
    chosen = [item[3] for item in scored if item[0] >= FOLLOWER_SHARE * best][:max_sentences]
    citations = [
        Citation(
            source=candidate.passage.source,
            source_title=candidate.passage.source_title,
            chunk=candidate.passage.chunk,
            quote=candidate.text,
            page=candidate.passage.page,
        )
        for candidate in chosen
    ]
    return ExtractiveAnswer(answer=" ".join(candidate.text for candidate in chosen), citations=citations, grounded=True)
