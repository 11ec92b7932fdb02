"""The offline meeting analysis: no database, no model; Kiwi is loaded once for the session."""

import random
from datetime import date

import pytest

from sparklio.language.meeting import (
    MeetingAnalysis,
    analyze_transcript,
    chunk_sentences,
    resolve_due,
    split_sentences,
)

FRIDAY = date(2026, 11, 27)  # the meeting day of the transcripts below, a Friday

KOREAN_MEETING = """\
[00:00:05] PM 이수진: 안녕하세요, 오늘 회의 시작하겠습니다. 오늘 안건은 겨울 캠페인 메인 카피와 인플루언서 협업입니다.
[00:00:40] 김대리: 네.
[00:01:10] 김대리: 지난주에 테스트한 카피 A안과 B안 중에서 B안의 클릭률이 2배 높았습니다.
[00:01:20] 김대리: 지난주까지 받은 시안은 모두 공유했습니다.
[00:01:30] 박민수: 메인 카피는 어떤 안으로 갈까요?
[00:01:45] 이과장: 그럼 메인 카피는 B안으로 하는 걸로 하죠.
[00:02:10] PM 이수진: 좋습니다. 메인 카피는 B안으로 확정하겠습니다.
[00:02:30] 박민수: 제가 다음 주 금요일까지 B안 기준으로 배너 시안을 공유하겠습니다.
[00:03:05] PM 이수진: 인플루언서 리스트는 민수님이 12월 5일까지 정리해 주세요.
[00:03:20] 박민수: 네, 알겠습니다.
[00:03:40] 이과장: 랜딩페이지 문구는 김대리가 내일까지 작성해 주세요.
[00:04:00] 김대리: 네 알겠습니다. 내일까지 드릴게요.
[00:04:30] 이과장: 인스타그램 릴스 광고 예산은 얼마나 잡을까요?
[00:05:00] PM 이수진: 예산은 재무팀 확인 후에 다음 회의에서 정하죠.
[00:05:20] 김대리: 협찬 제품 발송 일정은 아직 미정입니다.

[00:05:40] PM 이수진: 오늘 회의는 여기까지 하겠습니다. 감사합니다.
"""

ENGLISH_MEETING = """\
Weekly sync - Spring launch
Attendees: Jane Doe, Tom, Priya

[00:00:03] Priya: Thanks everyone. Today we need to lock the launch plan for the spring serum campaign.
[00:00:30] Tom: The A/B test showed the video ad beat the carousel by 40 percent on click-through.
[00:00:45] Tom: Which hero asset should we use?
[00:01:02] Priya: Great. We decided to go with the video ad as the hero asset.
[00:01:30] Jane: I'll send the revised storyboard by Friday.
[00:01:55] Priya: Tom will book the influencer shoot by Dec 5.
[00:02:20] Tom: Sure. Should we also run paid search?
[00:02:45] Priya: Not sure yet, the budget is TBD.
[00:03:10] Jane: Can you share the brand guidelines with the agency by tomorrow, Tom?
[00:03:30] Tom: Yes. We shipped the old guidelines by Friday last month.
[00:03:50] Priya: Ok thanks, that's all.
"""

MIXED_MEETING = """\
Jane: 이번 캠페인 deck은 B안으로 확정입니다.
김대리: 제가 12/3까지 카피 수정본 공유할게요.
Jane: Tom will update the media plan by next Friday.
김대리: 인플루언서 계약은 어떻게 할지 미정이에요.
Tom: OK.
"""


TOPICS = ["search", "social", "email", "video", "retail", "partner", "events", "loyalty", "pricing", "brand"]


def _items(analysis: MeetingAnalysis):
    return [(item.source.index, item.owner, item.due, item.due_text) for item in analysis.action_items]


# --- whole meetings -----------------------------------------------------------------------------


