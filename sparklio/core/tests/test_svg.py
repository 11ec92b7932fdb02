"""The SVG allow-list: the bypasses the old deny-list missed are refused, real logos pass."""

import pytest

from brands.models import BrandLogo
from brands.tests.factories import BrandKitFactory
from brands.tests.images import svg_bytes
from sparklio.core.svg import SvgRejected, check_svg

XLINK = 'xmlns:xlink="http://www.w3.org/1999/xlink"'
SIZE = 'width="120" height="60"'

HOSTILE = [
    pytest.param(f'<rect {SIZE} style="fill:u\\rl(https://evil.example/x)"/>', "escapes", id="css-escape-in-style"),
    pytest.param("<style>rect{fill:\\75rl(https://evil.example/x)}</style>", "escapes", id="css-escape-in-sheet"),
    pytest.param(
        f'<rect {SIZE} style="fill:image-set(&quot;https://evil.example/x.png&quot; 1x)"/>',
        "image-set",
        id="image-set",
    ),
    pytest.param(
        f'<a {XLINK}><set attributeName="xlink:href" to="javascript:alert(1)"/><text y="9">x</text></a>',
        "<a>",
        id="set-xlink-href",
    ),
    pytest.param(
        f'<g {XLINK}><set attributeName="xlink:href" to="javascript:alert(1)"/></g>', "<set>", id="set-element"
    ),
    pytest.param('<use href="data:image/svg+xml;base64,PHN2Zy8+"/>', "link inside", id="use-data-href"),
    pytest.param(f'<use {XLINK} xlink:href="https://evil.example/x.svg#a"/>', "link inside", id="use-external"),
    pytest.param('<image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>', "<image>", id="image"),
    pytest.param("<style>@import url(https://evil.example/x.css);</style>", "@import", id="import"),
    pytest.param("<style>rect{fill:url(https://evil.example/x)}</style>", "url(#id)", id="sheet-external-url"),
    pytest.param(f'<rect {SIZE} fill="url(https://evil.example/p)"/>', "url(#id)", id="attribute-external-url"),
    pytest.param(f'<rect {SIZE} style="behavior:url(#x)"/>', "behavior", id="unknown-css-property"),
    pytest.param('<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>', "<script>", id="xhtml-script"),
    pytest.param('<g xml:base="https://evil.example/"/>', "base", id="xml-base"),
    pytest.param('<filter id="f"><feImage href="#x"/></filter>', "<feImage>", id="feimage"),
    pytest.param('<rect width="1" height="1" onload="alert(1)"/>', "onload", id="event-handler"),
    pytest.param(
        '<metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><script/></rdf:RDF></metadata>',
        "metadata",
        id="svg-inside-metadata",
    ),
]


@pytest.mark.parametrize(("body", "reason"), HOSTILE)
def test_hostile_svg_is_refused_with_the_reason(body, reason):
    with pytest.raises(SvgRejected, match=reason.replace("(", r"\(").replace(")", r"\)")):
        check_svg(svg_bytes(body))


def test_a_stylesheet_processing_instruction_is_refused():
    data = b'<?xml version="1.0"?><?xml-stylesheet href="https://evil.example/x.css"?>' + svg_bytes()[38:]
    with pytest.raises(SvgRejected, match="processing instructions"):
        check_svg(data)


@pytest.mark.parametrize(
    "attrs",
    ['viewBox="0 0 1e999 10"', 'viewBox="0 0 -5 10"', 'width="..." height="10"', 'width="1e999" height="1"'],
)
def test_sizes_that_are_not_finite_positive_numbers_are_refused(attrs):
    with pytest.raises(SvgRejected, match="size|neither"):
        check_svg(svg_bytes('<rect width="1" height="1"/>', attrs=attrs))


def test_logos_from_real_drawing_programs_pass():
    illustrator = (
        "<defs><style>.cls-1{fill:#ff5a1f;}.cls-2{fill:url(#g);stroke:rgb(0,0,0);stroke-width:2px}</style>"
        '<linearGradient id="g" x1="0" y1="0" x2="1" y2="0" gradientUnits="objectBoundingBox">'
        '<stop offset="0" stop-color="#fff"/><stop offset="1" style="stop-color:#000;stop-opacity:.5"/>'
        '</linearGradient><clipPath id="c"><rect width="100" height="50"/></clipPath></defs>'
        '<g clip-path="url(#c)" transform="translate(2 3) rotate(5)"><path class="cls-1" d="M0 0h10v10z"/>'
        f'<use {XLINK} xlink:href="#p" x="4"/><text x="5" y="40" font-family="Noto Sans KR">로고 ✓</text></g>'
    )
    assert check_svg(svg_bytes(illustrator, attrs='viewBox="0 0 120.5 60"')) == (120, 60)
    inkscape = (
        '<sodipodi:namedview xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" pagecolor="#fff"/>'
        '<metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:cc="http://creativecommons.org/ns#"><cc:Work rdf:about="">'
        '<cc:license rdf:resource="http://creativecommons.org/licenses/by/4.0/"/></cc:Work></rdf:RDF></metadata>'
        '<g xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" inkscape:label="Layer 1" '
        'inkscape:groupmode="layer"><circle cx="5" cy="5" r="4" style="fill:#123456;fill-opacity:1"/></g>'
    )
    assert check_svg(svg_bytes(inkscape)) == (120, 60)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        pytest.param(svg_bytes('<rect width="1" height="1"/>', attrs='viewBox="0 0 1e999 10"'), id="viewbox-1e999"),
        pytest.param(svg_bytes('<use href="data:image/svg+xml;base64,PHN2Zy8+"/>'), id="use-data"),
        pytest.param(svg_bytes('<rect width="9" height="9" style="fill:u\\rl(https://e.example/)"/>'), id="escape"),
    ],
)
def test_logo_uploads_use_the_allow_list_and_answer_400(owner_client, workspace, data):
    brand = BrandKitFactory(workspace=workspace)
    response = owner_client.post(
        f"/api/v1/brands/{brand.id}/logos/",
        {"file": _upload(data)},
        format="multipart",
    )
    assert response.status_code == 400, response.content[:300]
    assert response.json()["code"] == "invalid" and "file" in response.json()["errors"]
    assert not BrandLogo.objects.exists()


def _upload(data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("logo.svg", data, content_type="image/svg+xml")
