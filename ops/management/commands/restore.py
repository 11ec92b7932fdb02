from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ops.backups import BackupError, Progress, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup`: the whole database (in one transaction) and "
        "its media files. Into a database that holds data only with --force. The backup is checked "
        "whole first; if anything is wrong nothing is changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="The backup folder (with manifest.json).")
        parser.add_argument(
            "--force", action="store_true", help="Replace a database that already holds users or workspaces."
        )
        parser.add_argument("--database", default="default", help="Database alias (default: default).")

    def handle(self, *args, folder, force, database, verbosity, **options):
        progress = Progress(say=lambda text: self.stdout.write(text), quiet=verbosity == 0)
        try:
            manifest = backup_restore(folder=folder, force=force, alias=database, progress=progress)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        db, media = manifest["database"], manifest["media"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {db['rows']} rows in {len(db['tables'])} tables and {media['files']} media files "
                f"from {folder} (made {manifest['created_at']}). Run `manage.py migrate` if this code is newer."
            )
        )
