"""Image generators: product image, background removal, logo and banner composition.

With ``COMFYUI_URL`` set, product images, logos and background removal run as ComfyUI
workflows on the GPU desktop. Without it (or with provider ``offline``) they are made here:
the product card, logo and banner are designs drawn by the document renderer from the brand
palette and the copy; background removal is GrabCut (or a learned model when one is
installed). The output names the method that made the picture.
"""

from __future__ import annotations

import io
import logging
import uuid
from dataclasses import dataclass, field

import numpy as np
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image
from pydantic import BaseModel, Field, ValidationInfo, field_validator
from rest_framework.exceptions import ValidationError

from assets.selectors import assets_for_workspace
from documents.commands.colors import relative_luminance
from documents.render.images import read_source
from documents.render.renderer import render_page
from documents.schema import CHANNEL_PRESETS, SparklioDocument
from documents.services import workspace_path_rule
from generators import icons
from generators.base import OFFLINE, Generator, GeneratorInput, GeneratorResult, Work
from generators.imaging import ImageError, cutout_flaw, read_border, remove_background
from generators.imaging.background import PLAIN_MAX_SPREAD, PLAIN_MIN_SHARE
from generators.imaging.loading import open_image, rgb_and_alpha
from generators.text import CTAGenerator, HeadlineGenerator, clip, cta_kind

logger = logging.getLogger(__name__)

DEFAULTS = {
    "primary": "#FF5A1F",
    "secondary": "#1F2A44",
    "accent": "#FFC145",
    "background": "#FFFFFF",
    "text": "#111111",
}


def readable_on(background: str) -> str:
    """Black or white, whichever contrasts more with ``background`` (WCAG luminance)."""
    lum = relative_luminance(background)
    return "#111111" if (lum + 0.05) / 0.05 > 1.05 / (lum + 0.05) else "#FFFFFF"


def colours_of(work: Work) -> dict[str, str]:
    colours = {**DEFAULTS, **work.brand.colors}
    colours["on_primary"] = readable_on(colours["primary"])
    colours["on_accent"] = readable_on(colours["accent"])
    colours["on_background"] = readable_on(colours["background"])
    return colours


def text_obj(oid, role, box, text, *, size, colour, weight=400, align="left", font=None, fill=None, valign="top"):
    x, y, w, h = box
    style = {
        "font_family": font or "Noto Sans KR",
        "font_size": size,
        "font_weight": weight,
        "color": colour,
        "align": align,
        "vertical_align": valign,
        "line_height": 1.25,
        "shrink_to_fit": True,
    }
    if fill:
        style["background_color"] = fill
    return {
        "id": oid,
        "type": "text",
        "role": role,
        "x": x,
        "y": y,
        "width": w,
        "height": h,
        "text": text,
        "style": style,
    }


def shape_obj(oid, role, box, fill, *, kind="rect", radius=0, opacity=1.0):
    x, y, w, h = box
    return {
        "id": oid,
        "type": "shape",
        "role": role,
        "shape": kind,
        "x": x,
        "y": y,
        "width": w,
        "height": h,
        "fill": fill,
        "corner_radius": radius,
        "opacity": opacity,
    }


def render_design(
    objects: list[dict], *, width: int, height: int, background: str, workspace_id: int, language: str
) -> bytes:
    document = SparklioDocument.model_validate(
        {
            "schema_version": "2.0",
            "title": "generated",
            "width": width,
            "height": height,
            "language": language,
            "pages": [{"id": "page-1", "background": background, "objects": objects}],
        }
    )
    return render_page(document, 0, fmt="png", allowed_path=workspace_path_rule(workspace_id)).content


def store_png(data: bytes, *, workspace_id: int, stem: str) -> str:
    """Save a generated picture in the workspace's uploads; returns its storage path."""
    return default_storage.save(
        f"uploads/{workspace_id}/generated/{stem}-{uuid.uuid4().hex[:12]}.png", ContentFile(data)
    )


def image_size(data: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(data)) as image:
        return image.size


