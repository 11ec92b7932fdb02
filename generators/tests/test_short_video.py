"""The short-video generator: real MP4s read back with ffmpeg, a given storyboard played as it
is, bad storyboards refused by field, Korean drawn with real glyphs, ComfyUI at the wire, the API.

Videos are rendered small (max_side) and short so the suite stays quick on two cores."""

import io
import re

import numpy as np
import pytest
from django.core.files.storage import default_storage
from PIL import Image

from brands.tests.factories import BrandColorFactory, BrandKitFactory
from generators.context import BrandProfile, GenContext
from generators.motion.compose import Timeline, ping_pong
from generators.motion.encode import moov_first, probe, read_frames
from generators.registry import get_generator
from generators.services import generator_run
from generators.video import video_size
from sparklio.gpu.tests.fake_comfy import REMBG, FakeComfy

pytestmark = pytest.mark.django_db

PLAN = (
    "무선 이어폰 X1을 위한 인스타그램 릴스 영상을 만들어줘. 타겟은 2030 직장인이고, "
    "노이즈 캔슬링과 24시간 배터리가 주요 특징이야. 이번 주 20% 할인."
)
RED, WHITE, NAVY, GOLD = "#D32F2F", "#FFFFFF", "#101830", "#FFC145"


def storyboard(*durations, texts=None):
    beats = ["hook", "reveal", "feature", "benefit", "offer", "cta"]
    texts = texts or [f"장면 {i + 1}" for i in range(len(durations))]
    return {
        "language": "ko",
        "duration": sum(durations),
        "scenes": [
            {
                "index": i + 1,
                "beat": beats[i % len(beats)] if i < len(durations) - 1 else "cta",
                "duration": d,
                "shot": "샷",
                "text": texts[i],
                "voiceover": "",
            }
            for i, d in enumerate(durations)
        ],
    }


def brand_kit(workspace):
    brand = BrandKitFactory(workspace=workspace, name="소리랩")
    for role, hex_ in [("primary", RED), ("background", WHITE), ("secondary", NAVY), ("accent", GOLD)]:
        BrandColorFactory(brand=brand, role=role, hex=hex_, name=role)
    return brand


def run(workspace, **data):
    brand = data.pop("brand", None)
    provider = data.pop("provider", None)
    return generator_run(name="short_video", data=data, workspace_id=workspace.pk, brand=brand, provider=provider)


def local(path):
    return default_storage.path(path)


def rgb(hex_):
    return np.array([int(hex_[i : i + 2], 16) for i in (1, 3, 5)])


def near(pixel, hex_, tolerance=40):
    return np.abs(np.asarray(pixel[:3], dtype=int) - rgb(hex_)).max() <= tolerance


# --- the file ------------------------------------------------------------------------------------


def test_a_brief_becomes_an_h264_mp4_as_long_as_its_storyboard(workspace):
    progress = []
    generator = get_generator("short_video")
    inp = generator.Input(brief=PLAN, duration=6, fps=24, max_side=480)
    result = generator.run(inp, GenContext(workspace_id=workspace.pk, on_progress=lambda f, m: progress.append(f)))

    out = result.output
    assert result.provider == "offline" and out["method"] == "renderer" and out["storyboard_source"] == "offline"
    planned = sum(scene["duration"] for scene in out["storyboard"]["scenes"])
    assert planned == pytest.approx(6.0)
    info = probe(local(out["path"]))  # read back from the file, not from the output's claims
    assert (info.codec, info.pix_fmt) == ("h264", "yuv420p") and info.faststart
    assert (info.width, info.height) == (270, 480) == (out["width"], out["height"])  # reels: 9:16
    assert info.frames == round(planned * 24) == out["frames"]
    assert abs(info.duration - planned) <= 1 / 24 and out["fps"] == 24
    assert out["scenes"] == len(out["storyboard"]["scenes"]) >= 4
    assert result.checks["within_one_frame"] and result.checks["frames"] == info.frames
    assert out["url"].startswith("/media/") and out["path"] in result.files
    with Image.open(local(out["poster_path"])) as poster:
        assert poster.format == "JPEG" and poster.size == (270, 480)
    assert 0 <= out["poster_time"] < planned
    assert progress == sorted(progress) and progress[-1] == 1.0 and len(progress) >= 5


