"""Image measurements and background removal on synthetic pictures drawn with Pillow (no database)."""

import io
import zlib

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from generators.imaging import (
    BackgroundModelError,
    ImageError,
    TextRegion,
    contrast_ratio,
    measure_image,
    remove_background,
)
from generators.imaging.colour import delta_e_2000


def png_bytes(img: Image.Image) -> bytes:
    buffer = io.BytesIO()
    img.save(buffer, "PNG", compress_level=1)
    return buffer.getvalue()


def flat(colour: str, size: tuple[int, int] = (400, 400)) -> Image.Image:
    return Image.new("RGB", size, colour)


def iou(a: np.ndarray, b: np.ndarray) -> float:
    return float((a & b).sum() / (a | b).sum())


def product_shot(*, size: int = 720, cropped: bool = False, seed: int = 0) -> tuple[bytes, np.ndarray]:
    """A shaded product (rounded rectangle or ellipse) on a near-uniform, noisy studio background,
    with its true mask."""
    rng = np.random.default_rng(seed)
    mask_img = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(mask_img)
    if cropped:
        draw.rounded_rectangle(
            [int(0.35 * size), int(0.3 * size), int(0.7 * size), size + 40], radius=size // 16, fill=255
        )
        colour = np.array([30.0, 140.0, 90.0])
    else:
        draw.ellipse([int(0.28 * size), int(0.2 * size), int(0.72 * size), int(0.85 * size)], fill=255)
        colour = np.array([200.0, 60.0, 50.0])
    truth = np.asarray(mask_img) > 127
    yy, xx = np.mgrid[0:size, 0:size].astype(float)
    cy, cx = yy[truth].mean(), xx[truth].mean()
    shading = 1.15 - 0.5 * np.clip(((xx - cx) + (yy - cy)) / (0.5 * size), -1, 1)
    background = np.array([236.0, 234.0, 229.0]) * (1 - 0.08 * yy / size)[..., None]
    pixels = np.where(truth[..., None], np.clip(colour * shading[..., None], 0, 255), background)
    img = Image.fromarray(pixels.astype(np.uint8)).filter(ImageFilter.GaussianBlur(1.2))
    noisy = np.asarray(img).astype(float) + rng.normal(0, 4, (size, size, 3))
    return png_bytes(Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8))), truth


def decoded_rgba(png: bytes) -> np.ndarray:
    img = Image.open(io.BytesIO(png))
    assert img.mode == "RGBA"
    return np.asarray(img)


# ---- colour arithmetic ------------------------------------------------------------------------


def test_contrast_ratio_matches_wcag_reference_values():
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#FFF", "#000") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.005)
    assert contrast_ratio("#123456", "#123456") == pytest.approx(1.0)


def test_contrast_ratio_rejects_what_is_not_a_hex_colour():
    with pytest.raises(ValueError, match="hex colour"):
        contrast_ratio("red", "#FFFFFF")


@pytest.mark.parametrize(
    ("lab1", "lab2", "expected"),
    [  # Sharma, Wu & Dalal (2005), test data pairs 1, 7 and 17
        ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
        ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
        ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
    ],
)
def test_ciede2000_matches_the_published_test_data(lab1, lab2, expected):
    assert float(delta_e_2000(np.array(lab1), np.array(lab2))) == pytest.approx(expected, abs=1e-4)


# ---- measurements ----------------------------------------------------------------------------


def test_bright_image_measures_brighter_than_dark_image():
    bright = measure_image(png_bytes(flat("#F0F0F0")))
    dark = measure_image(png_bytes(flat("#202020")))

    assert bright.brightness > 0.8 > 0.05 > dark.brightness
    assert bright.contrast == pytest.approx(0.0) and dark.contrast == pytest.approx(0.0)
    assert (bright.width, bright.height) == (400, 400)
    assert bright.dominant_colors == ["#F0F0F0"] and bright.dominant_shares == [1.0]


def test_sharp_checkerboard_measures_sharper_than_its_blurred_copy():
    cells = np.indices((64, 64)).sum(axis=0) % 2
    board = Image.fromarray((np.kron(cells, np.ones((8, 8))) * 255).astype(np.uint8)).convert("RGB")
    blurred = board.filter(ImageFilter.GaussianBlur(3))

    sharp, soft = measure_image(board), measure_image(png_bytes(blurred))

    assert sharp.sharpness > 10 * soft.sharpness
    assert sharp.contrast > soft.contrast
    assert sharp.brightness == pytest.approx(0.5, abs=0.01)