def test_korean_meeting():
    analysis = analyze_transcript(KOREAN_MEETING, meeting_date=FRIDAY)

    assert analysis.language == "ko"
    assert analysis.participants == ["PM 이수진", "김대리", "박민수", "이과장"]
    assert analysis.sentences[:4] == [
        "안녕하세요,",
        "오늘 회의 시작하겠습니다.",
        "오늘 안건은 겨울 캠페인 메인 카피와 인플루언서 협업입니다.",
        "네.",
    ]
    sentences = analysis.sentences

    # the decision said twice keeps its final wording; the question it answers is closed
    assert [(d.source.index, d.text) for d in analysis.decisions] == [
        (9, "메인 카피는 B안으로 확정하겠습니다."),
    ]
    assert _items(analysis) == [
        (10, "박민수", date(2026, 12, 4), "다음 주 금요일까지"),
        (11, "박민수", date(2026, 12, 5), "12월 5일까지"),
        (13, "김대리", date(2026, 11, 28), "내일까지"),
    ]
    assert analysis.action_items[0].task == "제가 다음 주 금요일까지 B안 기준으로 배너 시안을 공유하겠습니다."
    assert [question.text for question in analysis.open_questions] == [
        "인스타그램 릴스 광고 예산은 얼마나 잡을까요?",
        "예산은 재무팀 확인 후에 다음 회의에서 정하죠.",
        "협찬 제품 발송 일정은 아직 미정입니다.",
    ]
    for item in [*analysis.decisions, *analysis.action_items, *analysis.open_questions]:
        assert sentences[item.source.index] == item.source.text

    # past reports, courtesy and the meeting's own business are not tasks
    indices = {item.source.index for item in analysis.action_items}
    assert sentences.index("지난주까지 받은 시안은 모두 공유했습니다.") not in indices
    assert sentences.index("오늘 회의 시작하겠습니다.") not in indices
    assert "B안" in analysis.keywords and "인플루언서" in analysis.keywords


def test_english_meeting():
    analysis = analyze_transcript(ENGLISH_MEETING, meeting_date=FRIDAY)

    assert analysis.language == "en"
    assert analysis.participants == ["Jane Doe", "Tom", "Priya"]  # "Jane:" is the attendee Jane Doe
    assert analysis.sentences[0] == "Weekly sync - Spring launch"
    assert [(d.source.index, d.text) for d in analysis.decisions] == [
        (7, "We decided to go with the video ad as the hero asset."),
    ]
    assert _items(analysis) == [
        (8, "Jane Doe", date(2026, 12, 4), "by Friday"),
        (9, "Tom", date(2026, 12, 5), "by Dec 5"),
        (13, "Tom", date(2026, 11, 28), "by tomorrow"),
    ]
    assert [question.text for question in analysis.open_questions] == [
        "Should we also run paid search?",
        "Not sure yet, the budget is TBD.",
    ]
    sentences = analysis.sentences
    indices = {item.source.index for item in analysis.action_items}
    assert sentences.index("We shipped the old guidelines by Friday last month.") not in indices
    # "Which hero asset should we use?" was settled by the decision after it
    assert all("hero asset" not in question.text for question in analysis.open_questions)


def test_mixed_meeting():
    analysis = analyze_transcript(MIXED_MEETING, meeting_date=FRIDAY)

    assert analysis.language == "ko"
    assert analysis.participants == ["Jane", "김대리", "Tom"]
    assert [d.text for d in analysis.decisions] == ["이번 캠페인 deck은 B안으로 확정입니다."]
    assert _items(analysis) == [
        (1, "김대리", date(2026, 12, 3), "12/3까지"),
        (2, "Tom", date(2026, 12, 4), "by next Friday"),
    ]
    assert [question.text for question in analysis.open_questions] == ["인플루언서 계약은 어떻게 할지 미정이에요."]


def test_meeting_notes_with_headings():
    notes = """\
# 11/27 주간 마케팅 회의
일시: 2026-11-27 (금) 10:00
참석자: 김대리, 이과장, 박민수

## 결정 사항
- 메인 카피 B안
- 인스타그램 예산 20% 증액

## 액션 아이템
- [ ] 배너 리사이즈 - 박민수 - 12/2까지
- [ ] 랜딩페이지 A/B 테스트 설계 (김대리) ~12/4
- 보도자료 초안: 이과장, 다음 주 화요일

## 미결 사항
- 인플루언서 2차 섭외 여부
"""
    analysis = analyze_transcript(notes, meeting_date=FRIDAY)

    assert analysis.participants == ["김대리", "이과장", "박민수"]
    assert [d.text for d in analysis.decisions] == ["메인 카피 B안", "인스타그램 예산 20% 증액"]
    assert [(item.owner, item.due) for item in analysis.action_items] == [
        ("박민수", date(2026, 12, 2)),
        ("김대리", date(2026, 12, 4)),
        ("이과장", date(2026, 12, 1)),
    ]
    assert [question.text for question in analysis.open_questions] == ["인플루언서 2차 섭외 여부"]
    summary = {ref.text for ref in analysis.summary}
    assert not summary & {"결정 사항", "액션 아이템", "참석자: 김대리, 이과장, 박민수"}


