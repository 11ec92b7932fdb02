"""Image generators working from the marketer's own pictures (assets): a product photo on a plain
backdrop is cut out, one in front of a busy scene is kept as it is; real pictures, real storage."""

import io

import numpy as np
import pytest
from django.core.files.storage import default_storage
from PIL import Image
from rest_framework.exceptions import ValidationError

from assets.services import asset_create
from assets.tests.factories import AssetFactory
from assets.tests.pictures import encode, product_on_busy, product_on_plain, upload
from generators.imaging import read_border
from generators.services import generator_run
from generators.tests.test_imaging import product_shot
from sparklio.gpu.tests.fake_comfy import FakeComfy

pytestmark = pytest.mark.django_db

BRIEF = "Instagram post for the Teal bottle, a reusable water bottle. Key features: keeps drinks cold for 24 hours."


def run(name, workspace, **data):
    return generator_run(name=name, data=data, workspace_id=workspace.pk)


def stored_asset(workspace, user, data: bytes, name: str = "bottle.png"):
    return asset_create(workspace=workspace, upload=upload(data, name), created_by=user)


def picture(path: str) -> Image.Image:
    with default_storage.open(path) as fh:
        image = Image.open(io.BytesIO(fh.read()))
        image.load()
    return image


def decoded(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))


def box_of(mask: np.ndarray) -> tuple[int, int, int, int]:
    ys, xs = np.nonzero(mask)
    return int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1


def iou(a: np.ndarray, b: np.ndarray) -> float:
    return float((a & b).sum() / (a | b).sum())


# --- how plain is a background (no database) --------------------------------------------------------


def test_the_border_tells_a_plain_backdrop_from_a_busy_scene():
    plain, busy = read_border(product_on_plain()[0]), read_border(product_on_busy()[0])

    assert plain.plain and plain.spread < 2
    assert not busy.plain and busy.spread > 15
    assert not plain.cut_out and not busy.cut_out


@pytest.mark.parametrize("cropped", [False, True], ids=["whole", "cut-by-the-frame"])
def test_a_studio_gradient_with_noise_is_plain_even_when_the_product_touches_the_edge(cropped):
    assert read_border(product_shot(size=400, cropped=cropped)[0]).plain


def test_a_transparent_border_reads_as_a_cut_out_already():
    image = Image.new("RGBA", (200, 200), (0, 0, 0, 0))
    image.paste((20, 150, 140, 255), (50, 40, 150, 180))

    reading = read_border(encode(image))

    assert reading.cut_out and reading.transparent_share == 1.0


# --- product image --------------------------------------------------------------------------------


def test_a_product_on_a_plain_backdrop_is_cut_out_and_cropped_to_it(workspace, user):
    data, truth = product_on_plain()
    asset = stored_asset(workspace, user, data)

    result = run("product_image", workspace, brief=BRIEF, assets=[asset.pk])

    output = result.output
    assert (result.provider, output["method"], output["asset"]) == ("offline", "asset_cutout", asset.pk)
    assert output["path"].startswith(f"uploads/{workspace.pk}/generated/") and output["path"] != asset.file.name
    cut = picture(output["path"])
    assert cut.mode == "RGBA" and (cut.width, cut.height) == (output["width"], output["height"])
    # The crop hugs the bottle with a margin of 4 % of its height, and the alpha matches its true shape.
    x0, y0, x1, y1 = box_of(truth)
    margin = 2 * 0.04 * (y1 - y0)
    assert abs(cut.width - (x1 - x0 + margin)) <= 4 and abs(cut.height - (y1 - y0 + margin)) <= 4
    alpha = np.asarray(cut)[:, :, 3] >= 128
    cx0, cy0, _, _ = box_of(alpha)
    placed = np.zeros_like(alpha)
    placed[cy0 : cy0 + y1 - y0, cx0 : cx0 + x1 - x0] = truth[y0:y1, x0:x1]
    assert iou(alpha, placed) > 0.95
    assert alpha[0, 0] == alpha[-1, -1] == False  # noqa: E712 - corners are backdrop, now see-through
    assert any("plain background" in note and "cut out" in note for note in result.notes)


