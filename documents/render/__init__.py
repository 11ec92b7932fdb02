"""Server-side rendering of SparklioDocument pages (Pillow): previews, exports, thumbnails."""

from documents.render.fonts import FontNotFound
from documents.render.images import HostNotAllowed, ImageLoadError, ImageNotAllowed
from documents.render.renderer import RenderResult, render_page, render_pdf

__all__ = [
    "FontNotFound",
    "HostNotAllowed",
    "ImageLoadError",
    "ImageNotAllowed",
    "RenderResult",
    "render_page",
    "render_pdf",
]
