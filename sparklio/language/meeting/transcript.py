"""A transcript or meeting notes as sentences: who said each one and under which heading.

Each line loses its timestamps ("[00:12:31]", "10:05", "[오후 2:30]"), bullet ("-", "•", "1.",
"[ ]") and speaker label ("김대리:", "Jane Doe (00:05):", "[PM 이수진]"), which is remembered for
ownership. A speaker written on a line of its own ("Jane Doe  0:05", "김대리:") owns the following
lines until the next speaker; a speaker label followed by text also owns the lines right under it,
until a blank line. A short first line that reads as a name ("Weekly sync") is the title.

Labels such as "결정:", "TODO:", "Q:" are kept in the text and mark the line; a heading
("## 결정 사항", "Action items:") marks the list below it. Lines with Hangul are split into
sentences by Kiwi, other lines by punctuation.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from sparklio.language.detect import has_hangul

__all__ = [
    "Segment",
    "Transcript",
    "chunk_sentences",
    "has_hangul",
    "segment_transcript",
    "split_sentences",
    "word_set",
]


@dataclass
class Segment:
    text: str
    speaker: str | None
    line: int  # 0-based line of the transcript
    label: str | None = None  # decision, action, question, answer, meta or header
    listed: bool = False  # the label comes from a heading above ("## Action items"), not the line
    tokens: list = field(default_factory=list)  # Kiwi tokens, for sentences split by Kiwi


@dataclass
class Transcript:
    segments: list[Segment]
    participants: list[str]


def split_sentences(text: str, language: str | None = None) -> list[str]:
    """The sentences of a transcript, without timestamps, bullets or speaker labels.

    ``language`` is accepted for symmetry: each line is split by its own script (Hangul: Kiwi,
    else punctuation), which also serves mixed transcripts.
    """
    return [segment.text for segment in segment_transcript(text).segments]


def chunk_sentences(sentences: list[str], *, max_chars: int = 6000) -> list[list[int]]:
    """Sentence indices in consecutive groups of at most ``max_chars`` characters (sentences
    joined by one newline); a sentence longer than that is a group of its own, never cut."""
    if max_chars < 1:
        raise ValueError("max_chars must be positive")
    chunks: list[list[int]] = []
    current: list[int] = []
    size = 0
    for index, sentence in enumerate(sentences):
        length = len(sentence)
        if current and size + 1 + length > max_chars:
            chunks.append(current)
            current, size = [], 0
        size += length + (1 if current else 0)
        current.append(index)
    if current:
        chunks.append(current)
    return chunks


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of a vocabulary written as a paragraph."""
    return frozenset(text.split())


# --- line anatomy ---------------------------------------------------------------------------

_TIME = r"(?:(?:오전|오후|AM|PM)\s*)?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?(?:\s*[AaPp]\.?[Mm]\.?)?"
_TIME_WRAPPED = rf"(?:\[\s*{_TIME}\s*\]|\(\s*{_TIME}\s*\)|<\s*{_TIME}\s*>|{_TIME})"
_LEADING_TIMES = re.compile(rf"^(?:{_TIME_WRAPPED}(?:\s*(?:-->|-|–|~)\s*{_TIME_WRAPPED})?\s*[|:\-–—]?\s*)+")
_VTT_NOISE = re.compile(r"^(?:WEBVTT.*|NOTE\b.*|\d+|\d{1,2}:\d{2}(?::\d{2})?[.,]\d{1,3}\s*-->.*)$")
_BULLET = re.compile(
    r"^(?:[-*+>–—]+\s+|[•·▪▫◦‣⁃»▶►■□●○◯◆◇※✓✔☐☑✅]+\s*|(?:\d{1,2}[.)](?!\d)|\(\d{1,2}\)|[①-⑳]|[a-zA-Z][.)](?=\s))\s*)"
    r"(?:\[[ xXvV✓✔]?\]\s*)?"
)
_CHECKBOX = re.compile(r"^\[[ xXvV✓✔]?\]\s*")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+(?P<title>.+?)\s*#*$")  # "#해시태그" is not a heading
_BOLD_LINE = re.compile(r"^(?:\*\*|__)(?P<title>[^*_]+?)(?:\*\*|__)\s*[:：]?\s*$")
_BOLD_SPEAKER = re.compile(r"^(?:\*\*|__)(?P<name>[^*_:：]{1,40}?)\s*[:：]?(?:\*\*|__)\s*[:：]?\s*")