def test_english_notes_with_sections_and_mentions():
    notes = """\
Notes - Q1 planning
Attendees: Jane Doe, Tom Lee, Priya

Decisions:
- Go with the video-first plan

Action items:
- Jane: draft the media plan by Friday
- @tom update the tracking sheet by 12/3
- Priya - confirm the venue by end of next week
"""
    analysis = analyze_transcript(notes, meeting_date=FRIDAY)

    assert [d.text for d in analysis.decisions] == ["Go with the video-first plan"]
    assert [(item.owner, item.due, item.due_text) for item in analysis.action_items] == [
        ("Jane Doe", date(2026, 12, 4), "by Friday"),
        ("Tom Lee", date(2026, 12, 3), "by 12/3"),
        ("Priya", date(2026, 12, 4), "by end of next week"),
    ]


# --- owners and cues ------------------------------------------------------------------------------

OWNER_CASES = [
    ("박민수: 제가 내일까지 보도자료 초안 보낼게요.", "박민수"),
    ("박민수: 보도자료는 제가 챙길게요.", "박민수"),
    ("김대리: 민수님 이거 금요일까지 정리해 주세요", "박민수"),
    ("김대리: 김대리님, 견적서 좀 받아 주세요.", "김대리"),
    ("이과장: 디자인은 박민수 담당으로 하겠습니다.", "박민수"),
    ("이과장: 상세페이지 수정은 김대리가 맡기로 했습니다.", "김대리"),
    ("이과장: 이 건은 민수님께 부탁드릴게요.", "박민수"),
    ("김대리: 수진님이 금요일까지 피드백 주시기로 했어요.", "PM 이수진"),
    ("이과장: 다음 주 수요일까지 최종본 올려 주세요.", None),
    ("박민수: 저희가 다음 주에 배포할 예정입니다.", None),
    ("Jane: I'll send the deck by Friday.", "Jane"),
    ("Jane: Tom will book the shoot by Dec 5.", "Tom"),
    ("Jane: Tom to draft the press release by Wednesday.", "Tom"),
    ("Jane: Priya, can you check the UTM links?", "Priya"),
    ("Jane: Can you send the numbers by Monday, Tom?", "Tom"),
    ("Jane: Tom agreed to send the contract by Monday.", "Tom"),
    ("Jane: Please send me the numbers by Monday.", None),
    ("Jane: Landing page copy assigned to Priya, due 12/8.", "Priya"),
    ("Jane: Will follow up with legal tomorrow.", "Jane"),
]


@pytest.mark.parametrize(("line", "owner"), OWNER_CASES)
def test_action_owner(line, owner):
    roster = "참석자: 김대리, 이과장, 박민수, PM 이수진\nAttendees: Jane, Tom, Priya\n\n"
    analysis = analyze_transcript(roster + line, meeting_date=FRIDAY)

    assert len(analysis.action_items) == 1, analysis.sentences
    assert analysis.action_items[0].owner == owner


@pytest.mark.parametrize(
    "line",
    [
        "김대리: 지금까지 반응이 좋았습니다.",
        "김대리: 배너는 어제까지 준비해서 공유했어요.",
        "PM 이수진: 화면 공유하겠습니다.",
        "PM 이수진: 다른 의견 있으시면 말씀해 주세요.",
        "PM 이수진: 메인 카피는 B안으로 확정하겠습니다.",
        "Jane: We launched the campaign on Monday.",
        "Jane: This will help us reach younger buyers.",
        "Jane: Let me share my screen.",
        "Jane: Can everyone see my screen?",
        "Jane: I think the new headline works better.",
        "Jane: Ok thanks.",
    ],
)
def test_not_an_action_item(line):
    assert analyze_transcript(line, meeting_date=FRIDAY).action_items == []


