"""Fit the product ranker's weights to the blind brief sets and say how well it reads unseen ones.

    .venv/bin/python bench/train_product_ranker.py            # cross-validate, then fit and write the weights
    .venv/bin/python bench/train_product_ranker.py --cv-only  # only the cross-validation table
    .venv/bin/python bench/train_product_ranker.py --score FILE  # read a set the weights never saw

Each brief's candidates (``ranker.candidates``) are described by ``ranker.features``; a candidate is
right when it equals the set writer's product after normalising. The model is a softmax over each
brief's candidates with L2 weight decay, fitted by Adam in numpy. Leave one set out: for each set,
fit on all the others and count the products read right in the one left out. Two models are
compared with the rules alone: one that sees the rules' pick as a trait ("with rules") and one
that does not ("traits only"); the rules were tuned on sets 1-14 after each was first measured,
so only the traits-only figure is a fair estimate there. ``--score`` measures a set no weight and
no rule was fitted to.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sparklio.settings")

import django  # noqa: E402

django.setup()

from agents.quality import normalized  # noqa: E402
from sparklio.language.brief import extract, ranker  # noqa: E402

SETS = Path(__file__).resolve().parent.parent / "sparklio" / "language" / "tests"
BLIND_PICKS = Path(__file__).resolve().parent / "data" / "blind_rule_picks.json"


def read_brief(text: str) -> dict:
    """The rules' inputs and pick for one brief, recorded where the parse asks the ranker."""
    seen = {}

    def record(analysed, language, cascade):
        seen.update(text=analysed, language=language, cascade=cascade)
        return None

    real = extract.second_reading
    extract.second_reading = record
    try:
        extract.brief_parse(text)
    finally:
        extract.second_reading = real
    return seen


def featurise(item: dict, blind_pick: str | None) -> dict:
    """The brief's candidates and traits, with the rules' pick as the rules gave it before they saw
    the brief's set (what they give a brief nobody has seen), not as they give it now."""
    seen = read_brief(item["brief"])
    text, language = seen["text"], seen["language"]
    sources = ranker.sources_of(text, language, blind_pick)
    described = ranker.described(text, language, sources)
    gold = normalized(item["expect"]["product"])
    return {
        "texts": [c.text.strip() for c, _ in described],
        "feats": [feats for _, feats in described],
        "right": [normalized(c.text) == gold for c, _ in described],
        "cascade_right": normalized(blind_pick or "") == gold,
        "language": language,
    }


def matrices(briefs: list[dict], names: list[str]) -> list[tuple[np.ndarray, np.ndarray]]:
    column = {name: i for i, name in enumerate(names)}
    out = []
    for brief in briefs:
        x = np.zeros((len(brief["feats"]), len(names)), dtype=np.float64)
        for row, feats in enumerate(brief["feats"]):
            for key, value in feats.items():
                if key in column:
                    x[row, column[key]] = value
        out.append((x, np.array(brief["right"], dtype=bool)))
    return out


def fit(data: list[tuple[np.ndarray, np.ndarray]], width: int, steps: int = 400, decay: float = 0.01) -> np.ndarray:
    """Weights maximising the log-probability of the right candidates, with L2 decay (Adam)."""
    w = np.zeros(width)
    m = np.zeros(width)
    v = np.zeros(width)
    usable = [(x, y) for x, y in data if y.any() and len(y) > 1]
    for step in range(1, steps + 1):
        grad = decay * w
        for x, y in usable:
            s = x @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            q = p * y
            q /= q.sum()
            grad += (x.T @ (p - q)) / len(usable)
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad**2
        w -= 0.1 * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    return w


def right_count(data: list[tuple[np.ndarray, np.ndarray]], w: np.ndarray) -> int:
    return sum(bool(len(y)) and bool(y[int(np.argmax(x @ w))]) for x, y in data)


def doubt_counts(data, briefs: list[dict], w: np.ndarray, margin: float) -> np.ndarray:
    """Rules wrong, of them doubted; rules right, of them doubted (the rules' pick scoring more than
    ``margin`` below the best candidate, as ``ranker.second_reading`` decides)."""
    out = np.zeros(4, dtype=int)
    for (x, _), brief in zip(data, briefs, strict=True):
        if not len(x):
            continue
        scores = x @ w
        mine = [scores[i] for i, feats in enumerate(brief["feats"]) if feats.get("is_cascade")]
        doubted = not mine or mine[0] < scores.max() - margin
        at = 0 if not brief["cascade_right"] else 2
        out[at] += 1
        out[at + 1] += doubted
    return out


