"""The shared template library, as data. A data migration loads it (by slug, so re-running
updates rather than duplicates); ``services.template_library_sync`` does the writing.

Each skeleton is a SparklioDocument built by the helpers below: ``text``/``image``/``shape``
return an object dict plus the palette tokens it uses, and ``skeleton`` gathers those tokens
into ``metadata.palette`` (see ``Template``). Image slots point at ``library/placeholders/``,
which the renderer draws as a placeholder box until a real asset is given.
"""

from __future__ import annotations

from documents.schema import CHANNEL_PRESETS

# The library's own colours for each token: what a skeleton shows before a brand is applied.
DEFAULT_COLORS = {
    "primary": "#FF5A1F",
    "secondary": "#1F2A44",
    "accent": "#FFC145",
    "background": "#FFFFFF",
    "text": "#111111",
    "on_primary": "#FFFFFF",
    "on_secondary": "#FFFFFF",
    "on_accent": "#111111",
}
FONT = "Noto Sans KR"


def text(oid, role, box, sample, *, size, weight=400, color="text", align="left", valign="top", fill=None):
    x, y, w, h = box
    style = {
        "font_family": FONT,
        "font_size": size,
        "font_weight": weight,
        "color": DEFAULT_COLORS[color],
        "align": align,
        "vertical_align": valign,
        "line_height": 1.25,
        "shrink_to_fit": True,
    }
    palette = {"color": color}
    if fill:
        style["background_color"] = DEFAULT_COLORS[fill]
        palette["background_color"] = fill
    obj = {"id": oid, "type": "text", "role": role, "name": role, "x": x, "y": y, "width": w, "height": h}
    return {**obj, "text": sample, "style": style, "_palette": palette}


def image(oid, role, box, *, fit="cover", radius=0):
    x, y, w, h = box
    return {
        "id": oid,
        "type": "image",
        "role": role,
        "name": role,
        "x": x,
        "y": y,
        "width": w,
        "height": h,
        "src": f"library/placeholders/{role}.png",
        "fit": fit,
        "corner_radius": radius,
    }


def shape(oid, role, box, fill, *, kind="rect", radius=0, opacity=1.0):
    x, y, w, h = box
    obj = {"id": oid, "type": "shape", "role": role, "name": role, "x": x, "y": y, "width": w, "height": h}
    return {
        **obj,
        "shape": kind,
        "fill": DEFAULT_COLORS[fill],
        "corner_radius": radius,
        "opacity": opacity,
        "_palette": {"fill": fill},
    }


def skeleton(channel: str, title: str, objects: list[dict], *, background="background") -> dict:
    preset = CHANNEL_PRESETS[channel]
    palette = {"page-1": {"background": background}}
    cleaned = []
    for z, obj in enumerate(objects):
        tokens = obj.pop("_palette", None)
        if tokens:
            palette[obj["id"]] = tokens
        cleaned.append({**obj, "z_index": z})
    return {
        "schema_version": "2.0",
        "title": title,
        "channel": channel,
        "width": preset.width,
        "height": preset.height,
        "language": "ko",
        "fonts": [{"family": FONT, "weights": [400, 700]}],
        "metadata": {"palette": palette},
        "pages": [{"id": "page-1", "name": title, "background": DEFAULT_COLORS[background], "objects": cleaned}],
    }


def _spec(slug, name, channel, category, tags, objects, *, description="", background="background"):
    return {
        "slug": slug,
        "name": name,
        "description": description,
        "channel": channel,
        "category": category,
        "tags": tags,
        "skeleton": skeleton(channel, name, objects, background=background),
    }


