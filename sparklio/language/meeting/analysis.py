"""The offline meeting analysis: summary, decisions, action items, open questions, keywords.

Deterministic and model-free, so it runs where no LLM is configured and gives the model-based
analyser its sentence list, chunks and a result to fall back on.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from sparklio.language.detect import detect_language

from .cues import (
    Roster,
    decision_strength,
    find_owner,
    is_action,
    is_assignment,
    is_filler,
    is_question,
    is_request,
    is_routine_question,
    strip_label,
)
from .dates import DueMatch, find_due
from .transcript import Segment, segment_transcript, word_set

__all__ = ["ActionItem", "Decision", "MeetingAnalysis", "OpenQuestion", "SourceRef", "analyze_transcript"]

METHOD = "offline baseline: sentence scoring, cue phrases, date rules"


class SourceRef(BaseModel):
    index: int  # 0-based, into MeetingAnalysis.sentences
    text: str


class Decision(BaseModel):
    text: str
    source: SourceRef


class ActionItem(BaseModel):
    task: str
    owner: str | None = None
    due: date | None = None
    due_text: str | None = None
    source: SourceRef


class OpenQuestion(BaseModel):
    text: str
    source: SourceRef


class MeetingAnalysis(BaseModel):
    language: Literal["ko", "en"]
    sentences: list[str] = Field(default_factory=list)
    summary: list[SourceRef] = Field(default_factory=list)  # top sentences, in transcript order
    decisions: list[Decision] = Field(default_factory=list)
    action_items: list[ActionItem] = Field(default_factory=list)
    open_questions: list[OpenQuestion] = Field(default_factory=list)
    participants: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    method: str = METHOD


def analyze_transcript(text: str, *, meeting_date: date, language: str | None = None) -> MeetingAnalysis:
    """Analyse a meeting transcript or notes (Korean, English or both) held on ``meeting_date``,
    which relative due dates ("다음 주 금요일까지", "by Friday") are resolved against."""
    transcript = segment_transcript(text if isinstance(text, str) else "")
    segments = transcript.segments
    roster = Roster(transcript.participants)
    if language not in ("ko", "en"):
        language = detect_language(
            " ".join(segment.text for segment in segments) or (text if isinstance(text, str) else "")
        )
    sentences = [segment.text for segment in segments]
    surfaces: dict[str, str] = {}
    terms = [_terms(segment, roster, surfaces) for segment in segments]

    readings = [_read(segment, meeting_date) for segment in segments]
    decisions: list[Decision] = []
    action_items: list[ActionItem] = []
    for index, (segment, reading) in enumerate(zip(segments, readings, strict=True)):
        source = SourceRef(index=index, text=segment.text)
        owner = None
        if reading.action:
            due = reading.due
            owner = find_owner(
                segment.text,
                speaker=segment.speaker,
                roster=roster,
                labelled=segment.label == "action",
                listed=segment.listed,
            )
            item = ActionItem(
                task=_tidy(segment.text),
                owner=owner,
                due=due.due if due else None,
                due_text=due.text if due else None,
                source=source,
            )
            if not _restates_action(item, action_items, terms):
                action_items.append(item)
        if reading.decision and not (reading.decision == 1 and reading.action and owner):
            # a decision said again ("B안으로 하죠" … "B안으로 결정하겠습니다") keeps its last wording
            words = set(terms[index])
            decisions = [
                earlier
                for earlier in decisions
                if not (
                    words and index - earlier.source.index <= 6 and _restates(words, set(terms[earlier.source.index]))
                )
            ]
            decisions.append(Decision(text=_tidy(segment.text), source=source))

    open_questions = [
        OpenQuestion(text=_tidy(segment.text), source=SourceRef(index=index, text=segment.text))
        for index, segment in enumerate(segments)
        if readings[index].question
        and _has_content(segment, terms[index])
        and not _answered(index, segments, readings, terms)
    ]
    return MeetingAnalysis(
        language=language,
        sentences=sentences,
        summary=[
            SourceRef(index=index, text=sentences[index])
            for index in _summary(segments, readings, terms, {decision.source.index for decision in decisions})
        ],
        decisions=decisions,
        action_items=action_items,
        open_questions=open_questions,
        participants=transcript.participants,
        keywords=[surfaces[term] for term in _keywords(terms)],
    )


# --- reading each sentence --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Reading:
    action: bool = False
    decision: int = 0  # 2: a decision, 1: a commitment worded as one (see decision_strength)
    due: DueMatch | None = None
    filler: bool = False
    question: bool = False


def _read(segment: Segment, meeting_date: date) -> _Reading:
    text, label = segment.text, segment.label
    if label in ("header", "meta", "answer"):
        return _Reading()
    if is_filler(text):
        return _Reading(filler=True)
    question = is_question(text)
    request = is_request(text)
    due = find_due(text, meeting_date)
    due_marked = bool(due and due.deadline)
    if label == "decision":
        return _Reading(decision=2)
    if label == "question":
        return _Reading(question=True)
    if question and not request and label != "action":
        return _Reading(question=not is_routine_question(text))
    decision = 0 if question else decision_strength(text)
    assignment = is_assignment(text)
    if assignment and decision:
        decision = 1  # "디자인은 박민수 담당으로 하겠습니다" hands out work
    action = is_action(
        text, due_marked=due_marked, due_future=bool(due and due.due >= meeting_date), labelled=label == "action"
    )
    if action and decision == 2 and not (due_marked or request or assignment or label == "action"):
        action = False  # "B안으로 확정하겠습니다" decides; it leaves no work behind
    if action and not due_marked and label != "action" and _AGENDA.search(text):
        action = False  # "Today we need to lock the plan" sets the agenda
    return _Reading(action=action, decision=decision, due=due if action else None)


def _restates(later: set[str], earlier: set[str]) -> bool:
    """The same subject again: every content word of the earlier one, or nearly all words shared."""
    return bool(earlier) and (earlier <= later or _overlap(later, earlier) >= 0.75)


def _restates_action(item: ActionItem, earlier: list[ActionItem], terms: list[list[str]]) -> bool:
    """A reply that restates the task just given: "내일까지 드릴게요" after "…내일까지 작성해 주세요"."""
    index = item.source.index
    for previous in reversed(earlier):
        if index - previous.source.index > 3:
            break
        same_due = item.due is None or item.due == previous.due
        if previous.owner == item.owner and same_due and set(terms[index]) <= set(terms[previous.source.index]):
            return True
    return False


def _has_content(segment: Segment, terms: list[str]) -> bool:
    return bool(terms) or len(segment.text) >= 12


def _answered(index: int, segments: list[Segment], readings: list[_Reading], terms: list[list[str]]) -> bool:
    """A later decision on the same subject (a shared content word), or a reply labelled "A:"."""
    if index + 1 < len(segments) and segments[index + 1].label == "answer":
        return True
    asked = set(terms[index])
    if not asked:
        return False
    return any(readings[later].decision and asked & set(terms[later]) for later in range(index + 1, len(segments)))


_LEADING_FILLERS = word_set(
    """네 넵 예 음 어 아 자 그럼 그러면 그래서 일단 좋아요 좋습니다 알겠습니다 오케이
    ok okay so alright right well yeah yes great then and also"""
)


def _tidy(text: str) -> str:
    """The sentence without a leading label ("TODO:") or backchannel ("네, 그럼", "Okay so")."""
    tidy = strip_label(text)
    while True:
        parts = tidy.split(None, 1)
        if len(parts) < 2:
            break
        word = parts[0].rstrip(",.!").lower()
        punctuated = parts[0] != parts[0].rstrip(",.!")
        next_word = parts[1].split(None, 1)[0].rstrip(",.!").lower()
        # "네 가지" is "four kinds": a one-syllable word goes only before a comma or another filler
        if word not in _LEADING_FILLERS or (len(word) == 1 and not punctuated and next_word not in _LEADING_FILLERS):
            break
        tidy = parts[1]
    return tidy or text.strip()


# --- content words ----------------------------------------------------------------------------

_KO_NOUN_TAGS = {"NNG", "NNP", "SL", "SH"}
_KO_STOP = word_set(
    """것 거 수 때 등 점 부분 정도 생각 말씀 이야기 얘기 경우 우리 저희 이번 다음 오늘 내일 모레 지금 요일
    월요일 화요일 수요일 목요일 금요일 토요일 일요일 회의 시작 마무리 안건 진행 확인 공유 정리 작성 준비 결정
    확정 담당 부탁 감사 말 쪽 측 관련 내용 한번 이거 그거 저거 뭐 좀 잠깐 시간 오전 오후 다음주 이번주 사항
    건 번 개 님 씨 주 월 일 후 뒤 내 중 전 분 시 예정 필요 미정 의견 질문 문제 상황 방향 때문 자료 요청
    하루 이틀 주말 월말 연말 여러분 모두 다들 제 저 나 너 그 이 오케이 네 예 응 음 아 어 자 안녕 수고 고생
    최종 일단 우선 먼저 나중 이후 이전 이상 이하 미만 정말 진짜 너무 완전 혹시 지난주 지난달 어제 todo tbd ok okay"""
)
_EN_STOP = word_set(
    """a about above after again against all also am an and any are aren't as at be because been before being below
    between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each few
    for from further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him
    himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most mustn't
    my myself no nor not
    of off on once only or other ought our ours ourselves out over own same shan't she she'd she'll she's should
    shouldn't so some such than that that's the their theirs them themselves then there there's these they they'd
    they'll they're they've this those through to too under until up very was wasn't we we'd we'll we're we've were
    weren't what what's when when's where where's which while who who's whom why why's with won't would wouldn't you
    you'd you'll you're you've your yours yourself yourselves will just really maybe think know need needs want like get
    got make made go going gonna let lets sure okay ok yeah yes thanks thank sounds good great right well also actually
    one two three next last week weeks month months day days today tomorrow monday tuesday wednesday thursday friday
    saturday sunday jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august
    september october november december eod eow end meeting everyone guys team please can could would should via per
    etc something anything everything thing things lot bit take send share check update still already done new back
    agreed decided approved action item items todo tbd question questions call quick"""
)
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’\-]*[A-Za-z0-9]|[A-Za-z]")


def _terms(segment: Segment, roster: Roster, surfaces: dict[str, str]) -> list[str]:
    """Content words of a sentence, lower-cased: nouns (Kiwi) for Korean, other words for
    English. ``surfaces`` collects how each was first written."""
    if segment.label in ("header", "meta"):
        return []
    words = _korean_nouns(segment.tokens) if segment.tokens else _EN_WORD.findall(segment.text)
    terms: list[str] = []
    for word in words:
        term = _term(word)
        if term and term not in roster.aliases and term not in terms:
            terms.append(term)
            surfaces.setdefault(term, word)
    return terms


def _korean_nouns(tokens: list) -> list[str]:
    """Runs of noun tokens written together ("인플루언서", "B안", "랜딩페이지")."""
    words: list[str] = []
    run: list[str] = []
    previous_end = None
    for form, tag, start, end in tokens:
        if tag in _KO_NOUN_TAGS:
            if run and start != previous_end:
                words.append("".join(run))
                run = []
            run.append(form)
            previous_end = end
        elif run:
            words.append("".join(run))
            run, previous_end = [], None
    if run:
        words.append("".join(run))
    return words


def _term(word: str) -> str | None:
    term = word.lower().replace("’", "'")
    if term.endswith("'s"):
        term = term[:-2]
    if term in _KO_STOP or term in _EN_STOP or term.isdigit():
        return None
    if term.isascii():
        if len(term) < 3 and not (word.isupper() and len(word) >= 2):
            return None
        if len(term) > 5 and term.endswith("ed"):
            return None  # "showed", "shipped": verbs, not topics
        if len(term) > 4 and term.endswith("s") and not term.endswith(("ss", "us", "is", "ous")):
            term = term[:-1]  # decks → deck
        return term if term not in _EN_STOP else None
    return term if len(term) >= 2 else None


def _keywords(terms: list[list[str]], limit: int = 10) -> list[str]:
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for position, sentence_terms in enumerate(terms):
        for term in sentence_terms:
            counts[term] += 1
            first.setdefault(term, position)
    ranked = sorted(counts, key=lambda term: (-counts[term], first[term]))
    return ranked[:limit]


# --- summary ----------------------------------------------------------------------------------

_CONCLUSION = re.compile(
    r"결론|정리하면|요약하면|핵심은|목표는|최종적으로|결과적으로|in\s+summary|to\s+sum\s+up|bottom\s+line|overall|"
    r"the\s+goal|key\s+takeaway|main\s+point|in\s+short|to\s+recap",
    re.IGNORECASE,
)
_AGENDA = re.compile(
    r"오늘\s?(?:회의|안건|논의|주제)|안건은|논의할|아젠다|agenda|today\s+we|purpose\s+of|we'?re\s+here\s+to|goal\s+of\s+this",
    re.IGNORECASE,
)


def summary_size(count: int) -> int:
    """Three sentences for a short meeting, up to seven for a long one (√n)."""
    return min(7, max(3, round(math.sqrt(count))))


def _summary(segments: list[Segment], readings: list[_Reading], terms: list[list[str]], decided: set[int]) -> list[int]:
    total = len(segments)
    eligible = [
        index
        for index, segment in enumerate(segments)
        if segment.label not in ("header", "meta", "answer")
        and not readings[index].filler
        and _has_content(segment, terms[index])
    ]
    if not eligible:
        return []
    frequency = Counter(term for index in eligible for term in terms[index])
    weight = {
        term: math.log1p(count) * math.log1p(total / count) * (1.0 if count > 1 else 0.5)
        for term, count in frequency.items()
    }
    content = {
        index: sum(weight[term] for term in terms[index]) / math.sqrt(len(terms[index]) + 2) for index in eligible
    }
    top = max(content.values()) or 1.0
    scores: dict[int, float] = {}
    for index in eligible:
        reading, text = readings[index], segments[index].text
        score = content[index] / top
        # a decision in its final wording first; the same decision proposed earlier counts less
        score += 0.6 if index in decided else 0.3 if reading.decision else 0.0
        score += 0.35 if reading.action else 0.0
        score += 0.4 if _CONCLUSION.search(text) else 0.0
        score += 0.25 if index < max(2, total // 4) and _AGENDA.search(text) else 0.0
        score += 0.1 * (1 - index / total)
        score -= 0.15 if reading.question else 0.0
        score -= 0.3 if len(terms[index]) < 2 else 0.0
        scores[index] = score
    chosen: list[int] = []
    for index in sorted(eligible, key=lambda index: (-scores[index], index)):
        if len(chosen) == summary_size(total):
            break
        words = set(terms[index])
        if words and any(_overlap(words, set(terms[other])) > 0.6 for other in chosen):
            continue  # near-repeat of a sentence already chosen
        chosen.append(index)
    return sorted(chosen)


def _overlap(first: set[str], second: set[str]) -> float:
    return len(first & second) / len(first | second) if first | second else 0.0