def load_sets(files: list[Path]) -> dict[str, list[dict]]:
    blind = json.loads(BLIND_PICKS.read_text())["sets"]
    out = {}
    for path in files:
        if not blind.get(path.name, {}).get("blind"):
            print(f"  {path.name}: left out (no blind reading of the rules on record)", file=sys.stderr)
            continue
        started = time.perf_counter()
        items = json.loads(path.read_text())
        out[path.name] = [featurise(item, pick) for item, pick in zip(items, blind[path.name]["picks"], strict=True)]
        print(f"  {path.name}: {len(out[path.name])} briefs in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv-only", action="store_true")
    parser.add_argument("--fit-only", action="store_true", help="skip the cross-validation")
    parser.add_argument("--score", type=Path, help="a blind set to read with the installed weights")
    parser.add_argument("--steps", type=int, default=400)
    parser.add_argument("--decay", type=float, default=0.01)
    parser.add_argument(
        "--doubt-margin", type=float, default=1.0, help="doubt the rules' pick when it scores this far below the best"
    )
    args = parser.parse_args()

    if args.score:
        items = json.loads(args.score.read_text())
        right = doubted_wrong = doubted_right = 0
        for item in items:
            gold = normalized(item["expect"]["product"])
            brief = extract.brief_parse(item["brief"])
            ok = normalized(brief.product or "") == gold
            right += ok
            doubted = "product" in brief.doubts
            doubted_wrong += doubted and not ok
            doubted_right += doubted and ok
        wrong = len(items) - right
        print(
            f"{args.score.name}: {len(items)} briefs, product right {right}; doubted: {doubted_wrong} of {wrong} "
            f"wrong, {doubted_right} of {right} right"
        )
        return

    files = sorted(
        SETS.glob("blind_briefs*.json"), key=lambda p: int(p.stem.split("_")[-1]) if p.stem[-1].isdigit() else 1
    )
    sets = load_sets(files)
    names = sorted({key for briefs in sets.values() for b in briefs for feats in b["feats"] for key in feats})
    plain = [n for n in names if n not in ranker.RULE_TRAITS]
    print(f"{len(names)} traits; {sum(len(b) for b in sets.values())} briefs in {len(sets)} sets\n")
    print(f"{'held-out set':<22}{'briefs':>7}{'rules blind':>13}{'with rules':>12}{'traits only':>13}")
    totals = np.zeros(4, dtype=int)
    margins = sorted({0.5, 1.0, 1.5, 2.0, args.doubt_margin})
    flags = {m: np.zeros(4, dtype=int) for m in margins}  # rules wrong, of them doubted; right, of them doubted
    for name in [] if args.fit_only else sets:
        train = [b for other, briefs in sets.items() if other != name for b in briefs]
        test = sets[name]
        row = [len(test), sum(b["cascade_right"] for b in test)]
        for kept in (names, plain):
            w = fit(matrices(train, kept), len(kept), args.steps, args.decay)
            held = matrices(test, kept)
            row.append(right_count(held, w))
            if kept is names:
                for margin in margins:
                    flags[margin] += doubt_counts(held, test, w, margin)
        totals += row
        print(f"{name:<22}{row[0]:>7}{row[1]:>13}{row[2]:>12}{row[3]:>13}")
    print(f"{'all':<22}{totals[0]:>7}{totals[1]:>13}{totals[2]:>12}{totals[3]:>13}")
    if not args.fit_only:
        print()
        for margin, (wrong, doubted_wrong, right, doubted_right) in flags.items():
            print(
                f"as a doubt at margin {margin}: {doubted_wrong} of the {wrong} products the rules read wrong "
                f"({doubted_wrong / wrong:.0%}), {doubted_right} of the {right} they read right "
                f"({doubted_right / right:.0%})"
            )
    if args.cv_only:
        return
    everything = [b for briefs in sets.values() for b in briefs]
    w = fit(matrices(everything, names), len(names), args.steps, args.decay)
    print(f"\nfitted on all: {right_count(matrices(everything, names), w)} of {len(everything)} read right")
    weights = {name: round(float(value), 4) for name, value in zip(names, w, strict=True) if abs(value) >= 1e-4}
    ranker.WEIGHTS_FILE.write_text(
        json.dumps(
            {
                "fitted_on": list(sets),
                "steps": args.steps,
                "decay": args.decay,
                "doubt_margin": args.doubt_margin,
                "weights": weights,
            },
            indent=1,
            ensure_ascii=False,
        )
        + "\n"
    )
    print(f"wrote {ranker.WEIGHTS_FILE}")


if __name__ == "__main__":
    main()