def test_a_product_in_front_of_a_busy_scene_is_kept_as_it_is(workspace, user):
    data, _ = product_on_busy()
    asset = stored_asset(workspace, user, data, name="street.jpg")

    result = run("product_image", workspace, brief=BRIEF, assets=[asset.pk])

    assert (result.output["method"], result.output["asset"]) == ("asset", asset.pk)
    kept = picture(result.output["path"])
    assert kept.mode == "RGB" and kept.size == (480, 600)
    assert np.array_equal(np.asarray(kept), decoded(data))  # the same pixels, losslessly
    assert any("busy background" in note and "not cut out" in note for note in result.notes)


def test_the_asset_is_scaled_down_to_the_size_asked_never_up(workspace, user):
    asset = stored_asset(workspace, user, product_on_busy()[0], name="street.jpg")

    small = run("product_image", workspace, brief=BRIEF, assets=[asset.pk], width=256, height=256)
    large = run("product_image", workspace, brief=BRIEF, assets=[asset.pk], width=2048, height=2048)

    assert (small.output["width"], small.output["height"]) == (205, 256)
    assert (large.output["width"], large.output["height"]) == (480, 600)


def test_a_picture_already_cut_out_is_used_as_it_is(workspace, user):
    image = Image.new("RGBA", (300, 300), (0, 0, 0, 0))
    image.paste((20, 150, 140, 255), (90, 40, 210, 280))
    asset = stored_asset(workspace, user, encode(image))

    result = run("product_image", workspace, brief=BRIEF, assets=[asset.pk])

    assert result.output["method"] == "asset"
    kept = picture(result.output["path"])
    assert kept.mode == "RGBA" and np.array_equal(np.asarray(kept), np.asarray(image))
    assert any("already cut out" in note for note in result.notes)


def test_a_plain_picture_with_nothing_on_it_is_kept_as_it_is(workspace, user):
    asset = stored_asset(workspace, user, encode(Image.new("RGB", (300, 200), "#EDEBE6")))

    result = run("product_image", workspace, brief=BRIEF, assets=[asset.pk])

    assert result.output["method"] == "asset" and (result.output["width"], result.output["height"]) == (300, 200)
    assert any("found no subject" in note for note in result.notes)


def test_without_assets_the_product_card_is_still_drawn(workspace):
    result = run("product_image", workspace, brief=BRIEF, width=512, height=512)

    assert result.output["method"] == "renderer" and result.output["asset"] is None


def test_only_the_first_of_several_assets_is_used_and_the_notes_say_so(workspace, user):
    first = stored_asset(workspace, user, product_on_busy()[0], name="a.jpg")
    second = stored_asset(workspace, user, product_on_plain()[0])

    result = run("product_image", workspace, brief=BRIEF, assets=[first.pk, second.pk])

    assert result.output["asset"] == first.pk
    assert any("uses the first" in note for note in result.notes)


@pytest.fixture
def comfy(settings):
    server = FakeComfy()
    settings.COMFYUI_URL = [server.url]
    settings.COMFYUI_TIMEOUT_SECONDS = 30
    yield server
    server.close()


def test_with_an_asset_the_product_image_does_not_ask_the_gpu_to_imagine_one(workspace, user, comfy):
    asset = stored_asset(workspace, user, product_on_plain()[0])

    result = run("product_image", workspace, brief=BRIEF, assets=[asset.pk])

    assert (result.provider, result.output["method"]) == ("offline", "asset_cutout")
    assert comfy.received == []


# --- the asset must be the run's workspace's ---------------------------------------------------------