def picture_of(data: bytes, *, fit: tuple[int, int]) -> Image.Image:
    """Picture bytes decoded upright (EXIF orientation), scaled down to fit ``fit`` (never up), in
    8-bit RGB, or RGBA when they have transparency."""
    img = open_image(data)
    if img.mode in ("RGB", "RGBA", "L", "LA"):
        # Shrink first: a 40-megapixel photo is not copied into arrays at full size.
        img.thumbnail(fit, Image.Resampling.LANCZOS)
    rgb, alpha = rgb_and_alpha(img)
    out = Image.fromarray(rgb) if alpha is None else Image.fromarray(np.dstack([rgb, alpha]), "RGBA")
    out.thumbnail(fit, Image.Resampling.LANCZOS)
    return out


def png_of(img: Image.Image) -> bytes:
    buffer = io.BytesIO()
    img.save(buffer, "PNG")
    return buffer.getvalue()


class ImageOutput(BaseModel):
    path: str = Field(description="Storage path of the picture in this workspace")
    width: int
    height: int
    mime: str = "image/png"
    method: str = Field(
        description="comfyui, renderer, grabcut or u2net; asset (an uploaded picture as it is) or asset_cutout "
        "(its subject cut out of a plain background)"
    )
    prompt: str = ""
    host: str | None = None
    asset: int | None = Field(default=None, description="The asset the picture was made from")


# --- assets: pictures the marketer uploaded --------------------------------------------------------


class AssetsInput(GeneratorInput):
    """The input of an image generator that can work from the workspace's own pictures."""

    assets: list[int] = Field(
        default_factory=list,
        max_length=10,
        description="Ids of assets (uploaded pictures) of the workspace; the generator uses the first",
    )


@dataclass(frozen=True)
class AssetPicture:
    """An asset as the generators need it (no ORM objects past this point)."""

    id: int
    path: str
    name: str
    width: int
    height: int

    @classmethod
    def of(cls, asset) -> AssetPicture:
        return cls(id=asset.pk, path=asset.file.name, name=asset.name, width=asset.width, height=asset.height)

    @property
    def label(self) -> str:
        return f"asset {self.id} ({self.name!r})" if self.name else f"asset {self.id}"

    def read(self) -> bytes:
        """The picture's bytes; a 400 on ``assets`` when its file cannot be read."""
        try:
            with default_storage.open(self.path, "rb") as fh:
                return fh.read()
        except OSError as exc:  # the message would show the server's paths: it stays in the log
            logger.warning("asset %s: its file %s cannot be read: %s", self.id, self.path, exc)
            raise ValidationError({"assets": [f"The picture of {self.label} is missing or unreadable."]}) from exc


@dataclass
class ImageWork(Work):
    assets: list[AssetPicture] = field(default_factory=list)

    @property
    def asset(self) -> AssetPicture | None:
        return self.assets[0] if self.assets else None


