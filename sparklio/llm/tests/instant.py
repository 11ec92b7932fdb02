"""An instant OpenAI-compatible model on 127.0.0.1: it answers every chat completion at once,
with a JSON document that satisfies the request's ``response_format`` schema (text for plain
calls). For measuring our own overhead and for driving whole workflows through the model path."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from sparklio.llm.tests import wire


def instance_of(schema: dict, defs: dict | None = None, name: str = "") -> object:
    """A small value valid for ``schema`` (the strict subset our gateway sends)."""
    defs = defs if defs is not None else schema.get("$defs", {})
    if "$ref" in schema:
        return instance_of(defs[schema["$ref"].rsplit("/", 1)[-1]], defs, name)
    if "anyOf" in schema:
        options = [s for s in schema["anyOf"] if s.get("type") != "null"] or schema["anyOf"]
        return instance_of(options[0], defs, name)
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next(k for k in kind if k != "null")
    if kind == "object":
        return {key: instance_of(sub, defs, key) for key, sub in schema.get("properties", {}).items()}
    if kind == "array":
        count = max(schema.get("minItems", 1), 1)
        return [instance_of(schema.get("items", {"type": "string"}), defs, f"{name}{i}") for i in range(count)]
    if kind == "integer":
        return max(schema.get("minimum", 1), schema.get("exclusiveMinimum", 0) + 1)
    if kind == "number":
        return float(max(schema.get("minimum", 1), schema.get("exclusiveMinimum", 0) + 1))
    if kind == "boolean":
        return True
    if name == "language":
        return "ko"
    if name == "hashtags" or name.startswith("hashtags"):
        return "#instant"
    return f"instant {name}".strip()[: schema.get("maxLength", 40)]


class InstantModel:
    def __init__(self):
        self.calls = 0
        model = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def log_message(self, *args):
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers.get("content-length") or 0)) or b"{}")
                model.calls += 1
                response_format = body.get("response_format") or {}
                if response_format.get("type") == "json_schema":
                    text = json.dumps(instance_of(response_format["json_schema"]["schema"]), ensure_ascii=False)
                else:
                    text = "instant answer"
                payload = json.dumps(wire.openai_completion(text, model=body.get("model", "gpt-4o-mini"))).encode()
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()
