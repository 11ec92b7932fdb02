"""What a sentence does in a meeting: decide, assign, ask, or fill; and who owns a task.

Cue phrases are read on the raw sentence in both languages at once, so mixed transcripts
("Jane, 금요일까지 deck 공유 부탁해요") are read too.
"""

from __future__ import annotations

import re

from .transcript import has_hangul, word_set

# --- filler -----------------------------------------------------------------------------------

_FILLER_WORDS = word_set(
    """네 넵 넹 예 응 음 어 아 흠 그 저 뭐 자 그럼 그러면 그래서 일단 우선 네네 넵넵 아하 오케이 오케 굿 좋아요 좋습니다
    좋네요 좋아 좋죠 알겠습니다 알겠어요 알겠어 감사합니다 고맙습니다 감사해요 수고하셨습니다 수고하셨어요 수고하세요
    수고 맞아요 맞습니다 맞죠 그렇죠 그래요 그렇습니다 그렇네요 확인했습니다 확인했어요 안녕하세요 그럼요 물론이죠
    물론입니다 동의합니다 동의해요 잠시만요 잠깐만요 들립니다 들려요 잘 여러분 다들 모두 ㅎㅎ ㅋㅋ ㅎ ㅋ 아네 네에
    ok okay yes yeah yep yup sure thanks thank you right got it sounds good great cool perfect alright all hi
    hello bye good morning afternoon evening hmm um uh so well agreed nice awesome noted exactly totally absolutely
    fine see everyone guys folks lol haha oh ah mhm uh-huh true indeed correct"""
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*|[가-힣ㄱ-ㅎ]+|\d+")


def is_filler(text: str) -> bool:
    """Backchannel and courtesy alone: "네", "감사합니다", "ok thanks", "Sounds good!"."""
    words = _WORD.findall(text.lower())
    return not words or all(word in _FILLER_WORDS for word in words)


# --- questions --------------------------------------------------------------------------------

_KO_QUESTION_END = re.compile(
    r"(?:까요|까|나요|[입합됩습있없갑봅]니까|인가요|[은는던한된]가요|는지요|을지요|할지|될지|일지|을지|는지)\s*[?？]?\s*$"
)
_QUESTION_MARKERS = re.compile(
    r"미정|어떻게\s?할지|할지\s?(?:모르|고민|정해|결정)|확인(?:이)?\s?필요|논의(?:가)?\s?필요|검토(?:가)?\s?필요|"
    r"결정(?:이)?\s?필요|정해야|추후\s?(?:논의|결정|확인)|다음\s?회의에서\s?(?:논의|결정|정)|보류|모르겠|"
    r"\bTBD\b|\bTBC\b|to\s+be\s+(?:decided|determined|confirmed)|open\s+question|not\s+sure|unclear|"
    r"(?:need|needs)\s+to\s+(?:decide|figure\s+out|confirm)|still\s+(?:need|pending|open)|undecided|"
    r"(?:haven'?t|have\s+not|not\s+yet)\s+(?:decided|agreed)|"
    r"(?:확정|결정|승인|컨펌)\s?(?:전(?:입니다|이에요|이고|이라)|안\s?됐|안\s?되|되지\s?않|이\s?안\s?)",
    re.IGNORECASE,
)
_NOT_KO_QUESTION_WORDS = ("만나요", "니까")
# questions that keep the meeting going rather than ask anything
_ROUTINE_QUESTION = re.compile(
    r"들리(?:시|세)|보이(?:시|세)|괜찮(?:으세요|으실까요|을까요|나요)|시작(?:할|해\s?볼|하면\s?될)까요|넘어갈까요|"
    r"다른\s?(?:의견|질문)|질문\s?있(?:으신|으세)|더\s?(?:있|하실)|맞(?:죠|지요|나요)|그렇죠|아시죠|"
    r"any\s+(?:questions|thoughts|other|comments)|anything\s+else|can\s+(?:you|everyone)\s+(?:hear|see)|"
    r"(?:is\s+)?(?:that\s+)?(?:ok|okay|right|clear)\?|make\s+sense|shall\s+we\s+(?:start|begin|move)|"
    r"everyone\s+(?:here|ready)|ready\?|how\s+are\s+you",
    re.IGNORECASE,
)


def is_question(text: str) -> bool:
    """A question by its form ("?", "…까요", "…나요", "…인가요") or an open point ("미정",
    "확인 필요", "TBD", "to be decided")."""
    stripped = text.strip().rstrip(".…~!").strip()
    if stripped.endswith(("?", "？")):
        return True
    if _QUESTION_MARKERS.search(text):
        return True
    last_word = stripped.rsplit(None, 1)[-1] if stripped else ""
    if has_hangul(last_word) and not last_word.endswith(_NOT_KO_QUESTION_WORDS):
        return bool(_KO_QUESTION_END.search(last_word))
    return bool(re.search(r"[입합됩습있없갑봅]니까$", last_word))


def is_routine_question(text: str) -> bool:
    return bool(_ROUTINE_QUESTION.search(text))


_KO_TITLES = (
    "대리|과장|차장|부장|팀장|실장|본부장|매니저|책임|선임|주임|사원|이사|상무|전무|대표|디자이너|마케터|인턴|리더|"
    "파트장|국장|에디터|작가|피디|PD|PM|프로"
)

# --- requests, commitments, past tense --------------------------------------------------------

_KO_REQUEST = re.compile(
    r"주세요|줘요|주시겠어요|주시겠습니까|주실래요|주실\s?수\s?있|주시면\s?(?:좋|감사|됩니다|돼요|될)|주십시오|주시기\s?바랍|"
    r"바랍니다|부탁|요청드(?:립니다|려요)|해\s?줘|해줄래|하시면\s?(?:됩니다|돼요|될\s?것)|하셔야|(?:해|돼|되)야\s?(?:합니다|해요|돼요|됩니다|할\s?것|겠)|"
    r"챙겨\s?주|하세요|가능할까요|가능하실까요"
)
_EN_REQUEST = re.compile(
    r"\b(?:please|pls|plz|can\s+you|could\s+you|would\s+you|will\s+you|can\s+we\s+get|need\s+you\s+to|"
    r"make\s+sure\s+(?:to|you)|don'?t\s+forget\s+to|remember\s+to|let\s+me\s+know)\b",
    re.IGNORECASE,
)
_KO_FIRST_PERSON = re.compile(r"(?<![가-힣])(?:제가|저는|저도|내가|나는|제\s?쪽에서|본인이)(?![가-힣])")
_EN_FIRST_PERSON = re.compile(
    r"\b(?:I'?ll|I’ll|I\s+will|I'?m\s+going\s+to|I’m\s+going\s+to|I\s+am\s+going\s+to|I'?m\s+gonna|I\s+can\s+(?:take|do|handle|own|send|"
    r"draft|prepare|share|check|follow|write|update|set|book|reach|ask|look)|I\s+(?:need|have)\s+to|I'?m\s+on\s+it|"
    r"let\s+me\s+(?:take|handle|check|follow|draft|send|prepare|look|find|ask|get|reach|set|write|update|confirm|own))\b",
    re.IGNORECASE,
)
_KO_NOT_WILL = re.compile(
    r"(?:좋|같|알|모르|싶|있|없|되|많|크|어렵|쉽|감사하|하면\s?좋|주시면\s?좋|주시면\s?감사|마치|시작하|넘어가|말씀드리|설명드리|"
    r"소개하|보여드리|정리하면|진행하)겠"
)
# what may follow the past-tense syllable at the end of a sentence: "했|습니다", "보냈|어요"
_PAST_TAIL = re.compile(r"(?:습니다|어요|어|다|는데요|는데|고요|죠|네요|지요|음|거든요|잖아요)?")


def _jong(char: str) -> int:
    return (ord(char) - 0xAC00) % 28 if "가" <= char <= "힣" else -1


def _ko_volitional(text: str) -> bool:
    """A first-person "I will" ending: "할게요", "보내드릴게요", "공유하겠습니다"."""
    stripped = text.strip().rstrip(".!~?…").strip()
    match = re.search(r"([가-힣])(?:게요|께요|게여|게)$", stripped)
    if match and _jong(match[1]) == 8:  # ㄹ: 할게요, 드릴게요
        return True
    if re.search(r"을게요$|을께요$", stripped):
        return True
    if re.search(r"(?:할|하실|ㄹ)\s?예정|하려고\s?(?:합니다|해요|요)$", stripped):
        return True
    return bool(re.search(r"겠(?:습니다|어요|음|다)$", stripped)) and not _KO_NOT_WILL.search(stripped)


def is_request(text: str) -> bool:
    return bool(_KO_REQUEST.search(text) or _EN_REQUEST.search(text))


def is_past(text: str) -> bool:
    """The sentence's last predicate is in the past: "공유했습니다", "we sent it by Friday"."""
    stripped = text.strip().rstrip(".!~?…").strip()
    if has_hangul(stripped):
        last = stripped.rsplit(None, 1)[-1]
        for position in range(len(last) - 1, -1, -1):
            char = last[position]
            if _jong(char) == 20 and char not in "있겠":  # ㅆ: 했, 됐, 보냈, 었
                return bool(_PAST_TAIL.fullmatch(last[position + 1 :]))
        return False
    if re.search(
        r"\b(?:will|'ll|’ll|going\s+to|gonna|need|needs|should|must|please|can|could|have\s+to|has\s+to)\b",
        stripped,
        re.I,
    ):
        return False
    return bool(re.search(r"\b(?:was|were|did|had|got|went|sent|made|took|gave|\w{3,}ed)\b", stripped, re.I))


# --- labels and assignments -----------------------------------------------------------------

_LEADING_LABEL = re.compile(
    r"^(?:결정\s?사항|결정|결론|합의\s?사항|합의|TODO|To-?do|할\s?일|액션\s?아이템|액션|Action\s+items?|Action|AI|Decisions?|"
    r"Decided|Agreed|Q|질문|미결\s?사항|미결|Open\s+questions?|Next\s+steps?)\s*[:：\-–—]\s*",
    re.IGNORECASE,
)
_ASSIGNMENT = re.compile(r"담당(?!자)|맡기로|맡아\s?주|맡겠|맡을게|\bassigned\s+to\b|\bowner\s*[:：]", re.IGNORECASE)


def strip_label(text: str) -> str:
    """``text`` without a leading "TODO:", "결정:", "Action item:"."""
    return _LEADING_LABEL.sub("", text.strip())


def is_assignment(text: str) -> bool:
    """Work handed to someone by name: "박민수 담당", "김대리가 맡기로", "assigned to Tom"."""
    return bool(_ASSIGNMENT.search(text))


# --- decisions --------------------------------------------------------------------------------

_KO_DECISION = re.compile(
    r"결정|확정|합의|승인|채택|하기로\s?했|하기로\s?함|하기로\s?(?:하죠|합시다|하겠|해요|했어요|결정)|기로\s?했|로\s?정했|로\s?정하(?:죠|자|겠)|"
    r"진행하기로|걸로\s?(?:하죠|합시다|하겠|할게요|가죠|갑시다|정리|결정|확정|하자|했)|(?:으)?로\s?(?:가시죠|갑시다|가죠|가겠습니다|가기로|가자)|"
    r"(?:으)?로\s?(?:하죠|합시다|하겠습니다|하자)\b|컨펌|픽스|fix\s?(?:됐|했|하죠)|OK\s?(?:났|받았)"
)
_KO_DECISION_WEAK = re.compile(r"기로")
_KO_NOT_DECISION = re.compile(
    r"(?:결정|확정|합의|승인|채택|컨펌|픽스)(?:이|을|은|는|가|를)?\s?"
    r"(?:해야|필요|못|안\s|안됐|안\s?됐|안\s?되|전(?:에|까지|이라|입니다|이에요)?(?![가-힣])|이전|되면|하면|나면|받아야|받으면|받고|요청|대기|"
    r"할지|될지|되지|보류|나중|추후|미정|어려|"
    r"내려야|해\s?주|부탁|여부|권한|받기|하기\s?전|후에|사항은\s?없|된\s?게\s?없|되는\s?대로|기다)|"
    r"아직|미정|않았|안\s?했|못\s?했|미확정|확정\s?전|결정\s?전|승인\s?전",
)
_EN_DECISION = re.compile(
    r"\b(?:decided|agreed|approved|we(?:'ll|’ll|\s+will|'re|’re|\s+are)\s+go(?:ing)?\s+with|let'?s\s+go\s+with|let’s\s+go\s+with|"
    r"going\s+with|go\s+ahead\s+with|final\s+call|settled\s+on|signed\s+off|green[-\s]?lit|is\s+final|"
    r"confirmed\s+(?:that|the)|decision\s+is|we\s+chose|we'?ve\s+chosen|locked\s+in)\b",
    re.IGNORECASE,
)
_EN_DECISION_WEAK = re.compile(r"\bagreed\s+to\s+\w+", re.IGNORECASE)
_EN_NOT_DECISION = re.compile(
    r"\b(?:not\s+(?:yet\s+)?(?:decided|agreed|approved|final)|undecided|haven'?t\s+(?:decided|agreed)|"
    r"to\s+be\s+decided|need(?:s)?\s+(?:to\s+(?:decide|agree|approve)|approval)|pending\s+approval|"
    r"once\s+(?:approved|decided|agreed)|if\s+(?:approved|we\s+agree)|until\s+(?:approved|decided)|before\s+we\s+decide|"
    r"yet\s+to\s+be|waiting\s+for\s+approval|get\s+(?:it\s+)?approved)\b",
    re.IGNORECASE,
)


def decision_strength(text: str) -> int:
    """2 for a decision ("B안으로 확정", "we decided"), 1 for a commitment worded as one
    ("제가 하기로 했습니다", "Jane agreed to send"), 0 otherwise (no cue, or "결정이 필요",
    "not decided yet")."""
    if _KO_NOT_DECISION.search(text) or _EN_NOT_DECISION.search(text):
        return 0
    korean = [match[0] for match in _KO_DECISION.finditer(text)]
    english = [match[0] for match in _EN_DECISION.finditer(text)]
    if not (korean or english):
        return 0
    if any(not _KO_DECISION_WEAK.search(cue) for cue in korean):
        return 2
    if any(cue.lower() != "agreed" for cue in english) or (english and not _EN_DECISION_WEAK.search(text)):
        return 2
    return 1


# --- action items -----------------------------------------------------------------------------

_KO_ACTION_STRONG = re.compile(
    r"해\s?주세요|해\s?주시|해\s?줘|주세요|부탁|담당(?:하기로|해\s?주|으로|은|는|자|:|\s?[:：])|맡기로|맡아\s?주|맡겠|맡을게|"
    r"(?:할|하실|ㄹ)\s?예정|TODO|To-?do|할\s?일|액션\s?아이템|챙겨\s?주|해야\s?(?:합니다|해요|돼요|됩니다|할)|하셔야"
    r"|요청드|진행해\s?주|바랍니다",
    re.IGNORECASE,
)
_KO_ACTION_VERBS = re.compile(
    r"준비|작성|공유|정리|전달|보내|보낼|송부|발송|업데이트|수정|제작|만들|올리|올릴|섭외|예약|세팅|리서치|조사|분석|기획|제출|"
    r"마무리|확인|체크|검토|컨택|연락|문의|요청|디자인|촬영|편집|번역|등록|업로드|배포|집행|견적|리뷰|피드백|드릴|드리"
)
_EN_ACTION_STRONG = re.compile(
    r"\b(?:action\s+items?|to-?do|assigned\s+to|owner\s*[:：]|is\s+going\s+to|are\s+going\s+to|'?m\s+going\s+to|"
    r"needs?\s+to|has\s+to|have\s+to|please|can\s+you|could\s+you|would\s+you|follow\s+up|take\s+care\s+of|is\s+on\s+it|"
    r"agreed\s+to\s+\w+|"
    r"let\s+me\s+(?!know)\w+)",
    re.IGNORECASE,
)
# the meeting's own business, not work to do after it
_MEETING_PROCESS = re.compile(
    r"회의\s?(?:를|을)?\s?(?:시작|마치|마무리|끝|진행)|화면\s?공유|말씀드리|설명드리|소개(?:해|하)|발표(?:하|해)|보여\s?드리|"
    r"넘어가|정리하면|요약하면|시작하겠|마치겠|share\s+(?:my|the)\s+screen|get\s+started|kick\s+(?:off|things)|"
    r"let'?s\s+(?:start|begin|move\s+on|wrap)|wrap\s+up|walk\s+you\s+through|hear\s+me|see\s+my\s+screen|"
    r"introduce|move\s+on|next\s+(?:topic|item|agenda)|말씀해\s?주|의견\s?(?:을\s?)?(?:주|있|부탁)|질문\s?(?:을\s?)?(?:주|있)",
    re.IGNORECASE,
)
_NEGATED_ACTION = re.compile(
    r"안\s?해도|할\s?필요(?:는|가)?\s?없|하지\s?않아도|하지\s?마세요|안\s?하기로|필요\s?없|"
    r"\b(?:no\s+need\s+to|don'?t\s+need\s+to|doesn'?t\s+need\s+to|won'?t|will\s+not|not\s+going\s+to|no\s+action)\b",
    re.IGNORECASE,
)


_EN_WILL = re.compile(r"(?P<subject>[A-Za-z]+)\s*(?:\s+will|'ll|’ll)\s+(?P<verb>[a-z]+)")
_EN_WILL_NOT_VERBS = word_set("be go see have need help make get happen take depend look work")
_EN_WILL_SUBJECTS = {"i", "we", "you", "he", "she", "they"}


def _en_will(text: str) -> bool:
    """Someone will do something: "Jane will send", "we'll draft" (not "it will be", "this will help")."""
    for match in _EN_WILL.finditer(text):
        subject, verb = match["subject"], match["verb"]
        if verb in _EN_WILL_NOT_VERBS and not (
            verb in ("take", "make", "get") and subject.lower() in _EN_WILL_SUBJECTS
        ):
            continue
        if subject.lower() in _EN_WILL_SUBJECTS or (subject[0].isupper() and subject.lower() not in _EN_NOT_NAMES):
            return True
    return False


_COMMITMENT = re.compile(r"기로\s?(?:했|함|하셨|하죠|합시다|해요|하자)")
_COMMITTED_PERSON = re.compile(rf"(?:님|씨|{_KO_TITLES}|제)(?:이|가|께서)\s|(?<![가-힣])(?:제가|저는)")


def is_action(text: str, *, due_marked: bool, due_future: bool, labelled: bool) -> bool:
    """Work someone is to do after the meeting.

    Strong cues (a request, an assignment, "맡기로", "TODO", "I'll", "Jane will", "할 예정") count
    on their own; a deadline ("까지", "by Friday"), a first-person "할게요"/"하겠습니다" or a
    work verb ("준비해", "공유해") counts only when the sentence is not in the past tense.
    """
    if _NEGATED_ACTION.search(text):
        return False
    if labelled:
        return True
    process = bool(_MEETING_PROCESS.search(text))
    strong = bool(
        _KO_ACTION_STRONG.search(text)
        or _EN_ACTION_STRONG.search(text)
        or _EN_FIRST_PERSON.search(text)
        or _en_will(text)
    )
    if strong and not (process and not due_marked):
        return not is_past(text) or bool(
            re.search(r"맡기로|담당하기로|기로\s?했|agreed\s+to|assigned\s+to", text, re.I)
        )
    if _COMMITMENT.search(text) and (due_marked or _COMMITTED_PERSON.search(text)):
        return True  # "수진님이 금요일까지 피드백 주시기로 했어요"
    if is_past(text) or (process and not due_marked):
        return False
    if due_marked and due_future:
        return True
    if _ko_volitional(text) and (_KO_ACTION_VERBS.search(text) or _KO_FIRST_PERSON.search(text)):
        return True
    return bool(re.search(r"(?:준비|작성|공유|정리|전달|수정|검토|확인)해\s?(?:서|주|놓|두|야|볼)", text))


# --- owners -----------------------------------------------------------------------------------

_KO_NOT_NAMES = word_set(
    """고객 회원 여러분 우리 저희 팀원 모두 다들 선생 담당자 본인 사용자 유저 구독자 팔로워 시청자 인플루언서 대행사
    협력사 외주 파트너 작가 상대 상대방 누구 아무 누가 분"""
)
_EN_NOT_NAMES = word_set(
    """it this that there we they he she you everyone someone somebody nobody anyone which what who
    the our also and but so then maybe perhaps next team marketing design legal finance sales product
    engineering i monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december today tomorrow ok okay yes no let please
    action owner task todo decision note agenda all both each either neither one none"""
)

_KO_NAME = (
    rf"(?P<name>[가-힣]{{1,3}}\s?(?:{_KO_TITLES})(?=\s?(?:님|씨)|이|가|께|은|는|도|랑|에게|한테|[^가-힣]|$)"
    r"|[가-힣]{2,3}(?=\s?(?:님|씨))|[A-Z][A-Za-z]+(?=\s?(?:님|씨)))"
)
_KO_MENTION = re.compile(rf"(?<![가-힣A-Za-z]){_KO_NAME}\s?(?:님|씨)?")
_KO_NOT_NAME_PREFIXES = word_set("우리 저희 이번 다음 그 저 각 해당 담당 전 새 신규 기존 팀 우리팀")
_KO_SUBJECT_AFTER = re.compile(r"^(?:이|가|께서|은|는|이랑|하고)(?![가-힣])|^\s*[,，!]")
_KO_ASSIGN_AFTER = re.compile(
    r"^\s?(?:이|가|께서|은|는)?\s?(?:담당(?!자)|맡)|^\s?(?:께|에게|한테)\s?(?:부탁|요청|맡기|맡겨|전달\s?부탁)"
)
_KO_ASSIGNED = re.compile(rf"담당(?:자)?\s*[:：]\s*(?P<name>[가-힣A-Za-z]{{1,4}}(?:\s?(?:{_KO_TITLES}))?)(?:님|씨)?")
_EN_ASSIGNED = re.compile(
    r"\b(?:assigned\s+to|owner\s*[:：]|owned\s+by|assignee\s*[:：])\s*@?(?P<name>[A-Za-z][\w.\-]*(?-i:\s[A-Z][a-z]+)?)",
    re.IGNORECASE,
)
_AT_MENTION = re.compile(r"(?<![\w.])@(?P<name>[\w가-힣][\w가-힣.\-]*)")
_EN_SUBJECT_AFTER = re.compile(
    r"^\s+(?:will|is\s+going\s+to|is\s+gonna|can\s+(?!we\b)|needs\s+to|has\s+to|should|is\s+on|owns|takes|agreed\s+to)\b"
    r"|^(?:'ll|’ll)\b"
)
_EN_TO_VERB_AFTER = re.compile(r"^\s+to\s+[a-z]+")
_EN_SUBJECT = re.compile(
    r"(?<![\w'’@])(?P<name>[A-Z][a-z]+)(?=\s+(?:will|is\s+going\s+to|is\s+gonna|needs\s+to|has\s+to|should|agreed\s+to)\b|'ll|’ll)"
)
_EN_VOCATIVE_START = re.compile(r"^(?:(?:ok(?:ay)?|so|and|hey)\s*,?\s+)?(?P<name>[A-Z][a-z]+),\s", re.IGNORECASE)
_EN_VOCATIVE_END = re.compile(r",\s*(?P<name>[A-Z][a-z]+)\s*[?.!]*\s*$")


def _norm(name: str) -> str:
    return re.sub(r"(?:님|씨)$", "", "".join(name.split())).casefold().lstrip("@")


def _ko_name_ok(name: str) -> bool:
    base = re.sub(f"(?:{_KO_TITLES})$", "", name).strip()
    return name not in _KO_NOT_NAMES and base not in _KO_NOT_NAMES and base not in _KO_NOT_NAME_PREFIXES


class Roster:
    """The meeting's participants, found again from the names used in sentences: "민수님" is
    "박민수", "@jane" and "Jane" are "Jane Doe"."""

    _ROLE_WORDS = word_set("pm po pd qa ceo cmo cto md ae ad cd designer manager lead intern")

    def __init__(self, participants: list[str]):
        self.aliases: dict[str, set[str]] = {}
        for label in participants:
            for alias in self._aliases_of(label):
                self.aliases.setdefault(alias, set()).add(label)
        # longest first, so "박민수" is found before "민수"
        self.ordered = sorted(self.aliases, key=len, reverse=True)

    def _aliases_of(self, label: str) -> set[str]:
        aliases = {_norm(label)}
        words = [word for word in re.split(r"[\s()]+", label) if word]
        for word in words:
            if word.lower() in self._ROLE_WORDS or re.fullmatch(_KO_TITLES, word):
                continue
            aliases.add(_norm(word))
            if re.fullmatch(r"[가-힣]{3}", word) and not re.search(f"(?:{_KO_TITLES})$", word):
                aliases.add(word[1:])  # 박민수 → 민수
        return {alias for alias in aliases if len(alias) >= 2}

    def canonical(self, name: str) -> str:
        labels = self.aliases.get(_norm(name), set())
        if len(labels) == 1:
            return next(iter(labels))
        return re.sub(r"\s?(?:님|씨)$", "", name.strip().lstrip("@"))

    def mentions(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, participant) of each participant named in ``text``."""
        found: list[tuple[int, int, str]] = []
        lowered = text.casefold()
        for alias in self.ordered:
            labels = self.aliases[alias]
            if len(labels) != 1:
                continue  # "민수" when two participants are called 민수
            for match in re.finditer(re.escape(alias), lowered):
                start, end = match.span()
                if start and lowered[start - 1].isalnum():
                    continue
                # an English name is capitalised and ends there: "Tom", not "tomorrow" or "will"
                capitalised = text[start].isupper() or text[start - 1 : start] == "@"
                if not has_hangul(alias) and ((end < len(text) and text[end].isalnum()) or not capitalised):
                    continue
                if any(start < other_end and end > other_start for other_start, other_end, _ in found):
                    continue
                found.append((start, end, next(iter(labels))))
        return sorted(found)


def find_owner(
    text: str, *, speaker: str | None, roster: Roster, labelled: bool = False, listed: bool = False
) -> str | None:
    """Who is to do the task in ``text``.

    An explicit assignment ("담당: 김대리", "assigned to Tom", "@tom", "김대리가 맡기로") first.
    A request ("…해 주세요", "can you…") belongs to the person addressed or named as subject,
    else to nobody known. A first-person commitment ("제가…", "I'll…", "…할게요") belongs to
    the speaker; "we"/"저희" to nobody in particular. Otherwise the person named as subject
    ("민수님이…", "Jane will…"); for a labelled task ("TODO: …") the person written beside it,
    and in a list under an action-items heading the line's speaker.
    """
    assigned = _assigned(text, roster)
    if assigned:
        return assigned
    named = _named_subject(text, roster)
    if is_request(text) and not _EN_FIRST_PERSON.search(text):
        return named
    if _KO_FIRST_PERSON.search(text) or _EN_FIRST_PERSON.search(text):
        return speaker
    if named:
        return named
    if _ko_volitional(text) and not re.search(r"(?<![가-힣])(?:저희|우리)", text):
        return speaker
    if re.match(r"^\s*will\s+\w+", text, re.IGNORECASE):
        return speaker  # "Will send the deck by Friday."
    if labelled:
        return _listed_owner(strip_label(text), roster) or (speaker if listed else None)
    return None


def _assigned(text: str, roster: Roster) -> str | None:
    for pattern in (_EN_ASSIGNED, _KO_ASSIGNED, _AT_MENTION):
        match = pattern.search(text)
        if match and match["name"].casefold() not in _EN_NOT_NAMES and _ko_name_ok(match["name"]):
            return roster.canonical(match["name"])
    for start, end, label in roster.mentions(text):
        after = re.sub(r"^\s?(?:님|씨)", "", text[end:])
        if _KO_ASSIGN_AFTER.match(after) or re.search(r"담당(?:자)?\s*[:：]?\s*$", text[:start]):
            return label
    for match in _KO_MENTION.finditer(text):
        if _ko_name_ok(match["name"]) and _KO_ASSIGN_AFTER.match(text[match.end() :]):
            return roster.canonical(match["name"])
    return None


def _named_subject(text: str, roster: Roster) -> str | None:
    """The first person named as the subject or the addressee of the sentence."""
    candidates: list[tuple[int, str]] = []
    for start, end, label in roster.mentions(text):
        after = re.sub(r"^\s?(?:님|씨)", "", text[end:])
        before = text[:start].rstrip()
        # "민수님, …", "민수님 이거 …", "Jane, can you …" open the sentence; "…, Jane?" closes it
        opens = not before or before.endswith((",", ":"))
        addressed = (opens and re.match(r"^\s*[,，]", after)) or (
            not before and re.match(r"^\s?(?:님|씨)\s", text[end:])
        )
        addressed = addressed or (before.endswith(",") and re.match(r"^\s*[?.!]*\s*$", after))
        subject = _KO_SUBJECT_AFTER.match(after) or _EN_SUBJECT_AFTER.match(after) or _EN_TO_VERB_AFTER.match(after)
        if subject or addressed:
            candidates.append((start, label))
    for match in _KO_MENTION.finditer(text):
        if _ko_name_ok(match["name"]) and _KO_SUBJECT_AFTER.match(text[match.end() :]):
            candidates.append((match.start(), roster.canonical(match["name"])))
    for pattern in (_EN_SUBJECT, _EN_VOCATIVE_START, _EN_VOCATIVE_END):
        for match in pattern.finditer(text):
            if match["name"].casefold() not in _EN_NOT_NAMES:
                candidates.append((match.start("name"), roster.canonical(match["name"])))
    return min(candidates)[1] if candidates else None


def _listed_owner(text: str, roster: Roster) -> str | None:
    """The owner written beside a listed task: "Jane - update deck", "배너 시안 (김대리)"."""
    mentions = roster.mentions(text)
    if mentions:
        return mentions[0][2]
    match = re.match(r"^\s*(?P<name>[A-Z][a-z]+)\s*[-–—:]\s+", text) or re.search(
        r"[(\[]\s*(?P<name>[A-Z][a-z]+|[가-힣]{2,4})\s*[)\]]\s*[.!]?\s*$", text
    )
    if match and match["name"].casefold() not in _EN_NOT_NAMES and _ko_name_ok(match["name"]):
        return roster.canonical(match["name"])
    return None
