"""Leases: "a live worker is on this right now", kept in the shared cache by a heartbeat.

With late acks, the broker hands a task to another worker once its visibility timeout passes
without an ack: exactly right when the first worker died, wrong when it is merely still busy
with a long step. A lease tells the two apart: the worker renews it every few seconds while
it works, so it lapses within ``seconds`` of the worker's death and never while it lives.
"""

from __future__ import annotations

import logging
import threading
import uuid

from django.core.cache import cache

logger = logging.getLogger(__name__)


class Lease:
    def __init__(self, key: str, seconds: float):
        self.key = f"lease:{key}"
        self.seconds = seconds
        self.token = uuid.uuid4().hex
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def held_elsewhere(self) -> bool:
        holder = cache.get(self.key)
        return holder is not None and holder != self.token

    def take(self) -> None:
        cache.set(self.key, self.token, self._ttl())
        self._thread = threading.Thread(target=self._heartbeat, name=f"{self.key}-heartbeat", daemon=True)
        self._thread.start()

    def release(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        if cache.get(self.key) == self.token:
            cache.delete(self.key)

    def _ttl(self) -> int:
        return max(1, round(self.seconds))

    def _heartbeat(self) -> None:
        while not self._stop.wait(self.seconds / 4):
            try:
                cache.set(self.key, self.token, self._ttl())
            except Exception as exc:  # a cache blip: the next beat tries again
                logger.warning("lease %s not renewed: %s", self.key, exc)
