"""Every agent in baseline mode (no model configured)."""

import pytest
from pydantic import ValidationError

from agents.base import AgentContext
from agents.library.orchestration import levels_of, sample_size, z_test
from agents.registry import AGENTS, get_agent
from brands.tests.factories import BrandColorFactory, BrandKitFactory, BrandLogoFactory
from documents.models import Document
from templates.models import Template
from templates.services import template_apply

PLAN = (
    "무선 이어폰 X1을 위한 인스타그램 광고 이미지를 만들어줘. 타겟은 2030 직장인이고, "
    "노이즈 캔슬링과 24시간 배터리가 주요 특징이야."
)
ENGLISH = (
    "Create a Facebook ad for Glow Serum for women in their 30s. "
    "Key features: brightening, lightweight texture. 20% off this week."
)

pytestmark = pytest.mark.django_db


def run(agent_name, workspace, brand=None, **data):
    agent = get_agent(agent_name)
    ctx = AgentContext(workspace_id=workspace.pk, brand=brand)
    return agent.run(agent.Input.model_validate(data), ctx), ctx


@pytest.fixture
def brand(workspace):
    kit = BrandKitFactory(
        workspace=workspace, name="Sonic", banned_words=["최고"], required_words=[], tone_of_voice="친근하고 유쾌한"
    )
    BrandColorFactory(brand=kit, role="primary", hex="#0A7CFF")
    BrandColorFactory(brand=kit, role="accent", hex="#FFC145", name="Accent")
    BrandColorFactory(brand=kit, role="background", hex="#FFFFFF", name="Background")
    return kit


@pytest.fixture
def document(workspace, brand):
    template = Template.objects.get(slug="ig-feed-product-launch")
    return template_apply(
        template=template,
        workspace=workspace,
        user=None,
        brand=brand,
        content={"headline": "소음은 끄고 몰입은 켜고", "subheadline": "무선 이어폰 X1", "cta_button": "지금 구매하기"},
    )


def test_the_registry_has_every_agent_of_the_issue():
    assert set(AGENTS) == {
        "copywriter",
        "strategist",
        "designer",
        "reviewer",
        "optimizer",
        "editor",
        "vision_analyzer",
        "scene_planner",
        "template",
        "pm",
        "brand_guardian",
        "persona",
        "localizer",
        "ab_tester",
        "meeting_analyzer",
        "content_calendar",
        "self_learning",
        "channel_adapter",
        "data_cleaner",
        "embedder",
        "rag",
        "ingestor",
        "performance_analyzer",
        "trend_collector",
    }


def test_copywriter_writes_every_part_of_the_copy(workspace, brand):
    out, ctx = run("copywriter", workspace, brand, brief=PLAN, channel="instagram_feed")
    copy = out.copy_
    assert copy.language == "ko" and copy.headline and copy.cta and copy.body
    assert "#노이즈캔슬링" in copy.hashtags and len(out.variants) == 3
    assert ctx.providers == ["offline"]
    assert "최고" not in copy.model_dump_json()


def test_strategist_turns_a_brief_into_actions(workspace):
    out, _ = run("strategist", workspace, brief=ENGLISH)
    assert out.language == "en" and out.objective.startswith("Conversion")
    assert out.channels[0] == "facebook_feed"
    assert any(action.agent == "ab_tester" for action in out.actions)
    assert "brightening" in out.content_pillars


def test_designer_picks_the_channel_template_and_draws_the_product(workspace, brand):
    out, _ = run("designer", workspace, brand, brief=PLAN, channel="instagram_feed")
    template = Template.objects.get(pk=out.template_id)
    assert template.channel == "instagram_feed" and out.template_slug == template.slug
    assert out.product_image.startswith(f"uploads/{workspace.pk}/generated/") and out.image_method == "renderer"
    assert out.asset is None
    assert out.palette["primary"] == "#0A7CFF"
    sale, _ = run(
        "designer", workspace, brand, brief="가을 세일 20% 할인 인스타그램 피드 광고", channel="instagram_feed"
    )
    assert sale.category == "sale"


def test_vision_analyzer_measures_the_rendered_design(workspace, brand, document):
    out, _ = run("vision_analyzer", workspace, brand, document=document.pk)
    m = out.measurements
    assert 0 < m["brightness"] < 1 and m["sharpness"] > 0
    assert len(m["text_contrast"]) >= 3 and all(tc["ratio"] >= 1 for tc in m["text_contrast"])
    assert m["palette_distance"] is not None
    assert 0 <= out.score <= 100 and out.rendered
    assert out.critique is None  # no vision model configured


def test_vision_analyzer_flags_unreadable_text(workspace, brand, document):
    content = document.content
    for obj in content["pages"][0]["objects"]:
        if obj.get("role") == "headline":
            obj["style"]["color"] = content["pages"][0]["objects"][0]["fill"]  # text painted in its band's colour
    Document.objects.filter(pk=document.pk).update(content=content)
    out, _ = run("vision_analyzer", workspace, brand, document=document.pk)
    contrast = [f for f in out.findings if f.rule == "text_contrast"]
    assert contrast and contrast[0].severity == "error" and contrast[0].path.startswith("pages[0].objects")


