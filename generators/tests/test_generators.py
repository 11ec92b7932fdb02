"""Every generator in baseline mode (no model configured), then the model path on the wire."""

import io
import json
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw
from rest_framework.exceptions import ValidationError

from brands.tests.factories import BrandColorFactory, BrandKitFactory
from generators.base import strings_in
from generators.context import BrandProfile, resolve_slots
from generators.english import english_form
from generators.registry import GENERATORS
from generators.services import generator_run
from sparklio.llm.tests import wire

PLAN = (
    "무선 이어폰 X1을 위한 인스타그램 광고 이미지를 만들어줘. 타겟은 2030 직장인이고, "
    "노이즈 캔슬링과 24시간 배터리가 주요 특징이야."
)
ENGLISH = (
    "Create a Facebook ad for Glow Serum, a vitamin C serum for women in their 30s. "
    "Key features: brightening, lightweight texture. Price $39, 20% off this week."
)
TEXT = ["headline", "description", "hashtag", "cta", "blog_post", "sns_post", "ad_copy", "email", "slogan", "seo_meta"]

pytestmark = pytest.mark.django_db


def run(name, workspace, **data):
    brand = data.pop("brand", None)
    provider = data.pop("provider", None)
    return generator_run(name=name, data=data, workspace_id=workspace.pk, brand=brand, provider=provider)


def test_the_registry_has_every_generator_of_the_issue():
    images = {"product_image", "background_removal", "logo", "banner"}
    assert set(GENERATORS) == {*TEXT, *images, "storyboard", "short_video"}
    for cls in GENERATORS.values():
        described = cls.describe()
        assert described["input_schema"]["properties"]["brief"]
        assert described["output_schema"]["properties"]


@pytest.mark.parametrize("name", TEXT)
@pytest.mark.parametrize("brief", [PLAN, ENGLISH], ids=["ko", "en"])
def test_text_generators_answer_offline_from_the_brief(name, brief, workspace):
    result = run(name, workspace, brief=brief)
    assert result.provider == "offline" and result.offline
    output = GENERATORS[name].Output.model_validate(result.output)
    language = "ko" if brief is PLAN else "en"
    assert output.language == language
    flat = json.dumps(result.output, ensure_ascii=False)
    assert "None" not in flat and not re.search(r"\{\w*(\|\w+)?\}", flat)  # every slot was filled
    # product names survive into the copy of the generators that write sentences
    if name in {"description", "blog_post", "email", "sns_post"}:
        assert ("X1" if language == "ko" else "Glow Serum") in flat


def test_headlines_fit_the_channel_and_are_distinct(workspace):
    result = run("headline", workspace, brief=PLAN, count=5)
    checks = result.checks
    assert all(item["ok"] for item in checks["headlines"]), checks
    assert checks["distinct"] and len(result.output["headlines"]) == 5
    assert result.slots["channel"] == "instagram_feed"


def test_variants_differ_with_the_brief_and_are_stable_for_the_same_brief(workspace):
    first = run("headline", workspace, brief=PLAN)
    again = run("headline", workspace, brief=PLAN)
    other = run("headline", workspace, brief=PLAN.replace("무선 이어폰 X1", "스마트워치 W2"))
    assert first.output == again.output
    assert first.output["headlines"] != other.output["headlines"]
    assert any("W2" in h for h in other.output["headlines"])


def test_korean_particles_follow_the_product_name(workspace):
    result = run("description", workspace, product="에어팟", features=["노이즈 캔슬링"], language="ko")
    text = result.output["description"]
    assert "에어팟를" not in text and "에어팟로" not in text


def test_banned_words_never_appear_and_required_words_do(workspace):
    brand = BrandKitFactory(workspace=workspace, banned_words=["최고", "지금"], required_words=["X1케어"])
    for name in ["headline", "description", "sns_post", "ad_copy", "email"]:
        result = run(name, workspace, brief=PLAN, brand=brand)
        flat = json.dumps(result.output, ensure_ascii=False)
        assert "지금" not in flat and "최고" not in flat, (name, flat)
        if name in {"description", "sns_post"}:
            assert "X1케어" in flat


