"""Chunking by structure: a chunk never spans two pages or two sections (a section being the
text under one heading path); inside a section, paragraphs and table rows are packed into
chunks of about 300–500 tokens, split between sentences, and each chunk after the first
repeats the last sentences of the one before so that a fact cut at the border is whole in one
of them."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from itertools import groupby

from sparklio.language import language_code

from .drafts import Block, ChunkDraft

TARGET_TOKENS = 400
MAX_TOKENS = 500
OVERLAP_TOKENS = 60
HEADING_SEPARATOR = " > "

_TOKEN = re.compile(r"[A-Za-z]+|\d+|[\uac00-\ud7a3]+|[\u3040-\u30ff\u4e00-\u9fff]|[^\s\w]|\w+")
# after ". ", "? ", "다. ", "。" or at a line break; "5.2 g" and "v1.2" stay whole
_SENTENCE_BREAK = re.compile(r"(?<=[.!?。！？])\s+|\n+")


def count_tokens(text: str) -> int:
    """About as many tokens as a multilingual subword tokenizer (XLM-R, e5, OpenAI's) makes:
    an English word of n letters ~ n/4 (at least one), a Hangul run ~ one per two syllables,
    a number ~ one per three digits, a CJK character or a punctuation mark one each."""
    total = 0
    for match in _TOKEN.finditer(text):
        piece = match.group()
        first = piece[0]
        if first.isascii() and first.isalpha():
            total += max(1, math.ceil(len(piece) / 4))
        elif "\uac00" <= first <= "\ud7a3":
            total += math.ceil(len(piece) / 2)
        elif first.isdigit():
            total += math.ceil(len(piece) / 3)
        else:
            total += 1
    return total


def sentences(text: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_BREAK.split(text) if part.strip()]


@dataclass(frozen=True)
class _Unit:
    text: str
    tokens: int
    block: int  # units of one block are joined by a space, of different blocks by a line break


def _units(blocks: list[Block], first_block: int) -> list[_Unit]:
    units: list[_Unit] = []
    for offset, block in enumerate(blocks):
        number = first_block + offset
        tokens = count_tokens(block.text)
        if tokens <= MAX_TOKENS // 2 or block.kind == "row" and tokens <= MAX_TOKENS:
            units.append(_Unit(block.text, tokens, number))
            continue
        for sentence in sentences(block.text) if block.kind != "code" else block.text.split("\n"):
            units.extend(_Unit(piece, count_tokens(piece), number) for piece in _split_long(sentence))
    return units


def _split_long(sentence: str) -> list[str]:
    """A sentence longer than a chunk, cut between words into pieces that fit (and a spaceless
    run longer than a chunk between characters)."""
    if count_tokens(sentence) <= MAX_TOKENS:
        return [sentence]
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for word in sentence.split(" "):
        for part in _split_word(word):
            tokens = count_tokens(part)
            if current and size + tokens > TARGET_TOKENS:
                pieces.append(" ".join(current))
                current, size = [], 0
            current.append(part)
            size += tokens
    if current:
        pieces.append(" ".join(current))
    return pieces


def _split_word(word: str) -> list[str]:
    if count_tokens(word) <= TARGET_TOKENS:
        return [word]
    step = TARGET_TOKENS  # at most one token per character
    return [word[i : i + step] for i in range(0, len(word), step)]


def _join(units: list[_Unit]) -> str:
    text = ""
    for position, unit in enumerate(units):
        if position:
            text += " " if unit.block == units[position - 1].block else "\n"
        text += unit.text
    return text


def _pack(units: list[_Unit]) -> list[list[_Unit]]:
    """Units packed in order into groups of about equal size, none over MAX_TOKENS, each group
    after the first starting with up to OVERLAP_TOKENS of the previous group's tail."""
    total = sum(unit.tokens for unit in units)
    if total <= MAX_TOKENS:
        return [units]
    # as many chunks as TARGET_TOKENS (overlap included) asks for, then filled evenly, so a
    # section of 520 tokens gives two of about 290, not 500 and 20
    goal = total / max(1, math.ceil((total - OVERLAP_TOKENS) / (TARGET_TOKENS - OVERLAP_TOKENS)))
    groups: list[list[_Unit]] = []
    current: list[_Unit] = []
    size = fresh = 0
    for unit in units:
        # a unit goes to the next chunk when more than half of it would pass the goal
        if fresh and (size + unit.tokens > MAX_TOKENS or fresh + unit.tokens / 2 > goal):
            groups.append(current)
            current, size = [], 0
            for previous in reversed(groups[-1]):
                if size + previous.tokens > OVERLAP_TOKENS or size + previous.tokens + unit.tokens > MAX_TOKENS:
                    break
                current.insert(0, previous)
                size += previous.tokens
            fresh = 0
        current.append(unit)
        size += unit.tokens
        fresh += unit.tokens
    if fresh:
        groups.append(current)
    return groups


def chunk_blocks(blocks: list[Block]) -> list[ChunkDraft]:
    """Chunks of cleaned blocks, in document order."""
    chunks: list[ChunkDraft] = []
    position = 0
    for (page, heading), section in groupby(blocks, key=lambda block: (block.page, block.heading)):
        section = list(section)
        for group in _pack(_units(section, position)):
            text = _join(group)
            chunks.append(
                ChunkDraft(
                    index=len(chunks),
                    text=text,
                    page=page,
                    heading=HEADING_SEPARATOR.join(heading),
                    tokens=count_tokens(text),
                    language=language_code(text),
                )
            )
        position += len(section)
    return chunks


def dominant_language(chunks: list[ChunkDraft]) -> str:
    weights: dict[str, int] = {}
    for chunk in chunks:
        if chunk.language != "und":
            weights[chunk.language] = weights.get(chunk.language, 0) + chunk.tokens
    return max(weights, key=weights.get) if weights else "und"
