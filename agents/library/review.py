"""Review agents: vision analyzer, reviewer, brand guardian and optimizer.

Each finding names its rule, a severity, what was measured and where (a JSON path into the
document or a field of the copy), so the studio can point at it. Scores start at 100 and lose
20 per error, 8 per warning and 2 per note."""

from __future__ import annotations

import base64
import re

from pydantic import BaseModel, Field

from agents import knowledge
from agents.base import Agent, AgentContext, AgentInput
from agents.knowledge import KnowledgeUse
from agents.library.creation import Copy
from generators.channels import rules_for
from generators.text import clip, clip_sentences, work_in_required
from sparklio.language.korean import particle

PENALTY = {"error": 20, "warning": 8, "info": 2}
# what the brand guardian looks up in the knowledge base: the brand book's rules
GUIDELINE_QUERY = "브랜드 가이드라인 규칙 로고 컬러 금지 brand guidelines rules logo colour do not"
PALETTE_WARN_DELTA_E = 25.0
FULL_BLEED_ROLES = {"background", "background_image", "background_shape", "pattern", "overlay", "frame", "decoration"}


class Finding(BaseModel):
    rule: str
    severity: str = Field(description="error, warning or info")
    message: str
    path: str = ""
    value: float | str | None = None
    objects: list[str] = Field(default_factory=list, description="Ids of the document objects concerned")
    data: dict = Field(default_factory=dict, description="What was measured, for the optimizer")


def _facts_of_brief(brief: str) -> dict:
    from sparklio.language.brief import facts_from_brief

    return facts_from_brief(brief).model_dump()


def shorten_line(text: str, limit: int, keep: str | None = None) -> str | None:
    """A headline or button within ``limit`` without cutting it mid-thought ("…"): its first
    clause, else its first whole words when they still say something (two or more). A name in
    ``keep`` (the product's) is never cut: "Watercolor for Absolute" is no headline for
    "Watercolor for Absolute Beginners"; the name alone is, or the line stays as it is (the
    layout fits it) when even the name is longer than the limit."""
    first = re.split(r"\s*[,:—–·|!?]\s*", text.strip())[0]
    if 2 <= len(first) <= limit and not _cuts_name(first, text, keep):
        return first
    words, kept = text.split(), []
    for word in words:
        if len(" ".join([*kept, word])) > limit:
            break
        kept.append(word)
    shorter = " ".join(kept) if len(kept) >= 2 else None
    if shorter and _cuts_name(shorter, text, keep):
        shorter = keep if keep and len(keep) <= limit else None
    return shorter


def _cuts_name(shorter: str, text: str, keep: str | None) -> bool:
    """Whether ``shorter`` ends inside ``keep`` as ``text`` writes it."""
    if not keep:
        return False
    at = text.casefold().find(keep.casefold())
    return at >= 0 and at < len(shorter) < at + len(keep) and text.startswith(shorter)


_NUMERAL = re.compile(r"[\d.,\s]")
_CUT_OFF = re.compile(r"(?:…|\.\.\.)\s*$")


def _line_findings(copy, fields, pattern: re.Pattern, rule: str, message) -> list[Finding]:
    """An error for each field of ``copy`` where ``pattern`` is found."""
    found = []
    for field in fields:
        match = pattern.search(getattr(copy, field))
        if match:
            found.append(
                Finding(
                    rule=rule,
                    severity="error",
                    message=message(field, match.group(0).strip()),
                    path=f"copy.{field}",
                    value=match.group(0).strip(),
                )
            )
    return found


def score_of(findings: list[Finding]) -> int:
    return max(0, 100 - sum(PENALTY[f.severity] for f in findings))


def text_objects(content: dict, page: int | None = None):
    """(path, object, dx, dy) of every object of every page (or of page ``page``), groups
    flattened with offsets; the path names the page ("pages[2].objects[4]")."""

    def walk(objects, prefix, dx, dy):
        for index, obj in enumerate(objects):
            path = f"{prefix}[{index}]"
            if obj.get("type") == "group":
                yield from walk(obj.get("children", []), f"{path}.children", dx + obj["x"], dy + obj["y"])
            else:
                yield path, obj, dx, dy

    for number, found in enumerate(content["pages"]):
        if page is None or number == page:
            yield from walk(found.get("objects", []), f"pages[{number}].objects", 0, 0)


# --- vision analyzer --------------------------------------------------------------------------------


class VisionInput(AgentInput):
    document: int | None = None
    image: str | None = Field(default=None, description="Storage path of a picture, instead of a document")


class VisionOutput(BaseModel):
    score: int
    measurements: dict
    findings: list[Finding]
    critique: str | None = None
    critique_provider: str | None = None
    rendered: str | None = Field(default=None, description="Storage path of the rendered page that was measured")


