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


def test_a_note_in_the_noun_form_keeps_what_it_says():
    # "크림은 동물성 생크림만 씀": the topic, then the claim written as a note (it had become "크림")
    features = brief_parse("'우유 크림빵' 출시! 크림은 동물성 생크림만 씀. 빵은 매일 아침 구워요. 인스타 피드").features
    assert "동물성 생크림만 씀" in features, features
    assert "크림" not in features


@pytest.mark.parametrize(
    "text",
    [
        "'메모리 폼 베개' 핵심은 ① 목 각도 15도 ② 통기 구멍 200개 ③ 커버 세탁 가능, 요 세 개로 밀고 갈게요. 상세페이지",
        "'메모리 폼 베개' 홍보해주세요. ① 목 각도 15도 ② 통기 구멍 200개 ③ 커버 세탁 가능. 상세페이지",
    ],
)
def test_circled_numbers_list_features_and_the_writers_plan_is_none(text):
    features = brief_parse(text).features
    assert features[:3] == ["목 각도 15도", "통기 구멍 200개", "커버 세탁 가능"], features
    assert not any("갈게요" in f or "밀고" in f for f in features)


def test_what_the_writer_must_or_will_do_is_no_feature():
    text = (
        "■ 상호: 바른몸 필라테스\n■ 이번에 밀어야 하는 것: 소도구 필라테스 4주반\n"
        "■ 자랑: 정원 3명 / 매회 자세 분석\n■ 만들 것: 인스타 피드"
    )
    features = brief_parse(text).features
    assert "정원 3명" in features and "매회 자세 분석" in features
    assert not any("밂" in f or "밀어야" in f for f in features), features


def test_a_letters_frame_is_no_feature():
    text = (
        "안녕하세요, 하늘정원 김민수 실장입니다.\n'하늘 루프탑 바베큐' 홍보 부탁드립니다.\n- 한강 뷰 루프탑\n"
        "- 고기 무한 리필\n인스타 피드\n이상입니다.\n김민수 드림"
    )
    assert brief_parse(text).features == ["한강 뷰 루프탑", "고기 무한 리필"]
    features = brief_parse(
        "CREATIVE REQUEST\nProduct: 'Glowbar' LED mask. 10-minute sessions, 3 light modes. Poster"
    ).features
    assert "CREATIVE REQUEST" not in features and "10-minute sessions" in features
    text = "Some background first: we're a payroll platform. Now we launch 'ShiftSync'. Syncs POS schedules. Slides"
    assert "Some background first" not in brief_parse(text).features


@pytest.mark.parametrize(
    ("text", "feature"),
    [
        ("Promote our 'Bolt Bot' robot kit. Ages 6–10, 120 snap-together pieces. Instagram post", "Ages 6–10"),
        (
            "GreenRay home battery: covers ~90% of an avg. 3-bed home's usage, 25-year warranty. Facebook post",
            "covers ~90% of an avg. 3-bed home's usage",
        ),
    ],
)
def test_a_number_range_and_an_abbreviation_do_not_cut_a_feature(text, feature):
    assert feature in brief_parse(text).features
