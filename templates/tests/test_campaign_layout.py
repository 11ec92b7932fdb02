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

    assert [b["role"] for b in boxes][-1] == "cta_button"
    assert all(a["y"] + a["height"] <= b["y"] for a, b in zip(boxes, boxes[1:], strict=False))
    assert boxes[0]["y"] >= preset.height * MARGIN - 1
    assert boxes[-1]["y"] + boxes[-1]["height"] <= preset.height * (1 - MARGIN) + 1