class VisionAnalyzerAgent(Agent):
    name = "vision_analyzer"
    description = (
        "Measures a design or picture on its pixels: brightness, contrast, sharpness, text contrast ratios, "
        "distance to the brand palette, safe margins; adds a vision model's critique when one is configured."
    )
    Input = VisionInput
    Output = VisionOutput

    def run(self, inp, ctx: AgentContext):
        from documents.models import Document
        from documents.render.images import read_source
        from documents.services import render_document, workspace_path_rule
        from generators.image import store_png
        from generators.imaging import measure_image

        # white and near-black are every design's paper and ink, on the palette or not
        palette = list(ctx.profile.palette) + ["#FFFFFF", "#111111", "#000000"] if ctx.profile.palette else None
        findings: list[Finding] = []
        rendered, layout = None, None
        if inp.document is not None:
            document = Document.objects.get(pk=inp.document, workspace_id=ctx.workspace_id)
            count = len(document.content["pages"])
            measured, renders = [], []
            # every page is rendered and measured: a deck's third slide is seen as its first is
            for number in range(count):
                data = render_document(document, page=number + 1).content
                stem = f"render-{document.pk}-v{document.version}" + (f"-p{number + 1}" if number else "")
                renders.append(store_png(data, workspace_id=ctx.workspace_id, stem=stem))
                regions, paths, ids = self._text_regions(document.content, number)
                if number == 0:
                    first = data
                    ctx.report(0.3, "measuring")
                m = measure_image(data, palette=palette, text_regions=regions)
                findings += self._picture_findings(m, paths, ids, regions, number if count > 1 else None)
                measured.append(m)
            rendered, data, m = renders[0], first, measured[0]
            findings += self._margins(document.content, m.safe_margin)
            layout = self._layout(document, findings)
        elif inp.image:
            data = read_source(inp.image, allowed_path=workspace_path_rule(ctx.workspace_id))
            ctx.report(0.3, "measuring")
            m = measure_image(data, palette=palette, text_regions=[])
            findings += self._picture_findings(m, [], [], [], None)
            for side in m.margin_violations:
                findings.append(
                    Finding(
                        rule="safe_margin",
                        severity="info",
                        message=f"Content enters the {side} safe margin.",
                        value=side,
                    )
                )
        else:
            raise ValueError("document: give a document or an image")
        critique, critique_provider = self._critique(data, ctx)
        measurements = m.model_dump(mode="json")
        if inp.document is not None and len(measured) > 1:
            measurements["pages"] = [
                {"page": number, "rendered": path, **page.model_dump(mode="json")}
                for number, (path, page) in enumerate(zip(renders, measured, strict=True))
            ]
        if layout is not None:
            measurements["layout"] = layout
        return VisionOutput(
            score=score_of(findings),
            measurements=measurements,
            findings=findings,
            critique=critique,
            critique_provider=critique_provider,
            rendered=rendered,
        )

    @staticmethod
    def _text_regions(content: dict, page: int):
        """The text boxes of one page, their paths and ids, for the contrast measure."""
        from generators.imaging import TextRegion

        regions, paths, ids = [], [], []
        for path, obj, dx, dy in text_objects(content, page):
            if obj.get("type") == "text" and obj.get("text", "").strip() and not obj.get("hidden"):
                regions.append(
                    TextRegion(
                        x=obj["x"] + dx,
                        y=obj["y"] + dy,
                        width=obj["width"],
                        height=obj["height"],
                        color=obj["style"]["color"][:7],
                    )
                )
                paths.append(path)
                ids.append(obj["id"])
        return regions, paths, ids

    @staticmethod
    def _picture_findings(m, paths, ids, regions, page: int | None) -> list[Finding]:
        """What one rendered page (or picture) measures: text contrast, brightness, contrast,
        sharpness, distance to the palette. ``page``: a deck's page, named in each finding."""
        where = f"Slide {page + 1}: " if page is not None else ""
        data = {"page": page} if page is not None else {}
        findings: list[Finding] = []
        for path, oid, tc, region in zip(paths, ids, m.text_contrast, regions, strict=False):
            large = region.height >= 60
            needed = 3.0 if large else 4.5
            if tc.ratio < needed:
                findings.append(
                    Finding(
                        rule="text_contrast",
                        severity="error" if tc.ratio < 3.0 else "warning",
                        message=(
                            f"{where}Text contrast {tc.ratio:.2f}:1 on {tc.background_color} is below {needed}:1 "
                            "(WCAG AA)."
                        ),
                        path=path,
                        value=round(tc.ratio, 2),
                        objects=[oid],
                        data={"background": tc.background_color, "ratio": round(tc.ratio, 2), **data},
                    )
                )
        if m.brightness < 0.08:
            findings.append(
                Finding(
                    rule="brightness",
                    severity="warning",
                    message=f"{where}The image is very dark.",
                    value=round(m.brightness, 3),
                    data=data,
                )
            )
        elif m.brightness > 0.95:
            findings.append(
                Finding(
                    rule="brightness",
                    severity="warning",
                    message=f"{where}The image is almost white.",
                    value=round(m.brightness, 3),
                    data=data,
                )
            )
        # a page whose every text reads (its own WCAG ratio, measured above) is not washed out
        # because most of it is one colour: a slide on the brand's colour is flat by design
        legible = bool(regions) and all(
            tc.ratio >= (3.0 if region.height >= 60 else 4.5)
            for tc, region in zip(m.text_contrast, regions, strict=False)
        )
        if m.contrast < 0.05 and not legible:
            findings.append(
                Finding(
                    rule="contrast",
                    severity="warning",
                    message=f"{where}The image is flat (very low contrast).",
                    value=round(m.contrast, 3),
                    data=data,
                )
            )
        if m.sharpness < 20:
            findings.append(
                Finding(
                    rule="sharpness",
                    severity="warning",
                    message=f"{where}The image looks blurred.",
                    value=round(m.sharpness, 1),
                    data=data,
                )
            )
        if m.palette_distance is not None and m.palette_distance > PALETTE_WARN_DELTA_E:
            findings.append(
                Finding(
                    rule="palette",
                    severity="warning",
                    message=(
                        f"{where}Dominant colours are far from the brand palette (ΔE {m.palette_distance:.1f}); "
                        f"off-palette: {', '.join(m.off_palette_colors)}."
                    ),
                    value=round(m.palette_distance, 1),
                    data=data,
                )
            )
        return findings

    @staticmethod
    def _layout(document, findings: list[Finding]) -> dict:
        """Layout integrity on the render's pixels, page by page: each text's ink in its box and
        on the page, untouched by other text, uncovered, out of the safe margin
        (documents/render/integrity.py). A finding names the page and the objects."""
        from documents.render.integrity import inspect_layout
        from documents.schema import SparklioDocument
        from documents.services import workspace_path_rule

        parsed = SparklioDocument.model_validate(document.content)
        rule = workspace_path_rule(document.workspace_id)
        many = len(parsed.pages) > 1
        defects, texts = 0, []
        for number in range(len(parsed.pages)):
            report = inspect_layout(parsed, number, allowed_path=rule)
            defects += len(report.defects)
            for defect in report.defects:
                findings.append(
                    Finding(
                        rule=defect.kind,
                        severity="error",
                        message=f"Slide {number + 1}: {defect.message}" if many else defect.message,
                        path=f"pages[{number}].objects.{','.join(defect.objects)}",
                        value=defect.pixels,
                        objects=defect.objects,
                        data={"page": number},
                    )
                )
            texts += [
                {"id": t.id, "role": t.role, "page": number, "box": [round(v, 1) for v in t.box], "ink_box": t.ink_box}
                for t in report.texts
            ]
        return {"defects": defects, "texts": texts}

    @staticmethod
    def _margins(content: dict, ratio: float) -> list[Finding]:
        """Logos and product pictures inside the safe margin (texts are measured on their ink by
        ``_layout``; full-bleed backgrounds, bands and decorations are meant to touch the edge)."""
        width, height = content["width"], content["height"]
        mx, my = width * ratio, height * ratio
        findings = []
        for path, obj, dx, dy in text_objects(content):
            if obj.get("type") != "image" or obj.get("role") in FULL_BLEED_ROLES or obj.get("hidden"):
                continue
            x, y = obj["x"] + dx, obj["y"] + dy
            edges = (
                ("left", x < mx),
                ("top", y < my),
                ("right", x + obj["width"] > width - mx),
                ("bottom", y + obj["height"] > height - my),
            )
            sides = [side for side, inside in edges if inside]
            if sides:
                findings.append(
                    Finding(
                        rule="picture_margin",
                        severity="info",
                        message=f"{obj.get('role', obj['type'])} enters the {', '.join(sides)} safe margin "
                        f"({ratio:.0%} of the side); platforms may crop it.",
                        path=path,
                        value=",".join(sides),
                        objects=[obj["id"]],
                    )
                )
        return findings

    def _critique(self, data: bytes, ctx: AgentContext):
        from sparklio.llm.errors import LLMError
        from sparklio.llm.gateway import gateway

        if ctx.provider == "offline":
            return None, None
        message = {
            "role": "user",
            "content": "Critique this marketing design in three short bullet points: legibility, hierarchy, brand fit.",
            "images": [{"media_type": "image/png", "data_b64": base64.b64encode(data).decode()}],
        }
        try:
            answer = gateway.complete(
                [message],
                purpose="vision",
                provider=ctx.provider,
                max_tokens=300,
                workspace_id=ctx.workspace_id,
                user_id=ctx.user_id,
                cause=ctx.run,
            )
        except LLMError:
            return None, None
        ctx.providers.append(answer.provider)
        return answer.text, answer.provider