def test_a_given_storyboard_is_played_as_it_is(workspace):
    brand = brand_kit(workspace)
    board = storyboard(1.5, 2.25, 1.0, texts=["첫 장면", "무선 이어폰 X1", "지금 바로 구매"])
    result = run(workspace, brand=brand, storyboard=board, fps=24, max_side=480, transition=0.3)

    out = result.output
    assert out["storyboard_source"] == "given" and out["scenes"] == 3
    assert [s["text"] for s in out["storyboard"]["scenes"]] == ["첫 장면", "무선 이어폰 X1", "지금 바로 구매"]
    assert [s["duration"] for s in out["storyboard"]["scenes"]] == [1.5, 2.25, 1.0]
    info = probe(local(out["path"]))
    assert info.frames == round(4.75 * 24) == 114 and abs(info.duration - 4.75) <= 1 / 24
    # Each scene holds the screen for its own duration: the frame's corner has the hook's colour
    # (primary) in scene 1, the page colour in the reveal (scene 2), primary again at the end card.
    frames = read_frames(local(out["path"]))
    corner = [frame[-4, -4] for frame in frames]
    fade = round(0.15 * 24) + 1  # half the crossfade, in frames, either side of a cut
    assert all(near(c, RED, 45) for c in corner[: 36 - fade])
    assert all(near(c, WHITE, 45) for c in corner[36 + fade : 90 - fade])
    assert all(near(c, RED, 45) for c in corner[90 + fade :])
    assert not near(corner[36], RED, 10) and not near(corner[36], WHITE, 10)  # mid-crossfade: a blend


def test_the_storyboard_says_one_length_and_its_scenes_another_the_scenes_win(workspace):
    board = storyboard(1.0, 1.0)
    board["duration"] = 15
    result = run(workspace, storyboard=board, fps=24, max_side=320)
    assert probe(local(result.output["path"])).frames == 48
    assert any("the scenes' durations were used" in note for note in result.notes)


