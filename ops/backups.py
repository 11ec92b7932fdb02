"""Backup and restore of the whole database and every media file (``manage.py backup`` / ``restore``).

The database is dumped with ``pg_dump`` (custom format), not ``dumpdata``: it copies every app's
tables, sequences, indexes and pgvector columns exactly, whatever apps are added later, and it
restores in seconds where loading JSON through the ORM takes minutes. Consistency: this module
opens a REPEATABLE READ, read-only transaction, exports its snapshot, counts every table's rows
in it and runs ``pg_dump --snapshot`` on that same snapshot, so the dump and the manifest's counts
describe one instant even while the service keeps writing. The binaries are pgserver's (the
embedded PostgreSQL's own, 16.x, also installed in the container image) or else those on PATH.

Media files are copied through Django's storage API, so S3/MinIO and the local folder are alike.
They are read after the database snapshot: a file uploaded during the backup may be missing,
never one the dumped rows point to that existed when the backup started.

A restore checks the whole backup first (manifest, checksums of the dump and of every file,
migrations this code knows) and changes nothing if any of it is wrong. The database part is one
transaction (``psql --single-transaction``): the schema is emptied and the dump loaded, or nothing
happens. Then the files are written back under their own names.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import django
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from tqdm import tqdm

FORMAT = "sparklio-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DUMP = "database.dump"
MEDIA = "media"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """The backup or restore cannot go on; the message says why (the commands show it as is)."""


@dataclass(frozen=True)
class Progress:
    """Where the commands' progress goes: ``say`` for stages, ``bar`` kwargs for tqdm."""

    say: Callable[[str], None] = print
    quiet: bool = False

    def bar(self, iterable, **kwargs):
        return tqdm(iterable, disable=self.quiet, **kwargs)


# --- tools -------------------------------------------------------------------------------------


def _binary(name: str) -> str:
    try:
        import pgserver  # the embedded PostgreSQL's own client tools, matching its server

        bundled = Path(pgserver.__file__).parent / "pginstall" / "bin" / name
        if bundled.exists():
            return str(bundled)
    except ImportError:
        pass
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is not installed (neither pgserver's nor one on PATH).")
    return found


def _libpq(alias: str) -> tuple[list[str], dict[str, str]]:
    """Connection arguments for the PostgreSQL tools, the password in the environment (never argv)."""
    db = connections[alias].settings_dict
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    sslmode = (db.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = sslmode
    return args, env


def _run(argv: list[str], *, env: dict, what: str, **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False, **kwargs)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{what} failed: {done.stderr.strip()[-2000:]}")
    return done


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _tables(cursor) -> list[str]:
    cursor.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename",
    )
    return [row[0] for row in cursor.fetchall()]


def table_counts(alias: str = DEFAULT_DB_ALIAS, progress: Progress | None = None) -> dict[str, int]:
    connection = connections[alias]
    counts = {}
    with connection.cursor() as cursor:
        tables = _tables(cursor)
        for table in progress.bar(tables, desc="counting rows", unit="table") if progress else tables:
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608 (a catalogue name)
            counts[table] = cursor.fetchone()[0]
    return counts


def _media_names(storage, folder: str = "") -> list[str]:
    try:
        directories, files = storage.listdir(folder)
    except FileNotFoundError:  # a local media folder that nothing was ever saved in
        return []
    names = [str(PurePosixPath(folder, name)) if folder else name for name in files]
    for directory in directories:
        names += _media_names(storage, str(PurePosixPath(folder, directory)) if folder else directory)
    return names


def _safe_media_name(name: str) -> str:
    path = PurePosixPath(name)
    if not name or path.is_absolute() or ".." in path.parts or "\\" in name or "\x00" in name:
        raise BackupError(f"The manifest names a media file outside the media folder: {name!r}.")
    return str(path)


# --- backup --------------------------------------------------------------------------------------


def backup_write(*, out: Path, alias: str = DEFAULT_DB_ALIAS, progress: Progress | None = None) -> dict:
    """Write the dump, the media files and the manifest into ``out`` (new or empty); returns the manifest."""
    progress = progress or Progress()
    out = Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise BackupError(f"{out} is not an empty folder: a backup goes into a new or empty one.")
    out.mkdir(parents=True, exist_ok=True)
    connection = connections[alias]
    libpq, env = _libpq(alias)

    progress.say("Dumping the database (one snapshot for the dump and the row counts)…")
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
        snapshot, server_version = cursor.fetchone()
        counts = table_counts(alias, progress)
        cursor.execute("SELECT app, max(name) FROM django_migrations GROUP BY app ORDER BY app")
        migrations = dict(cursor.fetchall())
        pg_dump = _binary("pg_dump")
        _run(
            [pg_dump, *libpq, "--format=custom", f"--snapshot={snapshot}", "--no-owner", "--file", str(out / DUMP)],
            env=env,
            what="pg_dump",
        )
    pg_dump_version = _run([pg_dump, "--version"], env=env, what="pg_dump --version").stdout.strip()

    progress.say("Copying media files…")
    storage = default_storage
    entries, media_dir = [], out / MEDIA
    for name in progress.bar(sorted(_media_names(storage)), desc="media", unit="file"):
        target = media_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        digest, size = hashlib.sha256(), 0
        with storage.open(name, "rb") as source, target.open("wb") as sink:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
                sink.write(chunk)
                size += len(chunk)
        entries.append({"name": name, "bytes": size, "sha256": digest.hexdigest()})

    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": timezone.now().isoformat(),
        "versions": {
            "postgresql_server": server_version,
            "pg_dump": pg_dump_version,
            "django": django.get_version(),
            "python": platform.python_version(),
        },
        "migrations": migrations,
        "database": {
            "file": DUMP,
            "bytes": (out / DUMP).stat().st_size,
            "sha256": _sha256(out / DUMP),
            "tables": counts,
            "rows": sum(counts.values()),
        },
        "media": {
            "storage": type(storage._wrapped if hasattr(storage, "_wrapped") else storage).__name__,
            "files": len(entries),
            "bytes": sum(e["bytes"] for e in entries),
            "entries": entries,
        },
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False))
    return manifest


