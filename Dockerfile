# Sparklio's image: one image for every role in compose.yaml (web, websocket, worker, beat).
# Build: docker build -t sparklio .   Run: docker compose up -d, or the whole product in one container:
# docker run -p 127.0.0.1:8000:8000 -v sparklio-data:/data -e DJANGO_SECRET_KEY=… sparklio (docs/operations.md).

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
    STATIC_ROOT=/app/static \
    MPLCONFIGDIR=/app/.matplotlib
# a system user with no shell and no home; it may write only the data folder, the static files
# (`manage.py serve` collects them again at start when DEBUG is off) and matplotlib's font cache
# (built below; without a folder of its own every process would rebuild it in a fresh /tmp folder)
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
    && python -c "import matplotlib.font_manager" \
    && rm -rf /tmp/build-data \
    && chown -R sparklio:sparklio /app/static /app/.matplotlib
USER sparklio
EXPOSE 8000
# The default is the whole product in one container (`docker run -e DJANGO_SECRET_KEY=… sparklio`):
# the schema first, then HTTP and WebSockets with the Celery worker beside them (inside the server
# process with the embedded database and broker; worker and beat processes when REDIS_URL is set).
# compose.yaml gives every role its own command (migrate, web, websocket, worker, beat).
CMD ["sh", "-c", "python manage.py migrate --noinput && exec python manage.py serve --host 0.0.0.0 --port 8000"]
