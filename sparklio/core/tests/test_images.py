"""The shared sniffing of uploaded pictures, on real bytes drawn with Pillow (no database)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from sparklio.core.images import ImageRejected, NotAnImage, looks_like_xml, read_limited, sniff_raster


def encoded(fmt: str, size=(40, 20), **options) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#FF5A1F").save(buffer, fmt, **options)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("fmt", "content_type", "extension"),
    [
        ("PNG", "image/png", "png"),
        ("JPEG", "image/jpeg", "jpg"),
        ("WEBP", "image/webp", "webp"),
        ("GIF", "image/gif", "gif"),
    ],
)
def test_the_type_comes_from_the_bytes(fmt, content_type, extension):
    info = sniff_raster(encoded(fmt), max_pixels=10_000)

    assert (info.format, info.content_type, info.extension) == (fmt, content_type, extension)
    assert (info.width, info.height) == (info.upright_width, info.upright_height) == (40, 20)


def test_a_format_left_out_names_the_accepted_ones():
    with pytest.raises(ImageRejected, match="GIF images are not accepted; use PNG, JPEG or WebP"):
        sniff_raster(encoded("GIF"), max_pixels=10_000, formats=("PNG", "JPEG", "WEBP"))


def test_the_pixel_limit_is_checked_on_the_header():
    with pytest.raises(ImageRejected, match="40×20; at most 799 pixels"):
        sniff_raster(encoded("PNG"), max_pixels=799)
    assert sniff_raster(encoded("PNG"), max_pixels=800).width == 40


def test_a_decompression_bomb_is_refused_before_decoding():
    # 12000×12000 of one colour is a small file that would decode to 144 million pixels.
    buffer = io.BytesIO()
    Image.new("1", (12_000, 12_000)).save(buffer, "PNG")

    with pytest.raises(ImageRejected, match="pixels"):
        sniff_raster(buffer.getvalue(), max_pixels=10**12)


def test_a_quarter_turned_photo_reports_its_upright_size():
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to show
    info = sniff_raster(encoded("JPEG", size=(60, 20), exif=exif), max_pixels=10_000)

    assert (info.width, info.height) == (60, 20)
    assert (info.upright_width, info.upright_height) == (20, 60)


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"plain text, not a picture", NotAnImage),
        (b"<svg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/>", NotAnImage),
        (encoded("PNG")[:60], ImageRejected),
        (b"", ImageRejected),
    ],
    ids=["text", "svg", "truncated", "empty"],
)
def test_what_is_not_a_whole_raster_image_is_refused(data, error):
    with pytest.raises(error):
        sniff_raster(data, max_pixels=10_000)


def test_read_limited_reads_up_to_the_limit_and_no_further():
    data = encoded("PNG")

    assert read_limited(SimpleUploadedFile("a.png", data), max_bytes=len(data)) == data
    with pytest.raises(ImageRejected, match=f"limit is {len(data) - 1} bytes"):
        read_limited(SimpleUploadedFile("a.png", data), max_bytes=len(data) - 1)
    with pytest.raises(ImageRejected, match="empty"):
        read_limited(SimpleUploadedFile("a.png", b""), max_bytes=10)


def test_looks_like_xml():
    assert looks_like_xml(b"\xef\xbb\xbf  <?xml version='1.0'?><svg/>")
    assert looks_like_xml(b"<svg/>") and not looks_like_xml(encoded("PNG"))
