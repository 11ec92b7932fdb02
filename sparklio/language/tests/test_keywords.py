"""Keywords of Korean and English headlines: noun phrases kept whole and in parts, particles,
endings, verbs and stop words left out."""

from sparklio.language.keywords import english_phrases, keywords, korean_phrases


def test_korean_nouns_lose_their_particles_and_form_phrases():
    found = keywords("비건 화장품 브랜드가 20대 소비자들의 선택을 받았다")
    assert found[:6] == ["비건", "비건 화장품", "비건 화장품 브랜드", "화장품", "화장품 브랜드", "브랜드"]
    assert "소비자" in found and "선택" in found
    assert not any(word in found for word in ["브랜드가", "소비자들", "소비자들의", "선택을", "받았다", "20대"])


def test_korean_compounds_and_latin_parts_stay_one_word():
    found = keywords("전기차 배터리 시장 급성장… 오픈AI, GPT-5 공개")
    assert {"전기차", "전기차 배터리", "배터리 시장", "급성장", "오픈AI", "GPT-5"} <= set(found)
    assert "공개" not in found  # a news verb as a noun names no topic
    assert "차" not in found and "전기" not in found  # the compound is the word


def test_a_korean_verb_stem_noun_and_news_words_are_no_keywords():
    assert keywords("[단독] 삼성전자가 신제품을 출시했다") == ["삼성전자", "신제품"]
    assert korean_phrases("노이즈 캔슬링 이어폰 인기") == [["노이즈", "캔슬링", "이어폰", "인기"]]


def test_english_noun_phrases_are_runs_between_stop_words():
    found = keywords("Apple unveils new Vision Pro headset with AI features")
    assert {"apple", "vision pro", "vision pro headset", "headset", "AI", "AI features"} <= set(found)
    assert not {"unveils", "new", "with"} & set(found)
    assert english_phrases("The rise of short-form video marketing in 2025") == [["short-form", "video", "marketing"]]


def test_english_words_are_lower_cased_acronyms_kept_and_possessives_dropped():
    found = keywords("OpenAI's GPT-5 and the EV market: Tesla's sales")
    assert {"openai", "GPT-5", "EV", "EV market", "tesla", "tesla sales"} <= set(found)
    assert "OpenAI's" not in found and "the" not in found


def test_each_keyword_once_and_nothing_from_nothing():
    found = keywords("AI 마케팅, AI 마케팅, AI 마케팅")
    assert found.count("AI 마케팅") == 1
    assert keywords("") == [] and keywords("   ") == [] and keywords("!!! 123") == []
    assert len(keywords(" ".join(f"word{n}x" for n in range(500)), limit=10)) == 10