# --- reviewer --------------------------------------------------------------------------------------


class ReviewInput(AgentInput):
    copy_: Copy = Field(alias="copy")
    channel: str | None = None
    brief: str = ""
    facts: dict | None = Field(default=None, description="What the design must carry (a workflow's facts)")
    document: int | None = None
    vision_findings: list[Finding] = Field(default_factory=list)

    model_config = {"populate_by_name": True, "extra": "forbid"}


class ReviewOutput(BaseModel):
    score: int
    passed: bool
    findings: list[Finding]
    knowledge: list[KnowledgeUse] = Field(
        default_factory=list, description="The passages of the knowledge base the copy was checked against"
    )


SENTENCE = re.compile(r"[^.!?。\n]+[.!?。]?")


class ReviewerAgent(Agent):
    name = "reviewer"
    description = (
        "Scores copy (and its design) against the channel's rules: lengths, hashtags, CTA, readability, leftovers."
    )
    Input = ReviewInput
    Output = ReviewOutput

    def run(self, inp, ctx: AgentContext):
        from sparklio.language.brief import brief_parse

        rules = rules_for(inp.channel)
        copy = inp.copy_
        findings: list[Finding] = []

        product = (inp.facts or {}).get("product") or (brief_parse(inp.brief).product if inp.brief else None)

        def length(field, value, limit):
            if len(value) > limit:
                # a headline that is the product's name and little more cannot be shortened
                # without cutting the name: worth knowing, nothing to fix
                named = bool(product) and product.casefold() in value.casefold() and len(value) <= len(product) + 3
                findings.append(
                    Finding(
                        rule="length",
                        severity="info" if named else "warning",
                        message=f"{field} has {len(value)} characters; {rules.name} shows {limit}.",
                        path=f"copy.{field}",
                        value=len(value),
                    )
                )

        length("headline", copy.headline, rules.headline_max)
        length("subheadline", copy.subheadline, rules.subheadline_max)
        length("body", copy.body, rules.body_max)
        length("cta", copy.cta, rules.cta_max)
        if not copy.headline.strip():
            findings.append(
                Finding(rule="headline", severity="error", message="There is no headline.", path="copy.headline")
            )
        if not copy.cta.strip() and rules.button:  # a deck's cover or a thumbnail has none
            findings.append(
                Finding(rule="cta", severity="error", message="There is no call to action.", path="copy.cta")
            )
        count = len(copy.hashtags)
        if not rules.hashtags_min <= count <= max(rules.hashtags_max, rules.hashtags_min):
            findings.append(
                Finding(
                    rule="hashtags",
                    severity="warning",
                    message=(
                        f"{count} hashtags; {rules.name} works best with {rules.hashtags_min}–{rules.hashtags_max}."
                    ),
                    path="copy.hashtags",
                    value=count,
                )
            )
        bad_tags = [t for t in copy.hashtags if not re.fullmatch(r"#\w+", t)]
        if bad_tags:
            findings.append(
                Finding(
                    rule="hashtags",
                    severity="warning",
                    message=f"Malformed hashtags: {', '.join(bad_tags)}.",
                    path="copy.hashtags",
                )
            )
        sentences = [s.strip() for s in SENTENCE.findall(copy.body) if s.strip()]
        if sentences:
            average = sum(len(s) for s in sentences) / len(sentences)
            limit = 60 if copy.language == "ko" else 110
            if average > limit:
                findings.append(
                    Finding(
                        rule="readability",
                        severity="info",
                        message=f"Sentences average {average:.0f} characters; shorter reads better on {rules.name}.",
                        path="copy.body",
                        value=round(average),
                    )
                )
        if copy.body.count("!") + copy.headline.count("!") > 3:
            findings.append(Finding(rule="tone", severity="info", message="Many exclamation marks.", path="copy.body"))
        findings += self._particles(copy)
        findings += self._fluency(copy)
        findings += _line_findings(
            copy, ("headline", "subheadline", "cta"), _CUT_OFF, "truncated",
            lambda field, found: f"The {field} is cut off: {getattr(copy, field)!r}.",
        )  # fmt: skip
        content = None
        if inp.document is not None:
            from documents.models import Document

            content = Document.objects.get(pk=inp.document, workspace_id=ctx.workspace_id).content
        if content is not None and (inp.facts or inp.brief):
            facts = inp.facts or _facts_of_brief(inp.brief)
            findings += self._carried(content, facts, inp.vision_findings)
            findings += self._doubts(facts)
        elif inp.brief:
            brief = brief_parse(inp.brief)
            text = " ".join([copy.headline, copy.subheadline, copy.body])
            if brief.offer and brief.offer not in text:
                findings.append(
                    Finding(
                        rule="offer",
                        severity="warning",
                        message=f"The brief's offer ({brief.offer}) is not in the copy.",
                        path="copy.body",
                    )
                )
            if brief.product and brief.product.casefold() not in text.casefold():
                findings.append(
                    Finding(
                        rule="product",
                        severity="info",
                        message=f"The product name ({brief.product}) does not appear in the copy.",
                        path="copy",
                    )
                )
        if inp.document is not None:
            given = (inp.facts or (_facts_of_brief(inp.brief) if inp.brief else {})) if content is not None else {}
            findings += self._leftovers(inp.document, ctx, copy, given)
        conflicts, used = self._knowledge(copy, inp.facts or (_facts_of_brief(inp.brief) if inp.brief else {}), ctx)
        findings += conflicts
        findings += [f for f in inp.vision_findings if f.severity != "info"]
        score = score_of(findings)
        return ReviewOutput(
            score=score,
            passed=score >= 70 and not any(f.severity == "error" for f in findings),
            findings=findings,
            knowledge=used,
        )

    @staticmethod
    def _knowledge(copy: Copy, facts: dict, ctx: AgentContext) -> tuple[list[Finding], list[KnowledgeUse]]:
        """The copy's (and the facts') numbers against the same measures in the passages about
        the product: a battery life, price or weight stated otherwise is ``knowledge_conflict``."""
        query = knowledge.product_query(facts) or " ".join([copy.headline, copy.subheadline])
        hits = knowledge.about_product(
            knowledge.passages(
                workspace_id=ctx.workspace_id, brand_id=knowledge.brand_id_of(ctx), query=query, user_id=ctx.user_id
            ),
            facts.get("product"),
        )
        if not hits:
            return [], []
        texts = [(f"copy.{name}", getattr(copy, name)) for name in ("headline", "subheadline", "body", "cta")]
        texts += [(f"facts.features[{i}]", feature) for i, feature in enumerate(facts.get("features") or [])]
        texts += [("facts.price", facts.get("price") or ""), ("facts.offer", facts.get("offer") or "")]
        findings, used = [], []
        for conflict in knowledge.conflicts(texts, hits):
            hit = conflict.hit
            findings.append(
                Finding(
                    rule="knowledge_conflict",
                    severity=conflict.severity,
                    message=(
                        f"“{conflict.found.text}” contradicts the knowledge base: “{conflict.quote}” "
                        f"({hit.source_title})."
                    ),
                    path=conflict.path,
                    value=conflict.found.text,
                    data={
                        "found": conflict.found.text,
                        "stated": conflict.stated.text,
                        "quote": conflict.quote,
                        "chunk": hit.chunk,
                        "source": hit.source,
                        "source_title": hit.source_title,
                    },
                )
            )
            used.append(knowledge.use_of(hit, conflict.quote))
        # the passages the numbers were checked against, each by its first measured sentence
        for hit in hits:
            measured = [s for s in knowledge.sentences(hit.text) if knowledge.quantities(s)]
            if measured:
                used.append(knowledge.use_of(hit, measured[0]))
        return findings, knowledge.unique(used)

    # a phrasing's noun slot that got a sentence: "The new standard in It's waterproof",
    # "Feel real progress with We're a small school"
    _BROKEN_EN = re.compile(
        r"\b(?:in|with|of|for|to|and|on)\s+(?:It['’]s|We['’]re|They['’]re|It\s+is|We\s+are|I['’]m)\b"
        r"|\b(?:[A-Z][a-z]+s)\s+(?:sets|makes)\s+it\s+apart\b.*\b(?:sets|makes)\b"
    )

    # a sentence's subject (after a lead such as "Above all, ") and the verb the phrasings say of
    # it: "Above all, cherry notes make the difference", "Lighter days start with Slotly"
    _SUBJECT_VERB = re.compile(
        r"(?:^|(?<=[.!?]\s))(?:(?:Above all|Best of all|Better still|And|With [^,.!?]+),\s+)?"
        r"(?P<subject>[A-Za-z0-9][\w'’%-]*(?:\s[\w'’%-]+){0,6}?)\s+"
        r"(?P<verb>makes?|sets?|starts?|comes?|brings?|keeps?|becomes?|is|are|was|were|has|have)\b"
    )
    _PLURAL_OF = {"is": "are", "was": "were", "has": "have"}
    _SINGULAR_OF = {plural: singular for singular, plural in _PLURAL_OF.items()}

    @classmethod
    def _disagreements(cls, text: str) -> list[str]:
        """Subjects and verbs of ``text`` that disagree in number ("roasted weekly in small batches
        make", "lighter days starts"), by the rule the phrase banks fill their verbs with."""
        from generators.banks import agree

        found = []
        for match in cls._SUBJECT_VERB.finditer(text):
            subject, verb = match.group("subject"), match.group("verb")
            if subject.split()[0].casefold() in {"it", "this", "that", "there", "and", "or", "but", "what"}:
                continue
            singular = cls._SINGULAR_OF.get(verb) or (
                verb if verb in cls._PLURAL_OF or verb.endswith("s") else f"{verb}s"
            )
            if agree(singular, subject) != verb:
                found.append(f"{subject} {verb}")
        return found

    @classmethod
    def _fluency(cls, copy: Copy) -> list[Finding]:
        """Lines a phrase bank filled with the wrong kind of phrase (a sentence in a noun's place),
        and English subjects whose verb disagrees with them in number."""
        findings = _line_findings(
            copy, ("headline", "subheadline", "body"), cls._BROKEN_EN, "fluency",
            lambda field, found: f"The {field} does not read as a sentence: …{found}….",
        )  # fmt: skip
        if copy.language != "en":
            return findings
        for field in ("headline", "subheadline", "body"):
            wrong = cls._disagreements(getattr(copy, field))
            if wrong:
                findings.append(
                    Finding(
                        rule="fluency",
                        severity="error",
                        message=f"The {field}'s verb does not agree with its subject: “{wrong[0]}”.",
                        path=f"copy.{field}",
                        value=wrong[0],
                    )
                )
        return findings

    @staticmethod
    def _particles(copy: Copy) -> list[Finding]:
        """Placeholder particles a template left unresolved ("제품이(가)", "X1와(과)")."""
        from sparklio.language.korean import PLACEHOLDER_PARTICLE

        return _line_findings(
            copy, ("headline", "subheadline", "body", "cta"), PLACEHOLDER_PARTICLE, "particle",
            lambda field, found: f"Unresolved particle {found!r} in the {field}.",
        )  # fmt: skip

    @staticmethod
    def _doubts(facts: dict) -> list[Finding]:
        """What the brief reader was unsure of: a design built on a guess needs a person to
        confirm it, so it is a warning (the score stays under 90) until the facts are given."""
        messages = {
            "product": lambda: (
                f"The product was read as {facts.get('product')!r}, but a second reading of the brief takes "
                f"{facts.get('product_suggestion')!r}: confirm one or correct it with facts.product."
                if facts.get("product_suggestion")
                else f"The product's name was guessed from the brief ({facts.get('product')!r}), not read from a "
                "name, quotes or a label: confirm it or correct it with facts.product."
            ),
            "features": lambda: (
                "Fewer than two features could be read from the brief: list them in facts.features."
            ),
            "offer": lambda: (
                "The brief speaks of an offer that could not be read: give it in facts.offer."
            ),
            "language": lambda: (
                f"The copy is asked in {facts.get('language')!r} but the brief's features and offer are in its own "
                "language: give facts.features and facts.offer in the copy's language."
            ),
        }  # fmt: skip
        return [
            Finding(
                rule="parse_doubt",
                severity="warning",
                message=messages[field](),
                path=f"facts.{field}",
                value=facts.get(field) if isinstance(facts.get(field), str) else None,
            )
            for field in facts.get("doubts") or []
            if field in messages
        ]

    @staticmethod
    def _carried(content: dict, facts: dict, vision: list[Finding]) -> list[Finding]:
        """The design must show the product as named, at least two of the brief's features
        (all when fewer) and the offer: read from its visible texts, minus texts that the
        vision analyzer found covered or off the page."""
        from agents.quality import carried

        hidden = {oid for f in vision if f.rule in ("text_covered", "off_page") for oid in f.objects[:1]}
        result = carried(content, facts, exclude=hidden)
        findings = []
        if not result.product:
            findings.append(
                Finding(
                    rule="product",
                    severity="error",
                    message=f"The design does not name the product ({facts.get('product')}).",
                    path="document",
                    value=facts.get("product"),
                )
            )
        findings.extend(ReviewerAgent._name_cut(content, facts.get("product"), hidden))
        if not result.enough_features:
            findings.append(
                Finding(
                    rule="features",
                    severity="error",
                    message=(
                        f"The design shows {len(result.features_shown)} of the brief's features; missing: "
                        f"{', '.join(result.features_missing)}."
                    ),
                    path="document",
                    value=len(result.features_shown),
                )
            )
        if result.offer is False:
            findings.append(
                Finding(
                    rule="offer",
                    severity="error",
                    message=f"The brief's offer ({facts.get('offer')}) is not on the design.",
                    path="document",
                    value=facts.get("offer"),
                )
            )
        if result.price is False:
            findings.append(
                Finding(
                    rule="price",
                    severity="warning",
                    message=f"The brief's price ({facts.get('price')}) is not on the design.",
                    path="document",
                    value=facts.get("price"),
                )
            )
        return findings

    @staticmethod
    def _name_cut(content: dict, product: str | None, hidden: set) -> list[Finding]:
        """A text that stops inside the product's name ("Watercolor for Absolute" for
        "Watercolor for Absolute Beginners"): the reader sees a wrong name, whatever else shows
        the right one."""
        words = (product or "").split()
        if len(words) < 2:
            return []
        findings = []
        for path, obj, _, _ in text_objects(content):
            if obj.get("type") != "text" or obj.get("id") in hidden:
                continue
            text = re.sub(r"\s+", " ", obj.get("text") or "").strip().rstrip(".,!?…").casefold()
            if product.casefold() in text:
                continue
            for size in range(len(words) - 1, 0, -1):
                prefix = " ".join(words[:size]).casefold()
                if len(prefix) >= 3 and re.search(rf"(?:^|\s){re.escape(prefix)}$", text):
                    findings.append(
                        Finding(
                            rule="name_cut",
                            severity="error",
                            message=f"{obj.get('text')!r} stops inside the product's name ({product}).",
                            path=path,
                            value=obj.get("text"),
                            objects=[obj["id"]] if obj.get("id") else [],
                        )
                    )
                    break
        return findings

    def _leftovers(
        self, document_id: int, ctx: AgentContext, copy: Copy | None = None, facts: dict | None = None
    ) -> list[Finding]:
        """Template sample texts still in the design (a slot the copy did not fill). A text the
        copy or the brief gave is none, even when it reads like the sample (a price of 29,900원,
        an offer of "30% 할인", a CTA "지금 구매하기" on both)."""
        from documents.models import Document
        from templates.models import Template

        document = Document.objects.get(pk=document_id, workspace_id=ctx.workspace_id)
        template_id = document.content.get("metadata", {}).get("template", {}).get("id")
        template = Template.objects.filter(pk=template_id).first()
        if template is None:
            return []
        samples = {o["text"] for _, o, _, _ in text_objects(template.skeleton) if o.get("type") == "text"}
        if copy is not None:
            samples -= {copy.headline, copy.subheadline, copy.body, copy.cta}
        facts = facts or {}
        given = [facts.get("product"), facts.get("price"), facts.get("offer"), *(facts.get("features") or [])]
        samples = {sample for sample in samples if not any(value and value in sample for value in given)}
        return [
            Finding(
                rule="placeholder",
                severity="warning",
                message=f"The template's sample text is still there: {obj['text']!r}.",
                path=path,
            )
            for path, obj, _, _ in text_objects(document.content)
            if obj.get("type") == "text" and obj.get("text") in samples
        ]


