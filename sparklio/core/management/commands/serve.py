import signal
import subprocess
import sys

from daphne.endpoints import build_endpoint_description_strings
from daphne.server import Server
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from sparklio.core import embedded_worker

EMBEDDED, WORKERS = "embedded", "workers"


def choose_topology(requested: str) -> str:
    """``auto``: several worker processes when Redis is there to join them (channel layer,
    cache, broker), else the single embedded process."""
    if requested == "auto":
        return WORKERS if settings.REDIS_URL else EMBEDDED
    if requested == WORKERS and not settings.REDIS_URL:
        raise CommandError(
            "--topology workers needs REDIS_URL: worker processes share WebSocket groups, the "
            "cache and the Celery broker through Redis."
        )
    return requested


def gunicorn_argv(*, host: str, port: int, workers: int, backlog: int) -> list[str]:
    """gunicorn with uvicorn workers, each serving HTTP and WebSockets (sparklio/gunicorn_conf.py)."""
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "--config",
        "python:sparklio.gunicorn_conf",
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--backlog",
        str(backlog),
        "sparklio.asgi:application",
    ]


def daphne_endpoints(*, host: str, port: int, backlog: int) -> list[str]:
    """Twisted endpoint strings with a listen backlog sized for bursts (daphne's default is 50)."""
    return [f"{endpoint}:backlog={backlog}" for endpoint in build_endpoint_description_strings(host=host, port=port)]


class Command(BaseCommand):
    help = (
        "Serve HTTP and WebSockets. Without REDIS_URL: one daphne process with a Celery worker and "
        "beat inside it. With REDIS_URL: gunicorn with WEB_CONCURRENCY uvicorn worker processes "
        "(HTTP and WebSockets on one port), and a Celery worker and beat as child processes "
        "(--no-worker to run them elsewhere)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-worker", action="store_true", help="Do not start a Celery worker and beat.")
        parser.add_argument(
            "--topology",
            choices=["auto", EMBEDDED, WORKERS],
            default="auto",
            help="auto (default): workers when REDIS_URL is set, else embedded.",
        )
        parser.add_argument("--workers", type=int, default=None, help="Worker processes (default WEB_CONCURRENCY).")

    def handle(self, *args, host, port, no_worker, topology, workers, **options):
        topology = choose_topology(topology)
        if not settings.DEBUG:
            # Production serves the admin's static files from STATIC_ROOT (WhiteNoise, hashed
            # names from the manifest): collect them first, as nobody should have to remember.
            self.stdout.write("Collecting static files (DJANGO_DEBUG is off).")
            call_command("collectstatic", interactive=False, verbosity=0)
        children: list[subprocess.Popen] = []
        if not no_worker:
            if settings.CELERY_EMBEDDED_WORKER:
                embedded_worker.start(concurrency=settings.CELERY_WORKER_CONCURRENCY)
            else:
                children = self._start_children()
        try:
            if topology == WORKERS:
                self._serve_workers(host, port, workers or settings.WEB_CONCURRENCY)
            else:
                self._serve_embedded(host, port)
        finally:
            embedded_worker.stop()
            for child in children:
                child.send_signal(signal.SIGTERM)
            for child in children:
                try:
                    child.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    child.kill()

    def _serve_embedded(self, host: str, port: int) -> None:
        # imported after collecting: the application refuses to start without the manifest
        from sparklio.asgi import application

        self.stdout.write(f"Sparklio serving on http://{host}:{port}/ (admin /admin/, API docs /api/docs/)")
        Server(
            application=application,
            endpoints=daphne_endpoints(host=host, port=port, backlog=settings.WEB_BACKLOG),
            signal_handlers=True,
            verbosity=1,
        ).run()

    def _serve_workers(self, host: str, port: int, workers: int) -> None:
        argv = gunicorn_argv(host=host, port=port, workers=workers, backlog=settings.WEB_BACKLOG)
        self.stdout.write(
            f"Sparklio serving on http://{host}:{port}/ with {workers} worker processes "
            "(admin /admin/, API docs /api/docs/)"
        )
        server = subprocess.Popen(argv)  # noqa: S603 (fixed argv, no shell)

        def forward(signum, _frame):  # gunicorn stops gracefully on SIGTERM (WEB_GRACEFUL_TIMEOUT)
            server.send_signal(signal.SIGTERM if signum == signal.SIGINT else signum)

        previous = {sig: signal.signal(sig, forward) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            code = server.wait()
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        if code not in (0, -signal.SIGTERM):
            raise CommandError(f"gunicorn exited with status {code}")

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