def test_measurements_are_repeatable():
    data, _ = product_shot(size=400)
    assert measure_image(data) == measure_image(data)


def test_dominant_colours_are_ranked_by_share():
    img = flat("#FFFFFF", (300, 100))
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, 0, 149, 99], fill="#E63946")
    draw.rectangle([150, 0, 239, 99], fill="#1D3557")

    measured = measure_image(img)

    assert measured.dominant_colors == ["#E63946", "#1D3557", "#FFFFFF"]
    assert measured.dominant_shares == pytest.approx([0.5, 0.3, 0.2])


def test_transparent_pixels_are_measured_over_white():
    img = Image.new("RGBA", (100, 100), (0, 0, 0, 0))
    assert measure_image(img).dominant_colors == ["#FFFFFF"]


BRAND = ["#E63946", "#1D3557", "#F1FAEE"]


def stripes(colours: list[str], size: int = 600) -> Image.Image:
    img = Image.new("RGB", (size, size))
    draw = ImageDraw.Draw(img)
    step = size // len(colours)
    for i, colour in enumerate(colours):
        draw.rectangle([i * step, 0, (i + 1) * step - 1, size], fill=colour)
    return img


def test_palette_distance_is_near_zero_for_an_image_in_brand_colours():
    measured = measure_image(png_bytes(stripes(BRAND)), palette=BRAND)

    assert measured.palette_distance == pytest.approx(0.0, abs=0.5)
    assert measured.off_palette_colors == []


def test_palette_distance_is_large_for_off_palette_colours():
    measured = measure_image(png_bytes(stripes(["#2A9D8F", "#8338EC", "#FFBE0B"])), palette=BRAND)

    assert measured.palette_distance > 20
    assert set(measured.off_palette_colors) == {"#2A9D8F", "#8338EC", "#FFBE0B"}


def test_no_palette_means_no_palette_distance():
    measured = measure_image(flat("#2A9D8F"))
    assert measured.palette_distance is None and measured.off_palette_colors == []


def test_bad_palette_colour_is_a_value_error():
    with pytest.raises(ValueError, match="hex colour"):
        measure_image(flat("#FFFFFF"), palette=["#GGHHII"])


def rendered_text(text_colour: str, background: str, xy=(200, 500)) -> tuple[Image.Image, TextRegion]:
    img = flat(background, (1080, 1080))
    draw = ImageDraw.Draw(img)
    font = ImageFont.load_default(size=72)
    draw.text(xy, "SUMMER SALE 50%", fill=text_colour, font=font)
    left, top, right, bottom = draw.textbbox(xy, "SUMMER SALE 50%", font=font)
    region = TextRegion(x=left - 8, y=top - 8, width=right - left + 16, height=bottom - top + 16, color=text_colour)
    return img, region


def test_text_contrast_is_measured_against_the_pixels_behind_the_text():
    img, region = rendered_text("#777777", "#FFFFFF")

    (measured,) = measure_image(png_bytes(img), text_regions=[region]).text_contrast

    assert measured.background_color == "#FFFFFF"
    assert measured.ratio == pytest.approx(4.48, abs=0.01)
    assert not measured.passes_aa and measured.passes_aa_large
    assert measured.box == [region.x, region.y, region.width, region.height]


def test_light_text_on_a_dark_panel_passes_and_pale_text_fails():
    img, good = rendered_text("#FFFFFF", "#0B3D91")
    pale = TextRegion(x=190, y=790, width=260, height=70, color="#e0e0e0")
    pale_img = flat("#F4F4F4", (1080, 1080))
    ImageDraw.Draw(pale_img).text((200, 800), "fine print", fill="#E0E0E0", font=ImageFont.load_default(size=40))

    (on_panel,) = measure_image(img, text_regions=[good]).text_contrast
    (washed_out,) = measure_image(pale_img, text_regions=[pale]).text_contrast

    assert on_panel.background_color == "#0B3D91" and on_panel.passes_aa
    assert washed_out.text_color == "#E0E0E0" and washed_out.background_color == "#F4F4F4"
    assert washed_out.ratio == pytest.approx(contrast_ratio("#E0E0E0", "#F4F4F4"))
    assert not washed_out.passes_aa_large


