"""ComfyUI workflows in API format (node id → {"class_type", "inputs"}), built from plain values.

A link to another node's output is ``[node_id, output_index]``, as ComfyUI's "Save (API format)"
writes it. The builders only shape data; ``ComfyClient.run`` queues them.
"""

from __future__ import annotations

from django.conf import settings

# SDXL was trained around one megapixel; below 256 px it draws mush, above 2048 px it repeats
# the subject and runs out of VRAM on a desktop card.
MIN_SIDE = 256
MAX_SIDE = 2048
LOGO_SIDE = 1024
MAX_SEED = 2**64 - 1  # KSampler's seed widget range

STEPS = 30
CFG = 7.0
SAMPLER = "dpmpp_2m"
SCHEDULER = "karras"

LOGO_NEGATIVE = (
    "photograph, photorealistic, 3d render, busy background, clutter, gradient noise, texture, "
    "watermark, signature, blurry, low quality, jpeg artifacts, distorted letters"
)


def snap_side(pixels: float) -> int:
    """The nearest multiple of 8 within [MIN_SIDE, MAX_SIDE]: latents are 1/8 of the image side."""
    clamped = min(max(float(pixels), MIN_SIDE), MAX_SIDE)
    return round(clamped / 8) * 8


def snap_seed(seed: int) -> int:
    return int(seed) % (MAX_SEED + 1)


def product_image(
    prompt: str,
    negative: str,
    width: int,
    height: int,
    seed: int,
    checkpoint: str | None = None,
    *,
    steps: int = STEPS,
    cfg: float = CFG,
    filename_prefix: str = "sparklio/product",
) -> dict:
    """SDXL text to image: checkpoint → two prompts → empty latent → KSampler → VAE decode → save."""
    return _text_to_image(
        prompt=prompt,
        negative=negative,
        width=snap_side(width),
        height=snap_side(height),
        seed=snap_seed(seed),
        checkpoint=checkpoint or settings.COMFYUI_CHECKPOINT,
        steps=steps,
        cfg=cfg,
        filename_prefix=filename_prefix,
    )


def logo(
    name: str,
    style_prompt: str,
    seed: int,
    *,
    negative: str = LOGO_NEGATIVE,
    checkpoint: str | None = None,
    steps: int = STEPS,
    cfg: float = CFG,
    filename_prefix: str = "sparklio/logo",
) -> dict:
    """The product-image graph at 1024 × 1024 with a prompt that asks for a flat, centred mark."""
    style = style_prompt.strip().strip(",").strip()
    prompt = ", ".join(
        part
        for part in (
            f'minimalist vector logo for the brand "{name.strip()}"',
            style,
            "flat design, simple geometric shapes, centered emblem, plain white background, "
            "high contrast, crisp edges, professional brand mark",
        )
        if part
    )
    return _text_to_image(
        prompt=prompt,
        negative=negative,
        width=LOGO_SIDE,
        height=LOGO_SIDE,
        seed=snap_seed(seed),
        checkpoint=checkpoint or settings.COMFYUI_CHECKPOINT,
        steps=steps,
        cfg=cfg,
        filename_prefix=filename_prefix,
    )


def remove_background(image_name: str, *, node: str | None = None, filename_prefix: str = "sparklio/cutout") -> dict:
    """LoadImage → the background-removal custom node (COMFYUI_REMBG_NODE) → SaveImage.

    ``image_name`` is a name in ComfyUI's input folder; pass the same name as a key of
    ``ComfyClient.run(inputs=...)`` and the client uploads the bytes and substitutes the name it got.
    """
    return {
        "1": {"class_type": "LoadImage", "inputs": {"image": image_name}},
        "2": {"class_type": node or settings.COMFYUI_REMBG_NODE, "inputs": {"image": ["1", 0]}},
        "3": {"class_type": "SaveImage", "inputs": {"images": ["2", 0], "filename_prefix": filename_prefix}},
    }