def test_vision_analyzer_flags_text_in_the_safe_margin_but_not_full_bleed_bands(workspace, brand, document):
    content = document.content
    for obj in content["pages"][0]["objects"]:
        if obj.get("role") == "headline":
            obj["x"] = 4
            headline = obj["id"]
    Document.objects.filter(pk=document.pk).update(content=content)
    out, _ = run("vision_analyzer", workspace, brand, document=document.pk)
    margins = [f for f in out.findings if f.rule == "safe_margin"]
    # measured on the headline's ink, and named by its id
    assert any(f.objects == [headline] and f.severity == "error" for f in margins)
    band = next(o["id"] for o in content["pages"][0]["objects"] if o.get("role") == "background_shape")
    assert not any(band in f.objects for f in out.findings if f.rule in ("safe_margin", "picture_margin"))


def test_reviewer_scores_against_the_channel_rules(workspace):
    good = {
        "language": "ko",
        "headline": "소음은 끄고 몰입은 켜고",
        "body": "노이즈 캔슬링. 24시간 배터리.",
        "cta": "구매하기",
        "hashtags": ["#X1", "#이어폰", "#노캔"],
    }
    bad = {**good, "headline": "아주 " * 30, "cta": "", "hashtags": []}
    ok, _ = run("reviewer", workspace, copy=good, channel="instagram_feed")
    poor, _ = run("reviewer", workspace, copy=bad, channel="instagram_feed")
    assert ok.passed and ok.score > poor.score
    rules = {f.rule for f in poor.findings}
    assert {"length", "cta", "hashtags"} <= rules and not poor.passed


def test_reviewer_finds_template_sample_text_left_in_the_design(workspace, brand, document):
    copy = {
        "language": "ko",
        "headline": "소음은 끄고 몰입은 켜고",
        "cta": "지금 구매하기",
        "hashtags": ["#a", "#b", "#c"],
    }
    out, _ = run("reviewer", workspace, copy=copy, channel="instagram_feed", document=document.pk)
    assert any(f.rule == "placeholder" for f in out.findings)  # the hashtags slot kept its sample


def test_a_text_the_brief_gave_is_no_leftover_even_when_it_reads_like_the_sample(workspace, brand):
    """A price of 29,900원 and a CTA "지금 구매하기" are also the campaign template's sample texts:
    given by the brief or written by the copy, they are the design's own."""
    template = Template.objects.get(slug="campaign-instagram-feed")
    texts = {
        "product_name": "말랑 케이스",
        "headline": "떨어뜨려도 괜찮아요",
        "subheadline": "아이폰 전 모델",
        "feature_bullet": "• 2m 낙하 테스트",
        "discount_badge": "첫 구매 10% 할인",
        "price": "29,900원",
        "cta_button": "지금 구매하기",
    }
    document = template_apply(template=template, workspace=workspace, user=None, brand=brand, content=texts)
    copy = {"language": "ko", "headline": "떨어뜨려도 괜찮아요", "cta": "지금 구매하기", "hashtags": ["#a", "#b", "#c"]}
    facts = {"product": "말랑 케이스", "price": "29,900원", "features": ["2m 낙하 테스트"], "language": "ko"}
    out, _ = run("reviewer", workspace, copy=copy, channel="instagram_feed", document=document.pk, facts=facts)
    assert not any(f.rule == "placeholder" for f in out.findings), [f.message for f in out.findings]
    without, _ = run(
        "reviewer", workspace, copy={**copy, "cta": "구매하기"}, channel="instagram_feed", document=document.pk
    )
    assert any(f.rule == "placeholder" for f in without.findings)  # no brief: the price is the sample's


def test_brand_guardian_explains_each_finding(workspace, brand, document):
    BrandLogoFactory(brand=brand)
    copy = {"language": "ko", "headline": "최고의 이어폰", "body": "합니다.", "cta": "구매"}
    out, _ = run("brand_guardian", workspace, brand, copy=copy, document=document.pk)
    banned = [f for f in out.findings if f.rule == "banned_word"]
    assert banned and banned[0].path == "copy.headline" and not out.passed
    clean, _ = run("brand_guardian", workspace, brand, copy={**copy, "headline": "몰입의 이어폰"}, document=document.pk)
    assert clean.score > out.score


def test_optimizer_fixes_what_review_found(workspace, brand):
    brand.required_words = ["X1"]
    brand.save()
    copy = {
        "language": "ko",
        "headline": "최고의 " + "소리 " * 20,
        "body": "좋아요",
        "cta": "",
        "hashtags": [f"#t{i}" for i in range(30)],
    }
    out, _ = run("optimizer", workspace, brand, copy=copy, channel="instagram_feed")
    fixed = out.copy_
    assert "최고" not in fixed.headline and len(fixed.headline) <= 25 and "…" not in fixed.headline
    assert (
        fixed.body.endswith("X1이 함께합니다.") and fixed.cta and len(fixed.hashtags) == 15
    )  # a sentence, not a bare word
    assert len(out.changes) >= 4


