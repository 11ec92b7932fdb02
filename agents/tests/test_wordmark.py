"""A brand without a logo is named on its designs: its name as a small wordmark where the logo goes."""

import pytest

from agents.steps import wordmark_in_place_of_logo
from templates.campaign import compose

TEXTS = {"headline": "오늘부터 닭가슴살 져키", "feature_bullet": "• 국내산 닭가슴살", "cta_button": "자세히 보기"}


@pytest.mark.parametrize("channel", ["instagram_feed", "instagram_story", "youtube_thumbnail", "web_banner", "poster"])
def test_the_logo_slot_becomes_the_brands_name(channel):
    skeleton = compose(channel, TEXTS, logo=True, picture=True, language="ko")
    assert wordmark_in_place_of_logo(skeleton, "멍냥상회")
    objects = skeleton["pages"][0]["objects"]
    assert not any(o.get("role") == "logo" for o in objects)
    mark = next(o for o in objects if o.get("role") == "brand_name")
    headline = next(o for o in objects if o.get("role") == "headline")
    assert mark["text"] == "멍냥상회" and mark["style"]["font_size"] < headline["style"]["font_size"] / 1.5
    assert mark["y"] + mark["height"] <= headline["y"] + 1


def test_a_layout_without_a_logo_slot_is_left_alone():
    skeleton = compose("instagram_feed", TEXTS, logo=False, picture=True, language="ko")
    assert not wordmark_in_place_of_logo(skeleton, "멍냥상회")
