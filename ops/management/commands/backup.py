from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ops.backups import BackupError, Progress, backup_write


class Command(BaseCommand):
    help = (
        "Back up the whole database (pg_dump on one snapshot) and every media file (through the "
        "storage, so S3/MinIO too) into a new folder, with a manifest of counts, checksums and versions."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, type=Path, help="A new or empty folder.")
        parser.add_argument("--database", default="default", help="Database alias (default: default).")

    def handle(self, *args, out, database, verbosity, **options):
        progress = Progress(say=lambda text: self.stdout.write(text), quiet=verbosity == 0)
        try:
            manifest = backup_write(out=out, alias=database, progress=progress)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        db, media = manifest["database"], manifest["media"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {out}: {db['rows']} rows in {len(db['tables'])} tables "
                f"({db['bytes']} bytes), {media['files']} media files ({media['bytes']} bytes)."
            )
        )
