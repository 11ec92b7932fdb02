"""The channel adapter: one design re-laid out for every channel preset, measured on pixels."""

import os

import pytest

from agents.library.adapter import adapt_document
from agents.tests import adapt_sources
from documents.render import render_page
from documents.render.integrity import inspect_layout
from documents.schema import CHANNEL_PRESETS, ImageObject, SparklioDocument, TextObject
from documents.services import workspace_path_rule

SOURCES = ["square_korean", "story_korean", "landscape_english", "portrait_english_photo"]


def source_of(name: str, workspace_id: int) -> SparklioDocument:
    make = getattr(adapt_sources, name)
    return SparklioDocument.model_validate(make() if name == "square_korean" else make(workspace_id))


@pytest.mark.django_db
@pytest.mark.parametrize("name", SOURCES)
def test_every_preset_passes_the_layout_checks(name, workspace):
    source = source_of(name, workspace.pk)
    rule = workspace_path_rule(workspace.pk)
    assert inspect_layout(source, allowed_path=rule).texts  # the source itself renders
    out = os.environ.get("ADAPT_PNG_DIR")
    for channel, preset in CHANNEL_PRESETS.items():
        adapted = adapt_document(source, channel, allowed_path=rule)
        doc = adapted.document
        assert (doc.width, doc.height, doc.channel) == (preset.width, preset.height, channel)
        report = inspect_layout(doc, allowed_path=rule)
        assert report.defects == [], (channel, [d.message for d in report.defects])
        assert adapted.defects == []
        if out:
            png = render_page(doc, 0, fmt="png", allowed_path=rule).content
            with open(os.path.join(out, f"{name}-{channel}.png"), "wb") as fh:
                fh.write(png)
