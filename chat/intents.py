"""What a chat message asks for: rules first (fast, offline, explainable), then the gateway
when one is configured and the rules only found small talk."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from pydantic import BaseModel, Field

logger = logging.getLogger(__name__)

INTENTS = ["generate_copy", "make_campaign", "edit_document", "analyze_meeting", "brand_question", "small_talk"]

MEETING = re.compile(r"(회의|미팅|회의록|meeting|transcript|minutes)", re.I)
SUMMARIZE = re.compile(r"(분석|정리|요약|액션\s*아이템|analy[sz]e|summari[sz]e|action items)", re.I)
SPEAKER_LINE = re.compile(r"^\s*(\[[^\]]{1,30}\]|[\w가-힣 .]{1,20})\s*:", re.M)
CAMPAIGN = re.compile(
    r"(캠페인|광고\s*(이미지|디자인|배너|소재)?\s*(를|을)?\s*(만들|제작)|배너\s*(를)?\s*만들|썸네일\s*(을)?\s*만들|"
    r"campaign|(make|create|design)\s+(an?\s+)?(\w+\s+){0,3}(ad|banner|post|thumbnail|story))",
    re.I,
)
COPY = re.compile(
    r"(카피|문구|헤드라인|슬로건|해시태그|문안|캡션|광고\s*문|copy|headline|slogan|hashtag|tagline|caption|ad text)",
    re.I,
)
WRITE = re.compile(r"(써|쓰|만들|작성|추천|뽑|제안|write|give|suggest|make|create|draft|come up)", re.I)
EDIT = re.compile(
    r"(크게|작게|키워|줄여|바꿔|변경|추가|삭제|지워|옮겨|밝게|어둡게|브랜드\s*(색|컬러)|bigger|smaller|larger|move|"
    r"change|add|remove|delete|brighter|darker|brand colou?rs?)",
    re.I,
)
BRAND = re.compile(
    r"(브랜드|톤|보이스|금지어|필수어|가이드|컬러|색상|brand|tone|voice|guideline|banned|palette|colou?rs?)", re.I
)
QUESTION = re.compile(r"(\?|뭐|무엇|무슨|어떤|어떻게|알려|what|which|how|tell me)", re.I)


@dataclass
class Intent:
    name: str
    source: str  # "rules" or the provider that classified it
    reason: str


FIELD_LABELS = {
    "product", "audience", "target", "channel", "features", "feature", "tone", "price", "offer", "goal", "brand",
    "format", "budget", "deadline", "note", "notes", "cta", "headline", "제품", "타겟", "타깃", "채널", "특징",
    "톤", "가격", "혜택", "목표", "브랜드", "예산", "마감", "메모",
}  # fmt: skip


def turn_taking_speakers(text: str) -> int:
    """How many speakers talk at least twice: a transcript's turn-taking, not a brief's fields."""
    counts: dict[str, int] = {}
    for label in SPEAKER_LINE.findall(text):
        name = label.strip("[] ").casefold()
        if name and name not in FIELD_LABELS:
            counts[name] = counts.get(name, 0) + 1
    return sum(1 for count in counts.values() if count >= 2)


def detect_by_rules(text: str, *, has_document: bool) -> Intent:
    stripped = text.strip()
    speakers = turn_taking_speakers(stripped)
    if (MEETING.search(stripped) and SUMMARIZE.search(stripped)) or (len(stripped) > 600 and speakers >= 2):
        return Intent(
            "analyze_meeting", "rules", "asks to analyse a meeting" if speakers < 2 else "a pasted transcript"
        )
    if has_document and EDIT.search(stripped) and len(stripped) < 200 and not CAMPAIGN.search(stripped):
        return Intent("edit_document", "rules", "a change to the open document")
    if CAMPAIGN.search(stripped):
        return Intent("make_campaign", "rules", "asks for a design or campaign")
    if COPY.search(stripped) and WRITE.search(stripped):
        return Intent("generate_copy", "rules", "asks for copy")
    if BRAND.search(stripped) and QUESTION.search(stripped):
        return Intent("brand_question", "rules", "a question about the brand")
    return Intent("small_talk", "rules", "nothing else matched")


class IntentChoice(BaseModel):
    intent: str = Field(description=f"One of: {', '.join(INTENTS)}")
    reason: str = Field(max_length=200)


def detect(text: str, *, has_document: bool, workspace_id: int | None, provider: str | None) -> Intent:
    """Rules, then (only for what the rules call small talk) the model's classification."""
    from sparklio.llm.errors import LLMError
    from sparklio.llm.gateway import gateway

    found = detect_by_rules(text, has_document=has_document)
    if found.name != "small_talk" or provider == "offline":
        return found
    try:
        answer = gateway.complete(
            [
                {
                    "role": "system",
                    "content": "Classify the marketer's message for a marketing studio assistant. Intents: "
                    "generate_copy (write headlines, slogans, captions, hashtags), make_campaign (design an ad or "
                    "campaign), edit_document (change the open design), analyze_meeting (summarise meeting notes), "
                    "brand_question (about the brand kit), small_talk (anything else).",
                },
                {"role": "user", "content": text[:2000]},
            ],
            purpose="fast",
            provider=provider,
            schema=IntentChoice,
            max_tokens=100,
            workspace_id=workspace_id,
            temperature=0,
        )
    except LLMError:
        return found
    except Exception:  # an adapter bug must not cost the user the answer: the rules' intent stands
        logger.exception("intent classification failed; keeping the rules' intent")
        return found
    choice = answer.data
    if choice.intent not in INTENTS or (choice.intent == "edit_document" and not has_document):
        return found
    return Intent(choice.intent, answer.provider, choice.reason)
