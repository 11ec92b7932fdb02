import asyncio
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

from sparklio.llm.errors import ProviderError
from sparklio.llm.providers.registry import PROVIDER_CLASSES


class Command(BaseCommand):
    help = "Ping every configured LLM provider (an authenticated list-models call) and report each one."

    def handle(self, *args, **options):
        failed = asyncio.run(self._ping_all())
        if failed:
            raise CommandError(f"unreachable: {', '.join(failed)}")

    async def _ping_all(self) -> list[str]:
        failed = []
        for name, path in PROVIDER_CLASSES.items():
            provider = import_string(path)()
            if not provider.configured():
                self.stdout.write(f"{name:10} not configured")
                continue
            started = time.perf_counter()
            try:
                detail = await provider.ping()
            except ProviderError as exc:
                failed.append(name)
                self.stdout.write(self.style.ERROR(f"{name:10} FAILED ({exc.kind}): {exc}"))
            else:
                ms = (time.perf_counter() - started) * 1000
                self.stdout.write(self.style.SUCCESS(f"{name:10} ok in {ms:.0f} ms: {detail}"))
            finally:
                await provider.aclose()
        return failed
