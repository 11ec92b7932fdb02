"""Brief shapes that a twelfth unseen set read wrong, each tested with wording of our own."""

import pytest

from sparklio.language.brief import brief_parse


@pytest.mark.parametrize(
    ("text", "channels"),
    [
        # a printed banner hung on a wall or a fence is a banner
        ("세탁소 오픈 안내 현수막 하나랑 카톡 공지 부탁해요", ["web_banner", "kakao_feed"]),
        ("전단지랑 현수막 둘 다 필요해요 학교 앞에 걸 거예요", ["poster", "web_banner"]),
        # a deck for a talk or a meeting is a presentation
        ("거래처 미팅용 덱 하나 만들어 주세요 신제품 소개예요", ["presentation"]),
        ("컨퍼런스 발표용 덱이랑 인스타 피드 부탁드려요", ["presentation", "instagram_feed"]),
    ],
)
def test_a_printed_banner_and_a_talks_deck_are_channels(text, channels):
    assert brief_parse(text).channels == channels