@pytest.mark.parametrize(
    ("line", "decided"),
    [
        ("이과장: 메인 비주얼 촬영은 12월 10일로 확정됐습니다.", True),
        ("PM 이수진: 소재는 3개로 갑시다.", True),
        ("김대리: 그럼 쿠폰은 발행하지 않기로 했습니다.", True),
        ("Jane: We'll go with the blue packaging.", True),
        ("Jane: The final call is option B.", True),
        ("이과장: 그건 결정이 필요합니다.", False),
        ("이과장: 최종 시안은 아직 확정 전입니다.", False),
        ("이과장: 확정 전략이 좋네요.", False),
        ("이과장: 메인 카피는 B안으로 확정할까요?", False),
        ("Jane: We haven't decided on the budget yet.", False),
        ("Jane: Agreed.", False),
    ],
)
def test_decision_cues(line, decided):
    assert bool(analyze_transcript(line, meeting_date=FRIDAY).decisions) is decided


def test_open_question_closed_by_a_later_decision():
    text = "이과장: 광고 소재는 몇 개로 갈까요?\nPM 이수진: 소재는 3개로 갑시다.\n김대리: 쿠폰 문구는 누가 쓰나요?"
    analysis = analyze_transcript(text, meeting_date=FRIDAY)

    assert [question.text for question in analysis.open_questions] == ["쿠폰 문구는 누가 쓰나요?"]


def test_routine_questions_are_not_open_questions():
    text = "PM 이수진: 다들 잘 들리시나요?\nJane: Can everyone see my screen?\nJane: Any questions?"
    assert analyze_transcript(text, meeting_date=FRIDAY).open_questions == []


# --- due dates --------------------------------------------------------------------------------------

DUE_CASES = [
    # Korean, meeting on Friday 2026-11-27
    ("다음 주 금요일까지", FRIDAY, date(2026, 12, 4)),
    ("이번 주 금요일까지", FRIDAY, date(2026, 11, 27)),
    ("금요일까지", FRIDAY, date(2026, 12, 4)),  # the same weekday means a week later
    ("수요일까지", FRIDAY, date(2026, 12, 2)),
    ("12월 5일까지", FRIDAY, date(2026, 12, 5)),
    ("11월 27일까지", FRIDAY, date(2026, 11, 27)),  # the meeting day is not past
    ("11월 20일까지", FRIDAY, date(2027, 11, 20)),  # past this year: next year's
    ("내일까지", FRIDAY, date(2026, 11, 28)),
    ("모레", FRIDAY, date(2026, 11, 29)),
    ("오늘 중으로", FRIDAY, date(2026, 11, 27)),
    ("3일 후", FRIDAY, date(2026, 11, 30)),
    ("3일 뒤에", FRIDAY, date(2026, 11, 30)),
    ("2주 후", FRIDAY, date(2026, 12, 11)),
    ("일주일 안에", FRIDAY, date(2026, 12, 4)),
    ("월말까지", FRIDAY, date(2026, 11, 30)),
    ("이번 달 말", FRIDAY, date(2026, 11, 30)),
    ("다음 달 10일", FRIDAY, date(2026, 12, 10)),
    ("다음 주까지", FRIDAY, date(2026, 11, 30)),  # the Monday of next week
    ("다음주 중반", FRIDAY, date(2026, 12, 2)),
    ("15일까지", FRIDAY, date(2026, 12, 15)),
    ("12월 말까지", FRIDAY, date(2026, 12, 31)),
    ("2026-12-05 마감", FRIDAY, date(2026, 12, 5)),
    ("2027년 1월 8일", FRIDAY, date(2027, 1, 8)),
    ("12.5(금)까지", FRIDAY, date(2026, 12, 5)),
    ("1월 5일까지", date(2026, 12, 20), date(2027, 1, 5)),  # year rollover
    ("다음 달 말", date(2026, 12, 20), date(2027, 1, 31)),
    ("다음 주 월요일", date(2026, 12, 30), date(2027, 1, 4)),
    # English
    ("by Friday", FRIDAY, date(2026, 12, 4)),
    ("by Friday", date(2026, 11, 23), date(2026, 11, 27)),
    ("by next Friday", date(2026, 11, 23), date(2026, 12, 4)),  # Friday of the next ISO week
    ("this Friday", date(2026, 11, 23), date(2026, 11, 27)),
    ("by Fri", FRIDAY, date(2026, 12, 4)),
    ("by Dec 5", FRIDAY, date(2026, 12, 5)),
    ("by December 5th", FRIDAY, date(2026, 12, 5)),
    ("by 12/5", FRIDAY, date(2026, 12, 5)),
    ("by 1/5", date(2026, 12, 20), date(2027, 1, 5)),
    ("due Dec 5, 2027", FRIDAY, date(2027, 12, 5)),
    ("tomorrow", FRIDAY, date(2026, 11, 28)),
    ("the day after tomorrow", FRIDAY, date(2026, 11, 29)),
    ("end of the month", FRIDAY, date(2026, 11, 30)),
    ("EOW", date(2026, 11, 24), date(2026, 11, 27)),
    ("end of week", date(2026, 11, 28), date(2026, 12, 4)),  # on a Saturday: the coming Friday
    ("in 3 days", FRIDAY, date(2026, 11, 30)),
    ("within two weeks", FRIDAY, date(2026, 12, 11)),
    ("in 3 business days", FRIDAY, date(2026, 12, 2)),
    ("next week", FRIDAY, date(2026, 11, 30)),  # the Monday of next week
    ("end of next week", FRIDAY, date(2026, 12, 4)),
    ("by the 10th", FRIDAY, date(2026, 12, 10)),
    ("next month", FRIDAY, date(2026, 12, 1)),
    ("end of the year", FRIDAY, date(2026, 12, 31)),
    ("send the deck 2026-12-05 please", FRIDAY, date(2026, 12, 5)),
]


