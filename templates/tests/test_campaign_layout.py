"""Beside the product picture, a short column of texts (one feature, no price) is spread and centred
against the picture, not split into a top and a bottom block with an empty band between them."""

import pytest

from documents.schema import CHANNEL_PRESETS
from templates.campaign import MARGIN, SAMPLE, compose

ONE_FEATURE = {
    "headline": "출시 기념 20% 할인! 아쿠아 보틀",
    "feature_bullet": "• 무게 280g",
    "discount_badge": "출시 기념 20% 할인",
    "cta_button": "혜택 받기",
}
SIDE_BY_SIDE = ["instagram_feed", "kakao_feed", "facebook_feed", "youtube_thumbnail", "presentation"]


def column(channel: str, texts: dict[str, str]) -> tuple[list[dict], dict]:
    content = compose(channel, texts, logo=False, picture=True, language="ko")
    objects = content["pages"][0]["objects"]
    texts_ = sorted((o for o in objects if o["role"] in texts), key=lambda o: o["y"])
    picture = next(o for o in objects if o["role"] == "product_image")
    return texts_, picture


@pytest.mark.parametrize("channel", SIDE_BY_SIDE)
def test_a_short_column_beside_the_picture_leaves_no_empty_band(channel):
    preset = CHANNEL_PRESETS[channel]
    scale = min(preset.width, preset.height) / 1080
    boxes, picture = column(channel, ONE_FEATURE)

    gaps = [b["y"] - (a["y"] + a["height"]) for a, b in zip(boxes, boxes[1:], strict=False)]
    # the band was 380 px on a 1080 page; the gaps now grow to three times the usual 26 px at most
    assert max(gaps) <= 3 * 26 * scale + 2 and min(gaps) == pytest.approx(max(gaps), abs=2)
    top, bottom = boxes[0]["y"], boxes[-1]["y"] + boxes[-1]["height"]
    assert abs((top + bottom) / 2 - (picture["y"] + picture["height"] / 2)) <= 0.02 * preset.height
    assert top >= preset.height * MARGIN - 1 and bottom <= preset.height * (1 - MARGIN) + 1


@pytest.mark.parametrize("channel", SIDE_BY_SIDE)
def test_a_full_column_still_runs_from_margin_to_margin_in_order(channel):
    preset = CHANNEL_PRESETS[channel]
    boxes, _ = column(channel, SAMPLE["ko"])

    # a thumbnail has no button: its offer closes the column
    assert [b["role"] for b in boxes][-1] == ("discount_badge" if channel == "youtube_thumbnail" else "cta_button")
    assert all(a["y"] + a["height"] <= b["y"] for a, b in zip(boxes, boxes[1:], strict=False))
    assert boxes[0]["y"] >= preset.height * MARGIN - 1
    assert boxes[-1]["y"] + boxes[-1]["height"] <= preset.height * (1 - MARGIN) + 1


THUMBNAIL = {
    "ko": {
        "product_name": "엄마손 반찬",
        "headline": "매일 손이 가는 엄마손 반찬",
        "feature_bullet": "• 정기배송 시작\n• 매주 국 1개 반찬 4가지\n• 당일 조리 당일 배송",
        "body": "매주 국 1개와 반찬 4가지를 당일 조리해 보내 드려요.",
        "subheadline": "당일 조리 당일 배송",
        "discount_badge": "첫 주문 만원 할인 쿠폰",
        "price": "29,000원",
    },
    "en": {
        "product_name": "Forest Walk",
        "headline": "Say hello to Forest Walk",
        "feature_bullet": "• Cedar scent\n• 50-hour burn time\n• Hand-poured in Vermont",
        "body": "Hand-poured in Vermont, with a 50-hour burn.",
        "subheadline": "Cedar scent, every single day",
        "discount_badge": "Buy 2 get 1 free this weekend",
        "price": "$18",
    },
}


@pytest.mark.parametrize("language", ["ko", "en"])
@pytest.mark.parametrize("picture", [False, True])
def test_a_thumbnail_is_a_few_huge_words(language, picture):
    content = compose("youtube_thumbnail", THUMBNAIL[language], logo=False, picture=picture, language=language)
    texts = {o["role"]: o for o in content["pages"][0]["objects"] if o["type"] == "text"}
    # no list, body or subheadline to squint at; the offer is the hook, so no price beside it
    assert set(texts) == {"product_name", "headline", "discount_badge"}
    assert content["metadata"]["campaign"]["roles"] == ["product_name", "headline", "discount_badge"]
    height = CHANNEL_PRESETS["youtube_thumbnail"].height
    assert texts["headline"]["style"]["font_size"] >= 0.12 * height  # ~90 px on 720, was ~52
    assert texts["discount_badge"]["style"]["font_size"] >= 0.055 * height
    assert min(o["style"]["font_size"] for o in texts.values()) >= 0.05 * height  # nothing small (bullets were 23 px)


def test_a_thumbnail_without_an_offer_shows_the_price_as_its_hook():
    texts = {key: value for key, value in THUMBNAIL["en"].items() if key != "discount_badge"}
    content = compose("youtube_thumbnail", texts, logo=False, picture=False, language="en")
    assert content["metadata"]["campaign"]["roles"] == ["product_name", "headline", "price"]


@pytest.mark.parametrize("language", ["ko", "en"])
def test_a_thumbnail_with_neither_offer_nor_price_keeps_its_subheadline_as_the_hook(language):
    texts = {k: v for k, v in THUMBNAIL[language].items() if k not in ("discount_badge", "price")}
    content = compose("youtube_thumbnail", texts, logo=False, picture=False, language=language)
    shown = {o["role"]: o for o in content["pages"][0]["objects"] if o["type"] == "text"}
    assert content["metadata"]["campaign"]["roles"] == ["product_name", "headline", "subheadline"]
    assert shown["subheadline"]["text"] == texts["subheadline"]
    assert shown["subheadline"]["style"]["font_size"] >= 0.045 * CHANNEL_PRESETS["youtube_thumbnail"].height


@pytest.mark.parametrize(
    ("language", "offer"),
    [
        ("en", "Free Saturday morning swim, $35 early bird if purchased by May 31 · June 14"),
        ("ko", "신규 발급 후 10만원 이상 사용 시 3만원 캐시백 (10/31까지), 연회비 평생 면제"),
    ],
)
def test_a_long_offer_on_a_banner_takes_its_own_line_instead_of_shrinking_every_word(language, offer):
    # the offer beside the price and the button shrank the whole banner to 8 px type (measured on pixels)
    from documents.render.integrity import inspect_layout
    from documents.schema import SparklioDocument

    texts = {
        "product_name": "Summer Splash Pass" if language == "en" else "데일리핏 체크카드",
        "headline": "A summer of swimming" if language == "en" else "매일 쓰는 만큼 돌려받는 카드",
        "discount_badge": offer,
        "price": "$45 per family" if language == "en" else "연회비 0원",
        "cta_button": "Get a pass" if language == "en" else "발급받기",
    }
    content = compose("web_banner", texts, logo=True, picture=True, language=language)
    report = inspect_layout(SparklioDocument.model_validate(content))
    assert report.ok, [(d.rule, d.object_ids) for d in report.defects]
    if language == "en":  # too long to wrap beside them: the offer sits above the price and the button
        objects = {o["role"]: o for o in content["pages"][0]["objects"] if o["role"] in texts}
        badge, price = objects["discount_badge"], objects["price"]
        assert badge["y"] + badge["height"] <= price["y"] + 1
