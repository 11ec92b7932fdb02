from django.core.management.base import BaseCommand
from tqdm import tqdm

from knowledge import selectors, services
from sparklio.llm.embeddings import configured_model


class Command(BaseCommand):
    help = (
        "Embed again every chunk whose provider, model or dimension differs from the configured "
        "embedding model (EMBEDDING_PROVIDER, EMBEDDING_MODEL, EMBEDDING_DIMENSIONS)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--workspace", type=int, help="Only this workspace's chunks.")
        parser.add_argument("--batch", type=int, default=256, help="Chunks read and written at a time.")
        parser.add_argument("--dry-run", action="store_true", help="Count the stale chunks, change nothing.")

    def handle(self, *args, workspace=None, batch=256, dry_run=False, **options):
        model = configured_model()
        stale = selectors.chunks_needing_reembed(model=model, workspace_id=workspace)
        total = stale.count()
        target = f"{model.provider}/{model.model}" + (f" ({model.dimensions} d)" if model.dimensions else "")
        self.stdout.write(f"{total} chunks to embed with {target}")
        if dry_run or total == 0:
            return
        done = 0
        # Ids first, then a batch at a time: re-embedded chunks leave the stale set, so paging
        # the query itself would skip some.
        ids = list(stale.values_list("pk", flat=True))
        with tqdm(total=total, unit="chunk", file=self.stderr._out, disable=options.get("verbosity", 1) == 0) as bar:
            for first in range(0, len(ids), batch):
                part = ids[first : first + batch]
                done += services.chunks_reembed(chunk_ids=part, model=model)
                bar.update(len(part))
        self.stdout.write(self.style.SUCCESS(f"{done} chunks re-embedded with {target}"))