def test_hashtags_respect_channel_counts(workspace):
    insta = run("hashtag", workspace, brief=PLAN)
    kakao = run("hashtag", workspace, brief=PLAN, channel="kakao_feed")
    facebook = run("hashtag", workspace, brief=ENGLISH)
    assert insta.checks["ok"] and 3 <= len(insta.output["hashtags"]) <= 15
    assert "#노이즈캔슬링" in insta.output["hashtags"]
    assert kakao.output["hashtags"] == []
    assert len(facebook.output["hashtags"]) <= 3 and facebook.checks["well_formed"]


def test_ad_copy_variants_take_different_angles(workspace):
    result = run("ad_copy", workspace, brief=ENGLISH, variants=4)
    angles = [v["angle"] for v in result.output["variants"]]
    assert len(angles) == 4 and len(set(angles)) == 4 and angles[0] == "offer"
    assert len({v["headline"] for v in result.output["variants"]}) == 4


def test_seo_meta_measures_its_limits(workspace):
    result = run("seo_meta", workspace, brief=ENGLISH)
    assert result.checks["title"]["ok"] and result.checks["description"]["ok"]
    assert result.output["slug"] == "glow-serum"


def test_storyboard_scenes_add_up_to_the_channel_length(workspace):
    result = run("storyboard", workspace, brief=PLAN.replace("광고 이미지", "릴스 영상"))
    output = result.output
    assert result.checks["ok"], result.checks
    beats = [scene["beat"] for scene in output["scenes"]]
    assert beats[0] == "hook" and beats[-1] == "cta" and "feature" in beats
    assert abs(sum(s["duration"] for s in output["scenes"]) - output["duration"]) < 0.5
    custom = run("storyboard", workspace, brief=ENGLISH, duration=45)
    assert custom.output["duration"] == 45


@pytest.mark.parametrize("duration", [6, 7, 9])
def test_a_short_storyboard_with_many_beats_shrinks_every_scene_alike(workspace, duration):
    # six beats (hook, reveal, feature, benefit, offer, cta) in 6 s once left a scene at -1.5 s
    result = run("storyboard", workspace, brief=ENGLISH, duration=duration)
    lengths = [scene["duration"] for scene in result.output["scenes"]]
    assert len(lengths) >= 6 and min(lengths) >= 0.5, lengths
    assert sum(lengths) == pytest.approx(duration, abs=0.05) and result.checks["ok"]


def _png(size=(600, 600)) -> bytes:
    image = Image.new("RGB", size, "#F4F4F4")
    ImageDraw.Draw(image).ellipse((180, 150, 420, 450), fill="#1F6FEB")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def test_product_image_offline_is_a_product_card_in_the_brand_palette(workspace):
    brand = BrandKitFactory(workspace=workspace)
    BrandColorFactory(brand=brand, role="primary", hex="#0A7CFF")
    result = run("product_image", workspace, brief=PLAN, brand=brand, width=800, height=800)
    assert result.provider == "offline" and result.output["method"] == "renderer"
    path = result.output["path"]
    assert path.startswith(f"uploads/{workspace.pk}/generated/")
    with Image.open(default_storage.open(path)) as image:
        assert image.size == (800, 800)
        colours = {colour for _, colour in image.convert("RGB").getcolors(1_000_000)}
    assert (10, 124, 255) in colours  # the brand's primary paints the band
    assert any("offline" in note for note in result.notes)


def test_logo_and_banner_offline(workspace):
    brand = BrandKitFactory(workspace=workspace, name="Sparkle")
    logo = run("logo", workspace, brief=PLAN, brand=brand)
    assert (logo.output["width"], logo.output["height"]) == (1200, 512)
    banner = run("banner", workspace, brief=ENGLISH, brand=brand)
    assert (banner.output["width"], banner.output["height"]) == (1200, 630)  # the Facebook preset
    story = run("banner", workspace, brief=PLAN, channel="instagram_story", headline="가을 신상")
    assert (story.output["width"], story.output["height"]) == (1080, 1920)


