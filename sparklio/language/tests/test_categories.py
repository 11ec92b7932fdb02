"""The product's category decides which phrases the offline copy may use: a taco truck is food,
not a car, and a bread with cream in its name is no cosmetic."""

import pytest

from sparklio.language.brief import brief_parse


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # the dish or the kind of food business is the head, whatever word stands before it
        ("food truck flyer for Mama Lu's: pork belly bao, kimchi fries", "food"),
        ("taco truck IG post: birria tacos, handmade tortillas, everything under $12", "food"),
        ("Ice cream truck Scoops: 12 flavors, oat milk options. poster please", "food"),
        ("우유 생크림 식빵 카톡 채널 공지. 매일 아침 9시 출고", "food"),
        ("말차 크림 크루아상 신메뉴 인스타 피드", "food"),
        ("our new pistachio gelato — IG story", "food"),
        # and where the head is a cosmetic or a vehicle, it still is
        ("수분 크림 '아쿠아밤' 상세페이지. 히알루론산 5종", "beauty"),
        ("night cream 'Velvet Hour' launch, retinol 0.3%, landing page", "beauty"),
        ("pickup truck detailing at Shine Auto: ceramic coat, 3-year protection", "auto"),
    ],
)
def test_the_head_of_the_product_decides_its_category(text, category):
    assert brief_parse(text).category == category
