"""The data cleaner: Unicode and whitespace normalised, and blocks that say again what an
earlier block said (exactly, or nearly: a page footer, a pasted paragraph with one word
changed) dropped before anything is chunked or embedded."""

from __future__ import annotations

import re
import unicodedata
import zlib
from dataclasses import replace

import numpy as np

from .drafts import Block

_BREAKS = re.compile(r"\r\n|[\r\v\f\x85\u2028\u2029]")
# control characters but \n and \t, lone surrogates, and marks that only steer layout
_UNWANTED = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u00ad\u200b\u200c\u200e\u200f\u2060\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_RUNS = re.compile(r"\n{3,}")
# "charg-\ning" in a PDF of English text: a word broken at the end of a line
_BROKEN_WORD = re.compile(r"(?<=[a-z])-\n(?=[a-z])")


def normalise(text: str) -> str:
    """NFC (so decomposed jamo from a PDF read as syllables and compare equal), one kind of
    line break, no control or zero-width characters, runs of spaces as one space, no spaces
    at either end of a line, at most one blank line in a row."""
    text = unicodedata.normalize("NFC", text)
    text = _BREAKS.sub("\n", text)
    text = _UNWANTED.sub("", text)
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_RUNS.sub("\n\n", text).strip()


def one_line(text: str) -> str:
    return " ".join(normalise(text).split())


_LIST_ITEM = re.compile(r"^(?:[-*•·▪◦‣]|\d{1,3}[.)]|[①-⑳]|[가-하][.)])\s")
_SENTENCE_END = re.compile(r"[.!?。！？:;)\]\"'”’]$")


def paragraphs(text: str, *, unwrap: bool = False) -> list[str]:
    """Paragraphs of plain text: split on blank lines. ``unwrap``: the lines of a paragraph are
    a layout's wrapping (a PDF page), so they are joined into one line, except where a line
    starts a list item or the one before it ended a sentence and was short."""
    result: list[str] = []
    for part in normalise(text).split("\n\n"):
        lines = [line for line in part.split("\n") if line]
        if not lines:
            continue
        if not unwrap:
            result.append("\n".join(lines))
            continue
        width = max(len(line) for line in lines)
        current: list[str] = []
        for line in lines:
            ends_short = current and _SENTENCE_END.search(current[-1]) and len(current[-1]) < 0.8 * width
            if current and (_LIST_ITEM.match(line) or ends_short):
                result.append(_join_wrapped(current))
                current = []
            current.append(line)
        if current:
            result.append(_join_wrapped(current))
    return result


def _join_wrapped(lines: list[str]) -> str:
    return _BROKEN_WORD.sub("", "\n".join(lines)).replace("\n", " ")


# --- duplicates -------------------------------------------------------------------------------

EXACT_MIN_CHARS = 20  # "Yes." twice in an FAQ is two answers, not a duplicate
NEAR_MIN_CHARS = 80  # below this a few changed words make a different statement
NEAR_THRESHOLD = 0.8  # estimated Jaccard similarity of character 5-gram shingles
_SHINGLE = 5
_PERMUTATIONS = 64
_BANDS = 16  # 16 bands of 4 rows: a pair at 0.8 similarity is compared with p > 0.999
_PRIME = 4294967291  # largest prime below 2**32
_rng = np.random.default_rng(20261207)
_A = _rng.integers(1, 2**31, size=_PERMUTATIONS, dtype=np.uint64)
_B = _rng.integers(0, 2**31, size=_PERMUTATIONS, dtype=np.uint64)


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def minhash(text: str) -> np.ndarray:
    """The MinHash signature of a text's character 5-grams (spaces removed, case folded),
    which suits Korean, where words are short and particles stick to them, as well as English."""
    compact = "".join(text.casefold().split())
    grams = {compact[i : i + _SHINGLE] for i in range(max(1, len(compact) - _SHINGLE + 1))}
    hashes = np.fromiter((zlib.crc32(gram.encode()) for gram in grams), dtype=np.uint64, count=len(grams))
    # a*h + b stays below 2**63 for h < 2**32 and a < 2**31: no overflow in uint64
    return ((np.outer(hashes, _A) + _B) % _PRIME).min(axis=0)


def similarity(left: np.ndarray, right: np.ndarray) -> float:
    return float(np.mean(left == right))


def drop_duplicates(blocks: list[Block]) -> tuple[list[Block], int, int]:
    """The blocks without those that repeat an earlier one, and how many were dropped as
    exact and as near duplicates. The first occurrence is kept, in place."""
    kept: list[Block] = []
    seen: set[str] = set()
    buckets: dict[tuple[int, bytes], list[np.ndarray]] = {}
    exact = near = 0
    rows = _PERMUTATIONS // _BANDS
    for block in blocks:
        key = _key(block.text)
        if not key:
            continue
        if key in seen and (len(key) >= EXACT_MIN_CHARS or block.kind == "row"):
            exact += 1
            continue
        seen.add(key)
        if len(key) >= NEAR_MIN_CHARS and block.kind != "row":
            signature = minhash(key)
            bands = list(enumerate(row.tobytes() for row in signature.reshape(_BANDS, rows)))
            candidates = {id(other): other for band in bands for other in buckets.get(band, [])}
            if any(similarity(signature, other) >= NEAR_THRESHOLD for other in candidates.values()):
                near += 1
                continue
            for band in bands:
                buckets.setdefault(band, []).append(signature)
        kept.append(block)
    return kept, exact, near


def clean_blocks(blocks: list[Block]) -> tuple[list[Block], list[str]]:
    """Blocks normalised and de-duplicated, with warnings that say what was dropped."""
    normalised = []
    for block in blocks:
        text = one_line(block.text) if block.kind == "row" else normalise(block.text)
        if text:
            normalised.append(replace(block, text=text, heading=tuple(one_line(h) for h in block.heading if h.strip())))
    kept, exact, near = drop_duplicates(normalised)
    warnings = []
    if exact:
        warnings.append(f"{exact} repeated passage(s) dropped")
    if near:
        warnings.append(f"{near} near-duplicate passage(s) dropped")
    return kept, warnings