class ImageGenerator(Generator):
    kind = "image"
    Output = ImageOutput
    uses_comfy = True

    def prepare(self, inp: GeneratorInput, ctx) -> ImageWork:
        """The work, with the input's assets read (and checked to be the run's workspace's)."""
        work = super().prepare(inp, ctx)
        ids = getattr(inp, "assets", None) or []
        pictures = [AssetPicture.of(asset) for asset in assets_for_workspace(ctx.workspace_id, ids)] if ids else []
        return ImageWork(**vars(work), assets=pictures)

    def on_gpu(self, work: ImageWork) -> bool:
        """Whether this input is made on the GPU desktop when one is configured."""
        return self.uses_comfy

    def comfy_workflow(self, work: Work) -> tuple[dict, dict[str, bytes], str]:
        raise NotImplementedError

    def offline_picture(self, work: Work) -> tuple[bytes, str, list[str]]:
        """(PNG bytes, method, notes) made without the GPU desktop."""
        raise NotImplementedError

    def run(self, inp: GeneratorInput, ctx) -> GeneratorResult:
        from sparklio.gpu.comfyui import ComfyClient, ComfyError, comfy_configured

        if ctx.workspace_id is None:
            raise ValueError("workspace: image generators store their picture in a workspace")
        work = self.prepare(inp, ctx)
        notes: list[str] = []
        provider, host, data, method, prompt = OFFLINE, None, None, "", ""
        if self.on_gpu(work) and comfy_configured() and not ctx.offline:
            workflow, inputs, prompt = self.comfy_workflow(work)
            try:
                with ComfyClient() as client:
                    images = client.run(workflow, inputs=inputs, on_progress=ctx.on_progress)
                data, host, method, provider = self._as_png(images[0].data), images[0].host, "comfyui", "comfyui"
            except ComfyError as exc:
                if exc.retryable is False and exc.kind in {"invalid_workflow", "missing_node"}:
                    notes.append(f"ComfyUI refused the workflow ({exc}); drawn offline instead.")
                else:
                    notes.append(f"ComfyUI did not answer ({exc}); drawn offline instead.")
        if data is None:
            data, method, more = self.offline_picture(work)
            notes += more
        width, height = image_size(data)
        path = store_png(data, workspace_id=ctx.workspace_id, stem=self.name)
        output = ImageOutput(
            path=path,
            width=width,
            height=height,
            method=method,
            prompt=prompt,
            host=host,
            asset=work.asset.id if work.asset else None,
        )
        result = GeneratorResult(self.name, output.model_dump(mode="json"), provider, notes=notes, files=[path])
        result.checks = self.checks(output, work)
        result.slots = {"product": work.slots.product, "channel": work.slots.channel, "language": work.language}
        return result

    @staticmethod
    def _as_png(data: bytes) -> bytes:
        with Image.open(io.BytesIO(data)) as image:
            buffer = io.BytesIO()
            image.save(buffer, "PNG")
            return buffer.getvalue()

    def checks(self, output, work):
        from generators.imaging import measure_image

        data = default_storage.open(output.path).read()
        measured = measure_image(data, palette=list(work.brand.palette) or None)
        return {
            "brightness": round(measured.brightness, 3),
            "contrast": round(measured.contrast, 3),
            "sharpness": round(measured.sharpness, 1),
            "palette_distance": None if measured.palette_distance is None else round(measured.palette_distance, 2),
        }


