from django.core.management.base import BaseCommand

from sparklio.core import services


class Command(BaseCommand):
    help = "Delete expired API tokens (beat does it every hour; this is for a server without beat)."

    def handle(self, *args, **options):
        deleted = services.tokens_prune()
        self.stdout.write(f"Deleted {deleted} expired token(s).")
