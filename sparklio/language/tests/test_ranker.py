"""The second reader of a brief's product: candidates, traits, and the doubt it raises."""

import json
from pathlib import Path

import pytest

from agents.quality import normalized
from sparklio.language.brief import extract, ranker
from sparklio.language.brief.extract import brief_parse


def _texts(text: str) -> set[str]:
    return {c.text for c in ranker.candidates(text)}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("저희 '소담제과'에서 이번에 나온 쑥 인절미 롤케이크 홍보 부탁드려요", "소담제과"),
        ("저희 '소담제과'에서 이번에 나온 쑥 인절미 롤케이크 홍보 부탁드려요", "쑥 인절미 롤케이크"),
        ("홍보 대상: 무선 이어폰 NT-Buds 5 Pro / 최대 40시간 재생", "NT-Buds 5 Pro"),
        ("Budgetly 2.0 is out: AI spending categories, shared wallets.", "Budgetly 2.0"),
        (
            "Thing to push → Salmon & Sweet Potato Freeze-Dried Bites / $24.99",
            "Salmon & Sweet Potato Freeze-Dried Bites",
        ),
        ("Nonna's Table, family Italian place in Austin", "Nonna's Table"),
        ("카페 온도씨 신메뉴 제주 말차 크림라떼 6,500원", "제주 말차 크림라떼"),
    ],
)
def test_candidates_hold_whole_names_with_their_numbers_and_without_particles(text, name):
    assert name in _texts(text)


def test_candidates_stop_at_punctuation_quotes_and_emoji():
    texts = _texts("흑임자 크림빵🙏 국산 흑임자만 쓰고, 매일 아침 8시에 구워요!! 'Nimbus 2' 홍보")
    assert not any("🙏" in t or "," in t or "!" in t for t in texts)
    assert "Nimbus 2" in texts and "흑임자 크림빵" in texts


def test_traits_tell_a_label_a_quote_and_a_sentence_apart():
    text = "브랜드: 어반레이어\n아이템: 오버핏 린넨 셔츠 (5컬러)\n포인트: 구김 적은 린넨 혼방, 물세탁 가능"
    sources = ranker.sources_of(text, "ko", "어반레이어")
    described = {c.text: feats for c, feats in ranker.described(text, "ko", sources)}
    assert described["오버핏 린넨 셔츠"].get("product_label") == 1.0
    assert described["어반레이어"].get("brand_label") == 1.0 and described["어반레이어"].get("is_cascade") == 1.0
    assert "product_label" not in described["어반레이어"]
    assert described["구김 적은 린넨 혼방"].get("ko_predicate") == 1.0


def test_the_installed_weights_use_only_traits_the_reader_makes():
    """Stale weights (a trait renamed or dropped) would score nothing: every weighted trait is one
    the reader still gives some candidate of a blind set."""
    model = json.loads(ranker.WEIGHTS_FILE.read_text())
    known: set[str] = set()
    items = [json.loads((Path(__file__).parent / f"blind_briefs_{n}.json").read_text()) for n in (14, 15)]
    for item in items[0] + items[1]:
        text, language = extract._clean(item["brief"]), item["language"]
        sources = ranker.sources_of(text, language, item["expect"]["product"])
        for _, feats in ranker.described(text, language, sources):
            known |= set(feats)
    assert set(model["weights"]) <= known, set(model["weights"]) - known
    assert 0 < model["doubt_margin"] <= 5


def test_a_rules_pick_scored_far_below_another_phrase_is_doubted(monkeypatch):
    """The decision itself, on weights set by hand: a label says product, the rules took the brand."""
    model = {"weights": {"product_label": 3.0, "whole_piece": 1.0, "is_cascade": 1.0}, "doubt_margin": 1.0}
    monkeypatch.setattr(ranker, "_model", lambda: model)
    text = "브랜드: 어반레이어\n아이템: 오버핏 린넨 셔츠\n가격 49,900원"
    assert ranker.second_reading(text, "ko", "어반레이어") == "오버핏 린넨 셔츠"
    # within the margin the two readings agree
    model["weights"]["is_cascade"] = 3.0
    assert ranker.second_reading(text, "ko", "어반레이어") is None