def card_objects(
    work: Work,
    *,
    width: int,
    height: int,
    headline: str | None,
    sub: str,
    cta: str | None,
    picture: str | None,
    details: bool = True,
):
    """A banner (copy beside the picture) or, without ``headline``, a product card (the picture
    alone): a colour band, the offer badge, the product picture when there is one (else the
    product name and features), in the brand's colours and fonts."""
    c = colours_of(work)
    heading, body = work.brand.heading_font, work.brand.body_font
    landscape = width > height * 1.2
    m = round(min(width, height) * (0.1 if width > height * 2.2 else 0.07))  # a 3:1 banner needs air
    # type on a long narrow page (a newsletter) is sized by its width, not by boxes made tall by its height
    cap = width * 0.09 if height > width * 1.9 else float("inf")
    objects = [shape_obj("band", "background_shape", (0, 0, width, height), c["primary"])]
    if headline is None:
        text_w, panel = 0, (m, m, width - 2 * m, height - 2 * m)
        head_box = sub_box = cta_box = None
    elif landscape:
        text_w = width * 0.55 - m * 1.6  # a gutter before the panel
        panel = (width * 0.55, m, width * 0.45 - m, height - 2 * m)
        head_box = (m, m * 1.4, text_w, height * 0.36)
        sub_box = (m, height * 0.36 + m * 1.5, text_w, height * 0.2)
        cta_box = (m, height - m - height * 0.14, min(text_w, width * 0.3), height * 0.14)
    else:
        text_w = width - 2 * m
        panel = (m, height * 0.08 + m, width - 2 * m, height * 0.46)
        head_box = (m, height * 0.58, text_w, height * 0.16)
        sub_box = (m, height * 0.75, text_w, height * 0.09)
        cta_box = (m, height - m - height * 0.09, width * (0.6 if height > width * 1.9 else 0.42), height * 0.08)
    objects.append(shape_obj("panel", "card", panel, c["background"], radius=round(m * 0.6)))
    px, py, pw, ph = panel
    if picture:
        objects.append(
            {
                "id": "product",
                "type": "image",
                "role": "product_image",
                "x": px + pw * 0.08,
                "y": py + ph * 0.08,
                "width": pw * 0.84,
                "height": ph * 0.84,
                "src": picture,
                "fit": "contain",
            }
        )
    else:
        # no photo: a drawing of the kind of product over a soft pattern, in the brand's colours;
        # the product's name is the headline's to say (a name in the picture said it twice or three times)
        card = min(ph, pw * 1.2)  # a panel taller than wide (a newsletter's) sets type by its width
        bullets = "\n".join(f"• {f}" for f in work.slots.features[:4]) if details else ""
        objects += icons.pattern_objects(panel, c)
        art = (px + pw * 0.2, py + ph * (0.1 if bullets else 0.2), pw * 0.6, ph * (0.36 if bullets else 0.6))
        kind = cta_kind(work)
        picture = icons.picture_kind(
            {"dining": "food", "cafe": work.slots.category or "beverage"}.get(kind, kind), work.slots.product
        )
        objects += icons.icon_objects(picture, art, c)
        if bullets:
            objects.append(
                text_obj(
                    "features",
                    "feature_bullet",
                    (px + pw * 0.12, py + ph * 0.45, pw * 0.76, ph * 0.45),
                    bullets,
                    size=round(card * 0.08),
                    colour=c["on_background"],
                    font=body,
                )
            )
    if headline is not None:
        objects.append(
            text_obj(
                "headline",
                "headline",
                head_box,
                headline,
                size=round(min(head_box[3] * 0.4, cap)),
                colour=c["on_primary"],
                weight=700,
                font=heading,
            )
        )
        if sub:
            objects.append(
                text_obj(
                    "sub",
                    "subheadline",
                    sub_box,
                    sub,
                    size=round(min(sub_box[3] * 0.35, cap * 0.55)),
                    colour=c["on_primary"],
                    font=body,
                )
            )
        objects.append(
            text_obj(
                "cta",
                "cta_button",
                cta_box,
                cta,
                size=round(min(cta_box[3] * 0.4, cap * 0.6)),
                colour=c["on_accent"],
                weight=700,
                align="center",
                valign="middle",
                fill=c["accent"],
                font=heading,
            )
        )
    badge = (work.slots.offer or work.slots.price) if details else None
    if badge:
        size = round(min(width, height) * 0.2)
        objects.append(
            shape_obj("badge-bg", "badge", (width - m - size, m * 0.6, size, size), c["accent"], kind="ellipse")
        )
        objects.append(
            text_obj(
                "badge",
                "discount_badge" if work.slots.offer else "price",
                (width - m - size, m * 0.6, size, size),
                badge,
                size=round(size * 0.18),
                colour=c["on_accent"],
                weight=700,
                align="center",
                valign="middle",
                font=heading,
            )
        )
    return objects, c


# --- product image -------------------------------------------------------------------------------


class ProductImageInput(AssetsInput):
    width: int = Field(default=1024, ge=256, le=2048, description="Of the picture made; an asset is scaled down to fit")
    height: int = Field(default=1024, ge=256, le=2048)
    style: str = Field(default="clean studio product photo, soft light", max_length=300)
    details: bool = Field(
        default=True,
        description="Offline card: also draw the features and the offer (off when the design shows them itself)",
    )


CUTOUT_PADDING = 0.04  # of the subject's long side, kept around a cut-out


def border_words(border) -> str:
    """How plain a picture's border measured, for a note."""
    return (
        f"{border.close_share:.0%} of its border close to one colour, plain is {PLAIN_MIN_SHARE:.0%} or more; "
        f"colour spread {border.spread:.1f} ΔE, plain is up to {PLAIN_MAX_SPREAD:g}"
    )