# labels that open a kind of content rather than name a speaker ("결정: B안", "Action items:")
_LABELS = {
    "decision": [
        "결정 사항",
        "결정사항",
        "결정",
        "결론",
        "합의 사항",
        "합의사항",
        "합의",
        "확정 사항",
        "decision",
        "decisions",
        "decided",
        "agreed",
        "agreements",
        "conclusion",
        "conclusions",
    ],
    "action": [
        "액션 아이템",
        "액션아이템",
        "액션",
        "할 일",
        "할일",
        "후속 조치",
        "후속조치",
        "다음 단계",
        "실행 항목",
        "todo",
        "to-do",
        "to do",
        "todos",
        "to-dos",
        "action",
        "actions",
        "action item",
        "action items",
        "ai",
        "next steps",
        "next step",
        "follow-ups",
        "follow-up",
        "follow ups",
        "tasks",
        "task",
    ],
    "question": [
        "질문",
        "미결 사항",
        "미결사항",
        "미결",
        "이슈",
        "논의 필요",
        "추가 논의",
        "확인 필요",
        "q",
        "question",
        "questions",
        "open question",
        "open questions",
        "open issues",
        "parking lot",
        "tbd",
    ],
    "answer": ["a", "답변", "answer"],
    "meta": [
        "참석자",
        "참석",
        "일시",
        "날짜",
        "장소",
        "안건",
        "아젠다",
        "회의명",
        "주제",
        "회의록",
        "작성자",
        "참고",
        "요약",
        "attendees",
        "participants",
        "present",
        "date",
        "time",
        "location",
        "agenda",
        "subject",
        "topic",
        "minutes",
        "notes",
        "note",
        "summary",
        "re",
        "fyi",
        "ps",
        "cc",
    ],
}
_LABEL_KIND = {label.replace(" ", ""): kind for kind, labels in _LABELS.items() for label in labels}
_LABEL_PATTERN = re.compile(
    r"^[\[【(]?(?P<label>"
    + "|".join(
        re.escape(label).replace(r"\ ", r"\s?")
        for label in sorted((label for labels in _LABELS.values() for label in labels), key=len, reverse=True)
    )
    + r")[\]】)]?\s*(?:[:：\-–—]\s*|$)(?P<rest>.*)$",
    re.IGNORECASE,
)
_ATTENDEE_LABELS = {"참석자", "참석", "attendees", "participants", "present"}

_SPEAKER_NAME = r"[A-Za-z가-힣][\w가-힣 .'’·&\-]{0,30}?"
_BRACKET_SPEAKER = re.compile(r"^[\[【](?P<name>[^\[\]【】:：]{1,32})[\]】]\s*[:：]?\s*")
_COLON_SPEAKER = re.compile(
    rf"^(?P<name>{_SPEAKER_NAME}(?:\s*\([^()]{{1,20}}\))?)\s*(?:{_TIME_WRAPPED})?\s*[:：](?!//)\s*(?P<rest>.*)$"
)
_TIMED_SPEAKER = re.compile(rf"^(?P<name>{_SPEAKER_NAME})\s+{_TIME_WRAPPED}\s*$")
_ZOOM_SPEAKER = re.compile(
    r"^From\s+(?P<name>.{1,40}?)\s+to\s+(?:Everyone|All|모두|전체)(?:\s*\(.*?\))?\s*[:：]\s*", re.I
)
_VTT_VOICE = re.compile(r"^<v(?:\.[\w.]+)?\s+(?P<name>[^>]{1,40})>")
_TIME_ONLY = re.compile(rf"^{_TIME_WRAPPED}$")
_TRAILING_TIME = re.compile(rf"\s*{_TIME_WRAPPED}\s*$")

# Words that start a "key: value" note rather than name a speaker ("Goal: ...", "The plan: ...").
# A label used on two lines or more is taken as a speaker whatever it is.
_NOT_NAME_WORDS = word_set(
    """the a an we i it this that our my is are was so and but here there what why how when
    reminder important update status owner due deadline budget goal goals result results example
    http https link url email tel phone target audience channel channels timeline objective kpi kpis
    scope background context problem solution next risk risks key plan idea ideas feedback comment
    comments option options pros cons price offer product campaign brand launch copy headline cta
    design creative assets deliverables platform platforms tone message messaging metrics note"""
)
# Korean speaker labels carry a role or title ("김대리", "PM 이수진", "사회자"); a plain word used once
# before a colon ("타깃: 20대") is a note's key
_KO_ROLES = re.compile(
    r"대리|과장|차장|부장|팀장|실장|본부장|매니저|책임|선임|주임|사원|이사|상무|전무|대표|디자이너|마케터|"
    r"인턴|리더|파트장|국장|기자|에디터|작가|피디|사회자|진행자|발표자|참석자|화자|님$|씨$"
)


