"""How well the offline reader parses a set of briefs written by someone who never saw it.

    .venv/bin/python bench/parse_score.py sparklio/language/tests/blind_briefs_13.json [-v]

Scores each brief the way ``test_unseen_brief_sets_keep_their_floor`` does: the product read
exactly (after normalising), two or more of the expected features (all when fewer are expected),
the offer contained in the parsed offer, and the channels in the brief's order. Prints the counts
per language and in all; ``-v`` also prints every brief that missed something, with the reading
it got beside the expectation. Needs no database.
"""

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sparklio.settings")

import django  # noqa: E402

django.setup()

from agents.quality import contains, normalized  # noqa: E402
from sparklio.language.brief.extract import brief_parse  # noqa: E402

# The set writers' channel names for the ones the product calls otherwise.
ALIASES = {
    "landing_page": "product_detail",
    "blog": "naver_blog",
    "banner": "web_banner",
    "newsletter": "email_newsletter",
}
FIELDS = ("product", "features", "offer", "channels")


def score(item: dict) -> tuple[dict, object]:
    expect, brief = item["expect"], brief_parse(item["brief"])
    found = [f for f in expect["features"] if any(contains(normalized(v), set(), f) for v in brief.features)]
    wanted = [ALIASES.get(c, c) for c in expect["channels"]]
    right = {
        "product": normalized(brief.product or "") == normalized(expect["product"]),
        "features": len(found) >= min(2, len(expect["features"])),
        "offer": bool(expect["offer"]) and contains(normalized(brief.offer or ""), set(), expect["offer"]),
        "channels": bool(wanted) and wanted == brief.channels,
    }
    return right, brief


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true", help="print every brief that missed something")
    args = parser.parse_args()
    items = json.loads(args.file.read_text())
    totals: dict[str, Counter] = {}
    briefs: Counter = Counter()
    offers: Counter = Counter()
    for item in items:
        right, brief = score(item)
        lang = item.get("language", "?")
        totals.setdefault(lang, Counter()).update({k: int(v) for k, v in right.items()})
        briefs[lang] += 1
        offers[lang] += bool(item["expect"]["offer"])
        missed = [k for k in FIELDS if not right[k] and (k != "offer" or item["expect"]["offer"])]
        if args.verbose and missed:
            expect = item["expect"]
            print(f"--- {item['id']} ({lang}) missed: {', '.join(missed)}")
            print("   ", item["brief"].replace("\n", " / ")[:400])
            if "product" in missed:
                print(f"    product: got {brief.product!r}, want {expect['product']!r}")
            if "features" in missed:
                print(f"    features: got {brief.features}, want {expect['features']}")
            if "offer" in missed:
                print(f"    offer: got {brief.offer!r}, want {expect['offer']!r}")
            if "channels" in missed:
                print(f"    channels: got {brief.channels}, want {expect['channels']}")
    everything = sum(totals.values(), Counter())
    for lang in sorted(totals) + ["all"]:
        got = everything if lang == "all" else totals[lang]
        n = sum(briefs.values()) if lang == "all" else briefs[lang]
        o = sum(offers.values()) if lang == "all" else offers[lang]
        print(
            f"{lang:>3}: {n} briefs  product {got['product']}  features {got['features']}  "
            f"offer {got['offer']} of {o}  channels {got['channels']}"
        )


if __name__ == "__main__":
    main()
