"""Source designs for the channel adapter's tests: a square Korean ad with a full-page colour
band and a grouped button, a Korean story with a product photo and a logo, an English
landscape thumbnail with hashtags and fine print, and an English portrait with a wide photo."""

from __future__ import annotations

import io

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw

from documents.tests.test_api import ad


def photo(workspace_id: int, name: str, size: tuple[int, int], colour: tuple[int, int, int]) -> str:
    """A picture with a visible subject, stored where the workspace's documents may show it."""
    image = Image.new("RGB", size, (236, 236, 232))
    draw = ImageDraw.Draw(image)
    w, h = size
    draw.ellipse((w * 0.2, h * 0.15, w * 0.8, h * 0.85), fill=colour)
    draw.rectangle((w * 0.45, h * 0.05, w * 0.55, h * 0.95), fill=(40, 40, 40))
    out = io.BytesIO()
    image.save(out, "PNG")
    return default_storage.save(f"uploads/{workspace_id}/adapt/{name}.png", ContentFile(out.getvalue()))


def _text(oid, role, box, value, *, size, weight=400, color="#111111", **style):
    x, y, w, h = box
    return {
        "id": oid,
        "type": "text",
        "role": role,
        "x": x,
        "y": y,
        "width": w,
        "height": h,
        "text": value,
        "style": {"font_size": size, "font_weight": weight, "color": color, **style},
    }


def _image(oid, role, box, src, fit="contain"):
    x, y, w, h = box
    return {"id": oid, "type": "image", "role": role, "x": x, "y": y, "width": w, "height": h, "src": src, "fit": fit}


def square_korean() -> dict:
    """The documents app's sample ad: a dark full-page band, a white headline, a grouped button."""
    return ad()


def story_korean(workspace_id: int) -> dict:
    product = photo(workspace_id, "earbuds", (800, 800), (255, 90, 31))
    logo = photo(workspace_id, "logo", (400, 160), (31, 42, 68))
    return {
        "schema_version": "2.0",
        "title": "X1 스토리",
        "channel": "instagram_story",
        "width": 1080,
        "height": 1920,
        "language": "ko",
        "pages": [
            {
                "id": "p1",
                "background": "#FFF7EE",
                "objects": [
                    _image("logo", "logo", (80, 260, 220, 70), logo),
                    _text(
                        "name",
                        "product_name",
                        (80, 360, 900, 50),
                        "무선 이어폰 X1",
                        size=40,
                        weight=700,
                        color="#FF5A1F",
                    ),
                    _text(
                        "head", "headline", (80, 420, 920, 260), "출근길 소음은 끄고, 음악은 켜고", size=84, weight=900
                    ),
                    _image("prod", "product_image", (140, 700, 800, 620), product),
                    _text(
                        "feat",
                        "feature_bullet",
                        (80, 1340, 920, 150),
                        "• 노이즈 캔슬링\n• 24시간 배터리",
                        size=40,
                        line_height=1.4,
                    ),
                    _text(
                        "badge",
                        "discount_badge",
                        (80, 1510, 360, 70),
                        "런칭 30% 할인",
                        size=36,
                        weight=700,
                        color="#111111",
                        background_color="#FFC145",
                        align="center",
                        vertical_align="middle",
                    ),
                    _text("price", "price", (480, 1505, 400, 80), "89,000원", size=56, weight=800),
                    _text(
                        "cta",
                        "cta_button",
                        (80, 1600, 420, 80),
                        "지금 구매하기",
                        size=36,
                        weight=700,
                        color="#FFFFFF",
                        background_color="#FF5A1F",
                        align="center",
                        vertical_align="middle",
                    ),
                ],
            }
        ],
    }


