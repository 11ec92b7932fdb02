import io
import json
import logging
import threading
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from PIL import Image

from brands.tests.factories import BrandColorFactory, BrandKitFactory

PLAN = (
    "무선 이어폰 X1을 위한 인스타그램 광고 이미지를 만들어줘. 타겟은 2030 직장인이고, "
    "노이즈 캔슬링과 24시간 배터리가 주요 특징이야."
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_campaign_prints_copy_scores_and_the_files(tmp_path, workspace):
    brand = BrandKitFactory(workspace=workspace, name="Sonic")
    BrandColorFactory(brand=brand, role="primary", hex="#0A7CFF")
    out, err = io.StringIO(), io.StringIO()
    call_command("campaign", PLAN, "--brand", "sonic", "--out", str(tmp_path), stdout=out, stderr=err)
    text = out.getvalue()
    assert "succeeded" in text and "Headline:" in text and "Scores:" in text
    png = Path(next(line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("PNG:")))
    doc = Path(next(line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("JSON:")))
    with Image.open(png) as image:
        assert image.size == (1080, 1080)
    assert json.loads(doc.read_text())["channel"] == "instagram_feed"
    assert "optimizer" in err.getvalue() or "%" in err.getvalue()  # the progress bar went to stderr


def test_campaign_explains_a_missing_brand_and_a_bad_brief(workspace):
    with pytest.raises(CommandError, match="No brand kit named"):
        call_command("campaign", PLAN, "--brand", "nobody")
    BrandKitFactory(workspace=workspace, name="Sonic")
    with pytest.raises(CommandError, match="brief"):
        call_command("campaign", "   ", "--brand", "Sonic")


def test_log_lines_do_not_break_the_progress_bar(tmp_path, workspace, capsys):
    """Log lines written while the bar is drawn (here from a thread, as the steps' thread and any
    library would) each start a line of their own, and the bar is drawn again below them."""
    brand = BrandKitFactory(workspace=workspace, name="Sonic")
    BrandColorFactory(brand=brand, role="primary", hex="#0A7CFF")
    console = logging.StreamHandler()  # the console, as LOGGING configures it: sys.stderr
    console.setFormatter(logging.Formatter("LOG %(message)s"))
    root = logging.getLogger()
    saved, root.handlers = root.handlers, [console]
    done = threading.Event()

    def chatter():
        n = 0
        while not done.wait(0.01):
            n += 1
            logging.getLogger("somewhere").warning("tick %s", n)

    talker = threading.Thread(target=chatter)
    talker.start()
    try:
        call_command("campaign", PLAN, "--brand", "sonic", "--out", str(tmp_path))
    finally:
        done.set()
        talker.join()
        root.handlers = saved
    err = capsys.readouterr().err
    ticks = [line for line in err.split("\n") if "tick" in line]
    assert ticks and "%|" in err
    for line in ticks:
        # what the terminal shows of the line: the text after its last carriage return
        assert line.split("\r")[-1].startswith("LOG tick"), repr(line)