def test_background_removal_offline_cuts_the_subject(workspace):
    path = default_storage.save(f"uploads/{workspace.pk}/photo.png", ContentFile(_png()))
    result = run("background_removal", workspace, product="cup", image=path)
    assert result.output["method"] in {"grabcut", "u2net"}
    with Image.open(default_storage.open(result.output["path"])) as cut:
        assert cut.mode == "RGBA" and cut.size == (600, 600)
        assert cut.getpixel((5, 5))[3] == 0 and cut.getpixel((300, 300))[3] == 255


def test_background_removal_refuses_another_workspaces_picture(workspace, other_workspace):
    path = default_storage.save(f"uploads/{other_workspace.pk}/photo.png", ContentFile(_png()))
    with pytest.raises(ValidationError) as caught:
        run("background_removal", workspace, product="cup", image=path)
    assert "image" in caught.value.detail


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({}, "brief"),
        ({"brief": "   "}, "brief"),
        ({"brief": "x" * 10_000}, "brief"),
        ({"brief": "ok", "channel": "tiktok"}, "channel"),
        ({"brief": "ok", "count": 99}, "count"),
        ({"brief": "ok", "colour": "red"}, "colour"),
        ({"brief": "ok", "provider": "skynet"}, "provider"),
    ],
)
def test_bad_input_names_the_field(workspace, data, field):
    with pytest.raises(ValidationError) as caught:
        run("headline", workspace, **data)
    assert field in caught.value.detail


# --- the model path, on the wire -----------------------------------------------------------------


@pytest.fixture
def openai(settings):
    api = wire.FakeAPI()
    settings.OPENAI_API_KEY = "sk-test"
    settings.OPENAI_BASE_URL = f"{api.base}/v1"
    settings.LLM_FALLBACK_CHAIN = ["openai"]
    settings.LLM_MAX_ATTEMPTS = 1
    yield api
    api.close()


def _answer(payload: dict):
    return wire.httpx.Response(200, json=wire.openai_completion(json.dumps(payload, ensure_ascii=False)))


def test_a_model_answer_is_used_and_labelled(workspace, openai):
    route = openai.route("POST", "/v1/chat/completions").respond(
        json=wire.openai_completion(
            json.dumps({"language": "ko", "headlines": ["소음은 끄고, 하루는 켜고"], "subheadline": "X1"})
        )
    )
    result = run("headline", workspace, brief=PLAN)
    assert result.provider == "openai" and result.output["headlines"] == ["소음은 끄고, 하루는 켜고"]
    sent = json.loads(route.calls.last.request.content)
    assert sent["response_format"]["type"] == "json_schema"
    assert "무선 이어폰 X1" in sent["messages"][1]["content"]


def test_off_brand_model_words_are_repaired(workspace, openai):
    brand = BrandKitFactory(workspace=workspace, banned_words=["최고"])
    route = openai.route("POST", "/v1/chat/completions").mock(
        side_effect=[
            _answer({"language": "ko", "headlines": ["최고의 이어폰 X1"], "subheadline": ""}),
            _answer({"language": "ko", "headlines": ["몰입의 이어폰 X1"], "subheadline": ""}),
        ]
    )
    result = run("headline", workspace, brief=PLAN, brand=brand)
    assert result.output["headlines"] == ["몰입의 이어폰 X1"] and result.provider == "openai"
    assert "최고" in json.loads(route.calls[1].request.content)["messages"][-1]["content"]
    assert any("repaired" in note for note in result.notes)


def test_off_brand_words_that_survive_repair_are_rejected(workspace, openai):
    brand = BrandKitFactory(workspace=workspace, banned_words=["최고"])
    openai.route("POST", "/v1/chat/completions").respond(
        json=wire.openai_completion(json.dumps({"language": "ko", "headlines": ["최고!"], "subheadline": ""}))
    )
    result = run("headline", workspace, brief=PLAN, brand=brand)
    assert result.provider == "offline"
    assert "최고" not in json.dumps(result.output, ensure_ascii=False)
    assert any("rejected" in note for note in result.notes)


