"""Korean morphology: one cached Kiwi analyser and the noun phrases of a text.

Loading Kiwi's model takes about a second, so it happens once per process, on first use.
"""

import bisect
import threading
from dataclasses import dataclass, field

from .lexicon import AUDIENCE_TRIGGERS, user_words

_kiwi = None
_kiwi_lock = threading.Lock()

# tags that make up a noun phrase; NNB (bound noun) only counts right after a number
# ("24시간", "20대"), XSN (suffix) only after a noun ("대학생", "스토리용")
_NOUN_TAGS = {"NNG", "NNP", "NR", "SN", "SL", "SH", "XPN"}
_JOINERS = {"-", ".", "&"}  # "EV-3", "2.0", "H&M" when written without spaces
# tags after which a new clause starts: sentence ends and connective endings
_CLAUSE_END_TAGS = {"SF", "EF", "EC"}


def get_kiwi():
    """The process-wide Kiwi analyser with Sparklio's user dictionary."""
    global _kiwi
    if _kiwi is None:
        with _kiwi_lock:
            if _kiwi is None:
                from kiwipiepy import Kiwi

                kiwi = Kiwi()
                for word, tag in user_words():
                    kiwi.add_user_word(word, tag)
                # Kiwi finishes initialising on its first analysis; do that before any other
                # thread can see the instance.
                kiwi.tokenize("")
                _kiwi = kiwi
    return _kiwi


@dataclass(frozen=True)
class Tok:
    form: str
    tag: str
    start: int
    end: int

    @property
    def key(self) -> str:
        return self.form.lower()


@dataclass
class Chunk:
    """A run of noun-like tokens with nothing but spaces between them."""

    first: int  # index of the first token in Analysis.tokens
    last: int
    clause: int
    tokens: list[Tok] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end


@dataclass
class Analysis:
    text: str
    tokens: list[Tok]
    clause_of: list[int]  # clause index of each token
    chunks: list[Chunk]
    chunk_of: list[int | None] = field(default_factory=list)  # chunk index of each token
    clause_tokens: dict[int, list[int]] = field(default_factory=dict)  # token indices by clause
    chunk_firsts: list[int] = field(default_factory=list)

    def __post_init__(self):
        self.chunk_firsts = [chunk.first for chunk in self.chunks]
        self.chunk_of = [None] * len(self.tokens)
        for number, chunk in enumerate(self.chunks):
            for index in range(chunk.first, chunk.last + 1):
                self.chunk_of[index] = number
        for index, clause in enumerate(self.clause_of):
            self.clause_tokens.setdefault(clause, []).append(index)

    def span(self, start: int, end: int) -> str:
        return self.text[start:end].strip()

    def token_after(self, index: int, offset: int = 1) -> Tok | None:
        position = index + offset
        return self.tokens[position] if 0 <= position < len(self.tokens) else None

    def chunk_at(self, index: int) -> Chunk | None:
        number = self.chunk_of[index] if 0 <= index < len(self.tokens) else None
        return self.chunks[number] if number is not None else None

    def chunk_starting_after(self, index: int) -> Chunk | None:
        position = bisect.bisect_right(self.chunk_firsts, index)
        return self.chunks[position] if position < len(self.chunks) else None

    def clause_keys(self, clause: int) -> set[str]:
        return {self.tokens[index].key for index in self.clause_tokens.get(clause, [])}


def analyse(text: str) -> Analysis:
    raw = get_kiwi().tokenize(text)
    tokens = [Tok(t.form, t.tag, t.start, t.start + t.len) for t in raw if t.form.strip()]
    clause_of: list[int] = []
    clause = 0
    for index, tok in enumerate(tokens):
        if index and "\n" in text[tokens[index - 1].end : tok.start]:
            clause += 1
        clause_of.append(clause)
        if tok.tag in _CLAUSE_END_TAGS:
            clause += 1
    return Analysis(text=text, tokens=tokens, clause_of=clause_of, chunks=_chunks(text, tokens, clause_of))


def _chunks(text: str, tokens: list[Tok], clause_of: list[int]) -> list[Chunk]:
    chunks: list[Chunk] = []
    current: Chunk | None = None
    for index, tok in enumerate(tokens):
        previous = tokens[index - 1] if index else None
        gap = text[previous.end : tok.start] if previous else ""
        joined = current is not None and previous is not None and _joins(gap, previous, tok)
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        # "온열": Kiwi reads a determiner glued to the noun ("온" + "열")
        glued_determiner = (
            tok.tag == "MM" and following is not None and following.start == tok.end and following.tag in _NOUN_TAGS
        )
        if tok.tag in _NOUN_TAGS or glued_determiner or (tok.tag == "NNB" and joined and previous.tag == "SN"):
            if not joined or current is None:
                current = Chunk(first=index, last=index, clause=clause_of[index])
                chunks.append(current)
            current.tokens.append(tok)
            current.last = index
        elif current is not None and gap == "" and (tok.tag == "XSN" or _joiner_between(text, tokens, index)):
            current.tokens.append(tok)
            current.last = index
        else:
            current = None
        # "중소기업 대상 클라우드 회계 프로그램": the audience cue closes its phrase
        if current is not None and tok.key in AUDIENCE_TRIGGERS:
            current = None
    return chunks


def _joins(gap: str, previous: Tok, tok: Tok) -> bool:
    if gap == "":
        return True
    if gap.isspace():
        return "\n" not in gap
    return gap in _JOINERS and previous.tag in {"SL", "SN"} and tok.tag in {"SL", "SN"}


def _joiner_between(text: str, tokens: list[Tok], index: int) -> bool:
    """A "-" or "&" glued between two Latin or number tokens, as in "EV-3" or "H&M"."""
    tok = tokens[index]
    if tok.form not in _JOINERS or index == 0 or index + 1 >= len(tokens):
        return False
    before, after = tokens[index - 1], tokens[index + 1]
    return before.tag in {"SL", "SN"} and after.tag in {"SL", "SN"} and after.start == tok.end
