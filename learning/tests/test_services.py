"""What a brand learns from edits, feedback and performance (services, no HTTP)."""

import copy

import pytest
from rest_framework.exceptions import ValidationError

from brands.tests.factories import BrandKitFactory
from documents.services import document_update
from learning import services
from learning.extract import phrase_changes
from learning.models import LearnedProfile
from learning.selectors import learned_style
from learning.tests.factories import make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def brand(workspace):
    return BrandKitFactory(workspace=workspace, name="소리랩")


def edit_text(document, user, object_id: str, new_text: str):
    content = copy.deepcopy(document.content)
    for obj in content["pages"][0]["objects"]:
        if obj["id"] == object_id:
            obj["text"] = new_text
    return document_update(document=document, user=user, content=content, base_version=document.version)


def test_phrase_changes_are_the_runs_of_words_taken_out_and_put_in():
    assert phrase_changes("최고의 무선 이어폰 X1!", "편안한 무선 이어폰 X1") == (["최고의"], ["편안한"])
    assert phrase_changes("Shop now", "Shop now, today") == ([], ["today"])
    # a whole rewrite is a new text, not a phrase
    assert phrase_changes("one two three four five", "six seven eight nine ten") == ([], [])


def test_an_edit_of_generated_copy_teaches_avoided_and_preferred_phrases(workspace, user, brand):
    document = make_document(workspace, brand, ("headline", "최고의 무선 이어폰 X1"), ("cta", "지금 구매"))
    edit_text(document, user, "t0", "편안한 무선 이어폰 X1")

    profile = services.brand_learn(brand)

    assert profile.edit_count == 1 and profile.feedback_count == 0
    assert profile.avoided == [{"phrase": "최고의", "count": 1, "sources": {"edit": 1}, "documents": [document.pk]}]
    assert profile.preferred == [{"phrase": "편안한", "count": 1, "sources": {"edit": 1}, "documents": [document.pk]}]
    assert [e["text"] for e in profile.examples] == ["편안한 무선 이어폰 X1"]
    assert profile.examples[0]["sources"] == ["edit"]
    assert profile.style_vector is not None and profile.embedding_provider == "offline"
    assert len(profile.style_vector) == profile.embedding_dim == 384
    style = learned_style(brand.pk)
    assert style.avoided == ("최고의",) and style.preferred == ("편안한",)


def test_copy_the_marketer_wrote_or_an_agent_edit_is_no_edit_signal(workspace, user, brand):
    mine = make_document(workspace, brand, ("headline", "우리가 쓴 문장"), generated=False)
    edit_text(mine, user, "t0", "우리가 고친 문장")
    generated = make_document(workspace, brand, ("headline", "최고의 이어폰"))
    content = copy.deepcopy(generated.content)
    content["pages"][0]["objects"][0]["text"] = "놀라운 이어폰"
    document_update(document=generated, user=None, content=content, base_version=1, source="agent")

    profile = services.brand_learn(brand)
    assert profile.edit_count == 0 and profile.avoided == [] and profile.preferred == []


def test_feedback_approves_high_rated_copy_and_avoids_low_rated_short_copy(workspace, user, brand):
    loved = make_document(workspace, brand, ("headline", "하루를 켜는 소리"), ("body", "노이즈 캔슬링으로 조용하게."))
    disliked = make_document(
        workspace, brand, ("headline", "역대급 할인 찬스"), ("feature_bullet", "• 노이즈 캔슬링\n• 24시간 배터리")
    )
    services.feedback_create(user=user, workspace_ids=[workspace.pk], rating=5, document_id=loved.pk)
    services.feedback_create(user=user, workspace_ids=[workspace.pk], rating=1, document_id=disliked.pk)

    profile = services.brand_learn(brand)

    assert profile.feedback_count == 2
    assert {e["text"] for e in profile.examples} == {"하루를 켜는 소리", "노이즈 캔슬링으로 조용하게."}
    assert profile.avoided[0]["phrase"] == "역대급 할인 찬스" and profile.avoided[0]["sources"] == {"feedback": 1}
    # the product's listed features are facts, never phrases to avoid
    assert [entry["phrase"] for entry in profile.avoided] == ["역대급 할인 찬스"]