@pytest.mark.parametrize(("expression", "meeting", "expected"), DUE_CASES)
def test_resolve_due(expression, meeting, expected):
    assert resolve_due(expression, meeting) == expected


@pytest.mark.parametrize(
    "expression",
    [
        "",
        "시안 공유 부탁드립니다",
        "2월 30일까지",  # no such day, and not read as "30일"
        "12월 초안 공유",  # 초안 is a draft, not early December
        "I sat down with the agency",
        "1/2 of the budget",
        "our 1st draft",
        "2026-13-45",
    ],
)
def test_resolve_due_without_a_date(expression):
    assert resolve_due(expression, FRIDAY) is None


def test_resolve_due_prefers_the_deadline():
    assert resolve_due("다음 주 월요일 회의 전에 금요일까지 초안 주세요", FRIDAY) == date(2026, 12, 4)
    assert resolve_due("어제까지였는데 내일까지 다시 보내 주세요", FRIDAY) == date(2026, 11, 28)


# --- sentences, summary, chunks ---------------------------------------------------------------------


def test_split_sentences():
    text = """\
[00:00:01] 김대리: 네 좋습니다 그럼 B안으로 가죠 제가 내일까지 공유할게요
10:05 Jane: Mr. Kim agreed. I'll send it by Fri.
- 첫째 항목
• second item
[PM 이수진] 정리하겠습니다.
"""
    assert split_sentences(text) == [
        "네 좋습니다",
        "그럼 B안으로 가죠",
        "제가 내일까지 공유할게요",
        "Mr. Kim agreed.",
        "I'll send it by Fri.",
        "첫째 항목",
        "second item",
        "정리하겠습니다.",
    ]


def test_speaker_on_its_own_line_owns_the_lines_below():
    text = "Jane Doe  0:05\nI'll draft the brief by Friday.\n\nTom Lee  0:40\nSounds good."
    analysis = analyze_transcript(text, meeting_date=FRIDAY)

    assert analysis.participants == ["Jane Doe", "Tom Lee"]
    assert analysis.action_items[0].owner == "Jane Doe"


def test_key_value_notes_are_not_speakers():
    analysis = analyze_transcript("타깃: 20대 여성\nGoal: more sign-ups\n김대리: 네", meeting_date=FRIDAY)

    assert analysis.participants == ["김대리"]
    assert analysis.sentences[:2] == ["타깃: 20대 여성", "Goal: more sign-ups"]


