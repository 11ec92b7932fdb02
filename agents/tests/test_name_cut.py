"""A headline is never shortened into the middle of the product's name, and a design whose text
stops inside the name is scored as flawed (the rubric's cap for a missing claim)."""

from agents.library.review import ReviewerAgent, shorten_line
from agents.quality import overall_score


def test_shortening_keeps_the_product_name_whole():
    line = "Watercolor for Absolute Beginners starts today"
    assert shorten_line(line, 25) == "Watercolor for Absolute"  # without the name to keep, the old cut
    assert shorten_line(line, 25, keep="Watercolor for Absolute Beginners") is None  # longer than 25: layout fits
    assert shorten_line(line, 34, keep="Watercolor for Absolute Beginners") == "Watercolor for Absolute Beginners"
    assert shorten_line("Meet Orbit X, the quiet one", 20, keep="Orbit X") == "Meet Orbit X"
    korean = shorten_line("초경량 무선 청소기 '바람결 S2' 출시 기념 특가", 12, keep="바람결 S2")
    assert korean == "초경량 무선 청소기"


def _page(*texts):
    return {
        "pages": [
            {
                "id": "p1",
                "width": 1080,
                "height": 1080,
                "objects": [{"id": f"t{i}", "type": "text", "text": t} for i, t in enumerate(texts)],
            }
        ]
    }


def test_a_text_that_stops_inside_the_name_is_an_error_with_its_object():
    content = _page("Blue Notes Under the", "Live quartet · food trucks", "Blue Notes Under the Stars, June 14")
    findings = ReviewerAgent._name_cut(content, "Blue Notes Under the Stars", set())
    assert [f.objects for f in findings] == [["t0"]]
    assert findings[0].severity == "error"
    score, caps = overall_score([100, 100, 100], [f.model_dump() for f in findings])
    assert score <= 75 and "missing_feature_or_offer" in caps


def test_the_whole_name_or_another_line_is_no_cut():
    content = _page("Blue Notes Under the Stars", "Live quartet under the stars", "Notes")
    assert ReviewerAgent._name_cut(content, "Blue Notes Under the Stars", set()) == []
    assert ReviewerAgent._name_cut(_page("바람결"), "바람결 S2", set()) != []
    assert ReviewerAgent._name_cut(_page("바람결 S2 출시"), "바람결 S2", set()) == []
    assert ReviewerAgent._name_cut(_page("Orbit"), "Orbit", set()) == []  # one word: nothing to cut
