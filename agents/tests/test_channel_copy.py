"""A deck's cover and a video's thumbnail carry no shopping button: the workflow writes no call
to action for a thumbnail and the layout leaves no empty pill; a deck asks for the next step on
its closing slide only, in words that invite a conversation; the cover's subtitle is the brief's
own."""

import pytest

from brands.tests.factories import BrandColorFactory, BrandKitFactory

pytestmark = pytest.mark.django_db(transaction=True)

SHOPPING = ("구매", "만나보기", "시작하기", "shop", "get yours", "buy")


@pytest.fixture
def brand(workspace):
    kit = BrandKitFactory(workspace=workspace, name="Greenroof")
    BrandColorFactory(brand=kit, role="primary", hex="#1F4D3A")
    return kit


def run(owner_client, brand, brief, channel):
    started = owner_client.post(
        "/api/v1/workflows/", {"brief": brief, "brand": brand.pk, "channel": channel}, format="json"
    )
    assert started.status_code == 202, started.json()
    body = owner_client.get(f"/api/v1/workflows/{started.json()['id']}/").json()
    assert body["status"] == "succeeded", body["error"]
    return body


@pytest.mark.parametrize(
    ("brief", "channel"),
    [
        (
            "투자자용 회사소개서 발표자료 표지 슬라이드 부탁드립니다. 회사는 그린루프 에너지이고, 건물 옥상 태양광 "
            "구독 서비스를 합니다. 초기 설치비 0원, 월 구독료로 전기요금 최대 30% 절감.",
            "presentation",
        ),
        ("Company deck cover for Northwind Robotics: warehouse picking robots, 99.8% pick accuracy", "presentation"),
        (
            "유튜브 썸네일 만들어줘. 캠핑 용품 브랜드 '솔트캠프' 신제품 원터치 텐트 리뷰 영상이야. 설치 30초, 4인용",
            "youtube_thumbnail",
        ),
        ("YouTube thumbnail for our Glow Serum review video, 20% off this week", "youtube_thumbnail"),
    ],
)
def test_a_cover_or_a_thumbnail_has_no_button(owner_client, brand, brief, channel):
    body = run(owner_client, brand, brief, channel)
    copy = body["outputs"].get("optimizer", {}).get("copy") or body["outputs"]["copywriter"]["copy"]
    document = body["document"]
    pages = document["content"]["pages"]
    assert not [o for o in pages[0]["objects"] if o.get("role") == "cta_button"]  # no pill, filled or empty
    if channel == "presentation":
        # the closing slide, and only it, asks for the next step
        buttons = [(n, o["text"]) for n, page in enumerate(pages) for o in page["objects"] if o["role"] == "cta_button"]
        assert buttons == [(len(pages) - 1, copy["cta"])] and copy["cta"]
    else:
        assert copy["cta"] == "" and len(pages) == 1
    objects = [o for page in pages for o in page["objects"]]
    texts = " ".join(o.get("text") or "" for o in objects if o.get("type") == "text").casefold()
    assert not any(word in texts for word in SHOPPING), texts
    assert not any(f["rule"] == "cta" for f in body["outputs"]["reviewer"]["findings"])
    if channel == "presentation":
        # the subtitle says what the brief says, not a slogan ("든든한 내일, 이제 매일 누리세요")
        subtitle = copy["subheadline"]
        assert subtitle and all(part in brief for part in subtitle.split(" · ")), subtitle
    rendered = owner_client.get(document["render_url"])
    assert rendered.status_code == 200 and rendered["Content-Type"] == "image/png"


def test_a_feed_post_keeps_its_button(owner_client, brand):
    body = run(owner_client, brand, "Instagram post for Glow Serum, 20% off this week", "instagram_feed")
    objects = [o for page in body["document"]["content"]["pages"] for o in page["objects"]]
    assert [o for o in objects if o.get("role") == "cta_button" and o.get("text")]