def landscape_english(workspace_id: int) -> dict:
    product = photo(workspace_id, "bottle", (600, 900), (46, 139, 87))
    return {
        "schema_version": "2.0",
        "title": "Hydro bottle",
        "channel": "youtube_thumbnail",
        "width": 1280,
        "height": 720,
        "language": "en",
        "pages": [
            {
                "id": "p1",
                "background": "#0E1A2B",
                "objects": [
                    _text(
                        "head",
                        "headline",
                        (80, 80, 700, 220),
                        "Cold for 24 hours, hot for 12",
                        size=72,
                        weight=700,
                        color="#FFFFFF",
                    ),
                    _text(
                        "sub",
                        "subheadline",
                        (80, 310, 700, 60),
                        "The steel bottle for long days out",
                        size=34,
                        color="#C9D6E8",
                    ),
                    _text("tags", "hashtags", (80, 390, 700, 40), "#hydration #outdoors", size=26, color="#7FB3FF"),
                    _image("prod", "product_image", (860, 60, 340, 600), product),
                    _text(
                        "cta",
                        "cta",
                        (80, 520, 320, 80),
                        "Shop now",
                        size=36,
                        weight=700,
                        color="#0E1A2B",
                        background_color="#7FB3FF",
                        align="center",
                        vertical_align="middle",
                    ),
                    _text(
                        "legal",
                        "disclaimer",
                        (80, 630, 700, 30),
                        "Free shipping in the US only",
                        size=20,
                        color="#C9D6E8",
                    ),
                ],
            }
        ],
    }


def portrait_english_photo(workspace_id: int) -> dict:
    """A lifestyle photo (wide) and a long body text: the photo may be cropped, never stretched."""
    scene = photo(workspace_id, "scene", (1600, 900), (120, 160, 220))
    return {
        "schema_version": "2.0",
        "title": "Spring run",
        "channel": "instagram_portrait",
        "width": 1080,
        "height": 1350,
        "language": "en",
        "pages": [
            {
                "id": "p1",
                "background": "#FFFFFF",
                "objects": [
                    _image("scene", "lifestyle_image", (0, 0, 1080, 600), scene, fit="cover"),
                    _text("head", "headline", (80, 640, 920, 160), "Run further this spring", size=80, weight=800),
                    _text(
                        "body",
                        "body",
                        (80, 820, 920, 200),
                        "Light shoes with a soft landing and a grip that holds on wet paths. "
                        "Made for the first warm mornings of the year.",
                        size=32,
                    ),
                    _text("price", "price", (80, 1060, 300, 70), "$89", size=56, weight=800),
                    _text(
                        "cta",
                        "cta_button",
                        (600, 1060, 400, 90),
                        "Find your pair",
                        size=36,
                        weight=700,
                        color="#FFFFFF",
                        background_color="#1F2A44",
                        align="center",
                        vertical_align="middle",
                    ),
                    _text("qr", "qr_code", (900, 1200, 100, 40), "QR", size=20),
                ],
            }
        ],
    }


def square_english_backdrop(workspace_id: int) -> dict:
    """White type on a full-page photo: the photo becomes the page's background, cropped to fill it."""
    backdrop = photo(workspace_id, "backdrop", (1200, 1200), (20, 30, 60))
    return {
        "schema_version": "2.0",
        "title": "Night sale",
        "channel": "kakao_feed",
        "width": 800,
        "height": 800,
        "language": "en",
        "pages": [
            {
                "id": "p1",
                "background": "#FFFFFF",
                "objects": [
                    _image("bg", "background_image", (0, 0, 800, 800), backdrop, fit="cover"),
                    _text(
                        "head",
                        "headline",
                        (60, 80, 680, 180),
                        "Night sale, 40% off",
                        size=64,
                        weight=800,
                        color="#FFFFFF",
                    ),
                    _text("date", "date", (60, 280, 680, 40), "Friday 8 pm to midnight", size=28, color="#FFFFFF"),
                    _text(
                        "cta",
                        "cta_button",
                        (60, 660, 300, 70),
                        "Shop the sale",
                        size=30,
                        weight=700,
                        color="#111111",
                        background_color="#FFC145",
                        align="center",
                        vertical_align="middle",
                    ),
                ],
            }
        ],
    }


def campaign_korean() -> dict:
    """A campaign workflow's design (the library's feed layout with its sample copy): the
    adapter's most common source."""
    from templates.campaign import SAMPLE, compose

    return compose("instagram_feed", SAMPLE["ko"], logo=True, picture=True, language="ko")