SERUM = "Instagram ad for 'Glow Drop' serum: fragrance-free, vegan. Early-bird price $89."


def test_a_model_answer_missing_the_product_and_offer_is_repaired(workspace, openai):
    route = openai.route("POST", "/v1/chat/completions").mock(
        side_effect=[
            _answer({"language": "en", "description": "A serum your skin will love.", "bullets": []}),
            _answer(
                {
                    "language": "en",
                    "description": "Glow Drop is fragrance-free and vegan. Early-bird price $89.",
                    "bullets": ["fragrance-free", "vegan"],
                }
            ),
        ]
    )
    result = run("description", workspace, brief=SERUM)
    assert result.provider == "openai" and result.output["description"].startswith("Glow Drop")
    asked = json.loads(route.calls[1].request.content)["messages"][-1]["content"]
    assert "Glow Drop" in asked and "Early-bird price $89" in asked
    first = json.loads(route.calls[0].request.content)["messages"][1]["content"]
    assert '"product": "Glow Drop"' in first and "fragrance-free" in first  # the parsed facts go to the model
    assert any("repaired" in note for note in result.notes)


@pytest.mark.parametrize(
    ("answer", "why"),
    [
        (
            {"language": "ko", "description": "Glow Drop이(가) 피부를 밝혀요. Early-bird price $89", "bullets": []},
            "particle",
        ),
        (
            {
                "language": "en",
                "description": "글로우 드롭은 향이 없는 비건 세럼이에요. 가격은 89달러예요.",
                "bullets": [],
            },
            "English",
        ),
    ],
)
def test_a_model_answer_that_stays_wrong_is_replaced_by_the_baseline(workspace, openai, answer, why):
    openai.route("POST", "/v1/chat/completions").respond(json=wire.openai_completion(json.dumps(answer)))
    result = run("description", workspace, brief=SERUM)
    assert result.provider == "offline" and "Glow Drop" in result.output["description"]
    assert any("rejected" in note and why in note for note in result.notes)


def test_invalid_json_from_the_model_falls_back_to_the_baseline_with_a_note(workspace, openai):
    openai.route("POST", "/v1/chat/completions").respond(json=wire.openai_completion("not json at all"))
    result = run("cta", workspace, brief=PLAN)
    assert result.provider == "offline" and result.output["ctas"]
    assert any("schema" in note for note in result.notes)


def test_provider_offline_skips_the_model(workspace, openai):
    route = openai.route("POST", "/v1/chat/completions")
    result = run("slogan", workspace, brief=PLAN, provider="offline")
    assert result.provider == "offline" and route.call_count == 0


def test_asking_for_a_provider_that_is_not_configured_says_so(workspace, openai):
    openai.route("POST", "/v1/chat/completions").respond(
        json=wire.openai_completion(json.dumps({"language": "ko", "headlines": ["소음은 끄고"], "subheadline": ""}))
    )
    # anthropic has no key (the test settings clear every key); openai, the chain, answers
    answered = run("headline", workspace, brief=PLAN, provider="anthropic")
    assert answered.provider == "openai"
    assert answered.notes[0] == (
        "The provider 'anthropic' was asked for but is not configured on this server; openai answered instead."
    )
    asked_configured = run("headline", workspace, brief=PLAN, provider="openai")
    assert not any("not configured" in note for note in asked_configured.notes)


