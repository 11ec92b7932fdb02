"""Image sources for the renderer, and fitting them into a box.

A source is one of:
- a path in the project's default storage (``brands/1/2/logos/x.png``, optionally written
  ``storage:brands/...`` or under ``MEDIA_URL``), further limited by the caller's
  ``allowed_path`` hook (the API limits it to the document's workspace);
- an ``http(s)`` URL on a host listed in ``RENDER_IMAGE_ALLOWED_HOSTS`` (empty by default);
- a ``data:image/...;base64,`` URL.

Anything else raises ``ImageNotAllowed``: documents come from users and LLMs, so a source must
never make the server read its disk or reach its network. An ``http(s)`` URL on another host raises
its subclass ``HostNotAllowed`` (checked before any request, redirects included): such an image is
never fetched, and the renderer draws a placeholder where it would be.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
from collections.abc import Callable
from urllib.parse import SplitResult, urljoin, urlsplit

import httpx
from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from PIL import Image, ImageOps

from documents.render.budget import Budget, header_size
from documents.render.paint import mask_alpha, rounded_mask

AllowedPath = Callable[[str], bool]

FORMATS = ["PNG", "JPEG", "WEBP", "GIF"]
MAX_REDIRECTS = 3
_DATA_URL = re.compile(r"^data:image/(png|jpeg|jpg|webp|gif);base64,(.*)$", re.IGNORECASE | re.DOTALL)


def shown(src: str) -> str:
    """``src`` as messages show it: quoted, and shortened when long."""
    return repr(src if len(src) <= 120 else src[:117] + "...")


class ImageNotAllowed(ValueError):
    def __init__(self, src: str, reason: str):
        self.src = src
        super().__init__(
            f"image source not allowed: {shown(src)}: {reason}. Use a storage path, a data:image URL "
            "or a URL on a host in RENDER_IMAGE_ALLOWED_HOSTS."
        )


class HostNotAllowed(ImageNotAllowed):
    """An ``http(s)`` URL on a host outside ``RENDER_IMAGE_ALLOWED_HOSTS`` (or an allowed one that
    redirects there): never fetched."""

    def __init__(self, src: str, host: str, *, redirected: bool = False):
        self.host, self.redirected = host, redirected
        where = "it redirects to host" if redirected else "host"
        super().__init__(src, f"{where} {host!r}, which is not in RENDER_IMAGE_ALLOWED_HOSTS")


class ImageLoadError(Exception):
    """An allowed source that could not be read or decoded."""

    def __init__(self, src: str, reason: str):
        self.src = src
        super().__init__(f"image {shown(src)} could not be loaded: {reason}")


def default_allowed_path(path: str) -> bool:
    return ".." not in path.replace("\\", "/").split("/")


def _max_bytes() -> int:
    return getattr(settings, "RENDER_IMAGE_MAX_BYTES", 20 * 1024 * 1024)


def storage_path(src: str) -> str | None:
    """The storage path ``src`` names, or None when it is not a storage reference."""
    if src.startswith("storage:"):
        return src.removeprefix("storage:").lstrip("/")
    if urlsplit(src).scheme or src.startswith("//"):
        return None
    media_url = settings.MEDIA_URL or ""
    if media_url.startswith("/") and media_url != "/" and src.startswith(media_url):
        return src.removeprefix(media_url)
    if src.startswith("/"):
        return None  # a path on the server's disk
    return src


def check_source(src: str, *, allowed_path: AllowedPath | None = None) -> None:
    """Raise ``ImageNotAllowed`` unless ``src`` is a source the renderer may read (without
    reading it): documents are checked with this when they are written."""
    if src[:5].lower() == "data:":
        if not _DATA_URL.match(src):
            raise ImageNotAllowed(src[:60], "only base64 data:image URLs of PNG, JPEG, WebP or GIF are read")
        return
    _split(src, src)
    path = storage_path(src)
    if path is not None:
        if not path or "\x00" in path or not default_allowed_path(path):
            raise ImageNotAllowed(src, "storage paths may not be empty or climb out with '..'")
        if allowed_path is not None and not allowed_path(path):
            raise ImageNotAllowed(src, "this storage path is outside what the document may use")
        return
    _check_url(src, src)


def read_source(src: str, *, allowed_path: AllowedPath | None = None) -> bytes:
    """The bytes behind ``src``, if the source is allowed (else ``ImageNotAllowed``)."""
    check_source(src, allowed_path=allowed_path)
    if src[:5].lower() == "data:":
        return _read_data_url(src)
    path = storage_path(src)
    if path is not None:
        return _read_storage(src, path)
    return _fetch(src)


HEADER_BYTES = 256 * 1024  # enough for a JPEG's size marker after a large EXIF block
SIZE_CACHE_SECONDS = 3600


def header_size_of(src: str, *, allowed_path: AllowedPath | None = None) -> tuple[int, int] | None:
    """An image's size from its header, for checking a document when it is written: a ``data:``
    URL's, or a storage file's (remembered for an hour, as S3 reads the whole object). None for
    what is not read then: a source that is not allowed (the caller reports it), a missing file,
    or an ``http(s)`` URL, never fetched at write time (the render's own budget bounds it)."""
    try:
        check_source(src, allowed_path=allowed_path)
        if src[:5].lower() == "data:":
            return header_size(_read_data_url(src))
        path = storage_path(src)
        if path is None:
            return None
        # Keyed by the byte size too, in case a deleted file's name is given to new bytes.
        key = f"render:image-size:{path}:{default_storage.size(path)}"
        size = cache.get(key)
        if size is None:
            with default_storage.open(path, "rb") as handle:
                size = header_size(handle.read(HEADER_BYTES))
            if size is None:
                return None
            cache.set(key, list(size), SIZE_CACHE_SECONDS)
        return tuple(size)
    except (ImageNotAllowed, ImageLoadError, OSError):
        return None


def _read_data_url(src: str) -> bytes:
    match = _DATA_URL.match(src)
    if not match:
        raise ImageNotAllowed(src, "only base64 data:image URLs of PNG, JPEG, WebP or GIF are read")
    payload = match.group(2)
    if len(payload) * 3 // 4 > _max_bytes():
        raise ImageLoadError(src[:40], f"larger than {_max_bytes()} bytes")
    try:
        return base64.b64decode(payload, validate=False)
    except (binascii.Error, ValueError) as exc:
        raise ImageLoadError(src[:40], f"invalid base64 ({exc})") from exc


def _read_storage(src: str, path: str) -> bytes:
    limit = _max_bytes()
    try:
        with default_storage.open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError as exc:
        raise ImageLoadError(src, "no such file in storage") from exc
    except OSError as exc:
        raise ImageLoadError(src, f"storage error ({exc})") from exc
    if len(data) > limit:
        raise ImageLoadError(src, f"larger than {limit} bytes")
    return data


def _split(src: str, url: str) -> SplitResult:
    try:
        parts = urlsplit(url)
        parts.hostname, parts.port  # noqa: B018 (parsed lazily: they raise on a malformed authority)
    except ValueError as exc:  # an unclosed IPv6 bracket, a port that is not a number...
        raise ImageNotAllowed(src, f"not a valid URL ({exc})") from exc
    return parts


def _check_url(src: str, url: str) -> None:
    parts = _split(src, url)
    if parts.scheme not in ("http", "https"):
        raise ImageNotAllowed(src, f"scheme {parts.scheme or 'none'!r} is not read")
    host = (parts.hostname or "").lower()
    if not host:
        raise ImageNotAllowed(src, "the URL names no host")
    allowed = [h.lower() for h in getattr(settings, "RENDER_IMAGE_ALLOWED_HOSTS", [])]
    if not any(host == h or (h.startswith(".") and host.endswith(h)) for h in allowed):
        raise HostNotAllowed(src, host, redirected=url != src)


def _fetch(src: str) -> bytes:
    """GET an allowed URL with a timeout and a size cap, following redirects only to allowed
    hosts (checked before each request, not after)."""
    limit = _max_bytes()
    url = src
    with httpx.Client(timeout=getattr(settings, "RENDER_IMAGE_TIMEOUT", 10), follow_redirects=False) as client:
        for _ in range(MAX_REDIRECTS + 1):
            try:
                with client.stream("GET", url) as response:
                    if response.is_redirect:
                        url = urljoin(url, response.headers.get("location", ""))
                        _check_url(src, url)
                        continue
                    if response.status_code != 200:
                        raise ImageLoadError(src, f"HTTP {response.status_code}")
                    if int(response.headers.get("content-length") or 0) > limit:
                        raise ImageLoadError(src, f"larger than {limit} bytes")
                    data = bytearray()
                    for chunk in response.iter_bytes():
                        data += chunk
                        if len(data) > limit:
                            raise ImageLoadError(src, f"larger than {limit} bytes")
                    return bytes(data)
            except httpx.HTTPError as exc:
                raise ImageLoadError(src, f"{type(exc).__name__}: {exc}") from exc
    raise ImageLoadError(src, f"more than {MAX_REDIRECTS} redirects")


def decode(src: str, data: bytes, *, size_hint: tuple[int, int] | None = None, budget: Budget) -> Image.Image:
    """An RGBA image, upright per its EXIF orientation. ``size_hint`` lets JPEG decode at a
    reduced scale that is still at least that large. The pixels it will decode are taken from
    ``budget`` (read from the header, before decoding); when they do, it is not decoded."""
    try:
        image = Image.open(io.BytesIO(data), formats=FORMATS)
        if size_hint and image.format == "JPEG":
            image.draft("RGB", size_hint)
        if refused := budget.take_image(image.width, image.height):
            raise ImageLoadError(src, refused)
        image = ImageOps.exif_transpose(image)
        return image.convert("RGBA")
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ImageLoadError(src, f"not a readable PNG, JPEG, WebP or GIF ({exc})") from exc


def fit(image: Image.Image, size: tuple[int, int], mode: str, crop=None, corner_radius: float = 0) -> Image.Image:
    """``image`` (optionally cropped to fractions of itself) fitted into ``size``:

    - ``fill`` stretches it to the box;
    - ``cover`` scales it to cover the box, centred, cutting what overflows;
    - ``contain`` scales it to fit inside, centred, leaving the rest transparent.

    ``corner_radius`` (pixels) rounds the box's corners, whatever the fit."""
    width, height = size
    left, top, right, bottom = 0.0, 0.0, float(image.width), float(image.height)
    if crop is not None:
        # a crop starting at the far edge (x = 1) still keeps one pixel of the picture
        left, top = min(crop.x * image.width, image.width - 1), min(crop.y * image.height, image.height - 1)
        right = min(image.width, left + crop.width * image.width)
        bottom = min(image.height, top + crop.height * image.height)
        right, bottom = max(right, left + 1), max(bottom, top + 1)
    source_w, source_h = right - left, bottom - top
    resample = {"resample": Image.Resampling.BICUBIC, "reducing_gap": 2.0}

    if mode == "fill":
        out = image.resize(size, box=(left, top, right, bottom), **resample)
    elif mode == "contain":
        scale = min(width / source_w, height / source_h)
        inner = (max(1, round(source_w * scale)), max(1, round(source_h * scale)))
        out = Image.new("RGBA", size, (0, 0, 0, 0))
        out.paste(
            image.resize(inner, box=(left, top, right, bottom), **resample),
            ((width - inner[0]) // 2, (height - inner[1]) // 2),
        )
    else:
        scale = max(width / source_w, height / source_h)
        view_w, view_h = width / scale, height / scale
        # view_w can come out a hair over source_w (800 / (460 / 800) is 800.0000000000001), which
        # puts the box a hair outside the picture, and Pillow refuses that: keep it inside.
        view_w, view_h = min(view_w, source_w), min(view_h, source_h)
        x0, y0 = left + (source_w - view_w) / 2, top + (source_h - view_h) / 2
        out = image.resize(size, box=(x0, y0, x0 + view_w, y0 + view_h), **resample)
    if corner_radius > 0:
        out = mask_alpha(out, rounded_mask(size, corner_radius))
    return out


def size_hint(image_box: tuple[int, int], crop) -> tuple[int, int]:
    """How large the decoded source must at least be for a box, given its crop."""
    width, height = image_box
    if crop is not None:
        width, height = width / crop.width, height / crop.height
    # Square, because EXIF orientation may swap the sides after decoding.
    side = max(1, round(max(width, height)))
    return side, side
