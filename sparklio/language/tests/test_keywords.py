"""Keywords of Korean and English headlines: noun phrases kept whole and in parts, particles,
endings, verbs and stop words left out."""

from collections import Counter

from sparklio.language.keywords import english_phrases, keywords, korean_phrases
from sparklio.language.tests.trend_news import GENERIC, NEWS, REAL_TRENDS


def test_korean_nouns_lose_their_particles_and_form_phrases():
    found = keywords("비건 화장품 브랜드가 20대 소비자들의 선택을 받았다")
    assert found == ["비건", "비건 화장품", "화장품", "선택"]  # 브랜드 and 소비자 name no topic alone
    assert not any(word in found for word in ["브랜드가", "소비자들", "소비자들의", "선택을", "받았다", "20대"])


def test_korean_compounds_and_latin_parts_stay_one_word():
    found = keywords("전기차 배터리 시장 급성장… 오픈AI, GPT-5 공개")
    assert {"전기차", "전기차 배터리", "급성장", "오픈AI", "GPT-5"} <= set(found)
    assert "시장" not in found and "배터리 시장" not in found  # a generic word ends no keyword
    assert "공개" not in found  # a news verb as a noun names no topic
    assert "차" not in found and "전기" not in found  # the compound is the word


def test_a_korean_verb_stem_noun_and_news_words_are_no_keywords():
    assert keywords("[단독] 삼성전자가 신제품을 출시했다") == ["삼성전자"]
    assert korean_phrases("노이즈 캔슬링 이어폰 인기") == [["노이즈", "캔슬링", "이어폰", "인기"]]


def test_english_noun_phrases_are_runs_between_stop_words():
    found = keywords("Apple unveils new Vision Pro headset with AI features")
    assert {"apple", "vision pro", "vision pro headset", "headset", "AI", "AI features"} <= set(found)
    assert not {"unveils", "new", "with"} & set(found)
    assert english_phrases("The rise of short-form video marketing in 2025") == [["short-form", "video", "marketing"]]


def test_english_words_are_lower_cased_acronyms_kept_and_possessives_dropped():
    found = keywords("OpenAI's GPT-5 and the EV market: Tesla's sales")
    assert {"openai", "GPT-5", "EV", "tesla"} <= set(found)
    assert not {"EV market", "tesla sales", "market", "sales"} & set(found)
    assert "OpenAI's" not in found and "the" not in found


def test_each_keyword_once_and_nothing_from_nothing():
    found = keywords("AI 마케팅, AI 마케팅, AI 마케팅")
    assert found.count("AI 마케팅") == 1
    assert keywords("") == [] and keywords("   ") == [] and keywords("!!! 123") == []
    assert len(keywords(" ".join(f"word{n}x" for n in range(500)), limit=10)) == 10


def _counted(news) -> Counter:
    counts: Counter = Counter()
    for title, summary in news:
        counts.update(keywords(f"{title}\n{summary}"))
    return counts


def test_a_week_of_news_gives_its_real_trends_and_no_generic_words():
    counts = _counted(NEWS)

    top = {keyword for keyword, _ in counts.most_common(8)}
    assert top >= REAL_TRENDS, counts.most_common(12)
    assert not GENERIC & set(counts), sorted(GENERIC & set(counts))


def test_title_and_summary_and_sentences_do_not_run_into_one_phrase():
    found = keywords("제로슈거 소주 열풍에 주류업계 가세\n유튜브 쇼츠가 매출 견인. 서울시 러닝 코스")
    assert not any(k.startswith(("가세", "견인", "돌파")) or k.endswith(("가세", "견인")) for k in found), found
    assert not any("유튜브" in k and "주류업계" in k for k in found)
    english = keywords("Holiday gift guides\nMajor retailers add AI assistants")
    assert "holiday gift guides" in english and not any("guides major" in k for k in english), english


def test_english_headline_verbs_start_and_end_no_keyword():
    found = keywords(
        "Stanley cup craze fades as Gen Z embraces quiet luxury\n"
        "Retailers bet on winning brands; climbing prices cooled demand while rolling launches continue"
    )
    assert {"stanley cup craze", "cup craze", "gen z", "quiet luxury"} <= set(found), found
    words = {word for keyword in found for word in keyword.split()}
    assert not {"fades", "embraces", "bet", "winning", "climbing", "cooled", "rolling"} & words, found
    assert not {"cup craze fades", "gen z embraces", "retailers bet"} & set(found)
    # nouns in -ing and -ed adjectives stay
    assert {"AI shopping", "influencer marketing", "limited edition", "running shoes"} <= set(
        keywords("AI shopping and influencer marketing; a limited edition of running shoes")
    )
