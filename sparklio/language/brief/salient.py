"""A second, broader reading of a brief than the slots: the names it sets in quotes or
brackets, which of them is the seller writing ("'맑은결피부과' 마케팅 담당자입니다") and which the
thing promoted, and the sentence in which it speaks of a deal ("대당 1만원씩 빼드려요", "중도금 60%
무이자") unless it denies, takes back or calls the deal off. The parse uses it to prefer the thing
over its seller and to doubt an offer it could not read (a doubt keeps the design under 90 until
a person gives ``facts.offer``).
"""

from __future__ import annotations

import re

from .names import PLATFORM_NAMES
from .signals import DEAL, FREE_OF, NO_OFFER, retracted_spans

MAX_NAME_CHARS = 40
MAX_NAME_WORDS = 6

_QUOTED = re.compile(
    r"(?<![\w'’])'(?P<a>(?:[^'\n]|(?<=\w)'(?=s\s))+?)'(?![A-Za-z0-9])|\"(?P<b>[^\"\n]{2,40})\"|‘(?P<c>[^’\n]{2,40})’|“(?P<d>[^”\n]{2,40})”"
    r"|「(?P<e>[^」\n]{2,40})」|『(?P<f>[^』\n]{2,40})』|\[(?P<g>[^\]\n]{2,40})\]|【(?P<h>[^】\n]{2,40})】"
    r"|《(?P<i>[^》\n]{2,40})》|〈(?P<j>[^〉\n]{2,40})〉|<(?P<k>[^<>\n]{2,40})>"
)
# quoted copy or a quoted word, not a name: "'봄날의 위로'라는 문구", "headline: 'Sleep better'"
_COPY_BEFORE = re.compile(
    r"(?:문구|카피|슬로건|헤드라인|제목|메시지|문장|해시태그|키워드|태그|tagline|headline|slogan|copy|caption|says?|"
    r"text|line|cta|hashtags?|title|reads?|phrase|words?|like)\s*(?:은|는|이|가|:|=|is|as)?\s*$",
    re.IGNORECASE,
)
_COPY_AFTER = re.compile(
    r"^(?:\s*[,·/]?\s*['‘\"“][^'’\"”\n]{1,20}['’\"”])*"  # "'최고', '유일' 같은 표현": the words listed with it
    r"\s*(?:(?:이?라는|같은|이런|등의?)\s?(?:문구|카피|말|문장|슬로건|표현|단어|워딩|느낌)|(?:이?라고|라고)\s?(?:써|적어|넣어))"
)
_SENTENCE_LIKE = re.compile(r"(?:[다요죠까]|니다|세요)\s*[.!?~]*$|[.!?]$")
_DENIED = re.compile(r"^\s*(?:이랑|랑|와|과|하고)?\s*(?:말고|아니고|아니라|빼고)|^\s*(?:not|isn['’]t)\b", re.IGNORECASE)

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
# the seller's own name ("'리드온 영어학원'", "'Maple Grove Dental'"): the brand kit, and its logo, stand for it
_SELLER = re.compile(
    r"(?:가게|집|샵|숍|카페|식당|학원|공방|매장|스튜디오|병원|치과|의원|한의원|센터|업체|회사|주점|포차|약국|교습소|헬스장?|"
    r"필라테스|요가원?|미용실|펜션|호텔|클리닉|피부과|안과|공인중개사(?:사무소)?|부동산|어학원|상회|상사|마트|농장|협회|재단|단체|"
    r"\s[가-힣]{2,6}점)$"
    r"|\b(?:Dental|Clinic|Studio|Bakery|Cafe|Café|Salon|Gym|Fitness|Realty|Co\.?|Inc\.?|LLC|Ltd\.?|Agency|Academy|"
    r"School|Center|Centre|Shop|Store|Kitchen|Restaurant|Florists?|Group|Partners|Farm|Foundation|Bank)$"
)
_LABEL_WORDS = {
    "전달",
    "공지",
    "필독",
    "광고",
    "긴급",
    "요청",
    "참고",
    "회신",
    "fw",
    "fwd",
    "re",
    "urgent",
    "draft",
    "fyi",
}


