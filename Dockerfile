# Sparklio's image: one image for every role in compose.yaml (web, websocket, worker, beat).
# Build: docker build -t sparklio .   Run: docker compose up (see docs/operations.md).

# --- build: the virtualenv, apart from the final image so pip's caches and wheels stay behind
FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
COPY requirements.txt /tmp/requirements.txt
RUN /opt/venv/bin/pip install --upgrade pip && /opt/venv/bin/pip install -r /tmp/requirements.txt

# --- run
FROM python:3.11-slim-bookworm
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=sparklio.settings \
    DJANGO_DEBUG=false \
    SPARKLIO_DATA_DIR=/data \
    STATIC_ROOT=/app/static
# a system user with no shell and no home; it may write only the data folder and the static files
# (`manage.py serve` collects them again at start when DEBUG is off)
RUN groupadd --system --gid 10001 sparklio \
    && useradd --system --uid 10001 --gid sparklio --no-create-home --shell /usr/sbin/nologin sparklio \
    && mkdir -p /data /app \
    && chown sparklio:sparklio /data
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
COPY --chown=root:root . /app
# The admin's and the API docs' static files, hashed for WhiteNoise. No database is reached (the
# URL only keeps settings from starting the embedded PostgreSQL); the key exists only for this step
# (settings refuse to load without one when DEBUG is off).
RUN DJANGO_SECRET_KEY=collectstatic-only DATABASE_URL=postgres://build@127.0.0.1:1/build \
    SPARKLIO_DATA_DIR=/tmp/build-data \
    python manage.py collectstatic --noinput --verbosity 0 \
    && rm -rf /tmp/build-data \
    && chown -R sparklio:sparklio /app/static
USER sparklio
EXPOSE 8000
# The production HTTP command (several worker processes) is documented in docs/operations.md;
# this default serves HTTP and WebSockets from one process, workers run in their own containers.
CMD ["python", "manage.py", "serve", "--host", "0.0.0.0", "--port", "8000", "--no-worker"]