_KO_SURNAMES = set(
    "김이박최정강조윤장임한오서신권황안송류유홍전고문양손배백허남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국"
)
_KO_DOUBLE_SURNAMES = ("남궁", "제갈", "선우", "독고", "황보", "사공")
_KO_CLAUSE_END = re.compile(r"(?:다|요|죠|면|며|니다|는데|지만|해서|하고)$")


def _korean_full_name(name: str) -> bool:
    """A surname and a given name: "박서준", "남궁민수"."""
    if not re.fullmatch(r"[가-힣]{3,4}", name):
        return False
    return name.startswith(_KO_DOUBLE_SURNAMES) if len(name) == 4 else name[0] in _KO_SURNAMES


def _speaker_name(
    name: str, known: frozenset[str] = frozenset(), *, timed: bool = False, transcript: bool = False
) -> str | None:
    """``name`` if it reads as a speaker's name or role, else None.

    ``known`` holds the labels used on two lines or more, and the attendees, which count whatever
    they look like. A Korean label without a role counts after a timestamp ("[00:03:45] 박서준:"),
    or as a full name when the text is a transcript (``transcript``: it has known speakers).
    """
    name = _TRAILING_TIME.sub("", " ".join(name.replace("**", "").split())).strip(" .-")
    if not name or len(name) > 32 or _TIME_ONLY.match(name) or "".join(name.lower().split()) in _LABEL_KIND:
        return None
    words = name.split()
    if len(words) > 4:
        return None
    if name.casefold() in known:
        return name
    if has_hangul(name):
        if len(words) > 3:
            return None
        if _KO_ROLES.search(name) or any(char.isascii() and char.isalnum() for char in name):
            return name
        if timed and len(words) <= 2 and not any(_KO_CLAUSE_END.search(word) for word in words):
            return name
        return name if transcript and _korean_full_name(name) else None
    if any(word.lower().strip("'’.") in _NOT_NAME_WORDS for word in words):
        return None
    # English names are capitalised ("Jane", "Speaker 1", "PM"); "note: ..." is not a name
    if not all(word[0].isupper() or word[0].isdigit() or word.startswith("(") for word in words):
        return None
    return name


_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u00a0\u3000]")


def _clean(line: str) -> str:
    line = _INVISIBLE.sub("", unicodedata.normalize("NFC", line))
    return _UNPRINTABLE.sub(" ", line).strip()


def _strip_times(line: str) -> str:
    return _LEADING_TIMES.sub("", line, count=1).strip()


@dataclass
class _Line:
    text: str
    speaker: str | None = None
    speaker_only: bool = False
    label: str | None = None
    heading: bool = False
    bullet: bool = False
    attendees: list[str] = field(default_factory=list)


def _speaker_prefix(line: str) -> tuple[str, str, bool] | None:
    """(name, rest of the line, name written alone on its line) for a line that opens with
    something shaped like a speaker label; whether it is one is for ``_speaker_name``."""
    for pattern in (_ZOOM_SPEAKER, _VTT_VOICE, _BOLD_SPEAKER, _BRACKET_SPEAKER):
        match = pattern.match(line)
        if match and not _TIME_ONLY.match(match["name"].strip()):
            rest = re.sub(r"</v>\s*$", "", line[match.end() :])
            return match["name"], rest, not rest.strip()
    match = _TIMED_SPEAKER.match(line)
    if match:
        return match["name"], "", True
    match = _COLON_SPEAKER.match(line)
    if match:
        return match["name"], match["rest"], not match["rest"].strip()
    return None


def _body(line: str) -> tuple[str, bool, bool] | None:
    """The (cleaned) line without timestamps and bullet, whether it had a bullet and whether it
    opened with a timestamp."""
    if not line or _VTT_NOISE.match(line):
        return None
    stripped = _strip_times(line)
    timed = stripped != line
    bullet = _BULLET.match(stripped)
    had_bullet = bool(bullet and bullet.end() < len(stripped))
    if had_bullet:
        stripped = stripped[bullet.end() :].strip()
    stripped = _strip_times(_CHECKBOX.sub("", stripped))
    return (stripped, had_bullet, timed) if stripped else None