def test_korean_text_is_drawn_with_glyphs_in_the_brand_colours(workspace):
    brand = brand_kit(workspace)
    board = storyboard(1.0, 2.5, 1.0, texts=["가나다", "노이즈 캔슬링 무선 이어폰", "혜택 받기"])
    result = run(workspace, brand=brand, storyboard=board, product="무선 이어폰 X1", fps=24, max_side=640)

    assert not any("□" in note or "not installed" in note for note in result.notes)  # no tofu, no missing font
    with Image.open(local(result.output["poster_path"])) as poster:
        frame = np.asarray(poster.convert("RGB"), dtype=int)
    height, width = frame.shape[:2]
    assert result.output["poster_time"] > 1.0  # the poster is the product scene once its text is in
    # the reveal: the product card in the brand's primary colour, the scene's text under it on the page colour
    assert near(frame[round(height * 0.2), width // 2 - width // 4], RED, 30)
    band = frame[round(height * 0.63) : round(height * 0.8), round(width * 0.1) : round(width * 0.9)]
    background = band[2, 2]
    inked = np.abs(band - background).max(axis=2) > 100
    assert 0.02 < inked.mean() < 0.5  # dark strokes of real glyphs, not an empty band or a filled box
    rows = np.flatnonzero(inked.any(axis=1))
    columns = np.flatnonzero(inked.any(axis=0))
    assert rows.size > 10 and columns.size > band.shape[1] * 0.3  # a line of text across the column


@pytest.mark.parametrize("with_offer_scene", [False, True])
def test_an_offer_no_scene_shows_reaches_the_end_card(workspace, with_offer_scene):
    brand = brand_kit(workspace)
    board = storyboard(1.0, 1.0, 2.0)  # hook, reveal, cta
    if with_offer_scene:
        board["scenes"][1]["beat"] = "offer"
    result = run(workspace, brand=brand, storyboard=board, offer="이번 주 20% 할인", fps=24, max_side=480)
    last = read_frames(local(result.output["path"]))[-1].astype(int)
    height, width = last.shape[:2]
    pill = last[round(height * 0.165) : round(height * 0.245), width // 4 : 3 * width // 4]
    on_page_colour = (np.abs(pill - rgb(WHITE)).max(axis=2) < 40).mean()
    assert on_page_colour > 0.4 if not with_offer_scene else on_page_colour == 0


def test_channel_decides_the_frame(workspace):
    assert video_size(None, 1920) == ((1080, 1920), None)
    assert video_size("instagram_feed", 1920) == ((1080, 1080), None)
    assert video_size("youtube_thumbnail", 640) == ((640, 360), None)
    size, note = video_size("product_detail", 1920)
    assert size == (1080, 1920) and "no video frame" in note
    assert video_size("instagram_story", 481)[0] == (270, 480)  # sides stay even for yuv420p


def test_short_form_words_make_a_vertical_frame_whatever_the_channel(workspace):
    size, note = video_size("youtube_thumbnail", 640, short_form=True)
    assert size == (360, 640) and "short-form" in note
    assert video_size("instagram_story", 640, short_form=True) == ((360, 640), None)


AERO_SHORTS = (
    'YouTube Shorts for "Aero Bottle", a stainless water bottle. Key features: keeps drinks cold 24 hours, '
    "leak-proof lid, fits cup holders, dishwasher safe."
)


def test_an_english_shorts_brief_is_a_vertical_15_second_video_in_english(workspace):
    # it came out 1280x720, 60 s, with "An ordinary day of 2030 직장인…" from the brand's audience
    brand = brand_kit(workspace)
    brand.target_audience = "2030 직장인과 바쁜 현대인"
    brand.save(update_fields=["target_audience"])
    result = run(workspace, brand=brand, brief=AERO_SHORTS, language="en", fps=24, max_side=320)

    out = result.output
    info = probe(local(out["path"]))
    assert (info.width, info.height) == (180, 320) == (out["width"], out["height"])
    assert abs(info.duration - 15) <= 1 / 24
    assert any("short-form" in note for note in result.notes)
    texts = " ".join(scene["text"] + scene["voiceover"] for scene in out["storyboard"]["scenes"])
    assert not re.search("[가-힣]", texts) and "…" not in texts, texts


def test_a_given_storyboard_names_its_product_on_the_cards_not_the_brand(workspace):
    brand = brand_kit(workspace)
    board = storyboard(1.0, 1.0, 1.0, texts=["Tired of warm water?", "Aero Bottle", "Shop now"])
    board["language"] = "en"
    generator = get_generator("short_video")
    inp = generator.Input(storyboard=board, max_side=320)
    work = generator.prepare(inp, GenContext(workspace_id=workspace.pk, brand=BrandProfile.from_kit(brand)))

    look = generator.look(work, inp.storyboard)
    assert (look.product, look.brand) == ("Aero Bottle", "소리랩")  # the brand stays the small mark
    named = generator.look(
        generator.prepare(generator.Input(storyboard=board, product="Aero Max"), GenContext()), inp.storyboard
    )
    assert named.product == "Aero Max"  # an explicit product wins


def _look():
    from generators.motion.scenes import Look

    return Look(
        primary=RED, secondary=NAVY, accent=GOLD, background=WHITE, on_primary=WHITE, on_secondary=WHITE,
        on_accent=NAVY, on_background=NAVY, heading_font=None, body_font=None, brand="소리랩", product="모닝빈",
        language="ko", offer=None,
    )  # fmt: skip


def test_a_wide_frame_puts_its_header_at_the_progress_bars_ends_and_a_feature_mid_frame():
    from generators.motion.scenes import Shot, design

    shot = Shot(index=2, count=4, beat="feature", text="무첨가 로스팅 · 싱글 원두", feature_number=1)
    layout = design(shot, _look(), 1280, 720)
    objects = {obj["id"]: obj for obj in layout.still + [o for _, group, _ in layout.moving for o in group]}

    bar_margin = round(720 * 0.04)  # compose._progress
    assert objects["brand"]["x"] == bar_margin
    assert objects["counter"]["x"] + objects["counter"]["width"] == pytest.approx(1280 - bar_margin, abs=1)
    text = objects["text"]
    assert text["text"] == "무첨가 로스팅\n싱글 원두"  # a list: an item a line, no dot left at a line end
    assert text["y"] + text["height"] / 2 == pytest.approx(720 * 0.47, abs=10)  # the middle, not the top third
    assert objects["chip"]["y"] + objects["chip"]["height"] / 2 == pytest.approx(720 * 0.47, abs=2)


def test_a_square_channel_gets_a_square_video(workspace):
    result = run(workspace, storyboard=storyboard(1.0, 1.0), channel="instagram_feed", fps=24, max_side=360)
    info = probe(local(result.output["path"]))
    assert (info.width, info.height) == (360, 360)


# --- the timeline ----------------------------------------------------------------------------------


@pytest.mark.parametrize("fps", [24, 25, 30])
@pytest.mark.parametrize("durations", [(1.37, 2.01, 0.8), (2.0, 2.1, 2.1, 2.1, 2.1, 2.1, 2.5), (0.5, 0.5)])
def test_the_timeline_lasts_the_sum_within_one_frame(fps, durations):
    timeline = Timeline(fps=fps, durations=durations, transition=0.5)
    assert abs(timeline.frames / fps - sum(durations)) <= 1 / fps
    assert timeline.start_frames[0] == 0 and timeline.start_frames == sorted(timeline.start_frames)
    assert 0 <= timeline.poster_frame() < timeline.frames
    for cut in range(1, len(durations)):
        assert timeline.half_fade(cut) <= min(durations[cut - 1], durations[cut]) / 4


def test_ping_pong_plays_back_and_forth():
    assert [ping_pong(4, n) for n in range(8)] == [0, 1, 2, 3, 2, 1, 0, 1]
    assert ping_pong(1, 5) == 0


def test_moov_first_reads_the_top_level_boxes(tmp_path):
    def box(kind, body=b""):
        return (8 + len(body)).to_bytes(4, "big") + kind + body

    fast, slow = tmp_path / "fast.mp4", tmp_path / "slow.mp4"
    fast.write_bytes(box(b"ftyp", b"isom") + box(b"moov", b"x" * 20) + box(b"mdat", b"y" * 50))
    slow.write_bytes(box(b"ftyp", b"isom") + box(b"mdat", b"y" * 50) + box(b"moov", b"x" * 20))
    assert moov_first(fast) and not moov_first(slow)


# --- bad input -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda b: b["scenes"][1].update(duration=-1), "storyboard.scenes.1.duration"),
        (lambda b: b["scenes"][0].update(duration="long"), "storyboard.scenes.0.duration"),
        (lambda b: b["scenes"][0].pop("text"), "storyboard.scenes.0.text"),
        (lambda b: b.update(scenes=b["scenes"][:1]), "storyboard.scenes"),
        (lambda b: b.update(scenes="two"), "storyboard.scenes"),
        (lambda b: [s.update(duration=30) for s in b["scenes"]], "storyboard"),  # 120 s in all
        (lambda b: b.update(language="fr"), "storyboard.language"),
        (lambda b: b.update(music="upbeat"), "storyboard.music"),  # once passed silently
        (lambda b: b["scenes"][2].update(sound="whoosh"), "storyboard.scenes.2.sound"),
    ],
)
def test_a_bad_storyboard_is_a_400_naming_the_field_and_writes_nothing(owner_client, workspace, change, field):
    board = storyboard(1.0, 1.0, 1.0, 1.0)
    change(board)
    response = owner_client.post(
        "/api/v1/generators/short_video/run/", {"storyboard": board, "max_side": 320}, format="json"
    )
    assert response.status_code == 400, response.json()
    assert field in response.json()["errors"], response.json()
    assert not default_storage.exists(f"uploads/{workspace.pk}/generated")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "brief"),
        ({"brief": PLAN, "fps": 60}, "fps"),
        ({"brief": PLAN, "duration": 300}, "duration"),
        ({"brief": PLAN, "transition": 5}, "transition"),
        ({"brief": PLAN, "max_side": 4000}, "max_side"),
        ({"brief": PLAN, "loop": True}, "loop"),
    ],
)
def test_bad_options_are_400s_naming_the_field(owner_client, body, field):
    response = owner_client.post("/api/v1/generators/short_video/run/", body, format="json")
    assert response.status_code == 400 and field in response.json()["errors"], response.json()