def test_text_region_outside_the_image_is_a_value_error():
    with pytest.raises(ValueError, match="outside"):
        measure_image(flat("#FFFFFF"), text_regions=[TextRegion(x=500, y=10, width=50, height=20, color="#000")])


def test_shape_touching_the_left_edge_violates_the_left_margin():
    img = flat("#F4F1EA", (1080, 1080))
    ImageDraw.Draw(img).rectangle([0, 400, 200, 600], fill="#E63946")

    assert measure_image(png_bytes(img)).margin_violations == ["left"]


def test_centred_shapes_on_flat_and_gradient_backgrounds_respect_the_margins():
    centred = flat("#F4F1EA", (1080, 1080))
    ImageDraw.Draw(centred).ellipse([300, 300, 780, 780], fill="#1D3557")
    ramp = np.linspace(0, 1, 1080)[:, None, None]
    gradient = Image.fromarray(
        (np.array([30, 60, 160]) * (1 - ramp) + np.array([200, 80, 140]) * ramp).astype(np.uint8).repeat(1080, axis=1)
    )
    ImageDraw.Draw(gradient).ellipse([300, 300, 780, 780], fill="#FFD166")

    assert measure_image(centred).margin_violations == []
    assert measure_image(gradient).margin_violations == []


def test_text_region_crossing_the_margin_is_a_violation():
    img, region = rendered_text("#1D3557", "#FFFFFF", xy=(300, 20))

    measured = measure_image(img, text_regions=[region], safe_margin=0.05)

    assert measured.margin_violations == ["top"]
    assert measure_image(img, text_regions=[region], safe_margin=0.0).margin_violations == []


# ---- input errors ----------------------------------------------------------------------------


