"""``manage.py campaign "<brief>" --brand NAME``: the campaign workflow from the terminal."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections, connection
from rest_framework.exceptions import ValidationError
from tqdm import tqdm
from tqdm.contrib.logging import logging_redirect_tqdm

from agents import services, tasks
from agents.models import AgentRun, RunStatus, Workflow
from brands.models import BrandKit
from documents.services import render_document
from sparklio.celery import app as celery_app


class Command(BaseCommand):
    help = (
        "Run the campaign workflow for a brief: plan, copy, design, review. Prints the copy, the "
        "scores and where the rendered PNG and the document JSON were written."
    )

    def add_arguments(self, parser):
        parser.add_argument("brief", help="What to make, in Korean or English")
        parser.add_argument("--brand", required=True, help="Brand kit name (case-insensitive)")
        parser.add_argument("--workspace", type=int, help="Workspace id, when several have a brand of that name")
        parser.add_argument("--channel", help="Channel preset key; detected from the brief by default")
        parser.add_argument("--provider", help="openai, anthropic, gemini, ollama or offline")
        parser.add_argument(
            "--out", default="campaign-output", help="Folder for the PNG and JSON (default: %(default)s)"
        )
        parser.add_argument(
            "--queue",
            action="store_true",
            help="Send the steps to the Celery workers (CELERY_BROKER_URL) instead of running them in this process",
        )

    def handle(self, *args, brief, brand, workspace, channel, provider, out, queue, **options):
        kit = self._brand(brand, workspace)
        try:
            workflow = self._start(kit, brief, channel, provider, queue)
        except ValidationError as exc:
            raise CommandError(json.dumps(exc.detail, ensure_ascii=False)) from exc
        workflow = self._follow(workflow)
        if workflow.status != RunStatus.SUCCEEDED:
            raise CommandError(f"Workflow {workflow.pk} failed: {workflow.error}")
        self._report(workflow, Path(out))

    def _brand(self, name: str, workspace: int | None) -> BrandKit:
        kits = BrandKit.objects.filter(name__iexact=name)
        if workspace is not None:
            kits = kits.filter(workspace_id=workspace)
        kits = list(kits[:2])
        if not kits:
            raise CommandError(f"No brand kit named {name!r}" + (f" in workspace {workspace}." if workspace else "."))
        if len(kits) > 1:
            raise CommandError(f"Several workspaces have a brand kit named {name!r}: add --workspace ID.")
        return kits[0]

    def _start(self, kit, brief, channel, provider, queue) -> Workflow:
        workflow = services.workflow_start(
            workspace=kit.workspace,
            user=None,
            brief=brief,
            brand=kit,
            channel=channel,
            provider=provider,
            enqueue=queue,
        )
        if not queue:
            # The same tasks, run eagerly in a thread of this process while this one draws progress.
            def work():
                celery_app.conf.task_always_eager = True
                try:
                    tasks.workflow_plan.delay(workflow.pk)
                except Exception as exc:
                    self._error = exc
                finally:
                    connection.close()

            self._thread = threading.Thread(target=work, daemon=True)
            self._thread.start()
        return workflow

    def _follow(self, workflow: Workflow) -> Workflow:
        bar = tqdm(total=1, unit="step", desc="plan", disable=False, file=self.stderr._out)
        # Log lines (the steps' thread logs too) go through tqdm.write while the bar is drawn, so
        # each lands on a line of its own above the bar instead of in the middle of it.
        with logging_redirect_tqdm():
            self._watch(workflow, bar)
        bar.close()
        if getattr(self, "_thread", None) is not None:
            self._thread.join(timeout=30)
        if workflow.status not in (RunStatus.SUCCEEDED, RunStatus.FAILED):
            raise CommandError(f"Workflow {workflow.pk} stopped: {getattr(self, '_error', None) or 'see the log'}")
        return workflow

    def _watch(self, workflow: Workflow, bar: tqdm) -> None:
        """Advance the bar as steps succeed, until the workflow ends or its thread stops."""
        seen: set[str] = set()
        while True:
            close_old_connections()
            workflow.refresh_from_db()
            steps = workflow.plan.get("steps", [])
            if steps and bar.total != len(steps) + 1:
                bar.total = len(steps) + 1
            runs = AgentRun.objects.filter(workflow=workflow).values_list("step", "status")
            for step, status in runs:
                if status == RunStatus.SUCCEEDED and step not in seen:
                    seen.add(step)
                    bar.set_description(step)
                    bar.update(1)
            if workflow.status in (RunStatus.SUCCEEDED, RunStatus.FAILED):
                break
            thread = getattr(self, "_thread", None)
            if thread is not None and not thread.is_alive():
                workflow.refresh_from_db()
                if workflow.status not in (RunStatus.SUCCEEDED, RunStatus.FAILED):
                    break
            time.sleep(0.1)

    def _report(self, workflow: Workflow, out: Path) -> None:
        from documents.models import Document

        out.mkdir(parents=True, exist_ok=True)
        channels = workflow.plan.get("channels") or [workflow.channel]
        files = []
        for channel, document_id in zip(channels, workflow.documents or [workflow.document_id], strict=False):
            document = Document.objects.get(pk=document_id)
            stem = f"workflow-{workflow.pk}" if channel == channels[0] else f"workflow-{workflow.pk}-{channel}"
            png, doc_json = out / f"{stem}.png", out / f"{stem}.json"
            png.write_bytes(render_document(document, fmt="png").content)
            # a deck's further slides beside its first: workflow-7-p2.png, workflow-7-p3.png …
            slides = [out / f"{stem}-p{number}.png" for number in range(2, len(document.content["pages"]) + 1)]
            for number, slide in enumerate(slides, start=2):
                slide.write_bytes(render_document(document, fmt="png", page=number).content)
            doc_json.write_text(json.dumps(document.content, ensure_ascii=False, indent=2))
            files.append((channel, document, png, doc_json, slides))
        facts = workflow.facts or {}
        self.stdout.write(
            f"Understood:  {facts.get('product')} | features: {', '.join(facts.get('features') or []) or '-'} | "
            f"offer: {facts.get('offer') or '-'} | price: {facts.get('price') or '-'} | "
            f"deadline: {facts.get('deadline') or '-'} | channels: {', '.join(channels)}"
        )
        copy = (workflow.outputs.get("optimizer") or workflow.outputs["copywriter"])["copy"]
        providers = sorted({r.provider for r in workflow.runs.all() if r.provider})
        self.stdout.write(
            self.style.SUCCESS(
                f"Workflow {workflow.pk}: {workflow.status} ({workflow.channel}, made by {', '.join(providers)})"
            )
        )
        self.stdout.write(f"Headline:    {copy['headline']}")
        self.stdout.write(f"Subheadline: {copy.get('subheadline', '')}")
        self.stdout.write(f"Body:        {copy.get('body', '')}")
        self.stdout.write(f"CTA:         {copy.get('cta', '')}")
        self.stdout.write(f"Hashtags:    {' '.join(copy.get('hashtags', []))}")
        scores = workflow.scores
        self.stdout.write(
            f"Scores:      review {scores['review']}, brand {scores['brand']}, "
            f"vision {scores['vision']}, overall {scores['overall']}"
        )
        for step in ("vision_analyzer", "reviewer", "brand_guardian"):
            for finding in workflow.outputs.get(step, {}).get("findings", [])[:5]:
                self.stdout.write(f"  [{step} · {finding['severity']}] {finding['message']}")
        for channel, document, png, doc_json, slides in files:
            self.stdout.write(f"Document:    {document.pk} ({channel}, version {document.version})")
            self.stdout.write(f"PNG:         {png.resolve()}")
            for slide in slides:
                self.stdout.write(f"             {slide.resolve()}")
            self.stdout.write(f"JSON:        {doc_json.resolve()}")
