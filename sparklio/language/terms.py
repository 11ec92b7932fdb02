"""Search terms of a text, Korean and English alike, for full-text search.

PostgreSQL's parsers cut text at spaces, which leaves Korean words glued to their particles
("배터리는", "배터리를" and "배터리" never meet). Kiwi cuts the Hangul into morphemes and the
content ones (nouns, roots, verb and adjective stems) are kept; Latin words and numbers are
taken as written (Kiwi splits unknown English words in odd places), for PostgreSQL's English
configuration to stem.
"""

from __future__ import annotations

import re

from sparklio.language.brief.morph import get_kiwi
from sparklio.language.detect import has_hangul

# Kiwi tags of morphemes that carry meaning: nouns, numerals, roots, verb and adjective stems,
# Chinese characters. Particles, endings and suffixes are left out.
_CONTENT_TAGS = {"NNG", "NNP", "NR", "XR", "VV", "VA", "SH", "NNB"}
_LATIN = re.compile(r"[A-Za-z0-9]+(?:[.'-][A-Za-z0-9]+)*")
_HANGUL_RUN = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]+(?:\s+[\uac00-\ud7a3\u3131-\u318e]+)*")


def search_terms(text: str) -> list[str]:
    """The content morphemes of ``text`` in order, lowercased, repeats kept (they weigh in ranking).

    >>> search_terms("X1 이어폰은 배터리가 24시간 갑니다")
    ['x1', '24', '이어폰', '배터리', '시간', '가']
    """
    terms = [match.group().lower() for match in _LATIN.finditer(text)]
    if not has_hangul(text):
        return terms
    hangul = " ".join(match.group() for match in _HANGUL_RUN.finditer(text))
    for token in get_kiwi().tokenize(hangul):
        if token.tag in _CONTENT_TAGS and has_hangul(token.form):
            # a lone bound noun (것, 수, 개) says little; 시간, 이내 say something
            if token.tag == "NNB" and len(token.form) < 2:
                continue
            terms.append(token.form)
    return terms