# --- brand guardian ----------------------------------------------------------------------------------


class GuardInput(AgentInput):
    copy_: Copy | None = Field(default=None, alias="copy")
    document: int | None = None

    model_config = {"populate_by_name": True, "extra": "forbid"}


class GuardOutput(BaseModel):
    score: int
    passed: bool
    findings: list[Finding]
    knowledge: list[KnowledgeUse] = Field(
        default_factory=list, description="Guideline passages of the knowledge base the design was checked against"
    )


class BrandGuardianAgent(Agent):
    name = "brand_guardian"
    description = "Checks copy and design against the brand kit: banned and required words, palette, fonts, logo, tone."
    Input = GuardInput
    Output = GuardOutput

    def run(self, inp, ctx: AgentContext):
        from generators.imaging import contrast_ratio  # noqa: F401  (kept for parity with the vision checks)
        from generators.imaging.colour import delta_e_2000, hex_to_lab

        brand = ctx.profile
        findings: list[Finding] = []
        texts: list[tuple[str, str]] = []
        if inp.copy_ is not None:
            texts += [(f"copy.{k}", v) for k, v in inp.copy_.model_dump().items() if isinstance(v, str)]
            texts += [("copy.hashtags", " ".join(inp.copy_.hashtags))]
        content = None
        if inp.document is not None:
            from documents.models import Document

            content = Document.objects.get(pk=inp.document, workspace_id=ctx.workspace_id).content
            texts += [(p, o.get("text", "")) for p, o, _, _ in text_objects(content) if o.get("type") == "text"]
        if brand.id is None:
            findings.append(
                Finding(rule="brand_kit", severity="info", message="No brand kit was given; only general checks ran.")
            )
        for word in brand.banned_words:
            for path, text in texts:
                if word.casefold() in text.casefold():
                    findings.append(
                        Finding(
                            rule="banned_word",
                            severity="error",
                            message=f"Banned word {word!r}.",
                            path=path,
                            value=word,
                        )
                    )
        all_text = " ".join(t for _, t in texts).casefold()
        for word in brand.required_words:
            if word.casefold() not in all_text:
                findings.append(
                    Finding(
                        rule="required_word",
                        severity="warning",
                        message=f"Required word {word!r} is missing.",
                        value=word,
                    )
                )
        if content is not None and brand.palette:
            palette = hex_to_lab(list(brand.palette) + ["#FFFFFF", "#111111", "#000000"])
            used = {}
            for path, obj, _, _ in text_objects(content):
                for key in ("fill",):
                    if obj.get(key):
                        used.setdefault(obj[key][:7].upper(), path)
                if obj.get("type") == "text":
                    used.setdefault(obj["style"]["color"][:7].upper(), path)
            for colour, path in used.items():
                distance = float(delta_e_2000(hex_to_lab([colour])[:, None, :], palette[None, :, :]).min())
                if distance > 10:
                    findings.append(
                        Finding(
                            rule="palette",
                            severity="warning",
                            message=f"Colour {colour} is not in the brand palette (ΔE2000 {distance:.1f}).",
                            path=path,
                            value=round(distance, 1),
                        )
                    )
        if content is not None:
            kit_fonts = {f for f in (brand.heading_font, brand.body_font) if f}
            if kit_fonts:
                for path, obj, _, _ in text_objects(content):
                    family = obj.get("style", {}).get("font_family") if obj.get("type") == "text" else None
                    if family and family not in kit_fonts:
                        findings.append(
                            Finding(
                                rule="font", severity="info", message=f"Font {family!r} is not a brand font.", path=path
                            )
                        )
            if brand.logo and not any(o.get("role") == "logo" for _, o, _, _ in text_objects(content)):
                findings.append(
                    Finding(rule="logo", severity="warning", message="The brand's logo is not in the design.")
                )
        if content is not None and brand.guidelines:
            findings += self._guidelines(content, brand)
        used: list[KnowledgeUse] = []
        if content is not None:
            from_knowledge, used = self._knowledge_guidelines(content, brand, ctx)
            findings += from_knowledge
        tone_issue = self._tone(texts, brand)
        if tone_issue:
            findings.append(tone_issue)
        score = score_of(findings)
        return GuardOutput(
            score=score, passed=not any(f.severity == "error" for f in findings), findings=findings, knowledge=used
        )

    @staticmethod
    def _knowledge_guidelines(content: dict, brand, ctx: AgentContext) -> tuple[list[Finding], list[KnowledgeUse]]:
        """Guidelines written in the brand's documents (a brand book uploaded to the knowledge
        base) that read as rules, checked on the design like the kit's own; each passage that
        gave a rule is recorded, by the rule's sentence."""
        from agents.library.guidelines import broken, read_guidelines
        from generators.imaging.colour import delta_e_2000, hex_to_lab

        hits = knowledge.passages(
            workspace_id=ctx.workspace_id,
            brand_id=knowledge.brand_id_of(ctx),
            query=GUIDELINE_QUERY,
            user_id=ctx.user_id,
        )
        in_kit = {rule.sentence for rule in read_guidelines(brand.guidelines)}

        def near(a: str, b: str) -> bool:
            return float(delta_e_2000(hex_to_lab([a[:7]]), hex_to_lab([b[:7]]))[0]) < 8

        findings, used = [], []
        for hit in hits:
            rules = [rule for rule in read_guidelines(hit.text) if rule.sentence not in in_kit]
            if not rules:
                continue
            used += [knowledge.use_of(hit, rule.sentence) for rule in rules]
            for rule, what, ids in broken(rules, content, primary=brand.colors.get("primary"), near=near):
                findings.append(
                    Finding(
                        rule="guideline",
                        severity="warning",
                        message=f"Brand guideline “{rule.sentence}” ({hit.source_title}): {what}.",
                        path="document",
                        value=rule.kind,
                        objects=[i for i in ids if i != "page"],
                        data={"chunk": hit.chunk, "source": hit.source, "source_title": hit.source_title},
                    )
                )
        return findings, knowledge.unique(used)

    @staticmethod
    def _guidelines(content: dict, brand) -> list[Finding]:
        """The kit's free-text guidelines that read as rules, checked on the design."""
        from agents.library.guidelines import broken, read_guidelines
        from generators.imaging.colour import delta_e_2000, hex_to_lab

        def near(a: str, b: str) -> bool:
            return float(delta_e_2000(hex_to_lab([a[:7]]), hex_to_lab([b[:7]]))[0]) < 8

        rules = read_guidelines(brand.guidelines)
        return [
            Finding(
                rule="guideline",
                severity="warning",
                message=f"Brand guideline “{rule.sentence}”: {what}.",
                path="document",
                value=rule.kind,
                objects=[i for i in ids if i != "page"],
            )
            for rule, what, ids in broken(rules, content, primary=brand.colors.get("primary"), near=near)
        ]

    @staticmethod
    def _tone(texts, brand) -> Finding | None:
        """Korean speech level against the brand's tone: premium and professional kits speak
        합니다체, friendly ones 해요체."""
        body = " ".join(t for _, t in texts)
        casual = len(re.findall(r"(요|세요)[.!?\s]", body + " "))
        formal = len(re.findall(r"(니다|십시오)[.!?\s]", body + " "))
        if brand.tone in {"premium", "professional"} and casual > formal:
            return Finding(
                rule="tone", severity="info", message="The copy speaks 해요체; the brand's tone asks for 합니다체."
            )
        if brand.tone in {"friendly", "playful"} and formal > casual:
            return Finding(
                rule="tone",
                severity="info",
                message="The copy speaks 합니다체; the brand's tone is friendlier (해요체).",
            )
        return None