class ProductImageGenerator(ImageGenerator):
    name = "product_image"
    description = (
        "A product picture: the marketer's own photo when `assets` names one (its subject cut out when the "
        "background is plain), else an SDXL workflow on ComfyUI, or offline a product card drawn from the "
        "brand palette and copy."
    )
    Input = ProductImageInput

    def on_gpu(self, work):
        # A real photo of the product beats any picture a model imagines of it.
        return not work.assets

    def comfy_workflow(self, work):
        from sparklio.gpu import workflows

        features = ", ".join(work.slots.features[:3])
        prompt = f"{work.slots.product}, {features}, {work.inp.style}, high detail, commercial photography"
        negative = "text, watermark, logo, blurry, distorted, low quality"
        seed = work.rng("seed").randrange(2**31)
        return workflows.product_image(prompt, negative, work.inp.width, work.inp.height, seed), {}, prompt

    def offline_picture(self, work):
        if work.asset is not None:
            return self.from_asset(work)
        objects, c = card_objects(
            work,
            width=work.inp.width,
            height=work.inp.height,
            headline=None,
            sub="",
            cta=None,
            picture=None,
            details=work.inp.details,
        )
        data = render_design(
            objects,
            width=work.inp.width,
            height=work.inp.height,
            background=c["background"],
            workspace_id=work.ctx.workspace_id,
            language=work.language,
        )
        return data, "renderer", ["No GPU host is configured: a product card was drawn offline instead of a photo."]

    def from_asset(self, work) -> tuple[bytes, str, list[str]]:
        """The asset's picture, scaled down to the requested size: its subject cut out and cropped
        when the background is plain enough for that, as it is otherwise."""
        asset = work.asset
        notes = []
        if len(work.assets) > 1:
            notes.append(f"{len(work.assets)} assets were given; the product image uses the first, {asset.label}.")
        try:
            img = picture_of(asset.read(), fit=(work.inp.width, work.inp.height))
            border = read_border(img)
            if border.cut_out:
                notes.append(f"{asset.label} is already cut out (its border is transparent): used as it is.")
                return png_of(img), "asset", notes
            if not border.plain:
                notes.append(
                    f"{asset.label} has a busy background ({border_words(border)}): used as it is, not cut out."
                )
                return png_of(img), "asset", notes
            cut = remove_background(img)
        except ImageError as exc:
            raise ValidationError({"assets": [f"The picture of {asset.label} cannot be used: {exc}"]}) from exc
        x, y, w, h = cut.box
        if not w or not h:
            notes.append(f"Background removal found no subject in {asset.label}: used as it is.")
            return png_of(img), "asset", notes
        with Image.open(io.BytesIO(cut.png)) as cutout:
            flaw = cutout_flaw(np.asarray(cutout.getchannel("A")))
        if flaw is not None:
            notes.append(
                f"{asset.label} has a plain background ({border_words(border)}) but its cut-out with {cut.method} "
                f"was not clean: {flaw}. Used as it is, not cut out."
            )
            return png_of(img), "asset", notes
        pad = round(CUTOUT_PADDING * max(w, h))
        with Image.open(io.BytesIO(cut.png)) as cutout:
            cropped = cutout.crop(
                (max(0, x - pad), max(0, y - pad), min(cutout.width, x + w + pad), min(cutout.height, y + h + pad))
            )
            buffer = io.BytesIO()
            cropped.save(buffer, "PNG")
        notes.append(
            f"{asset.label} has a plain background ({border_words(border)}): its subject was "
            f"cut out with {cut.method} ({cut.mask_coverage:.0%} of the picture) and cropped to it."
        )
        return buffer.getvalue(), "asset_cutout", notes


# --- background removal --------------------------------------------------------------------------


class BackgroundRemovalInput(AssetsInput):
    image: str | None = Field(
        default=None,
        max_length=2048,
        validate_default=True,
        description="Storage path of the picture in this workspace (or give an asset in `assets`)",
    )
    product: str | None = Field(default="image", max_length=120)

    @field_validator("image")
    @classmethod
    def _one_picture(cls, value: str | None, info: ValidationInfo) -> str | None:
        given = bool(info.data.get("assets"))
        if value and given:
            raise ValueError("Give the picture in `image` or in `assets`, not both.")
        if not value and not given:
            raise ValueError("Give the picture: a storage path in `image`, or an asset id in `assets`.")
        return value


class BackgroundRemovalGenerator(ImageGenerator):
    name = "background_removal"
    description = (
        "Cut the subject out of a picture (a storage path, or an asset): ComfyUI's rembg node, else a learned "
        "model (U2NET_HOME) or GrabCut."
    )
    Input = BackgroundRemovalInput

    def source(self, work) -> bytes:
        if work.asset is not None:
            return work.asset.read()
        return read_source(work.inp.image, allowed_path=workspace_path_rule(work.ctx.workspace_id))

    def comfy_workflow(self, work):
        from sparklio.gpu import workflows

        return workflows.remove_background("sparklio-input.png"), {"sparklio-input.png": self.source(work)}, ""

    def offline_picture(self, work):
        result = remove_background(self.source(work))
        return (
            result.png,
            result.method,
            [f"Background removed offline with {result.method} (foreground {result.mask_coverage:.0%})."],
        )