def test_editor_agent_changes_the_document_as_a_new_version(workspace, brand, document):
    out, ctx = run("editor", workspace, brand, document=document.pk, command="헤드라인 크게")
    assert out.version == document.version + 1 and out.operations and ctx.providers == ["rules"]


def test_scene_planner_and_template_agents(workspace, brand, document):
    story, _ = run("scene_planner", workspace, brief=PLAN, duration=20)
    assert story.storyboard["duration"] == 20
    made, _ = run("template", workspace, document=document.pk, name="우리 런칭 템플릿")
    template = Template.objects.get(pk=made.template_id)
    assert template.workspace_id == workspace.pk and "headline" in made.slots


def test_pm_plans_parallel_creation_then_review(workspace):
    out, _ = run("pm", workspace, brief=PLAN)
    assert out.channel == "instagram_feed"
    assert set(out.levels[0]) == {"copywriter", "designer"}
    assert out.levels[1] == ["assemble"]
    assert out.levels.index(["optimizer"]) == len(out.levels) - 1
    video, _ = run("pm", workspace, brief="유튜브 영상 만들어줘: 무선 이어폰 X1")
    assert "scene_planner" in video.levels[0]


def test_levels_refuse_a_cycle():
    from agents.library.orchestration import Step

    with pytest.raises(ValueError, match="depend on each other"):
        levels_of([Step(id="a", agent="x", depends_on=["b"]), Step(id="b", agent="x", depends_on=["a"])])


def test_persona_sketches_the_audience(workspace):
    out, _ = run("persona", workspace, brief=PLAN, count=2)
    assert out.audience == "2030 직장인" and len(out.personas) == 2
    first = out.personas[0]
    assert 20 <= first.age < 40 and first.occupation == "직장인" and "instagram_feed" in first.channels


def test_localizer_carries_a_korean_brief_to_english(workspace):
    out, _ = run("localizer", workspace, brief=PLAN, target_language="en")
    assert out.target_language == "en" and out.source_language == "ko"
    assert "noise cancelling" in out.features and "24-hour battery" in out.features
    assert "X1" in " ".join(out.copy_.values())
    assert not any("\uac00" <= ch <= "\ud7a3" for ch in out.copy_["headline"])
    back, _ = run("localizer", workspace, brief=ENGLISH, target_language="ko")
    assert back.target_language == "ko" and back.copy_["headline"]


def test_ab_tester_plans_and_reads_a_test(workspace):
    out, _ = run(
        "ab_tester",
        workspace,
        variants=[{"id": "A", "headline": "X1"}, {"id": "B", "headline": "24시간 가는 X1", "cta": "구매"}],
        metrics=[
            {"variant": "A", "impressions": 10000, "conversions": 200},
            {"variant": "B", "impressions": 10000, "conversions": 260},
        ],
    )
    assert out.winner == "B"
    b = next(r for r in out.results if r.variant == "B")
    assert b.significant and 0 < b.p_value < 0.05 and abs(b.lift_vs_control - 0.3) < 1e-9
    assert out.sample_size_per_variant == sample_size(0.02, 0.2, 0.05, 0.8)
    written, _ = run("ab_tester", workspace, brief=ENGLISH)
    assert len(written.variants) == 3 and written.winner is None


def test_statistics_match_known_values():
    # 2% → 2.4% at alpha .05, power .8: about 21,000 per arm (standard two-proportion formula)
    assert 20_000 < sample_size(0.02, 0.2, 0.05, 0.8) < 22_500
    assert z_test(50, 1000, 50, 1000) == 1.0


def test_agent_inputs_are_checked(workspace):
    with pytest.raises(ValidationError):
        run("copywriter", workspace, brief="")
    with pytest.raises(ValidationError):
        run("ab_tester", workspace)
    with pytest.raises(ValidationError):
        run(
            "ab_tester",
            workspace,
            variants=[{"id": "A"}],
            metrics=[{"variant": "A", "impressions": 1, "conversions": 5}],
        )


def test_optimizer_works_a_required_word_in_before_the_product(workspace, brand):
    brand.required_words = ["X1"]
    brand.save()
    copy = {
        "language": "ko",
        "headline": "수분 폭탄 앰플",
        "body": "민감한 피부도 안심, 이제 수분 폭탄 앰플로 누려보세요.",
        "cta": "지금 구매하기",
    }
    out, _ = run("optimizer", workspace, brand, copy=copy, channel="product_detail", product="수분 폭탄 앰플")
    assert out.copy_.body == "민감한 피부도 안심, 이제 X1 수분 폭탄 앰플로 누려보세요."
