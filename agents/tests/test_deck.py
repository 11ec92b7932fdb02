"""A brief that asks for a presentation gets a short deck, and everything after the design reads
every slide: the layout checks measure each page's render, the facts count wherever in the deck
they are, a defect on a later slide is found there and fixed by the review loop. Other channels
keep their one page."""

import re

import pytest

from agents import services
from agents.library.adapter import adapt_document
from agents.library.fixes import fix_layout
from agents.models import AgentRun, RunStatus, Workflow
from agents.quality import CAP_LAYOUT_DEFECT, carried, normalized, overall_score
from agents.steps import contact_of, design_texts
from brands.tests.factories import BrandColorFactory, BrandKitFactory
from documents.models import Document
from documents.render.integrity import inspect_layout
from documents.schema import SparklioDocument
from documents.services import document_update, workspace_path_rule
from templates.campaign import SAMPLE
from templates.deck import LABELS, compose_deck

pytestmark = pytest.mark.django_db(transaction=True)

HANGUL = re.compile("[가-힣]")
LIBRARY = lambda path: path.startswith("library/")  # noqa: E731  (the placeholders a skeleton shows)

# (brief, language, whether it states an offer or a price)
DECKS = {
    "ko-offer": (
        "다음 달 바이어 미팅에 쓸 제안서 발표자료 부탁합니다. 회사 이름은 '바다숲 수산'이고 완도산 활전복을 "
        "산지 직송합니다. 당일 새벽 수확, 손질 서비스 무료, 냉장 택배 익일 도착. 첫 주문 20% 할인, 4월 30일까지. "
        "문의 sales@badasoop.kr",
        "ko",
        True,
    ),
    "ko-plain": (
        "투자 유치용 회사소개서 슬라이드를 만들어 주세요. 회사명 '온새미 로보틱스', 물류창고 피킹 로봇을 만듭니다. "
        "피킹 정확도 99.9%, 주말 이틀 만에 설치, 기존 창고관리시스템과 연동.",
        "ko",
        False,
    ),
    "en-offer": (
        "Sales deck for Harbor & Pine coffee subscriptions: single-origin beans roasted every Monday, "
        "free shipping on every box, pause or skip any month. First box 50% off until May 15. $24 a box.",
        "en",
        True,
    ),
    "en-plain": (
        'Pitch deck for "Ledgerly", bookkeeping software for freelancers: automatic receipt scanning, '
        "quarterly tax estimates, syncs with 40 banks, invoices paid by card.",
        "en",
        False,
    ),
}


@pytest.fixture
def brand(workspace):
    kit = BrandKitFactory(workspace=workspace, name="Tidewater")
    BrandColorFactory(brand=kit, role="primary", hex="#1F4D3A")
    BrandColorFactory(brand=kit, role="accent", hex="#F2B233", name="Accent")
    return kit


def start(client, brand, brief, **extra):
    response = client.post("/api/v1/workflows/", {"brief": brief, "brand": brand.pk, **extra}, format="json")
    assert response.status_code == 202, response.json()
    body = client.get(f"/api/v1/workflows/{response.json()['id']}/").json()
    assert body["status"] == "succeeded", body["error"]
    return body


def page_reports(content: dict, workspace_id: int | None = None) -> list:
    parsed = SparklioDocument.model_validate(content)
    rule = workspace_path_rule(workspace_id) if workspace_id is not None else LIBRARY
    return [inspect_layout(parsed, number, allowed_path=rule) for number in range(len(parsed.pages))]


def texts_by_page(content: dict) -> list[list[tuple[str, str]]]:
    return [[(o["role"], o["text"]) for o in page["objects"] if o["type"] == "text"] for page in content["pages"]]


def repeated(content: dict) -> list[str]:
    """Texts that two slides both show (compared without case, spaces or punctuation)."""
    first_seen: dict[str, int] = {}
    found = []
    for number, texts in enumerate(texts_by_page(content)):
        for _, value in texts:
            key = normalized(value)
            if first_seen.setdefault(key, number) != number:
                found.append(value)
    return found