# --- logo --------------------------------------------------------------------------------------


class LogoInput(GeneratorInput):
    name: str | None = Field(default=None, max_length=60, description="The name to draw; the brand's by default")
    style: str = Field(default="minimal flat vector logo", max_length=300)


class LogoGenerator(ImageGenerator):
    name = "logo"
    description = (
        "A logo: an SDXL workflow on ComfyUI, or offline a wordmark with a monogram in the brand's colours and font."
    )
    Input = LogoInput

    def label(self, work) -> str:
        return work.inp.name or work.brand.name or work.slots.product

    def comfy_workflow(self, work):
        from sparklio.gpu import workflows

        seed = work.rng("seed").randrange(2**31)
        return workflows.logo(self.label(work), work.inp.style, seed), {}, f"{self.label(work)}: {work.inp.style}"

    def offline_picture(self, work):
        c = colours_of(work)
        label = self.label(work)
        font = work.brand.heading_font
        objects = [
            shape_obj("mark", "logo", (64, 112, 288, 288), c["primary"], kind="ellipse"),
            text_obj(
                "initial",
                "logo",
                (64, 112, 288, 288),
                label[:1].upper(),
                size=170,
                colour=c["on_primary"],
                weight=700,
                align="center",
                valign="middle",
                font=font,
            ),
            text_obj(
                "word",
                "brand_name",
                (392, 136, 760, 240),
                label,
                size=120,
                colour=c["secondary"] if c["secondary"] != c["background"] else c["text"],
                weight=700,
                valign="middle",
                font=font,
            ),
        ]
        data = render_design(
            objects,
            width=1200,
            height=512,
            background=c["background"],
            workspace_id=work.ctx.workspace_id,
            language=work.language,
        )
        return data, "renderer", ["No GPU host is configured: a wordmark logo was drawn offline."]


# --- banner composition --------------------------------------------------------------------------


class BannerInput(AssetsInput):
    headline: str | None = Field(default=None, max_length=200)
    subheadline: str | None = Field(default=None, max_length=300)
    cta: str | None = Field(default=None, max_length=40)
    image: str | None = Field(
        default=None, max_length=2048, description="Storage path of a product picture (or give an asset in `assets`)"
    )

    @field_validator("image")
    @classmethod
    def _one_picture(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value and info.data.get("assets"):
            raise ValueError("Give the picture in `image` or in `assets`, not both.")
        return value


class BannerGenerator(ImageGenerator):
    name = "banner"
    description = "A banner in the channel's size composed from the copy, the product picture and the brand palette."
    Input = BannerInput
    uses_comfy = False

    def offline_picture(self, work):
        preset = CHANNEL_PRESETS.get(work.slots.channel or "", CHANNEL_PRESETS["facebook_feed"])
        heads = HeadlineGenerator().baseline(work)
        headline = work.inp.headline or heads.headlines[0]
        sub = work.inp.subheadline or heads.subheadline
        cta = work.inp.cta or CTAGenerator().baseline(work).ctas[0]
        picture = work.inp.image
        if work.asset is not None:
            work.asset.read()  # a missing file is the asset's fault: a 400 on `assets`
            picture = work.asset.path
        elif picture:
            read_source(picture, allowed_path=workspace_path_rule(work.ctx.workspace_id))
        objects, c = card_objects(
            work,
            width=preset.width,
            height=preset.height,
            headline=clip(headline, 80),
            sub=clip(sub, 120),
            cta=cta,
            picture=picture,
        )
        data = render_design(
            objects,
            width=preset.width,
            height=preset.height,
            background=c["background"],
            workspace_id=work.ctx.workspace_id,
            language=work.language,
        )
        return data, "renderer", []


IMAGE_GENERATORS = [ProductImageGenerator, BackgroundRemovalGenerator, LogoGenerator, BannerGenerator]