@pytest.mark.parametrize("name", ["product_image", "background_removal", "banner"])
def test_an_asset_of_another_workspace_or_none_at_all_is_a_400_on_assets(name, workspace, other_workspace):
    foreign = AssetFactory(workspace=other_workspace)

    for ids in ([foreign.pk], [987654]):
        with pytest.raises(ValidationError) as raised:
            run(name, workspace, brief=BRIEF, assets=ids)
        assert set(raised.value.detail) == {"assets"}
        assert str(ids[0]) in str(raised.value.detail["assets"][0])
    assert not default_storage.exists(f"uploads/{workspace.pk}")  # no picture was made


def test_the_api_answers_400_naming_assets(owner_client, workspace, other_workspace):
    foreign = AssetFactory(workspace=other_workspace)

    response = owner_client.post(
        "/api/v1/generators/product_image/run/", {"brief": BRIEF, "assets": [foreign.pk]}, format="json"
    )

    assert response.status_code == 400 and set(response.json()["errors"]) == {"assets"}


def test_the_api_runs_the_product_image_from_an_asset(owner_client, workspace, user):
    asset = stored_asset(workspace, user, product_on_plain()[0])

    response = owner_client.post(
        "/api/v1/generators/product_image/run/", {"brief": BRIEF, "assets": [asset.pk]}, format="json"
    )

    assert response.status_code == 200, response.json()
    assert response.json()["output"]["method"] == "asset_cutout"


def test_an_asset_whose_file_is_gone_is_a_400_on_assets(workspace, user):
    asset = stored_asset(workspace, user, product_on_plain()[0])
    default_storage.delete(asset.file.name)

    with pytest.raises(ValidationError) as raised:
        run("product_image", workspace, brief=BRIEF, assets=[asset.pk])

    assert set(raised.value.detail) == {"assets"} and "missing" in str(raised.value.detail["assets"][0])


# --- background removal and banner ------------------------------------------------------------------


def test_background_removal_takes_an_asset_as_its_picture(workspace, user):
    data, truth = product_on_plain()
    asset = stored_asset(workspace, user, data)

    result = run("background_removal", workspace, assets=[asset.pk])

    assert result.output["method"] in {"grabcut", "u2net"} and result.output["asset"] == asset.pk
    cut = picture(result.output["path"])
    assert cut.size == (480, 600)
    assert iou(np.asarray(cut)[:, :, 3] >= 128, truth) > 0.95


def test_background_removal_sends_the_assets_picture_to_comfyui(workspace, user, comfy):
    data, _ = product_on_plain(size=(120, 150))
    asset = stored_asset(workspace, user, data)

    result = run("background_removal", workspace, assets=[asset.pk])

    assert result.provider == "comfyui" and result.output["asset"] == asset.pk
    assert any(name.endswith("sparklio-input.png") and sent == data for name, sent in comfy.inputs.items())


@pytest.mark.parametrize(
    "data",
    [
        pytest.param({}, id="neither"),
        pytest.param({"image": "uploads/1/x.png", "assets": [1]}, id="both"),
    ],
)
def test_background_removal_needs_one_picture_exactly(workspace, data):
    with pytest.raises(ValidationError) as raised:
        run("background_removal", workspace, **data)

    assert "image" in raised.value.detail


def test_the_banner_shows_the_assets_picture(workspace, user):
    data, _ = product_on_busy()
    asset = stored_asset(workspace, user, data, name="street.jpg")

    with_asset = run("banner", workspace, brief=BRIEF, assets=[asset.pk])
    without = run("banner", workspace, brief=BRIEF)

    assert with_asset.output["asset"] == asset.pk and without.output["asset"] is None

    def colours(path: str) -> int:
        return len(picture(path).convert("RGB").getcolors(10_000_000))

    # The busy photo brings thousands of colours into a design otherwise drawn in a few flat ones.
    assert colours(with_asset.output["path"]) > 20_000 > 5_000 > colours(without.output["path"])


def test_the_banner_takes_an_image_or_assets_not_both(workspace, user):
    asset = AssetFactory(workspace=workspace)

    with pytest.raises(ValidationError) as raised:
        run("banner", workspace, brief=BRIEF, assets=[asset.pk], image=asset.file.name)

    assert "image" in raised.value.detail