# --- ComfyUI at the wire --------------------------------------------------------------------------


@pytest.fixture
def comfy(settings):
    server = FakeComfy()
    settings.COMFYUI_URL = [server.url]
    settings.COMFYUI_TIMEOUT_SECONDS = 30
    yield server
    server.close()


def test_with_comfyui_the_product_scene_plays_the_gpu_clip(workspace, comfy):
    brand = brand_kit(workspace)
    board = storyboard(1.0, 2.5, 1.0)
    result = run(workspace, brand=brand, storyboard=board, product="무선 이어폰 X1", fps=24, max_side=480)

    assert result.provider == "comfyui" and result.output["method"] == "renderer+comfyui"
    assert result.output["host"] == comfy.url
    assert any("clip made on" in note for note in result.notes)
    prompt = comfy.received[-1]["prompt"]
    classes = {node["class_type"]: node["inputs"] for node in prompt.values()}
    assert classes["VHS_VideoCombine"]["format"] == "video/h264-mp4"
    assert classes["SVD_img2vid_Conditioning"]["video_frames"] == 25
    assert classes["ImageOnlyCheckpointLoader"]["ckpt_name"] == "svd_xt.safetensors"
    texts = [node["inputs"]["text"] for node in prompt.values() if node["class_type"] == "CLIPTextEncode"]
    assert any("무선 이어폰 X1" in text for text in texts), texts
    assert any(request.startswith("GET /view") for request in comfy.requests)
    # The product card now shows the clip (the fake's colour and its white square), not the flat
    # brand colour the offline card has.
    info = probe(local(result.output["path"]))
    assert info.frames == round(4.5 * 24)
    with Image.open(local(result.output["poster_path"])) as poster:
        frame = np.asarray(poster.convert("RGB"), dtype=int)
    panel = frame[round(frame.shape[0] * 0.2) : round(frame.shape[0] * 0.55), 40:-40]
    assert (np.abs(panel - rgb(RED)).max(axis=2) > 60).mean() > 0.5


