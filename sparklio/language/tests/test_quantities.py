"""Quantities with what they measure: the reviewer compares the copy's against the knowledge
base's only when both measure the same thing in the same family of units."""

import pytest

from sparklio.language.quantities import quantities


def one(text):
    found = quantities(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "written", "family", "value"),
    [
        ("배터리: 최대 30시간 재생", "30시간", "duration", 30 * 3600),
        ("Up to 30 hours of battery life", "30 hours", "duration", 30 * 3600),
        ("가격은 129,000원입니다.", "129,000원", "won", 129_000),
        ("특별가 12만원", "12만원", "won", 120_000),
        ("Price: $1,299.00", "$1,299.00", "dollar", 1299),
        ("무게 5.2g", "5.2g", "mass", 5.2),
        ("A 500mAh charging case", "500mAh", "charge", 500),
    ],
)
def test_a_quantity_is_read_with_its_family_and_value(text, written, family, value):
    quantity = one(text)
    assert (quantity.text, quantity.family) == (written, family)
    assert quantity.value == pytest.approx(value)
    assert text[quantity.start : quantity.end] == written


def test_korean_and_english_statements_of_one_measure_meet_and_others_do_not():
    korean = one("배터리 20시간")
    english = one("Battery life: up to 30 hours")
    charge = quantities("배터리 30시간, 10분 충전으로 2시간")[1]
    assert korean.same_measure(english) and not korean.same_value(english)
    assert charge.text == "10분" and not charge.same_measure(korean)  # charging time, not battery life
    assert one("1,800분 배터리").same_value(one("배터리 30시간"))  # one family, converted
    assert not one("배터리 30%").same_measure(one("배터리 30시간"))  # another family


def test_a_number_without_a_unit_or_a_thousands_comma_is_no_quantity():
    assert quantities("X1 모델, 2024 출시") == []
    assert [q.text for q in quantities("가격 129,000원, 무게 5g")] == ["129,000원", "5g"]