TEMPLATES = [
    # Instagram feed, 1080×1080
    _spec(
        "ig-feed-product-launch",
        "신제품 런칭 (인스타그램 피드)",
        "instagram_feed",
        "product_launch",
        ["신제품", "런칭", "product", "launch"],
        [
            shape("bg-band", "background_shape", (0, 640, 1080, 440), "primary"),
            image("product", "product_image", (240, 150, 600, 560), fit="contain"),
            image("logo", "logo", (60, 50, 200, 80), fit="contain"),
            text(
                "headline",
                "headline",
                (80, 740, 920, 150),
                "새로운 시작, 지금 만나보세요",
                size=72,
                weight=700,
                color="on_primary",
            ),
            text("sub", "subheadline", (80, 900, 700, 70), "더 가볍고 더 강력해진 신제품", size=36, color="on_primary"),
            text(
                "cta",
                "cta_button",
                (780, 960, 240, 70),
                "자세히 보기",
                size=30,
                weight=700,
                color="on_accent",
                align="center",
                valign="middle",
                fill="accent",
            ),
            text("tags", "hashtags", (80, 990, 680, 50), "#신제품 #런칭 #NEW", size=26, color="on_primary"),
        ],
    ),
    _spec(
        "ig-feed-sale",
        "시즌 세일 (인스타그램 피드)",
        "instagram_feed",
        "sale",
        ["세일", "할인", "sale", "discount"],
        [
            shape("badge-bg", "badge", (760, 60, 260, 260), "accent", kind="ellipse"),
            text(
                "discount",
                "discount_badge",
                (780, 130, 220, 120),
                "50%",
                size=84,
                weight=900,
                color="on_accent",
                align="center",
                valign="middle",
            ),
            image("product", "product_image", (80, 260, 620, 520), fit="contain"),
            text("headline", "headline", (80, 60, 660, 180), "시즌 오프 빅 세일", size=88, weight=900, color="primary"),
            text("price", "price", (80, 800, 500, 90), "29,900원", size=64, weight=700),
            text("orig", "original_price", (80, 890, 400, 50), "59,800원", size=32, color="secondary"),
            text(
                "cta",
                "cta_button",
                (700, 850, 300, 90),
                "지금 구매",
                size=36,
                weight=700,
                color="on_primary",
                align="center",
                valign="middle",
                fill="primary",
            ),
            text("tags", "hashtags", (80, 990, 920, 50), "#세일 #할인 #시즌오프", size=26, color="secondary"),
        ],
    ),
    _spec(
        "ig-feed-testimonial",
        "고객 후기 (인스타그램 피드)",
        "instagram_feed",
        "testimonial",
        ["후기", "리뷰", "review", "testimonial"],
        [
            shape("card", "card", (80, 160, 920, 700), "secondary", radius=40),
            text(
                "quote",
                "quote",
                (140, 220, 800, 420),
                "“써본 제품 중 최고예요. 매일 쓰고 있어요!”",
                size=64,
                weight=700,
                color="on_secondary",
                valign="middle",
            ),
            text("caption", "caption", (140, 680, 800, 60), "— 김지은 님, 서울", size=32, color="on_secondary"),
            image("logo", "logo", (440, 920, 200, 80), fit="contain"),
            text("tags", "hashtags", (80, 1010, 920, 50), "#고객후기 #리뷰", size=26, align="center"),
        ],
    ),
    # Instagram portrait, 1080×1350
    _spec(
        "ig-portrait-event",
        "이벤트 안내 (인스타그램 세로)",
        "instagram_portrait",
        "event",
        ["이벤트", "행사", "event"],
        [
            image("photo", "lifestyle_image", (0, 0, 1080, 700)),
            shape("overlay", "overlay", (0, 0, 1080, 700), "secondary", opacity=0.35),
            text(
                "date", "date", (80, 760, 920, 60), "2025. 10. 18 (토) 오후 2시", size=36, weight=700, color="primary"
            ),
            text("headline", "headline", (80, 840, 920, 200), "가을 팝업 스토어에 초대합니다", size=76, weight=900),
            text("body", "body", (80, 1050, 920, 120), "성수동 쇼룸에서 신상품을 가장 먼저 만나보세요.", size=34),
            text(
                "cta",
                "cta_button",
                (80, 1200, 360, 90),
                "참가 신청",
                size=36,
                weight=700,
                color="on_primary",
                align="center",
                valign="middle",
                fill="primary",
            ),
            image("logo", "logo", (820, 1210, 180, 70), fit="contain"),
        ],
    ),
    _spec(
        "ig-portrait-brand",
        "브랜드 스토리 (인스타그램 세로)",
        "instagram_portrait",
        "brand_awareness",
        ["브랜드", "스토리", "brand", "story"],
        [
            image("logo", "logo", (80, 80, 240, 100), fit="contain"),
            text(
                "slogan", "slogan", (80, 260, 920, 320), "일상을 조금 더 특별하게", size=96, weight=900, color="primary"
            ),
            text("body", "body", (80, 620, 920, 260), "우리는 매일 쓰는 물건에서 작은 기쁨을 찾습니다.", size=40),
            image("photo", "lifestyle_image", (80, 920, 920, 330), radius=24),
            text("tags", "hashtags", (80, 1270, 920, 50), "#브랜드스토리 #일상", size=26, color="secondary"),
        ],
    ),
    # Instagram story, 1080×1920
    _spec(
        "ig-story-flash-sale",
        "타임 세일 (인스타그램 스토리)",
        "instagram_story",
        "sale",
        ["타임세일", "세일", "sale", "flash"],
        [
            image("product", "product_image", (140, 420, 800, 800), fit="contain"),
            text(
                "headline",
                "headline",
                (80, 160, 920, 220),
                "오늘 단 하루 타임 세일",
                size=96,
                weight=900,
                color="on_primary",
                align="center",
                fill="primary",
            ),
            text(
                "discount",
                "discount_badge",
                (340, 1260, 400, 160),
                "최대 70%",
                size=96,
                weight=900,
                color="primary",
                align="center",
                valign="middle",
            ),
            text("price", "price", (140, 1440, 800, 100), "19,900원부터", size=64, weight=700, align="center"),
            text(
                "cta",
                "cta_button",
                (240, 1640, 600, 120),
                "위로 밀어서 쇼핑하기",
                size=44,
                weight=700,
                color="on_accent",
                align="center",
                valign="middle",
                fill="accent",
            ),
        ],
    ),
    _spec(
        "ig-story-announcement",
        "공지 (인스타그램 스토리)",
        "instagram_story",
        "announcement",
        ["공지", "안내", "notice", "announcement"],
        [
            shape("header", "header", (0, 0, 1080, 360), "primary"),
            image("logo", "logo", (390, 120, 300, 120), fit="contain"),
            text(
                "headline",
                "headline",
                (80, 520, 920, 360),
                "배송 일정 변경 안내",
                size=104,
                weight=900,
                align="center",
                valign="middle",
            ),
            text(
                "body",
                "body",
                (120, 920, 840, 600),
                "추석 연휴 기간 동안 배송이 잠시 중단됩니다. 양해 부탁드립니다.",
                size=44,
                align="center",
            ),
            text(
                "contact",
                "contact",
                (120, 1660, 840, 80),
                "고객센터 1588-0000",
                size=36,
                color="secondary",
                align="center",
            ),
        ],
    ),
    # Facebook feed, 1200×630
    _spec(
        "fb-feed-product-launch",
        "신제품 소개 (페이스북 피드)",
        "facebook_feed",
        "product_launch",
        ["신제품", "product", "launch"],
        [
            image("product", "product_image", (660, 40, 500, 550), fit="contain"),
            text("headline", "headline", (60, 90, 560, 220), "더 똑똑해진 신제품 출시", size=64, weight=900),
            text(
                "sub", "subheadline", (60, 320, 560, 110), "지금 구매하면 사은품을 드려요", size=32, color="secondary"
            ),
            text(
                "cta",
                "cta_button",
                (60, 470, 280, 80),
                "구매하기",
                size=32,
                weight=700,
                color="on_primary",
                align="center",
                valign="middle",
                fill="primary",
            ),
            image("logo", "logo", (60, 20, 160, 60), fit="contain"),
        ],
    ),
    _spec(
        "fb-feed-event",
        "행사 안내 (페이스북 피드)",
        "facebook_feed",
        "event",
        ["이벤트", "행사", "event", "webinar"],
        [
            shape("side", "background_shape", (0, 0, 460, 630), "primary"),
            text(
                "date",
                "date",
                (40, 220, 380, 200),
                "11월\n22일",
                size=80,
                weight=900,
                color="on_primary",
                align="center",
                valign="middle",
            ),
            text("headline", "headline", (510, 100, 640, 220), "마케팅 자동화 웨비나", size=64, weight=900),
            text("body", "body", (510, 340, 640, 130), "실무자가 알려주는 AI 마케팅 워크플로", size=30),
            text("cta", "cta", (510, 510, 640, 60), "지금 무료로 신청하세요 →", size=30, weight=700, color="primary"),
        ],
    ),
    # YouTube thumbnail, 1280×720
    _spec(
        "yt-thumbnail-announcement",
        "영상 썸네일 (유튜브)",
        "youtube_thumbnail",
        "announcement",
        ["유튜브", "썸네일", "youtube", "video"],
        [
            image("photo", "model_photo", (700, 0, 580, 720)),
            text("headline", "headline", (50, 80, 680, 400), "이거 하나로 끝!", size=120, weight=900, valign="middle"),
            text(
                "sub",
                "subheadline",
                (50, 520, 640, 120),
                "초보도 10분이면 충분",
                size=52,
                weight=700,
                color="on_accent",
                fill="accent",
            ),
            image("logo", "logo", (1100, 600, 160, 100), fit="contain"),
        ],
        background="background",
    ),
    # Naver blog, 966×1280
    _spec(
        "naver-blog-review",
        "제품 리뷰 (네이버 블로그)",
        "naver_blog",
        "testimonial",
        ["블로그", "리뷰", "naver", "review"],
        [
            text("headline", "headline", (60, 60, 846, 200), "한 달 써보고 쓰는 솔직 후기", size=64, weight=900),
            image("product", "product_image", (60, 300, 846, 560), radius=16),
            text("body", "body", (60, 900, 846, 240), "매일 아침 사용해 보니 확실히 달라진 점이 있었어요.", size=34),
            text("tags", "hashtags", (60, 1170, 846, 60), "#내돈내산 #솔직후기", size=28, color="secondary"),
        ],
    ),
    # Kakao feed, 800×800
    _spec(
        "kakao-feed-coupon",
        "쿠폰 이벤트 (카카오 피드)",
        "kakao_feed",
        "sale",
        ["쿠폰", "세일", "kakao", "coupon"],
        [
            shape("card", "card", (60, 60, 680, 680), "primary", radius=32),
            text(
                "headline",
                "headline",
                (100, 110, 600, 160),
                "카카오 친구 전용 쿠폰",
                size=56,
                weight=900,
                color="on_primary",
                align="center",
            ),
            text(
                "discount",
                "discount_badge",
                (100, 290, 600, 180),
                "5,000원 할인",
                size=80,
                weight=900,
                color="on_primary",
                align="center",
                valign="middle",
            ),
            text(
                "disclaimer",
                "disclaimer",
                (100, 500, 600, 60),
                "3만원 이상 구매 시 · 10월 31일까지",
                size=24,
                color="on_primary",
                align="center",
            ),
            text(
                "cta",
                "cta_button",
                (220, 600, 360, 90),
                "쿠폰 받기",
                size=36,
                weight=700,
                color="on_accent",
                align="center",
                valign="middle",
                fill="accent",
            ),
        ],
    ),
    _spec(
        "kakao-feed-notice",
        "새 소식 (카카오 피드)",
        "kakao_feed",
        "announcement",
        ["소식", "공지", "kakao", "news"],
        [
            image("logo", "logo", (300, 60, 200, 80), fit="contain"),
            text(
                "headline",
                "headline",
                (60, 180, 680, 200),
                "매장 오픈 소식을 전해드려요",
                size=60,
                weight=900,
                align="center",
                valign="middle",
            ),
            image("photo", "lifestyle_image", (60, 400, 680, 260), radius=16),
            text("url", "url", (60, 690, 680, 50), "sparklio.shop", size=28, color="primary", align="center"),
        ],
    ),
    # Product detail page, 860×4000
    _spec(
        "product-detail-launch",
        "상세페이지 (신제품)",
        "product_detail",
        "product_launch",
        ["상세페이지", "신제품", "detail", "product"],
        [
            text(
                "name",
                "product_name",
                (60, 80, 740, 80),
                "스파클 무선 청소기",
                size=40,
                weight=700,
                color="primary",
                align="center",
            ),
            text(
                "headline",
                "headline",
                (60, 180, 740, 260),
                "가볍게, 구석구석 깨끗하게",
                size=72,
                weight=900,
                align="center",
            ),
            image("product", "product_image", (60, 480, 740, 900), fit="contain"),
            shape("band", "background_shape", (0, 1440, 860, 1100), "secondary"),
            text(
                "f1",
                "feature_bullet",
                (80, 1520, 700, 300),
                "1.2kg 초경량 바디",
                size=48,
                weight=700,
                color="on_secondary",
            ),
            text(
                "body",
                "body",
                (80, 1860, 700, 560),
                "하루 종일 들고 있어도 손목이 편안합니다.",
                size=36,
                color="on_secondary",
            ),
            image("lifestyle", "lifestyle_image", (60, 2600, 740, 800)),
            text("price", "price", (60, 3480, 740, 120), "249,000원", size=72, weight=900, align="center"),
            text(
                "cta",
                "cta_button",
                (180, 3660, 500, 110),
                "지금 구매하기",
                size=44,
                weight=700,
                color="on_primary",
                align="center",
                valign="middle",
                fill="primary",
            ),
            text(
                "legal",
                "legal",
                (60, 3860, 740, 80),
                "제품 사양은 개선을 위해 예고 없이 변경될 수 있습니다.",
                size=22,
                color="secondary",
                align="center",
            ),
        ],
    ),
]