@pytest.mark.parametrize(
    ("options", "why"),
    [({"custom_nodes": (REMBG,)}, "VHS_VideoCombine"), ({"fail_on": "SVD_img2vid_Conditioning"}, "failed")],
    ids=["no-video-node", "execution-error"],
)
def test_when_comfyui_fails_the_video_is_drawn_offline_with_a_note(workspace, settings, options, why):
    server = FakeComfy(**options)
    settings.COMFYUI_URL = [server.url]
    settings.COMFYUI_TIMEOUT_SECONDS = 30
    try:
        result = run(workspace, storyboard=storyboard(1.0, 1.5, 1.0), fps=24, max_side=320)
    finally:
        server.close()
    assert result.provider == "offline" and result.output["method"] == "renderer"
    note = next(note for note in result.notes if "ComfyUI did not make the product clip" in note)
    assert why in note and "drawn offline" in note
    assert probe(local(result.output["path"])).frames == 84


def test_provider_offline_skips_the_gpu(workspace, comfy):
    result = run(workspace, storyboard=storyboard(1.0, 1.0), fps=24, max_side=320, provider="offline")
    assert result.provider == "offline" and comfy.received == []


# --- the API -------------------------------------------------------------------------------------


def test_the_api_runs_it_end_to_end_and_the_files_are_served(owner_client, workspace, user, workspace_events):
    brand = brand_kit(workspace)
    response = owner_client.post(
        "/api/v1/generators/short_video/run/",
        {"brief": PLAN, "brand": brand.pk, "duration": 6, "fps": 24, "max_side": 320},
        format="json",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["generator"] == "short_video" and body["provider"] == "offline" and body["offline"] is True
    out = body["output"]
    assert out["mime"] == "video/mp4" and out["codec"] == "h264" and out["frames"] == 144
    assert (out["width"], out["height"], out["fps"]) == (180, 320, 24) and abs(out["duration"] - 6) <= 1 / 24
    video = owner_client.get(out["url"])
    assert video.status_code == 200 and video["Content-Type"] == "video/mp4"
    data = b"".join(video.streaming_content)
    assert data[4:8] == b"ftyp" and len(data) == default_storage.size(out["path"])
    poster = owner_client.get(out["poster_url"])
    assert poster.status_code == 200
    with Image.open(io.BytesIO(b"".join(poster.streaming_content))) as picture:
        assert picture.size == (180, 320)
    progress = [e for e in workspace_events() if e.get("job") == "generator_run"]
    assert len(progress) >= 5 and {e["generator"] for e in progress} == {"short_video"}
    assert [e["progress"] for e in progress] == sorted(e["progress"] for e in progress)
    assert progress[-1]["status"] == "succeeded" and progress[-1]["progress"] == 1.0
    assert progress[-1]["user"] == user.pk and any("frame" in e["message"] for e in progress)
    described = owner_client.get("/api/v1/generators/short_video/").json()
    assert described["kind"] == "video" and "storyboard" in described["input_schema"]["properties"]


def test_a_workspace_the_caller_is_not_in_is_not_found(owner_client, other_workspace):
    response = owner_client.post(
        "/api/v1/generators/short_video/run/",
        {"workspace": other_workspace.pk, "storyboard": storyboard(1.0, 1.0), "max_side": 320},
        format="json",
    )
    assert response.status_code in (400, 404)
    assert not default_storage.exists(f"uploads/{other_workspace.pk}/generated")