def test_summary_is_deterministic_and_in_transcript_order():
    first = analyze_transcript(KOREAN_MEETING, meeting_date=FRIDAY)
    second = analyze_transcript(KOREAN_MEETING, meeting_date=FRIDAY)

    indices = [ref.index for ref in first.summary]
    assert first.model_dump() == second.model_dump()
    assert indices == sorted(indices) and len(set(indices)) == len(indices)
    assert 3 <= len(indices) <= 7
    texts = [ref.text for ref in first.summary]
    assert "메인 카피는 B안으로 확정하겠습니다." in texts or "그럼 메인 카피는 B안으로 하는 걸로 하죠." in texts
    assert not {"네.", "감사합니다.", "네, 알겠습니다."} & set(texts)


def test_summary_grows_with_the_meeting():
    lines = [f"Jane: The {topic} plan needs a new {topic} owner and a {topic} budget." for topic in TOPICS]
    assert len(analyze_transcript("\n".join(lines[:4]), meeting_date=FRIDAY).summary) == 3
    assert len(analyze_transcript("\n".join(lines * 5), meeting_date=FRIDAY).summary) == 7  # √50


def test_chunk_sentences():
    sentences = ["a" * 40, "b" * 40, "c" * 40, "d" * 150, "e" * 10]
    chunks = chunk_sentences(sentences, max_chars=100)

    assert chunks == [[0, 1], [2], [3], [4]]
    assert [index for chunk in chunks for index in chunk] == list(range(len(sentences)))
    for chunk in chunks:
        joined = "\n".join(sentences[index] for index in chunk)
        assert len(joined) <= 100 or len(chunk) == 1  # only a lone, too-long sentence goes over
    assert chunk_sentences([]) == []
    assert chunk_sentences(["x"] * 3) == [[0, 1, 2]]
    with pytest.raises(ValueError, match="max_chars"):
        chunk_sentences(["x"], max_chars=0)


def test_chunks_of_a_long_transcript_cover_every_sentence():
    sentences = analyze_transcript(_long_korean_transcript(), meeting_date=FRIDAY).sentences
    chunks = chunk_sentences(sentences, max_chars=1500)

    assert len(chunks) > 3
    assert [index for chunk in chunks for index in chunk] == list(range(len(sentences)))
    assert all(sum(len(sentences[i]) + 1 for i in chunk) - 1 <= 1500 for chunk in chunks)


# --- robustness -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["", "   \n\n\t", "[00:00:01]\n[00:00:02]\n10:05\n00:12:31", "????", "ㅋㅋㅋ", "😀😀", None]
)
def test_nothing_to_analyse(text):
    analysis = analyze_transcript(text, meeting_date=FRIDAY)

    assert analysis.sentences == []
    assert analysis.summary == analysis.decisions == analysis.action_items == analysis.open_questions == []
    assert analysis.participants == [] and analysis.keywords == []
    assert analysis.method == "offline baseline: sentence scoring, cue phrases, date rules"


def test_language_can_be_given():
    assert analyze_transcript("", meeting_date=FRIDAY, language="en").language == "en"
    assert analyze_transcript("Jane: ok", meeting_date=FRIDAY, language="fr").language == "en"  # unknown: detected


def _long_korean_transcript() -> str:
    people = ["김대리", "이과장", "박민수", "PM 이수진"]
    lines = []
    number = 0
    while sum(len(line) + 1 for line in lines) < 10_000:
        number += 1
        topic = TOPICS[number % len(TOPICS)]
        lines.append(
            f"[00:{number // 60:02d}:{number % 60:02d}] {people[number % 4]}: "
            + [
                f"{topic} 채널 {number}번 소재는 B안으로 확정하겠습니다.",
                f"제가 다음 주 금요일까지 {topic} {number}번 시안을 공유하겠습니다.",
                f"{topic} {number}번 예산은 얼마나 잡을까요?",
                "네 알겠습니다.",
                f"지난주 {topic} {number}번 캠페인 반응은 기대보다 좋았습니다.",
            ][number % 5]
        )
    return "\n".join(lines)


def test_ten_thousand_characters():
    text = _long_korean_transcript()
    analysis = analyze_transcript(text, meeting_date=FRIDAY)

    assert len(text) >= 10_000
    assert len(analysis.sentences) == text.count("\n") + 1
    assert len(analysis.summary) == 7
    assert len(analysis.action_items) == text.count("시안을 공유하겠습니다")
    assert {item.due for item in analysis.action_items} == {date(2026, 12, 4)}
    assert len(analysis.decisions) == text.count("확정하겠습니다")