def _text_to_image(
    *,
    prompt: str,
    negative: str,
    width: int,
    height: int,
    seed: int,
    checkpoint: str,
    steps: int,
    cfg: float,
    filename_prefix: str,
) -> dict:
    # CheckpointLoaderSimple's outputs: 0 MODEL, 1 CLIP, 2 VAE.
    return {
        "1": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": checkpoint}},
        "2": {"class_type": "CLIPTextEncode", "inputs": {"text": prompt, "clip": ["1", 1]}},
        "3": {"class_type": "CLIPTextEncode", "inputs": {"text": negative, "clip": ["1", 1]}},
        "4": {"class_type": "EmptyLatentImage", "inputs": {"width": width, "height": height, "batch_size": 1}},
        "5": {
            "class_type": "KSampler",
            "inputs": {
                "model": ["1", 0],
                "positive": ["2", 0],
                "negative": ["3", 0],
                "latent_image": ["4", 0],
                "seed": seed,
                "steps": int(steps),
                "cfg": float(cfg),
                "sampler_name": SAMPLER,
                "scheduler": SCHEDULER,
                "denoise": 1.0,
            },
        },
        "6": {"class_type": "VAEDecode", "inputs": {"samples": ["5", 0], "vae": ["1", 2]}},
        "7": {"class_type": "SaveImage", "inputs": {"images": ["6", 0], "filename_prefix": filename_prefix}},
    }


# --- Video: a still made by SDXL, set in motion by Stable Video Diffusion ---------------------------

CLIP_FRAMES = 25  # svd_xt's native length
CLIP_FPS = 8
CLIP_MOTION = 96  # SVD's motion_bucket_id: higher moves more; ~100 keeps a product shot calm
CLIP_AREA = 1024 * 576  # the area SVD was trained at
VIDEO_FORMAT = "video/h264-mp4"  # a VideoHelperSuite format (video_formats/h264-mp4.json)


def clip_size(aspect: float) -> tuple[int, int]:
    """Width and height (multiples of 64) near SVD's training area for a picture of ``aspect``."""
    width = (CLIP_AREA * aspect) ** 0.5
    height = width / aspect
    return max(320, round(width / 64) * 64), max(320, round(height / 64) * 64)


def short_clip(
    prompt: str,
    negative: str,
    width: int,
    height: int,
    seed: int,
    *,
    frames: int = CLIP_FRAMES,
    fps: int = CLIP_FPS,
    checkpoint: str | None = None,
    video_checkpoint: str | None = None,
    steps: int = 20,
    filename_prefix: str = "sparklio/clip",
) -> dict:
    """Text to a few seconds of video: the SDXL graph makes a still, SVD img2vid animates it,
    VideoHelperSuite's Video Combine writes an H.264 MP4 (listed under "gifs" in the history).

    ImageOnlyCheckpointLoader's outputs: 0 MODEL, 1 CLIP_VISION, 2 VAE; SVD_img2vid_Conditioning's:
    0 positive, 1 negative, 2 LATENT (``frames`` latents).
    """
    still = _text_to_image(
        prompt=prompt,
        negative=negative,
        width=snap_side(width),
        height=snap_side(height),
        seed=snap_seed(seed),
        checkpoint=checkpoint or settings.COMFYUI_CHECKPOINT,
        steps=STEPS,
        cfg=CFG,
        filename_prefix=f"{filename_prefix}-still",
    )
    del still["7"]  # the still feeds the video; it is not an output of its own
    return {
        **still,
        "10": {
            "class_type": "ImageOnlyCheckpointLoader",
            "inputs": {"ckpt_name": video_checkpoint or settings.COMFYUI_VIDEO_CHECKPOINT},
        },
        "11": {"class_type": "VideoLinearCFGGuidance", "inputs": {"model": ["10", 0], "min_cfg": 1.0}},
        "12": {
            "class_type": "SVD_img2vid_Conditioning",
            "inputs": {
                "clip_vision": ["10", 1],
                "init_image": ["6", 0],
                "vae": ["10", 2],
                "width": int(width),
                "height": int(height),
                "video_frames": int(frames),
                "motion_bucket_id": CLIP_MOTION,
                "fps": int(fps),
                "augmentation_level": 0.0,
            },
        },
        "13": {
            "class_type": "KSampler",
            "inputs": {
                "model": ["11", 0],
                "positive": ["12", 0],
                "negative": ["12", 1],
                "latent_image": ["12", 2],
                "seed": snap_seed(seed),
                "steps": int(steps),
                "cfg": 2.5,
                "sampler_name": "euler",
                "scheduler": SCHEDULER,
                "denoise": 1.0,
            },
        },
        "14": {"class_type": "VAEDecode", "inputs": {"samples": ["13", 0], "vae": ["10", 2]}},
        "15": {
            "class_type": "VHS_VideoCombine",
            "inputs": {
                "images": ["14", 0],
                "frame_rate": float(fps),
                "loop_count": 0,
                "filename_prefix": filename_prefix,
                "format": VIDEO_FORMAT,
                "pingpong": False,
                "save_output": True,
            },
        },
    }