# --- optimizer ---------------------------------------------------------------------------------------


class OptimizeInput(AgentInput):
    copy_: Copy = Field(alias="copy")
    channel: str | None = None
    findings: list[Finding] = Field(default_factory=list)
    product: str | None = Field(default=None, description="The product's name, which shortening never cuts")

    model_config = {"populate_by_name": True, "extra": "forbid"}


class OptimizeOutput(BaseModel):
    copy_: Copy = Field(alias="copy")
    changes: list[str]

    model_config = {"populate_by_name": True}


class OptimizerAgent(Agent):
    name = "optimizer"
    description = (
        "Fixes what the reviewer and brand guardian found: lengths, banned and required words, CTA, hashtag counts."
    )
    Input = OptimizeInput
    Output = OptimizeOutput

    def run(self, inp, ctx: AgentContext):
        rules = rules_for(inp.channel)
        copy = inp.copy_.model_copy(deep=True)
        changes: list[str] = []
        brand = ctx.profile
        from sparklio.language.korean import PLACEHOLDER_PARTICLE, resolve_placeholder_particles

        for field in ("headline", "subheadline", "body", "cta"):
            value = getattr(copy, field)
            if PLACEHOLDER_PARTICLE.search(value):
                value = resolve_placeholder_particles(value)
                changes.append(f"Chose the particles in {field}.")
            for word in brand.banned_words:
                if word.casefold() in value.casefold():
                    value = re.sub(re.escape(word), "", value, flags=re.IGNORECASE).replace("  ", " ").strip()
                    changes.append(f"Removed banned word {word!r} from {field}.")
            setattr(copy, field, value)
        copy.hashtags = [t for t in copy.hashtags if not any(w.casefold() in t.casefold() for w in brand.banned_words)]
        for finding in inp.findings:
            field = finding.path.removeprefix("copy.")
            wrong, right = finding.data.get("found"), finding.data.get("stated")
            if finding.rule != "knowledge_conflict" or field not in ("headline", "subheadline", "body", "cta"):
                continue
            # only a number written with the same unit is put right ("20시간" -> "30시간"); "30 hours"
            # in a Korean line is left to a person
            value, pattern = getattr(copy, field), rf"(?<![\d.,]){re.escape(wrong or '')}"
            if wrong and right and _NUMERAL.sub("", wrong) == _NUMERAL.sub("", right) and re.search(pattern, value):
                setattr(copy, field, re.sub(pattern, right, value))
                changes.append(f"Put {right} in {field} as the knowledge base states it (was {wrong}).")
        limits = {
            "headline": rules.headline_max,
            "subheadline": rules.subheadline_max,
            "body": rules.body_max,
            "cta": rules.cta_max,
        }
        for field, limit in limits.items():
            value = getattr(copy, field)
            # a cut-off headline or button ("Aurora Pro Max…") is worse than a long one: the
            # layout fits it; only the body is shortened, at a sentence where it can be
            if len(value) <= limit:
                continue
            if field == "body":
                setattr(copy, field, clip_sentences(value, limit))
                changes.append(f"Shortened {field} to {limit} characters.")
            elif shorter := shorten_line(value, limit, keep=inp.product):
                setattr(copy, field, shorter)
                changes.append(f"Shortened {field} to {limit} characters.")
        missing = [
            w for w in brand.required_words if w.casefold() not in " ".join([copy.headline, copy.body]).casefold()
        ]
        woven = work_in_required(copy.body, missing, inp.product, copy.language) if copy.body else None
        if woven and len(woven) <= max(rules.body_max, len(copy.body)):
            copy.body = woven  # naming the product: "… 이제 X1 수분 폭탄 앰플로 누려보세요."
            changes.append(f"Added required words to the body: {', '.join(missing)}.")
        elif missing:
            # a sentence of their own, not a bare word tacked on ("… 누려보세요. X1")
            words = ", ".join(missing)
            closing = (
                f"{words}{particle(missing[-1], '이')} 함께합니다."
                if copy.language == "ko"
                else f"Brought to you by {words}."
            )
            copy.body = clip(f"{copy.body} {closing}".strip(), max(rules.body_max, len(copy.body) + 1 + len(closing)))
            changes.append(f"Added required words to the body: {', '.join(missing)}.")
        if not copy.cta.strip() and rules.button:
            copy.cta = ctx.generate(
                "cta", product=copy.headline[:60] or "product", language=copy.language, channel=inp.channel
            ).output["ctas"][0]
            changes.append("Added a call to action.")
        if rules.hashtags_max and len(copy.hashtags) > rules.hashtags_max:
            copy.hashtags = copy.hashtags[: rules.hashtags_max]
            changes.append(f"Kept the first {rules.hashtags_max} hashtags.")
        return OptimizeOutput(copy=copy, changes=changes)