def _parse_line(line: str, known: frozenset[str]) -> _Line | None:
    body = _body(line)
    if body is None:
        return None
    line, had_bullet, timed = body
    parsed = _Line(text=line, bullet=had_bullet)

    heading = _MARKDOWN_HEADING.match(line) or _BOLD_LINE.match(line)
    if heading:
        title = heading["title"].strip(" :：")
        label = _LABEL_PATTERN.match(title)
        parsed.text, parsed.heading = title, True
        parsed.label = _label_of(label["label"]) if label and not label["rest"].strip() else None
        return parsed

    label = _LABEL_PATTERN.match(line)
    if label:
        kind = _label_of(label["label"])
        rest = label["rest"].strip()
        if not rest:
            parsed.text, parsed.heading, parsed.label = line.strip(" :："), True, kind
            return parsed
        if "".join(label["label"].lower().split()) in _ATTENDEE_LABELS:
            parts = (part.strip() for part in re.split(r"[,，、/·;]", rest))
            parsed.attendees = [part for part in parts if part and len(part) <= 32]
        parsed.text, parsed.label = line, kind
        return parsed

    prefix = _speaker_prefix(line)
    name = _speaker_name(prefix[0], known, timed=timed, transcript=bool(known)) if prefix else None
    if name:
        parsed.speaker, line = name, _strip_times(prefix[1].strip())
        parsed.speaker_only = not line
        # a label after the speaker: "김대리: TODO: ..."
        label = _LABEL_PATTERN.match(line)
        if label and label["rest"].strip() and _label_of(label["label"]) in ("decision", "action", "question"):
            parsed.label = _label_of(label["label"])
    parsed.text = line
    return parsed


def _is_title(parsed: _Line, rest: list[str]) -> bool:
    """A short first line that reads as a name, not a sentence, above more text:
    "Weekly sync - Spring launch", "겨울 캠페인 주간 회의" (not "오늘 회의 시작합니다")."""
    text = parsed.text
    if parsed.speaker or parsed.bullet or parsed.label or parsed.heading or not any(rest) or len(text) > 60:
        return False
    if re.search(r"[.!?。？！]$|[다요죠까음함됨임]$", text):
        return False
    return has_hangul(text) or (len(text.split()) <= 8 and (text[0].isupper() or text[0].isdigit()))


def _known_names(lines: list[str]) -> frozenset[str]:
    """Speaker-shaped labels used on two lines or more, and the attendees listed."""
    counts: dict[str, int] = {}
    known: set[str] = set()
    for line in lines:
        body = _body(line)
        if body is None:
            continue
        label = _LABEL_PATTERN.match(body[0])
        if label and "".join(label["label"].lower().split()) in _ATTENDEE_LABELS:
            known.update(part.strip().casefold() for part in re.split(r"[,，、/·;]", label["rest"]) if part.strip())
            continue
        prefix = _speaker_prefix(body[0])
        if prefix:
            name = _TRAILING_TIME.sub("", " ".join(prefix[0].replace("**", "").split())).strip(" .-").casefold()
            counts[name] = counts.get(name, 0) + 1
    known.update(name for name, count in counts.items() if count >= 2)
    # notes where every speaker talks once ("김민수: …" / "이지은: …"): two or more distinct
    # Korean full names opening lines make them speakers too
    full_names = [name for name in counts if _korean_full_name(name)]
    if len(full_names) >= 2:
        known.update(full_names)
    return frozenset(known)


def _label_of(label: str) -> str:
    return _LABEL_KIND.get("".join(label.lower().split()), "meta")


# --- sentences ------------------------------------------------------------------------------

_EN_BOUNDARY = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+|(?<=[。！？])\s*")
_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "sr",
    "jr",
    "st",
    "vs",
    "etc",
    "e.g",
    "i.e",
    "inc",
    "ltd",
    "co",
    "corp",
    "approx",
    "dept",
    "est",
    "no",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "a.m",
    "p.m",
    "u.s",
    "fig",
    "ref",
}


