"""A cap on HTTP requests handled at once by one server process.

Django runs each request's sync code in a thread of its own, and each thread holds its own
database connection; without a cap, a burst of 100 requests opened 100 connections and
PostgreSQL refused the rest ("too many clients"). Past the cap, requests wait their turn in
the event loop, which costs nothing. WebSockets are not counted: they hold no connection
while idle.
"""

import asyncio


class HTTPConcurrencyLimit:
    def __init__(self, app, limit: int):
        self.app = app
        self.limit = limit
        self._semaphores: dict[asyncio.AbstractEventLoop, asyncio.Semaphore] = {}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or self.limit <= 0:
            return await self.app(scope, receive, send)
        loop = asyncio.get_running_loop()
        semaphore = self._semaphores.get(loop)
        if semaphore is None:
            semaphore = self._semaphores[loop] = asyncio.Semaphore(self.limit)
        async with semaphore:
            return await self.app(scope, receive, send)
