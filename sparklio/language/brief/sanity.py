"""A second look at the product the reading settled on: shapes that are never a product's name,
whatever rule produced them. Such a product is kept (a weak reading beats refusing the brief)
but marked as a doubt, so the review asks a person to confirm it instead of scoring the design
as finished: a customer review found "Walk'" (a quote cut in two), "신규 회원" (whom a class is
for) and "Dear Sir" printed as the product on designs that scored 100."""

from __future__ import annotations

import re

from .lexicon import GENERIC_PERSON_WORDS_KO

# a quote or bracket standing alone at either end ("Walk'", "'Forest", "(주문"), not an
# apostrophe inside a word ("Guero's", "Rock 'n' Roll")
_STRAY_MARK = re.compile(r"^['\"‘’“”「」『』()\[\]<>《》〈〉【】]|(?<![A-Za-z])['\"‘’“”」』)\]>》〉】]$|[\"“”「」『』]")
_EN_OPENERS = {
    "dear", "hi", "hello", "hey", "anyway", "anyways", "so", "also", "btw", "ok", "okay", "thanks", "thank",
    "please", "pls", "plz", "um", "well", "sorry", "yes", "no", "yeah", "a", "an",
}  # fmt: skip
_EN_REQUEST = re.compile(r"\b(?:please|pls|plz|thx|thanks|asap)\b", re.IGNORECASE)
# a lower-case phrase with a preposition in it is a description ("coffee shops around town")
_EN_PREPOSITION = re.compile(r"\b(?:around|near|in|at|for|with|from|about|across|into|over|under)\b")
# words that name what the business is or does in general, never which thing it sells
_KO_GENERIC = {
    "세차장", "미용실", "헤어샵", "학원", "카페", "식당", "매장", "가게", "병원", "의원", "치과", "헬스장", "센터",
    "스튜디오", "공방", "빵집", "꽃집", "펜션", "호텔", "숙소", "행사", "이벤트", "신제품", "신상품", "신메뉴", "제품",
    "상품", "서비스", "프로모션", "할인", "오픈", "리뉴얼", "캠페인", "홍보", "광고", "회사", "업체", "브랜드",
}  # fmt: skip
_KO_PEOPLE_END = re.compile(rf"(?:{'|'.join(sorted(GENERIC_PERSON_WORDS_KO | {'손님', '학생', '학부모', '분들'}))})$")


def not_a_name(product: str) -> bool:
    """Whether ``product`` has a shape no product name has."""
    value = product.strip()
    if not value or _STRAY_MARK.search(value):
        return True
    if value[-1] in "'’" and not re.search(r"(?<![A-Za-z])['‘]", value[:-1]):
        return True  # "Walk'": the closing half of 'Forest Walk'"
    if re.search(r"[가-힣]", value):
        compact = value.replace(" ", "")
        return compact in _KO_GENERIC or bool(_KO_PEOPLE_END.search(compact))
    words = value.split()
    if words[0].casefold() in _EN_OPENERS or _EN_REQUEST.search(value):
        return True
    lower = value == value.casefold()
    return lower and len(words) >= 3 and bool(_EN_PREPOSITION.search(value))