def _split_english(text: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for boundary in _EN_BOUNDARY.finditer(text):
        piece = text[start : boundary.start()].strip()
        following = text[boundary.end() : boundary.end() + 1]
        last_word = piece.rsplit(None, 1)[-1].rstrip(".").lower() if piece else ""
        if (
            not piece
            or last_word in _ABBREVIATIONS
            or (len(last_word) == 1 and last_word.isalpha())
            or following.islower()
        ):
            continue
        pieces.append(text[start : boundary.start()].strip())
        start = boundary.end()
    tail = text[start:].strip()
    if tail:
        pieces.append(tail)
    return pieces


# a connective Kiwi may leave as a sentence of its own ("그럼 | B안으로 가죠") opens the next one
_CONNECTIVES = word_set(
    "그럼 그러면 그래서 그리고 근데 그런데 그러니까 아니면 또는 그래도 하지만 그러나 자 일단 우선 혹시"
)


_PUNCTUATED = re.compile(r"(?<=[.!?。？！])\s+")


def _split_korean(text: str) -> list[tuple[str, list]]:
    from sparklio.language.brief.morph import get_kiwi

    sentences = get_kiwi().split_into_sents(text, return_tokens=True, return_sub_sents=False)
    spans: list[list] = []  # [start, end, tokens]
    for number, sentence in enumerate(sentences):
        # sentence i runs to where sentence i + 1 starts, so no character between them is lost
        start = 0 if number == 0 else sentence.start
        end = sentences[number + 1].start if number + 1 < len(sentences) else len(text)
        piece = text[start:end].strip()
        if not piece:
            continue
        if spans and (not _has_words(piece) or text[spans[-1][0] : spans[-1][1]].strip(" ,.…") in _CONNECTIVES):
            # a lone "!!" or emoji closes the sentence before; a lone "그럼" opens this one
            spans[-1][1] = end
            spans[-1][2] = spans[-1][2] + list(sentence.tokens or [])
            continue
        spans.append([start, end, list(sentence.tokens or [])])
    if not spans:
        return [(text.strip(), [])] if text.strip() else []
    pieces: list[tuple[str, list]] = []
    for start, end, tokens in spans:
        raw = text[start:end]
        offset = start + len(raw) - len(raw.lstrip())
        relative = [(token.form, token.tag, token.start - offset, token.start - offset + token.len) for token in tokens]
        pieces.append((raw.strip(), relative))
    return pieces


def _has_words(text: str) -> bool:
    """Letters or digits beyond bare jamo and symbols: "ㅋㅋㅋ", "😀" and "!!" are not words."""
    return any(char.isalnum() and not "\u3131" <= char <= "\u318e" for char in text)


def segment_transcript(text: str) -> Transcript:
    """The transcript's sentences with their speakers, labels and Kiwi tokens."""
    if not isinstance(text, str) or not text.strip():
        return Transcript(segments=[], participants=[])
    lines = [_clean(raw) for raw in text.splitlines()]
    known = _known_names(lines)
    segments: list[Segment] = []
    participants: dict[str, str] = {}  # casefolded name → name as first written
    held_speaker: str | None = None  # from a speaker line of its own: holds until the next one
    line_speaker: str | None = None  # from a labelled line: holds until a blank line
    section: str | None = None  # from a heading: holds over its list
    after_blank = False
    korean_pieces: dict[str, list[tuple[str, list]]] = {}

    def meet(name: str) -> str:
        """The participant ``name`` stands for: "Jane" is the attendee "Jane Doe"."""
        key = name.casefold()
        if key in participants:
            return participants[key]
        fuller = [label for known_key, label in participants.items() if key in known_key.split()]
        if len(fuller) == 1:
            return fuller[0]
        participants[key] = name
        return name

    first_line = next((number for number, line in enumerate(lines) if line), None)
    for number, line in enumerate(lines):
        if not line:
            line_speaker, after_blank = None, True
            continue
        parsed = _parse_line(line, known)
        if parsed is None:
            continue
        if number == first_line and _is_title(parsed, lines[number + 1 :]):
            parsed.heading = True
        for name in parsed.attendees:
            meet(name)
        if parsed.heading:
            section = parsed.label if parsed.label in ("decision", "action", "question") else None
            segments.append(Segment(text=parsed.text, speaker=None, line=number, label="header"))
            after_blank = False
            continue
        if section is not None and after_blank and not parsed.bullet:
            section = None  # a paragraph after the list closes it
        after_blank = False
        if parsed.speaker:
            parsed.speaker = meet(parsed.speaker)
            if parsed.speaker_only:
                held_speaker, line_speaker = parsed.speaker, None
                continue
            line_speaker, held_speaker = parsed.speaker, None
        speaker = parsed.speaker or line_speaker or held_speaker
        label = parsed.label or section
        listed = parsed.label is None and section is not None
        if has_hangul(parsed.text):
            pieces = []
            # Kiwi slows down on long strings: a long line goes to it a punctuated sentence at a time
            parts = _PUNCTUATED.split(parsed.text) if len(parsed.text) > 300 else [parsed.text]
            for part in parts:
                if part not in korean_pieces:
                    korean_pieces[part] = _split_korean(part)
                pieces.extend(korean_pieces[part])
        else:
            pieces = [(piece, []) for piece in _split_english(parsed.text)]
        for piece, tokens in pieces:
            if _has_words(piece):
                segments.append(
                    Segment(text=piece, speaker=speaker, line=number, label=label, listed=listed, tokens=tokens)
                )
    return Transcript(segments=segments, participants=list(participants.values()))