# --- restore -------------------------------------------------------------------------------------


def backup_read(folder: Path, progress: Progress | None = None) -> dict:
    """The manifest of a complete, intact backup in ``folder``; BackupError for anything else."""
    folder = Path(folder)
    if not folder.is_dir():
        raise BackupError(f"{folder} is not a folder.")
    path = folder / MANIFEST
    if not path.is_file():
        raise BackupError(f"{folder} is not a Sparklio backup: it has no {MANIFEST}.")
    try:
        manifest = json.loads(path.read_text())
    except (ValueError, UnicodeDecodeError) as exc:
        raise BackupError(f"{path} is not a backup manifest: {exc}.") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is not a Sparklio backup manifest (format {FORMAT!r}).")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"Backup format version {manifest.get('format_version')!r}; this code reads {FORMAT_VERSION}."
        )
    try:
        database, media = manifest["database"], manifest["media"]
        dump = folder / database["file"]
        if not dump.is_file() or _sha256(dump) != database["sha256"]:
            raise BackupError(f"The database dump {dump} is missing or does not match its checksum.")
        entries = media["entries"]
        for entry in progress.bar(entries, desc="checking media", unit="file") if progress else entries:
            name = _safe_media_name(entry["name"])
            file = folder / MEDIA / name
            if not file.is_file() or _sha256(file) != entry["sha256"]:
                raise BackupError(f"The media file {name} is missing from the backup or does not match its checksum.")
    except (KeyError, TypeError) as exc:
        raise BackupError(f"{path} is incomplete: {exc!r} is missing.") from exc
    return manifest


def _unknown_migrations(manifest: dict) -> list[str]:
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    return sorted(f"{app}.{name}" for app, name in manifest.get("migrations", {}).items() if (app, name) not in known)


def database_holds_data(alias: str = DEFAULT_DB_ALIAS) -> bool:
    """Whether the database holds anyone's data: any user or workspace (every object belongs to a
    workspace). A database with no tables, or only what ``migrate`` made (content types, seeded
    rows), holds none."""
    from sparklio.core.models import User, Workspace

    with connections[alias].cursor() as cursor:
        tables = set(_tables(cursor))
    if User._meta.db_table not in tables:
        return False
    return User.objects.using(alias).exists() or (
        Workspace._meta.db_table in tables and Workspace.objects.using(alias).exists()
    )


def backup_restore(
    *, folder: Path, force: bool = False, alias: str = DEFAULT_DB_ALIAS, progress: Progress | None = None
) -> dict:
    """Replace the database and write the backup's media files back; returns the manifest."""
    progress = progress or Progress()
    folder = Path(folder)
    manifest = backup_read(folder, progress)
    unknown = _unknown_migrations(manifest)
    if unknown:
        raise BackupError(f"The backup was made by newer code (migrations unknown here: {', '.join(unknown)}).")
    if database_holds_data(alias) and not force:
        raise BackupError(
            "The database already holds data (users or workspaces): restoring replaces all of it. "
            "Give --force to do so."
        )
    libpq, env = _libpq(alias)

    progress.say("Restoring the database (one transaction)…")
    with tempfile.TemporaryDirectory(prefix="sparklio-restore-") as scratch:
        script = Path(scratch) / "restore.sql"
        _run(
            [_binary("pg_restore"), "--no-owner", "--no-privileges", "--file", str(script), str(folder / DUMP)],
            env=env,
            what="pg_restore",
        )
        # Other connections (the pool of this process) must not hold the tables being replaced.
        for connection in connections.all():
            connection.close()
            if getattr(connection, "pool", None) is not None and hasattr(connection, "close_pool"):
                connection.close_pool()
        _run(
            [
                _binary("psql"),
                *libpq,
                "--no-psqlrc",
                "--quiet",
                "--set=ON_ERROR_STOP=1",
                "--single-transaction",
                "--command=DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;",
                f"--file={script}",
            ],
            env=env,
            what="restoring the database",
        )

    counts = table_counts(alias, progress)
    expected = manifest["database"]["tables"]
    wrong = {t: (n, counts.get(t)) for t, n in expected.items() if counts.get(t) != n}
    if wrong:
        raise BackupError(f"The restored database does not match the backup's row counts: {wrong}.")

    progress.say("Writing media files back…")
    storage = default_storage
    for entry in progress.bar(manifest["media"]["entries"], desc="media", unit="file"):
        name = _safe_media_name(entry["name"])
        if storage.exists(name):
            storage.delete(name)
        with (folder / MEDIA / name).open("rb") as handle:
            saved = storage.save(name, File(handle, name=PurePosixPath(name).name))
        if saved != name:
            raise BackupError(f"The storage saved {name} as {saved}; the rows point to {name}.")
    return manifest
