"""When a product photo counts as plain, and when its cut-out is not clean enough to stand in for it:
the whole border is measured (a photo 59 % black and 41 % coloured circles at its edge is not plain),
and a cut-out that keeps pieces of the scene, comes out in pieces or has holes falls back to the photo."""

import random

import numpy as np
import pytest
from PIL import Image, ImageDraw

from assets.services import asset_create
from assets.tests.pictures import encode, upload
from generators.imaging import cutout_flaw, read_border
from generators.services import generator_run

W, H = 480, 600
LIGHT, DARK = (236, 236, 234), (28, 28, 30)
BRIEF = "Instagram post for the Aqua bottle, a reusable water bottle. Key features: keeps drinks cold for 24 hours."


def circles(box: tuple[int, int, int, int], seed: int) -> Image.Image:
    """Coloured circles on black filling ``box``, like the reviewer's busy photo."""
    scene = Image.new("RGB", (W, H), (0, 0, 0))
    draw, rng = ImageDraw.Draw(scene), random.Random(seed)
    x0, y0, x1, y1 = box
    for _ in range((x1 - x0) * (y1 - y0) // 1500 + 5):
        x, y, r = rng.randint(x0 - 20, x1), rng.randint(y0 - 20, y1), rng.randint(10, 60)
        draw.ellipse((x, y, x + r, y + r), fill=(rng.randint(0, 255), rng.randint(0, 255), rng.randint(0, 255)))
    return scene


def photo(kind: str) -> bytes:
    """A bottle (blue body, black cap, white label) on: a plain backdrop, the same with a busy corner, a
    backdrop whose left 40 % is busy, a fully busy scene; or a dark bottle on a dark backdrop, with a cap
    and a band across it in the backdrop's very colour."""
    image = Image.new("RGB", (W, H), DARK if kind == "dark" else LIGHT)
    busy = {"corner": (0, 0, 60, 60), "split": (0, 0, round(0.4 * W), H), "busy": (0, 0, W, H)}.get(kind)
    if busy:
        where = Image.new("L", (W, H), 0)
        ImageDraw.Draw(where).rectangle(busy, fill=255)
        image.paste(circles(busy, seed=len(kind)), (0, 0), where)
    draw = ImageDraw.Draw(image)
    body, cap = ((60, 60, 66), DARK) if kind == "dark" else ((30, 110, 200), (20, 20, 20))
    draw.rounded_rectangle((180, 180, 300, 540), radius=24, fill=body)
    draw.rectangle((215, 110, 265, 185), fill=cap)
    draw.rounded_rectangle((195, 300, 285, 400), radius=6, fill=(200, 170, 60) if kind == "dark" else (250, 250, 250))
    if kind == "dark":
        draw.rectangle((180, 420, 300, 470), fill=DARK)
    noisy = np.asarray(image).astype(float) + np.random.default_rng(0).normal(0, 2, (H, W, 3))
    return encode(Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8)))


@pytest.mark.parametrize(
    ("kind", "plain"),
    [("plain", True), ("corner", True), ("split", False), ("busy", False), ("dark", True)],
)
def test_a_backdrop_is_plain_only_when_nearly_all_its_border_is_one_colour(kind, plain):
    reading = read_border(photo(kind))

    assert reading.plain is plain, reading
    if kind == "split":
        # Most of the border is one colour and the rest is ignored by a robust spread: the share tells.
        assert reading.spread < 2 and reading.close_share < 0.7


# --- the cut-out's own mask -----------------------------------------------------------------------


def mask(*shapes: tuple[str, tuple[int, int, int, int]], size=(W, H)) -> np.ndarray:
    canvas = Image.new("L", size, 0)
    draw = ImageDraw.Draw(canvas)
    for shape, box in shapes:
        if shape == "hole":
            draw.rectangle(box, fill=0)
        else:
            draw.rectangle(box, fill=255)
    return np.asarray(canvas)


BOTTLE = ("solid", (180, 110, 300, 540))


@pytest.mark.parametrize(
    ("alpha", "words"),
    [
        (mask(BOTTLE), None),
        (mask(("solid", (180, 110, 300, H))), None),  # cut by the frame at the bottom
        (mask(BOTTLE, ("solid", (360, 200, 440, 320))), "2 pieces"),
        (mask(BOTTLE, ("solid", (0, 0, 40, 40))), "1 piece of the background at the picture's edge"),
        (mask(BOTTLE, ("hole", (200, 300, 280, 400))), "holes"),
        (mask(BOTTLE, ("hole", (230, 300, 240, 310))), None),  # a speck of a hole is no hole
        (mask(BOTTLE, ("solid", (0, 0, 150, H))), "of the picture's edge"),
    ],
    ids=["whole", "cut-by-frame", "two-pieces", "fragment-at-edge", "hole", "tiny-hole", "keeps-the-edge"],
)
def test_a_cut_out_with_pieces_of_the_scene_pieces_or_holes_is_flawed(alpha, words):
    flaw = cutout_flaw(alpha)

    assert (flaw is None) if words is None else (words in flaw), flaw


# --- the product image falls back to the photo -------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "method", "words"),
    [
        ("plain", "asset_cutout", "its subject was cut out"),
        ("split", "asset", "busy background"),
        ("corner", "asset", "was not clean: 1 piece of the background at the picture's edge"),
        ("dark", "asset", "was not clean: the subject came out in 2 pieces"),
    ],
)
def test_the_product_image_uses_the_photo_as_it_is_when_the_cut_out_would_be_wrong(
    workspace, user, kind, method, words
):
    asset = asset_create(workspace=workspace, upload=upload(photo(kind), f"{kind}.png"), created_by=user)

    result = generator_run(name="product_image", data={"brief": BRIEF, "assets": [asset.pk]}, workspace_id=workspace.pk)

    assert (result.output["method"], result.output["asset"]) == (method, asset.pk)
    assert any(words in note for note in result.notes), result.notes