# what follows or comes before a quoted seller: "'맑은결피부과' 마케팅 담당자입니다", "게스트하우스 '소소재'예요"
_SELLER_AFTER = re.compile(
    r"^['’\"”」』>\]]?\s*(?:입니다|이에요|예요|에요|인데요|이구요|이고요|이에여|이요|의\s|에서|마케팅|담당|그로스|"
    r"팀|측|대표|사장|원장)"
)
_SELLER_BEFORE = re.compile(
    r"(?:브랜드|매장|가게|게스트하우스|업체|회사|병원|클리닉|학원|카페|샵|스튜디오|피부과|치과|공방|식당|펜션|호텔|헬스장|센터|"
    r"필라테스|요가|헬스|꽃집|빵집|미용실|약국|안경원|베이커리)\s?['‘\"“「『<\[]$"
    # "we're 'Rosie's Garden'", "our yoga studio 'Still Point Yoga'"
    r"|(?:we['’]re|we\s+are|i['’]m|this\s+is|i\s+run|we\s+run|i\s+own|we\s+own|shop|store|studio|bakery|cafe|café|"
    r"restaurant|salon|gym|clinic|brand|company|business|florist|boutique)\s+['‘\"“]$",
    re.IGNORECASE,
)
# "'Rosie's Garden' a little flower shop": the name, then what kind of seller it is
_SELLER_AFTER_EN = re.compile(
    r"^['’\"”]?,?\s+(?:is\s+)?(?:a|an|the)\s+(?:[a-z-]+\s+){0,3}(?:shop|store|studio|bakery|cafe|café|restaurant|salon|gym|"
    r"clinic|brand|company|business|agency|florist|boutique|farm|team)\b",
    re.IGNORECASE,
)


# "'달빛커피' 하는 지수예요", "'한강러너스' 운영진입니다", "'코지룸' 사장 김민지입니다": the writer's own business
WRITERS_OWN = re.compile(
    r"^['’\"”」』]?\s?(?:(?:을|를)?\s?(?:운영)?하는\s[가-힣]{1,4}(?:에요|예요|입니다|이에요)"
    r"|(?:운영진|운영자|대표|사장님?|직원|팀장|매니저|원장|점장|측)\s?(?:[가-힣]{2,4}\s?)?(?:이에요|예요|입니다|인데요|이고))"
)


def is_seller(text: str, name: str) -> bool:
    """Whether a quoted name is the business that writes, not the thing it promotes."""
    if _SELLER.search(name):
        return True
    at = text.find(name)
    while at >= 0:
        after = text[at + len(name) : at + len(name) + 40]
        if (
            _SELLER_AFTER.match(after[:8])
            or WRITERS_OWN.match(after)
            or _SELLER_AFTER_EN.match(after)
            or _SELLER_BEFORE.search(text[max(0, at - 16) : at])
        ):
            return True
        at = text.find(name, at + 1)
    return False


def quoted_values(text: str) -> list[str]:
    """Every name-like value in quotes or brackets, in order (sellers too)."""
    names: list[str] = []
    for match in _QUOTED.finditer(text):
        value = re.sub(r"\s+", " ", next(v for v in match.groupdict().values() if v is not None)).strip()
        if (
            not re.search(r"[A-Za-z가-힣]", value)
            or len(value) > MAX_NAME_CHARS
            or len(value.split()) > MAX_NAME_WORDS
            or _SENTENCE_LIKE.search(value)
            or value.casefold() in PLATFORM_NAMES | _LABEL_WORDS
            or (value.isascii() and not re.search(r"(?:^|\s)[A-Z0-9]", value))  # "how I use it": a phrase
            or _COPY_BEFORE.search(text[max(0, match.start() - 24) : match.start()])
            or _COPY_AFTER.match(text[match.end() : match.end() + 16])
            or _DENIED.match(text[match.end() : match.end() + 12])
        ):
            continue
        if value not in names:
            names.append(value)
    return names


def deal_sentence(text: str) -> str | None:
    """The first sentence in which the brief speaks of a deal, unless the brief says there is
    none or takes it back ("할인은 없어요", "scratch that", "이번엔 안 하기로")."""
    if NO_OFFER.search(text):
        return None
    taken_back = retracted_spans(text)
    for sentence in _SENTENCE.finditer(text):
        if any(start <= sentence.start() < end for start, end in taken_back):
            continue
        for cue in DEAL.finditer(sentence.group(0)):
            if cue.group(0).casefold() == "free" and FREE_OF.search(sentence.group(0)[: cue.start()][-14:]):
                continue
            # the words around the cue, not a whole run-on message
            start, end = max(0, cue.start() - 40), min(len(sentence.group(0)), cue.end() + 30)
            return re.sub(r"\s+", " ", sentence.group(0)[start:end]).strip()
    return None
