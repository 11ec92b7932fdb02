import signal
import subprocess
import sys

from daphne.endpoints import build_endpoint_description_strings
from daphne.server import Server
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from sparklio.core import embedded_worker


class Command(BaseCommand):
    help = (
        "Serve HTTP and WebSockets with daphne. Without a broker, a Celery worker and beat "
        "run inside this process; with one, they run as child processes beside it "
        "(--no-worker to run them elsewhere)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-worker", action="store_true", help="Do not start a Celery worker and beat.")

    def handle(self, *args, host, port, no_worker, **options):
        if not settings.DEBUG:
            # Production serves the admin's static files from STATIC_ROOT (WhiteNoise, hashed
            # names from the manifest): collect them first, as nobody should have to remember.
            self.stdout.write("Collecting static files (DJANGO_DEBUG is off).")
            call_command("collectstatic", interactive=False, verbosity=0)
        # imported after collecting: the application refuses to start without the manifest
        from sparklio.asgi import application

        children: list[subprocess.Popen] = []
        if not no_worker:
            if settings.CELERY_EMBEDDED_WORKER:
                embedded_worker.start(concurrency=settings.CELERY_WORKER_CONCURRENCY)
            else:
                children = self._start_children()
        self.stdout.write(f"Sparklio serving on http://{host}:{port}/ (admin /admin/, API docs /api/docs/)")
        try:
            Server(
                application=application,
                endpoints=build_endpoint_description_strings(host=host, port=port),
                signal_handlers=True,
                verbosity=1,
            ).run()
        finally:
            embedded_worker.stop()
            for child in children:
                child.send_signal(signal.SIGTERM)
            for child in children:
                try:
                    child.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    child.kill()

    def _start_children(self) -> list[subprocess.Popen]:
        base = [sys.executable, "-m", "celery", "-A", "sparklio"]
        worker = base + [
            "worker",
            "--loglevel=INFO",
            f"--concurrency={settings.CELERY_WORKER_CONCURRENCY}",
            f"--queues={settings.CELERY_TASK_DEFAULT_QUEUE}",
        ]
        beat = base + ["beat", "--loglevel=INFO"]
        self.stdout.write("Starting a Celery worker and beat beside the server.")
        return [subprocess.Popen(worker), subprocess.Popen(beat)]  # noqa: S603 (fixed argv, no shell)