def truncated_png() -> bytes:
    data = png_bytes(Image.effect_noise((200, 200), 64).convert("RGB"))
    return data[: len(data) // 2]


def huge_png_header(width: int, height: int) -> bytes:
    """A PNG whose header claims a huge picture: the size check must fire before decoding."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return len(body).to_bytes(4, "big") + kind + body + zlib.crc32(kind + body).to_bytes(4, "big")

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 2, 0, 0, 0])
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"this is not an image", "not an image"),
        (truncated_png(), "corrupt or truncated"),
        (huge_png_header(8000, 7000), "too big"),
        (huge_png_header(50_000, 50_000), "too big"),
    ],
)
@pytest.mark.parametrize("operation", [measure_image, remove_background])
def test_unusable_input_is_an_image_error(operation, data, message):
    with pytest.raises(ImageError, match=message):
        operation(data)


def test_image_error_is_a_value_error():
    assert issubclass(ImageError, ValueError)


# ---- background removal: GrabCut -------------------------------------------------------------


@pytest.mark.parametrize("cropped", [False, True], ids=["whole-product", "cropped-by-frame"])
def test_grabcut_cuts_out_a_synthetic_product(settings, cropped):
    settings.U2NET_HOME = ""
    data, truth = product_shot(cropped=cropped)

    result = remove_background(data)

    rgba = decoded_rgba(result.png)
    assert result.method == "grabcut"
    assert rgba.shape == (*truth.shape, 4)
    assert iou(rgba[..., 3] >= 128, truth) >= 0.9
    assert result.mask_coverage == pytest.approx(truth.mean(), abs=0.02)
    ys, xs = np.nonzero(truth)
    x, y, w, h = result.box
    assert abs(x - xs.min()) <= 8 and abs(y - ys.min()) <= 8
    assert abs(x + w - 1 - xs.max()) <= 8 and abs(y + h - 1 - ys.max()) <= 8


def test_grabcut_is_repeatable(settings):
    settings.U2NET_HOME = ""
    data, _ = product_shot(size=400, seed=3)
    assert remove_background(data) == remove_background(data)


def test_a_plain_background_has_no_foreground(settings):
    settings.U2NET_HOME = ""
    result = remove_background(png_bytes(flat("#EAEAEA", (300, 200))))

    assert result.mask_coverage == 0.0 and result.box == (0, 0, 0, 0)
    assert decoded_rgba(result.png).shape == (200, 300, 4)


def test_existing_transparency_is_kept(settings):
    settings.U2NET_HOME = ""
    data, truth = product_shot(size=400)
    img = Image.open(io.BytesIO(data)).convert("RGBA")
    half = Image.new("L", (400, 400), 255)
    half.paste(0, (0, 0, 200, 400))
    img.putalpha(half)

    alpha = decoded_rgba(remove_background(png_bytes(img)).png)[..., 3]

    assert alpha[:, :200].max() == 0
    assert iou(alpha[:, 200:] >= 128, truth[:, 200:]) >= 0.9


# ---- background removal: U²-Net through onnxruntime -----------------------------------------

U2NET_MEAN = np.array([0.485, 0.456, 0.406])
U2NET_STD = np.array([0.229, 0.224, 0.225])


def write_channel_mean_model(path) -> None:
    """A stand-in for u2net.onnx with its signature (1×3×320×320 in, 1×1×320×320 first out): the
    first output is sigmoid(mean over channels), the second its negation, as a decoy."""
    onnx = pytest.importorskip("onnx")
    helper, tensor = onnx.helper, onnx.TensorProto
    graph = helper.make_graph(
        [
            helper.make_node("ReduceMean", ["input.1"], ["mean"], axes=[1], keepdims=1),
            helper.make_node("Sigmoid", ["mean"], ["d0"]),
            helper.make_node("Neg", ["d0"], ["d1"]),
        ],
        "channel_mean",
        [helper.make_tensor_value_info("input.1", tensor.FLOAT, [1, 3, 320, 320])],
        [
            helper.make_tensor_value_info("d0", tensor.FLOAT, [1, 1, 320, 320]),
            helper.make_tensor_value_info("d1", tensor.FLOAT, [1, 1, 320, 320]),
        ],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, str(path))


@pytest.fixture
def u2net_home(settings, tmp_path):
    pytest.importorskip("onnxruntime")
    write_channel_mean_model(tmp_path / "u2net.onnx")
    settings.U2NET_HOME = str(tmp_path)
    return tmp_path


def expected_channel_mean_mask(rgb: np.ndarray) -> np.ndarray:
    """u2net's pre- and post-processing (as rembg does it) around the stand-in model, for a 320² image."""
    scaled = rgb.astype(np.float64) / rgb.max()
    prediction = 1 / (1 + np.exp(-((scaled - U2NET_MEAN) / U2NET_STD).mean(axis=2)))
    normalised = (prediction - prediction.min()) / (prediction.max() - prediction.min())
    return (normalised * 255).astype(np.uint8)


def test_learned_model_in_u2net_home_is_used(u2net_home):
    rng = np.random.default_rng(5)
    blocks = rng.integers(0, 230, (20, 20, 3), dtype=np.uint8)
    rgb = np.kron(blocks, np.ones((16, 16, 1), np.uint8))  # 320×320, colourful so channel order matters

    result = remove_background(png_bytes(Image.fromarray(rgb)))

    rgba = decoded_rgba(result.png)
    assert result.method == "u2net"
    assert np.abs(rgba[..., 3].astype(int) - expected_channel_mean_mask(rgb)).max() <= 1
    assert result.mask_coverage == pytest.approx(rgba[..., 3].mean() / 255)


def test_learned_mask_is_scaled_back_to_the_input_size(u2net_home):
    img = flat("#101010", (500, 300))
    ImageDraw.Draw(img).rectangle([100, 50, 299, 249], fill="#F0F0F0")

    result = remove_background(png_bytes(img))

    alpha = decoded_rgba(result.png)[..., 3]
    assert result.method == "u2net" and alpha.shape == (300, 500)
    assert alpha[150, 200] >= 240 and alpha[150, 450] <= 15
    assert result.box == pytest.approx((100, 50, 200, 200), abs=3)


def test_u2net_home_without_a_model_falls_to_grabcut(settings, tmp_path):
    settings.U2NET_HOME = str(tmp_path)
    data, _ = product_shot(size=300)
    assert remove_background(data).method == "grabcut"


def test_unreadable_model_is_reported(settings, tmp_path):
    pytest.importorskip("onnxruntime")
    (tmp_path / "u2netp.onnx").write_bytes(b"not a model")
    settings.U2NET_HOME = str(tmp_path)

    with pytest.raises(BackgroundModelError, match="u2netp.onnx"):
        remove_background(png_bytes(flat("#FFFFFF", (64, 64))))