def test_a_provider_that_is_not_configured_says_so_through_the_api(owner_client):
    response = owner_client.post(
        "/api/v1/generators/headline/run/", {"brief": PLAN, "provider": "gemini"}, format="json"
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["provider"] == "offline"
    assert any("'gemini' was asked for but is not configured" in note for note in body["notes"])


AERO_SHORTS = (
    'YouTube Shorts for "Aero Bottle", a stainless water bottle. Key features: keeps drinks cold 24 hours, '
    "leak-proof lid, fits cup holders, dishwasher safe."
)


@pytest.mark.parametrize("name", ["storyboard", "sns_post", "ad_copy", "headline"])
def test_a_korean_brand_audience_never_reaches_english_copy(name, workspace):
    # "An ordinary day of 2030 직장인…": the brand's Korean audience was pasted into English lines
    brand = BrandKitFactory(workspace=workspace, name="Sparklio Demo", target_audience="2030 직장인과 바쁜 현대인")
    result = run(name, workspace, brand=brand, brief=AERO_SHORTS, language="en")

    flat = json.dumps(result.output, ensure_ascii=False)
    assert not re.search("[가-힣]", flat), flat
    assert "…" not in flat, flat  # a phrasing that fits, never a cut one
    assert result.slots["audience"] is None


def test_a_korean_brand_audience_still_reaches_korean_copy(workspace):
    brand = BrandKitFactory(workspace=workspace, target_audience="2030 직장인")
    result = run("storyboard", workspace, brand=brand, brief=PLAN.replace("타겟은 2030 직장인이고, ", ""))
    assert result.output["scenes"][0]["text"].startswith("2030 직장인")


def test_every_feature_beat_shows_another_feature_in_the_briefs_order(workspace):
    # 'Leak-proof lid' came twice and 'keeps drinks cold 24 hours' (a verb phrase) never
    result = run("storyboard", workspace, brief=AERO_SHORTS, language="en")

    scenes = result.output["scenes"]
    shown = [scene["text"] for scene in scenes if scene["beat"] == "feature"]
    assert shown == ["Keeps drinks cold 24 hours", "Leak-proof lid", "Fits cup holders"][: len(shown)]
    assert len(shown) >= 3 and len(set(shown)) == len(shown)
    assert "It keeps drinks cold 24 hours." in [scene["voiceover"] for scene in scenes]


def test_a_shorts_brief_is_a_15_second_storyboard_unless_it_says_a_length(workspace):
    assert run("storyboard", workspace, brief=AERO_SHORTS).output["duration"] == 15
    reels = run("storyboard", workspace, brief="무선 이어폰 X1 인스타 릴스 30초 영상. 노이즈 캔슬링, 24시간 배터리")
    assert reels.output["duration"] == 30 and reels.checks["ok"]


def test_a_youtube_video_gets_a_default_length_without_long_still_scenes(workspace):
    # 60 s of 9-second static scenes: a default now lasts what its beats fill at about 4 s each
    result = run("storyboard", workspace, brief=AERO_SHORTS.replace("YouTube Shorts", "A YouTube video"))

    scenes = result.output["scenes"]
    assert result.slots["channel"] == "youtube_thumbnail"
    assert result.output["duration"] <= 30 and result.checks["ok"]
    assert max(scene["duration"] for scene in scenes) <= 4.1, scenes


def test_no_offer_button_without_an_offer(workspace):
    # the Shorts' end card said "Claim offer" for a brief that offered nothing
    for brief in [AERO_SHORTS, PLAN]:
        ctas = run("cta", workspace, brief=brief, tone="urgent").output["ctas"]
        assert not any(word in cta.casefold() for cta in ctas for word in ("offer", "deal", "혜택", "쿠폰")), ctas
    with_offer = run("cta", workspace, brief=AERO_SHORTS + " 20% off this week.").output["ctas"]
    assert any(word in cta.casefold() for cta in with_offer for word in ("offer", "deal")), with_offer


@pytest.mark.parametrize(
    "brief",
    [
        "올해도 '사랑의 연탄 나눔'을 진행합니다. 12월 14일 교회 앞마당 집결, "
        "어르신 120가구에 연탄을 배달해요. 포스터 부탁드립니다",
        "푸른숲재단 '나무 심기 봉사단' 모집합니다! 4월 5일 서울숲에서 함께 나무를 심어요. 인스타 스토리",
        "Communications request: Curbside Compost Pilot Program\nHouseholds get a green bin. Web banner please.",
        "Our winter coat drive runs through Jan 31: every coat goes to a family in need. Instagram post please.",
    ],
)
def test_a_cause_asks_people_to_join_never_to_buy(brief, workspace):
    # a church's coal drive was told "지금 구매하기", a city's compost programme "Shop now"
    ctas = run("cta", workspace, brief=brief).output["ctas"]
    own = {"함께하기", "참여하기", "동참하기", "Join us", "Get involved", "Take part"}
    assert ctas[0] in own, ctas
    shopping = ("구매", "주문", "컬렉션", "shop", "get yours", "order", "collection")
    assert not any(word in cta.casefold() for cta in ctas for word in shopping), ctas


# --- English grammar of the phrase banks -----------------------------------------------------------

ENGLISH_PRODUCTS = [
    ("Trailblazer 2", ["waterproof", "20% lighter", "Vibram sole"], "15% off until Sunday"),
    ("Aqua Bottle", ["Tumbler keeps drinks cold", "280g", "leak-proof lid"], None),
    ("Glow Serum", ["fragrance free", "brightening", "gentle on sensitive skin"], "20% off"),
    ("Nimbus Pillow", ["hypoallergenic", "machine washable", "memory foam core"], None),
    ("FlowDesk", ["syncs calendars", "no credit card needed", "end-to-end encrypted"], "first month free"),
    ("Breeze Fan", ["quiet", "3x faster cooling", "foldable", "5000mAh"], None),
    ("Pico Lamp", ["dimmable", "USB-C charging", "built to last"], None),
]
ENGLISH_BRIEFS = [
    "We just launched 'Trailblazer 2' hiking boots: waterproof, 20% lighter, Vibram sole. 15% off until Sunday.",
    "Aqua Bottle: an insulated tumbler. Features: keeps drinks cold for 24 hours, leak-proof lid, lightweight.",
    "Meet Nimbus Pillow, a hypoallergenic pillow. Features: machine washable, memory foam core, durable.",
]
# where a phrasing wants a noun: "with {feature}", "in {feature}", "Big on {benefit}"…
NOUN_PLACES = r"(?:\bwith|\bin|\bof|\bBig on|\bChoose|\bFeel|\bto enjoy|\bbrings)\s+{}(?=$|[\s,.!?:])|^{}, all in"
DOUBLED = re.compile(r"\b(?:the|a|an|our|your|this)\s+(?:(?:all-)?new\s+)?(?:the|a|an|our|your|my|this)\s", re.I)


def english_lines(output) -> list[str]:
    return [text for text in strings_in(output) if not text.startswith("#") and text not in ("en", "ko")]


def test_english_facts_go_where_they_read(workspace):
    """The bug: "Trailblazer 2, with waterproof", "Big on worry-free in rain and sweat", "Tumbler keeps
    drinks cold, all in Aqua Bottle". A quality, a clause, a bare measure or a verb phrase never
    fills a phrasing's noun slot, for any product, feature or generator."""
    inputs = [
        {"product": product, "features": features, "language": "en", **({"offer": offer} if offer else {})}
        for product, features, offer in ENGLISH_PRODUCTS
    ] + [{"brief": brief, "language": "en"} for brief in ENGLISH_BRIEFS]
    checked = 0
    for data in inputs:
        for name in TEXT:
            result = run(name, workspace, **({**data, "count": 10} if name in ("headline", "hashtag") else data))
            slots = resolve_slots(GENERATORS[name].Input.model_validate(data), BrandProfile())
            facts = [*slots.features, *slots.benefits]
            not_nouns = [fact for fact in facts if english_form(fact) != "noun"]
            for line in english_lines(result.output):
                assert not DOUBLED.search(line), line
                for fact in not_nouns:
                    place = NOUN_PLACES.format(re.escape(fact), re.escape(fact))
                    assert not re.search(place, line, re.I), (name, fact, line)
                checked += 1
    assert checked > 100


def test_a_brief_without_a_product_never_doubles_a_determiner(owner_client):
    """The bug: "Meet the new our new product" from the headline generator with brief "x"."""
    for name in TEXT:
        body = owner_client.post(
            f"/api/v1/generators/{name}/run/",
            {"brief": "x", "language": "en", "count": 10} if name == "headline" else {"brief": "x", "language": "en"},
            format="json",
        ).json()
        for line in english_lines(body["output"]):
            assert not DOUBLED.search(line), (name, line)
            assert "our new product team" not in line and "it's our new product" not in line, (name, line)


KOREAN_NAMED = [
    ("루미 쿠션", ["커버력", "24시간 지속"], "런칭 기념 30% 할인", "beauty"),
    ("모닝 브루", ["콜드브루", "무설탕"], None, "beverage"),
    ("아쿠아 보틀", ["보냉 24시간", "280g"], "20% 할인", None),
]


@pytest.mark.parametrize("name", TEXT)
def test_english_copy_of_a_korean_named_product_keeps_only_the_name_in_hangul(name, workspace):
    """English copy keeps a Korean-only product name as written (a name is not translated or
    romanised: that is the marketer's call), and no other Korean word: Korean features, offers
    and audiences are left out of English lines."""
    for product, features, offer, category in KOREAN_NAMED:
        data = {"product": product, "features": features, "language": "en"}
        data |= {"offer": offer} if offer else {}
        data |= {"category": category} if category else {}
        result = run(name, workspace, **data)
        for line in english_lines(result.output):
            if name == "seo_meta" and line in result.output.get("keywords", []) + [result.output.get("slug")]:
                continue
            hangul = re.findall(r"[가-힣]+", line.replace(product, " "))
            assert not hangul, (line, hangul)


@pytest.mark.parametrize(
    ("name", "items"),
    [
        ("headline", lambda o: o["headlines"]),
        ("slogan", lambda o: o["slogans"]),
        ("cta", lambda o: o["ctas"]),
        ("hashtag", lambda o: o["hashtags"]),
        ("ad_copy", lambda o: [v["headline"] for v in o["variants"]]),
    ],
)
@pytest.mark.parametrize("brief", [PLAN, ENGLISH], ids=["ko", "en"])
def test_lines_to_avoid_are_not_given_again_offline(name, items, brief, workspace):
    """``avoid`` (a chat's "4개 더"): the baseline draws further phrasings instead of the ones given."""
    first = items(run(name, workspace, brief=brief).output)
    again = items(run(name, workspace, brief=brief, avoid=first).output)
    key = lambda line: re.sub(r"\W+", "", line.casefold())  # noqa: E731
    new = [line for line in again if key(line) not in {key(f) for f in first}]
    # a generator with nothing new left may give one old line (its output is never empty), no more
    assert new or len(again) == 1, (first, again)
    assert len(again) - len(new) <= (1 if not new else 0), (first, again)


def test_lines_to_avoid_reach_the_models_prompt(workspace, openai):
    route = openai.route("POST", "/v1/chat/completions").mock(
        return_value=_answer({"language": "ko", "headlines": ["무선 이어폰 X1, 새 헤드라인"], "subheadline": ""})
    )
    run("headline", workspace, brief=PLAN, avoid=["오늘부터 무선 이어폰 X1"])
    prompt = json.loads(route.calls[0].request.content)["messages"][-1]["content"]
    assert "write none of these again" in prompt and "- 오늘부터 무선 이어폰 X1" in prompt


def test_no_phrasing_says_a_word_twice_in_a_row_unless_the_name_does():
    from generators.banks import choose

    bank = ["{product}{|와} 함께하는 {benefit}", "{product}, 오늘 만나요"]
    import random

    lines = choose(bank, {"product": "가을 콘서트", "benefit": "함께하는 즐거움"}, rng=random.Random(1), count=2)
    assert lines == ["가을 콘서트, 오늘 만나요"], lines
    named = choose(["Fly to {product}"], {"product": "Bora Bora"}, rng=random.Random(1), count=1)
    assert named == ["Fly to Bora Bora"]
