"""Brief shapes a blind set (16) showed the reader getting wrong in general, tested on briefs of our own."""

import pytest

from sparklio.language.brief.extract import brief_parse


@pytest.mark.parametrize(
    ("text", "feature"),
    [
        # a verb joined by 아/어 to the next is one action: "갈아 넣었고" was cut to "갊"
        (
            "이번 신메뉴 '쑥 인절미 크림빵' 나왔어요! 강화도 쑥 직접 갈아 넣었고 고물 듬뿍 올렸어요. 인스타 피드",
            "강화도 쑥 직접 갈아 넣음",
        ),
        (
            "수제 육포 '한우포' 출시! 한우 홍두깨살을 얇게 썰어 말렸고 첨가물 없이 양념해요. 인스타 피드",
            "한우 홍두깨살을 얇게 썰어 말림",
        ),
    ],
)
def test_a_serial_verb_stays_whole_in_the_feature(text, feature):
    features = brief_parse(text).features
    assert feature in features, features
    assert not any(f.endswith(("갊", "썲")) for f in features)


def test_a_connective_before_another_clause_still_splits():
    features = brief_parse(
        "'새벽빵' 홍보: 천연발효종을 써서 속이 촉촉하고, 매일 아침 7시에 구워요. 인스타 피드"
    ).features
    assert len(features) >= 2, features