def test_performance_is_one_more_signal_and_is_kept_for_later_recomputes(workspace, user, brand, other_workspace):
    winner = make_document(workspace, brand, ("headline", "클릭을 부르는 헤드라인"))
    loser = make_document(workspace, brand, ("headline", "아무도 안 누른 헤드라인"))
    elsewhere = make_document(other_workspace, BrandKitFactory(workspace=other_workspace), ("headline", "남의 것"))
    metrics = {
        winner.pk: {
            "impressions": 1000,
            "clicks": 50,
            "conversions": 5,
            "spend": 10.0,
            "revenue": 90.0,
            "ctr": 0.05,
            "cvr": 0.1,
        },
        str(loser.pk): {
            "impressions": 1000,
            "clicks": 5,
            "conversions": 0,
            "spend": 10.0,
            "revenue": 0.0,
            "ctr": 0.005,
            "cvr": 0.0,
        },
        elsewhere.pk: {"impressions": 5000, "clicks": 900, "ctr": 0.18},
    }

    profile = services.brand_learn(brand, performance=metrics)

    assert profile.performance_rows == 2  # the other workspace's document is not this brand's
    assert profile.examples[0]["text"] == "클릭을 부르는 헤드라인"
    assert profile.examples[0]["sources"] == ["performance"] and profile.examples[0]["ctr"] == 0.05
    assert "남의 것" not in {e["text"] for e in profile.examples}
    # new feedback relearns without the metrics being passed again
    services.feedback_create(user=user, workspace_ids=[workspace.pk], rating=4, document_id=loser.pk)
    again = services.brand_learn(brand)
    assert again.performance_rows == 2 and again.feedback_count == 1
    assert "클릭을 부르는 헤드라인" in {e["text"] for e in again.examples}


def test_bad_performance_rows_are_refused_naming_them(brand):
    with pytest.raises(ValidationError) as refused:
        services.brand_learn(brand, performance={"abc": {"ctr": 0.1}})
    assert "performance" in refused.value.detail
    with pytest.raises(ValidationError) as refused:
        services.brand_learn(brand, performance={"12": "high"})
    assert "performance.12" in refused.value.detail


def test_a_profile_is_relearnt_when_an_edit_is_newer_than_it(workspace, user, brand):
    document = make_document(workspace, brand, ("headline", "최고의 무선 이어폰"))
    assert services.brand_learning_current(brand) is None  # no signal yet: nothing to learn
    services.feedback_create(user=user, workspace_ids=[workspace.pk], rating=5, document_id=document.pk)
    first = services.brand_learning_current(brand)
    assert first.edit_count == 0
    edit_text(document, user, "t0", "편안한 무선 이어폰")
    second = services.brand_learning_current(brand)
    assert second.edit_count == 1 and second.avoided[0]["phrase"] == "최고의"
    assert services.learning_refresh_stale() == 0  # nothing newer than the profile now


def test_a_workspaces_performance_relearns_each_brand_it_names(workspace, other_workspace):
    first, second, idle = (BrandKitFactory(workspace=workspace) for _ in range(3))
    a = make_document(workspace, first, ("headline", "첫째 브랜드의 승자"))
    b = make_document(workspace, second, ("headline", "둘째 브랜드의 승자"))
    theirs = make_document(other_workspace, BrandKitFactory(workspace=other_workspace), ("headline", "남의 것"))
    metrics = {str(d.pk): {"impressions": 500, "clicks": 25, "ctr": 0.05} for d in (a, b, theirs)}

    profiles = services.workspace_performance_learn(workspace_id=workspace.pk, performance=metrics)

    assert [p.brand_id for p in profiles] == [first.pk, second.pk]
    assert [p.examples[0]["text"] for p in profiles] == ["첫째 브랜드의 승자", "둘째 브랜드의 승자"]
    assert all(p.performance_rows == 1 for p in profiles)
    assert not LearnedProfile.objects.filter(brand=idle).exists()


def test_the_performance_task_takes_the_dict_as_json(workspace):
    from learning.tasks import learning_performance_learn

    brand = BrandKitFactory(workspace=workspace)
    winner = make_document(workspace, brand, ("headline", "승자"))
    ids = learning_performance_learn.delay(workspace.pk, {winner.pk: {"impressions": 300, "clicks": 30}}).get()
    profile = LearnedProfile.objects.get(pk=ids[0])
    assert profile.brand_id == brand.pk and profile.examples[0]["ctr"] == 0.1
