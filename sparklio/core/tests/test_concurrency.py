import asyncio

from sparklio.core.concurrency import HTTPConcurrencyLimit


class SlowApp:
    def __init__(self):
        self.running = 0
        self.peak = 0

    async def __call__(self, scope, receive, send):
        self.running += 1
        self.peak = max(self.peak, self.running)
        await asyncio.sleep(0.02)
        self.running -= 1


async def test_http_requests_beyond_the_cap_wait_their_turn():
    inner = SlowApp()
    app = HTTPConcurrencyLimit(inner, limit=3)
    await asyncio.gather(*(app({"type": "http"}, None, None) for _ in range(20)))
    assert inner.peak == 3


async def test_websockets_are_not_counted():
    inner = SlowApp()
    app = HTTPConcurrencyLimit(inner, limit=1)
    await asyncio.gather(*(app({"type": "websocket"}, None, None) for _ in range(5)))
    assert inner.peak == 5
