"""Provider responses exactly as the real APIs send them (for respx routes)."""

import json

import httpx

OPENAI = "https://openai.test/v1"
ANTHROPIC = "https://anthropic.test"
OLLAMA = "http://ollama.test:11434"


def openai_completion(
    content: str, *, model="gpt-4o-mini-2024-07-18", prompt=12, completion=3, cached=0, finish="stop"
) -> dict:
    return {
        "id": "chatcmpl-abc123",
        "object": "chat.completion",
        "created": 1764200000,
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content, "refusal": None},
                "logprobs": None,
                "finish_reason": finish,
            }
        ],
        "usage": {
            "prompt_tokens": prompt,
            "completion_tokens": completion,
            "total_tokens": prompt + completion,
            "prompt_tokens_details": {"cached_tokens": cached, "audio_tokens": 0},
            "completion_tokens_details": {"reasoning_tokens": 0},
        },
        "system_fingerprint": "fp_test",
    }


def openai_sse(pieces: list[str], *, finish: str | None = "stop", usage=(9, 3), model="gpt-4o-mini") -> bytes:
    """A chat.completion.chunk stream; finish=None cuts it before the end marker."""

    def chunk(delta, finish_reason=None, choices=True, usage_obj=None):
        body = {
            "id": "chatcmpl-s1",
            "object": "chat.completion.chunk",
            "created": 1764200000,
            "model": model,
            "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish_reason}]
            if choices
            else [],
        }
        if usage_obj is not None:
            body["usage"] = usage_obj
        return f"data: {json.dumps(body)}\n\n"

    lines = [chunk({"role": "assistant", "content": ""})]
    lines += [chunk({"content": piece}) for piece in pieces]
    if finish is not None:
        lines.append(chunk({}, finish))
        lines.append(
            chunk(
                None,
                choices=False,
                usage_obj={"prompt_tokens": usage[0], "completion_tokens": usage[1], "total_tokens": sum(usage)},
            )
        )
        lines.append("data: [DONE]\n\n")
    return "".join(lines).encode()


def anthropic_message(text: str, *, model="claude-3-5-haiku-20241022", input_tokens=10, output_tokens=4) -> dict:
    return {
        "id": "msg_01",
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": [{"type": "text", "text": text}],
        "stop_reason": "end_turn",
        "stop_sequence": None,
        "usage": {
            "input_tokens": input_tokens,
            "output_tokens": output_tokens,
            "cache_creation_input_tokens": 0,
            "cache_read_input_tokens": 0,
        },
    }


def anthropic_sse(pieces: list[str], *, model="claude-3-5-haiku-20241022") -> bytes:
    def event(name, data):
        return f"event: {name}\ndata: {json.dumps(data)}\n\n"

    out = [
        event(
            "message_start",
            {
                "type": "message_start",
                "message": {
                    "id": "msg_01",
                    "type": "message",
                    "role": "assistant",
                    "model": model,
                    "content": [],
                    "stop_reason": None,
                    "stop_sequence": None,
                    "usage": {"input_tokens": 10, "output_tokens": 1},
                },
            },
        ),
        event(
            "content_block_start",
            {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
        ),
    ]
    out += [
        event(
            "content_block_delta",
            {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": p}},
        )
        for p in pieces
    ]
    out += [
        event("content_block_stop", {"type": "content_block_stop", "index": 0}),
        event(
            "message_delta",
            {
                "type": "message_delta",
                "delta": {"stop_reason": "end_turn", "stop_sequence": None},
                "usage": {"output_tokens": 5},
            },
        ),
        event("message_stop", {"type": "message_stop"}),
    ]
    return "".join(out).encode()


def sse_response(body: bytes) -> httpx.Response:
    return httpx.Response(200, headers={"content-type": "text/event-stream"}, content=body)


def openai_error(status: int, message: str, *, code=None, headers=None) -> httpx.Response:
    return httpx.Response(
        status,
        headers=headers or {},
        json={
            "error": {
                "message": message,
                "type": "server_error" if status >= 500 else "invalid_request_error",
                "param": None,
                "code": code,
            }
        },
    )


# --- A loopback HTTP server speaking those formats -----------------------------------------------
# The SDKs send through httpx2, so a real socket is the one fake they all meet the same way.

import threading  # noqa: E402
import time  # noqa: E402
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer  # noqa: E402
from types import SimpleNamespace  # noqa: E402


class _Calls(list):
    @property
    def last(self):
        return self[-1]


class Route:
    """Scripted answers for one method and path, with the requests it received."""

    def __init__(self):
        self._queue: list[httpx.Response] = []
        self._sticky: httpx.Response | None = None
        self.calls = _Calls()
        self.stall_seconds = 0.0  # wait after the headers, before the body (a provider that stalls)
        self.event_delay = 0.0  # for streams: wait after each server-sent event (a slow model)
        self.sent_at: list[float] = []  # time.time() of each server-sent event written (event_delay streams)

    def respond(self, status_code: int = 200, *, json=None, headers=None, content=None) -> "Route":
        self._sticky = httpx.Response(status_code, json=json, headers=headers, content=content)
        return self

    def mock(self, *, side_effect=None, return_value=None) -> "Route":
        if side_effect is not None:
            self._queue = list(side_effect)
        if return_value is not None:
            self._sticky = return_value
        return self

    @property
    def call_count(self) -> int:
        return len(self.calls)

    def next_response(self) -> httpx.Response:
        if self._queue:
            return self._queue.pop(0)
        if self._sticky is None:
            return httpx.Response(500, json={"error": {"message": "no scripted response"}})
        return self._sticky


class FakeAPI:
    """OpenAI (/v1/chat/completions, /v1/models) and Anthropic (/v1/messages) on 127.0.0.1."""

    def __init__(self):
        self.routes: dict[tuple[str, str], Route] = {}
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body leave at once (no 40 ms delayed-ACK stall)

            def log_message(self, *args):
                pass

            def _serve(self):
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                route = api.route(self.command, self.path.split("?", 1)[0])
                route.calls.append(
                    SimpleNamespace(
                        request=SimpleNamespace(
                            content=body, headers={k.lower(): v for k, v in self.headers.items()}, path=self.path
                        )
                    )
                )
                response = route.next_response()
                content = response.content
                streamed = response.headers.get("content-type", "").startswith("text/event-stream")
                self.send_response(response.status_code)
                for name, value in response.headers.items():
                    if name.lower() not in {"content-length", "transfer-encoding", "connection"}:
                        self.send_header(name, value)
                if streamed:  # the stream ends when the connection closes, as a cut stream would
                    self.send_header("connection", "close")
                    self.close_connection = True
                else:
                    self.send_header("content-length", str(len(content)))
                self.end_headers()
                if route.stall_seconds:
                    self.wfile.flush()
                    time.sleep(route.stall_seconds)
                if streamed and route.event_delay:  # one server-sent event at a time, as a slow model
                    for piece in content.split(b"\n\n"):
                        if piece:
                            try:
                                self.wfile.write(piece + b"\n\n")
                                self.wfile.flush()
                                route.sent_at.append(time.time())
                            except (BrokenPipeError, ConnectionResetError):
                                return  # the client went away (a cancelled stream)
                            time.sleep(route.event_delay)
                    return
                self.wfile.write(content)
                self.wfile.flush()

            do_GET = do_POST = _serve

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def route(self, method: str, path: str) -> Route:
        return self.routes.setdefault((method, path), Route())

    def close(self):
        self.server.shutdown()
        self.server.server_close()