def test_on_a_blind_set_the_doubt_falls_on_wrong_products_not_right_ones(monkeypatch):
    """Set 15, which no rule was written for: the rules' own doubts catch 7 of the 23 products they
    read wrong; with the second reader 14, and still none of the 17 read right (floors). The ranker's
    weights were fitted with set 15 among the others; its figure on sets it never saw is the
    leave-one-set-out table of bench/train_product_ranker.py (46 % of wrong products, 3 % of right)."""

    def counts() -> tuple[int, int, int]:
        wrong = doubted_wrong = doubted_right = 0
        for item in json.loads((Path(__file__).parent / "blind_briefs_15.json").read_text()):
            brief = brief_parse(item["brief"])
            right = normalized(brief.product or "") == normalized(item["expect"]["product"])
            wrong += not right
            doubted_wrong += "product" in brief.doubts and not right
            doubted_right += "product" in brief.doubts and right
        return wrong, doubted_wrong, doubted_right

    wrong, with_ranker, false_alarms = counts()
    assert wrong >= 20 and with_ranker >= 12 and false_alarms <= 1, (wrong, with_ranker, false_alarms)
    monkeypatch.setattr(ranker, "_model", lambda: None)
    assert counts()[1] < with_ranker


@pytest.mark.parametrize(
    ("text", "product"),
    [
        (
            "Item: Cascade 40L hiking pack\nBrand: Bluefin Outfitters\nFeatures: waterproof zips, 1.2 kg\nPrice $149",
            None,
        ),
        ("제품명: 오버핏 린넨 셔츠\n브랜드: 어반레이어\n특징: 구김 적은 린넨 혼방, 물세탁 가능\n가격 49,900원", None),
        ("'Nimbus 2' running shoes from Stride Lab: 180 g, carbon plate. 20% off this week. Instagram post", None),
    ],
)
def test_a_plain_brief_read_right_raises_no_doubt(text, product):
    brief = brief_parse(text)
    assert brief.product and "product" not in brief.doubts
    assert ranker.second_reading(extract._clean(text), brief.language, brief.product) is None


def test_the_parse_doubts_its_product_when_the_second_reader_disagrees(monkeypatch):
    text = "Hi team, please promote our Cascade 40L hiking pack: waterproof zips, 1.2 kg. $149. Instagram post"
    assert "product" not in brief_parse(text).doubts
    # the same brief, had the rules read the greeting: the second reader's disagreement is the doubt
    monkeypatch.setattr(extract, "settle", lambda text, language, product: ("Hi team", False))
    brief = brief_parse(text)
    assert brief.product == "Hi team" and "product" in brief.doubts


def test_without_weights_there_is_no_second_reading(monkeypatch, tmp_path):
    monkeypatch.setattr(ranker, "WEIGHTS_FILE", tmp_path / "missing.json")
    ranker._model.cache_clear()
    try:
        assert ranker.second_reading("Hi team, promote our Cascade 40L pack", "en", "Hi team") is None
    finally:
        ranker._model.cache_clear()


def test_no_product_from_the_rules_is_not_invented():
    assert ranker.second_reading("인스타 피드 하나 만들어 주세요", "ko", None) is None


def test_the_suggestion_reaches_the_facts_and_the_review_and_a_correction_clears_it(monkeypatch):
    from agents.library.review import ReviewerAgent
    from sparklio.language.brief.facts import FactsOverride, facts_from_brief

    text = "Hi team, please promote our Cascade 40L hiking pack: waterproof zips, 1.2 kg. $149. Instagram post"
    monkeypatch.setattr(extract, "settle", lambda text, language, product: ("Hi team", False))
    facts = facts_from_brief(text)
    assert facts.product == "Hi team" and "product" in facts.doubts
    assert facts.product_suggestion and "Cascade" in facts.product_suggestion
    finding = next(f for f in ReviewerAgent._doubts(facts.model_dump()) if f.path == "facts.product")
    assert facts.product_suggestion in finding.message and finding.severity == "warning"
    corrected = facts_from_brief(text, FactsOverride(product="Cascade 40L"))
    assert corrected.product == "Cascade 40L" and corrected.product_suggestion is None
    assert "product" not in corrected.doubts