def test_odd_input_never_raises():
    palette = [
        "김대리:", "Jane:", "[00:12:31]", "10:05", "[PM 이수진]", "- ", "1. ", "## 결정", "TODO:", "?", "까지", "by",
        "Friday", "다음 주", "12/5", "12월", "5일", "2026-13-45", "9999-12-31", "Dec 99", "in 999 weeks", "999개월 후",
        "\n", "\n\n", "😀", "\x00", "\u200b", "ㅋㅋ", "네", "@", "(", "]", "：", "확정", "할게요", "해 주세요", "I'll",
        "assigned to", "담당:", "님", "\r\n", "WEBVTT", "00:00:01.000 --> 00:00:02.000", "**Jane:**", "#", "...",
    ]  # fmt: skip
    generator = random.Random(7)
    for _ in range(300):
        text = "".join(generator.choice(palette) + generator.choice(["", " "]) for _ in range(generator.randint(0, 20)))
        meeting = date(generator.choice([1, 2026, 9999]), generator.randint(1, 12), generator.randint(1, 28))
        analysis = analyze_transcript(text, meeting_date=meeting)
        assert all(0 <= ref.index < len(analysis.sentences) for ref in analysis.summary)
        chunk_sentences(analysis.sentences, max_chars=generator.randint(1, 80))
        resolve_due(text, meeting)


@pytest.mark.parametrize(
    ("text", "participants", "owner"),
    [
        (
            "WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\n<v Jane Doe>I'll send the deck by Friday.</v>\n\n"
            "2\n00:00:05.000 --> 00:00:07.000\n<v Tom>Sounds good.</v>\n",
            ["Jane Doe", "Tom"],
            "Jane Doe",
        ),
        (
            "10:05:11 From Jane Doe to Everyone: I'll send the deck by Friday\n10:05:40 From Tom to Everyone: Thanks",
            ["Jane Doe", "Tom"],
            "Jane Doe",
        ),
        (
            "참석자 1 00:00\n오늘은 신제품 런칭 일정 논의하겠습니다.\n\n"
            "참석자 2 00:15\n제가 다음 주 금요일까지 보도자료 초안 드릴게요.\n",
            ["참석자 1", "참석자 2"],
            "참석자 2",
        ),
        ("[김대리] [오후 2:30] 제가 금요일까지 보도자료 초안 드릴게요", ["김대리"], "김대리"),
    ],
)
def test_transcript_exports(text, participants, owner):
    analysis = analyze_transcript(text, meeting_date=FRIDAY)

    assert analysis.participants == participants
    assert [(item.owner, item.due) for item in analysis.action_items] == [(owner, date(2026, 12, 4))]


@pytest.mark.parametrize(
    "text",
    [
        "[00:00:05] 김민수: 런칭 캠페인 건입니다.\n[00:03:45] 박서준: 제가 12월 5일까지 촬영 준비할게요.",
        "김민수: 시작하죠.\n이지은: 네.\n김민수: 좋아요.\n이지은: 네.\n박서준: 제가 12월 5일까지 촬영 준비할게요.",
    ],
)
def test_a_korean_speaker_heard_once(text):
    """No title and one line only: a speaker after a timestamp, or by a full name in a transcript."""
    analysis = analyze_transcript(text, meeting_date=FRIDAY)

    assert "박서준" in analysis.participants
    assert [(item.owner, item.due) for item in analysis.action_items] == [("박서준", date(2026, 12, 5))]


def test_speakers_who_each_talk_once_are_still_speakers():
    notes = (
        "김민수: 인스타그램 광고를 메인으로 하기로 했습니다.\n"
        "이지은: 제가 다음 주 금요일까지 카피 초안을 작성하겠습니다.\n"
    )
    analysis = analyze_transcript(notes, meeting_date=date(2026, 11, 27))
    assert analysis.participants == ["김민수", "이지은"]
    item = analysis.action_items[0]
    assert item.owner == "이지은" and item.due == date(2026, 12, 4) and not item.task.startswith("이지은")