# --- the workflow's deck ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(DECKS))
def test_a_presentation_brief_makes_a_deck_that_carries_it_on_every_slide(owner_client, brand, name):
    brief, language, offered = DECKS[name]
    body = start(owner_client, brand, brief, channel="presentation")
    facts = body["facts"]
    assert facts["language"] == language
    document = Document.objects.get(pk=body["documents"][0]["id"])
    content = document.content
    pages = content["pages"]
    assert 3 <= len(pages) <= 6, [page["name"] for page in pages]
    assert (content["width"], content["height"]) == (1920, 1080)
    # each slide's texts fit their boxes, the slide and its margins, apart, and readable: measured on its render
    for number, report in enumerate(page_reports(content, document.workspace_id)):
        assert report.ok, (number, [d.message for d in report.defects])
    # the product, the features and the offer are somewhere in the deck
    shown = carried(content, facts)
    assert shown.missing == [], shown
    texts = texts_by_page(content)
    features = [value for page in texts[1:-1] for role, value in page if role == "feature_bullet"]
    assert len(features) >= min(2, len(facts["features"]))
    priced = [n for n, page in enumerate(texts) if any(role in ("discount_badge", "price") for role, _ in page)]
    if offered:
        assert shown.offer is not False and len(priced) == 1 and 0 < priced[0] < len(pages) - 1
    else:
        assert not facts["offer"] and not facts["price"] and priced == []  # no offer slide, nothing made up
    # the last slide asks for the next step; no slide says another's words again
    assert any(role == "cta_button" for role, _ in texts[-1])
    assert repeated(content) == []
    # written in the brief's language, never the template's sample words
    titles = [value for page in texts for role, value in page if role == "header"]
    assert set(titles) <= set(LABELS[language].values())
    every = [value for page in texts for _, value in page]
    if language == "en":
        assert not [value for value in every if HANGUL.search(value)]
    samples = {
        line.lstrip("• ") for sample in SAMPLE.values() for value in sample.values() for line in value.split("\n")
    }
    assert not samples & {value.lstrip("• ") for value in every}
    # the vision analyzer measured every slide, and the review found nothing to fix
    vision = AgentRun.objects.get(workflow_id=body["id"], step="vision_analyzer").output
    assert len(vision["measurements"]["pages"]) == len(pages)
    assert {t["page"] for t in vision["measurements"]["layout"]["texts"]} == set(range(len(pages)))
    assert body["scores"]["overall"] >= 90, body["scores"]
    # each slide renders on its own, and the whole deck as one PDF
    for number in range(1, len(pages) + 1):
        rendered = owner_client.get(f"/api/v1/documents/{document.pk}/render/?page={number}")
        assert rendered.status_code == 200 and rendered["Content-Type"] == "image/png"
    pdf = owner_client.get(f"/api/v1/documents/{document.pk}/render/?format=pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert len(re.findall(rb"/Type\s*/Page\b", pdf.content)) == len(pages)


def test_the_other_channels_of_a_deck_brief_keep_one_page(owner_client, brand):
    brief, _, _ = DECKS["en-offer"]
    body = start(owner_client, brand, brief, facts={"channels": ["instagram_feed", "presentation", "web_banner"]})
    pages = {item["channel"]: len(item["content"]["pages"]) for item in body["documents"]}
    assert pages["instagram_feed"] == 1 and pages["web_banner"] == 1 and pages["presentation"] >= 3
    for item in body["documents"]:
        document = Document.objects.get(pk=item["id"])
        assert carried(document.content, body["facts"]).missing == []
        assert all(report.ok for report in page_reports(document.content, document.workspace_id))
        if item["channel"] != "presentation":
            roles = {o["role"] for o in item["content"]["pages"][0]["objects"]}
            assert not roles & {"header", "contact", "card"}  # nothing of the deck's own


# --- a defect on a later slide ---------------------------------------------------------------------


def test_a_defect_planted_on_the_second_slide_is_found_there_and_fixed_by_the_review_loop(brand, workspace, user):
    brief, _, _ = DECKS["ko-offer"]
    workflow = services.workflow_start(
        workspace=workspace, user=user, brief=brief, brand=brand, channel="presentation", enqueue=False
    )
    services.workflow_plan(workflow_id=workflow.pk)
    workflow.refresh_from_db()
    assert workflow.status == RunStatus.SUCCEEDED
    document = workflow.document
    content = dict(document.content)
    slide = content["pages"][1]
    feature = next(o for o in slide["objects"] if o["role"] == "feature_bullet")
    feature["style"].update(font_size=190, shrink_to_fit=False)  # far too big for its card
    title = next(o for o in slide["objects"] if o["role"] == "header")
    title["x"] = -0.1 * content["width"]  # its first letters off the slide's left edge
    document = document_update(document=document, user=None, content=content, base_version=document.version)
    reports = page_reports(document.content, document.workspace_id)
    assert reports[0].ok and all(report.ok for report in reports[2:])  # only the second slide is broken
    kinds = {(d.kind, tuple(d.objects)) for d in reports[1].defects}
    assert ("text_overflow", (feature["id"],)) in kinds and ("off_page", (title["id"],)) in kinds

    AgentRun.objects.filter(
        workflow=workflow, step__in=["vision_analyzer", "reviewer", "brand_guardian", "optimizer"]
    ).delete()
    Workflow.objects.filter(pk=workflow.pk).update(status=RunStatus.RUNNING, stage=2)
    for step in ("vision_analyzer", "brand_guardian", "reviewer", "optimizer"):
        services.workflow_step_run(workflow_id=workflow.pk, step_id=step)
    workflow.refresh_from_db()
    vision = AgentRun.objects.get(workflow=workflow, step="vision_analyzer").output
    planted = [f for f in vision["findings"] if {feature["id"], title["id"]} & set(f["objects"])]
    assert {f["rule"] for f in planted} >= {"text_overflow", "off_page"}
    # each finding names the slide and the object, as the studio points at them
    assert all(f["data"]["page"] == 1 and f["path"].startswith("pages[1].") for f in planted)
    assert all(f["message"].startswith("Slide 2:") for f in planted)
    assert not [f for f in vision["findings"] if f.get("data", {}).get("page") not in (None, 1)]

    optimizer = AgentRun.objects.get(workflow=workflow, step="optimizer").output
    assert optimizer["rounds"]
    fixed = Document.objects.get(pk=document.pk)
    assert fixed.version > document.version
    assert all(report.ok for report in page_reports(fixed.content, fixed.workspace_id))
    assert carried(fixed.content, workflow.facts).missing == []
    assert repeated(fixed.content) == []
    scores = [AgentRun.objects.get(workflow=workflow, step=s).output["score"] for s in ("reviewer", "brand_guardian")]
    before = overall_score([*scores, vision["score"]], vision["findings"])[0]
    assert before <= CAP_LAYOUT_DEFECT < workflow.scores["overall"]


def test_the_fixer_moves_a_text_clear_of_its_own_slide_only():
    """A deck edited by hand (no campaign layout to set again) is fixed by moving: a text is
    moved clear of what shares its slide, not of texts on other slides at the same place."""
    texts = {
        "headline": "Ledgerly",
        "feature_bullet": "• Automatic receipt scanning\n• Quarterly tax estimates\n• Syncs with 40 banks",
        "cta_button": "Get in touch",
    }
    content = compose_deck("presentation", texts, logo=False, picture=False, language="en")
    content["metadata"].pop("campaign")
    slide = content["pages"][1]["objects"]
    first, second = [o for o in slide if o["role"] == "feature_bullet"][:2]
    second.update(x=first["x"], y=first["y"])  # on top of the first feature
    reports = page_reports(content)
    assert any(d.kind == "text_collision" for d in reports[1].defects)
    defects = [{"rule": d.kind, "objects": d.objects} for report in reports for d in report.defects]
    fixed, changes = fix_layout(content, defects)
    assert changes
    assert not {"text_collision", "off_page"} & {d.kind for report in page_reports(fixed) for d in report.defects}
    assert fixed["pages"][0] == SparklioDocument.model_validate(content).model_dump(mode="json")["pages"][0]


# --- the layout ------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["ko", "en"])
def test_a_deck_of_long_texts_and_many_features_has_no_defect_on_any_slide(language):
    if language == "ko":
        features = [f"{n}번째 특징을 조금 길게 적은 문장 예시입니다" for n in range(1, 9)]
        texts = {
            "headline": "온새미 로보틱스 물류 자동화 솔루션",
            "discount_badge": "첫 도입 고객 설치비 무료 · 6월 30일까지",
        }
    else:
        features = [f"Feature number {n}, written out at some length for the slide" for n in range(1, 9)]
        texts = {
            "headline": "Ledgerly bookkeeping for freelancers",
            "discount_badge": "First year 30% off · until June",
        }
    texts |= {
        "subheadline": "소음 없는 몰입과 집중" if language == "ko" else "Less admin, more work",
        "feature_bullet": "\n".join(f"• {feature}" for feature in features),
        "price": "월 29,000원" if language == "ko" else "$29 a month",
        "cta_button": "문의하기" if language == "ko" else "Get in touch",
        "contact": "hello@example.com · 02-555-0100",
    }
    content = compose_deck("presentation", texts, logo=True, picture=True, language=language)
    names = [page["name"] for page in content["pages"]]
    labels = LABELS[language]
    assert names[1:] == [labels["features"], labels["more"], labels["offer"], labels["closing"]]
    for number, report in enumerate(page_reports(content)):
        assert report.ok, (number, [d.message for d in report.defects])
    numbers = [value for page in texts_by_page(content) for role, value in page if role == "other"]
    assert numbers == [f"{n:02d}" for n in range(1, 9)]
    assert repeated(content) == []
    ids = [o["id"] for page in content["pages"] for o in page["objects"]]
    assert len(ids) == len(set(ids))  # unique across the deck, as the schema asks


def test_a_deck_without_offer_or_price_has_no_offer_slide():
    texts = {
        "headline": "Ledgerly",
        "feature_bullet": "• Receipt scanning\n• Tax estimates",
        "cta_button": "Let's talk",
    }
    content = compose_deck("presentation", texts, logo=False, picture=True, language="en")
    assert [page["name"] for page in content["pages"]][1:] == ["Key features", "Thank you"]
    roles = {o["role"] for page in content["pages"] for o in page["objects"]}
    assert not roles & {"discount_badge", "price", "contact"}


def test_the_deck_shows_every_feature_once_and_the_contact_the_brief_gives():
    facts = {
        "product": "Ledgerly",
        "features": ["receipt scanning", "tax estimates", "40 banks", "card payments", "Contact hello@ledgerly.io"],
        "contact": "hello@ledgerly.io",
        "language": "en",
    }
    copy = {"headline": "Ledgerly", "subheadline": "receipt scanning · tax estimates · less admin", "cta": "Let's talk"}
    texts = design_texts("presentation", copy, facts)
    assert texts["feature_bullet"].count("•") == 4  # every feature has a card; the address is no feature
    assert texts["subheadline"] == "less admin"  # what the cards say is not said again on the cover
    assert texts["contact"] == "hello@ledgerly.io" and texts["cta_button"] == "Let's talk"
    feed = design_texts("instagram_feed", copy, facts)
    assert "contact" not in feed and feed["feature_bullet"].count("•") == 3


@pytest.mark.parametrize(
    ("brief", "contact"),
    [
        ("문의는 sales@badasoop.kr 또는 061-555-0123으로", "sales@badasoop.kr · 061-555-0123"),
        ("Book at https://ledgerly.io/demo, or call (415) 555-0142.", "https://ledgerly.io/demo · (415) 555-0142"),
        ("대표번호 1588-1234, 홈페이지 badasoop.kr", "1588-1234 · badasoop.kr"),
        ("정가 1,290,000원, 20% 할인, 4월 30일까지, 정확도 99.9%", ""),
        ("$24 a box, 2024-2025 season, 12.5 kg", ""),
    ],
)
def test_the_closing_slide_gives_only_the_contact_the_brief_states(brief, contact):
    assert contact_of(brief) == contact


def test_a_deck_adapted_to_one_page_keeps_what_its_later_slides_say():
    texts = {
        "headline": "Harbor & Pine",
        "feature_bullet": "• Roasted every Monday\n• Free shipping\n• Skip any month",
        "discount_badge": "First box 50% off",
        "price": "$24 a box",
        "cta_button": "Get in touch",
    }
    deck = SparklioDocument.model_validate(compose_deck("presentation", texts, logo=False, picture=True, language="en"))
    adapted = adapt_document(deck, "instagram_feed", allowed_path=LIBRARY).document
    assert len(adapted.pages) == 1
    shown = " ".join(o.text for o in adapted.pages[0].objects if o.type == "text")
    for said in ("Harbor & Pine", "Roasted every Monday", "Skip any month", "First box 50% off", "$24 a box"):
        assert said in shown
    assert "Thank you" not in shown and "Key features" not in shown


def test_the_campaign_command_writes_every_slide_of_a_deck(tmp_path, workspace, brand):
    import io

    from django.core.management import call_command
    from PIL import Image

    out = io.StringIO()
    brief, _, _ = DECKS["en-plain"]
    call_command(
        "campaign", brief, "--brand", brand.name, "--channel", "presentation", "--out", str(tmp_path), stdout=out
    )
    slides = sorted(tmp_path.glob("*.png"))
    assert len(slides) >= 3 and all(str(slide) in out.getvalue() for slide in slides)
    for slide in slides:
        with Image.open(slide) as image:
            assert image.size == (1920, 1080)
