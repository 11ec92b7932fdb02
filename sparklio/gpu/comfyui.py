"""ComfyUI on the GPU desktop(s), over its own HTTP and WebSocket API.

One run: pick the reachable host with the shortest queue (and the custom nodes the workflow
needs), upload the input images, open the progress socket, queue the prompt, follow it to the
end, then read the history and download every output image. Synchronous: Celery tasks call it.
"""

from __future__ import annotations

import copy
import json
import logging
import mimetypes
import re
import time
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

import httpx
from django.conf import settings
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI
from websockets.sync.client import ClientConnection, connect

logger = logging.getLogger(__name__)

KINDS = frozenset({"unreachable", "invalid_workflow", "execution", "timeout", "not_configured", "missing_node"})
RETRYABLE_KINDS = frozenset({"unreachable", "timeout"})

# Nodes that ship with ComfyUI. Any other class in a workflow is a custom node, and the host
# is asked for it (GET /object_info/<class>) before anything is uploaded or queued.
BUILTIN_NODES = frozenset(
    {
        "CheckpointLoaderSimple",
        "CLIPTextEncode",
        "CLIPSetLastLayer",
        "ConditioningCombine",
        "EmptyLatentImage",
        "ImageOnlyCheckpointLoader",
        "ImageInvert",
        "ImageScale",
        "ImageScaleBy",
        "KSampler",
        "KSamplerAdvanced",
        "LatentUpscale",
        "LoadImage",
        "LoadImageMask",
        "LoraLoader",
        "PreviewImage",
        "SaveAnimatedWEBP",
        "SaveImage",
        "SVD_img2vid_Conditioning",
        "VAEDecode",
        "VAEEncode",
        "VAELoader",
        "VideoLinearCFGGuidance",
    }
)

PROBE_SECONDS = 5.0  # a host that cannot say how long its queue is within this is skipped
OPEN_SOCKET_SECONDS = 10.0
HISTORY_POLL_SECONDS = 0.1
MAX_FRAME_BYTES = 16 * 2**20  # preview frames are small JPEGs; this only bounds a misbehaving host


class ComfyError(Exception):
    """A ComfyUI run that did not produce images. Callers branch on ``kind``, never on the text.

    ``retryable``: worth another attempt later or on another host (the host did not answer, or
    did not finish in time). ``node``: the workflow node ComfyUI blamed, when it named one.
    """

    def __init__(self, kind: str, message: str, *, host: str | None = None, node: str | None = None):
        if kind not in KINDS:
            raise ValueError(f"unknown ComfyError kind {kind!r}")
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.host = host
        self.node = node

    @property
    def retryable(self) -> bool:
        return self.kind in RETRYABLE_KINDS

    def __repr__(self) -> str:
        return f"ComfyError({self.kind!r}, {self.message!r})"


@dataclass
class ComfyImage:
    data: bytes
    filename: str
    mime: str
    host: str


ProgressCallback = Callable[[float, str], None]


def comfy_configured() -> bool:
    return bool(_hosts(settings.COMFYUI_URL))


class ComfyClient:
    def __init__(
        self,
        hosts: list[str] | None = None,
        *,
        timeout: float | None = None,
        transport: httpx.BaseTransport | None = None,
    ):
        self.hosts = _hosts(settings.COMFYUI_URL if hosts is None else hosts)
        self.timeout = float(settings.COMFYUI_TIMEOUT_SECONDS if timeout is None else timeout)
        self._http = httpx.Client(transport=transport, timeout=self.timeout)
        self._node_seen: dict[tuple[str, str], bool] = {}

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> ComfyClient:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    # --- Hosts ----------------------------------------------------------------------------------

    def queue_depth(self, host: str) -> int | None:
        """Prompts running plus pending on ``host``; None when it cannot say."""
        host = _host(host)
        try:
            response = self._request(host, "GET", "/queue", timeout=min(PROBE_SECONDS, self.timeout))
            body = _json(response, host, "GET /queue")
            return len(body["queue_running"]) + len(body["queue_pending"])
        except (ComfyError, KeyError, TypeError) as exc:
            logger.warning("ComfyUI host %s is unavailable: %s", host, exc)
            return None

    def pick_host(self, *, needs: Iterable[str] = ()) -> str:
        """The reachable host with the shortest queue (ties: the first listed) that has every
        node class in ``needs``."""
        if not self.hosts:
            raise ComfyError("not_configured", "No ComfyUI host is configured (COMFYUI_URL is empty).")
        if len(self.hosts) == 1:
            depths = [self.queue_depth(self.hosts[0])]
        else:
            with ThreadPoolExecutor(max_workers=len(self.hosts)) as pool:
                depths = list(pool.map(self.queue_depth, self.hosts))
        reachable = sorted(
            (depth, index, host)
            for index, (host, depth) in enumerate(zip(self.hosts, depths, strict=True))
            if depth is not None
        )
        if not reachable:
            raise ComfyError("unreachable", f"No ComfyUI host answered ({', '.join(self.hosts)}).")
        lacking: dict[str, list[str]] = {}
        for depth, _, host in reachable:
            try:
                missing = self.missing_nodes(host, needs)
            except ComfyError as exc:
                logger.warning("ComfyUI host %s could not list its nodes: %s", host, exc)
                continue
            if not missing:
                logger.info("ComfyUI host %s chosen (queue depth %d)", host, depth)
                return host
            lacking[host] = missing
        if not lacking:
            raise ComfyError("unreachable", f"No ComfyUI host could list its nodes ({', '.join(self.hosts)}).")
        detail = "; ".join(f"{host} lacks {', '.join(nodes)}" for host, nodes in lacking.items())
        raise ComfyError("missing_node", f"No reachable ComfyUI host has the nodes this workflow needs: {detail}.")

    def has_node(self, host: str, node_class: str) -> bool:
        host = _host(host)
        key = (host, node_class)
        if key not in self._node_seen:
            response = self._request(host, "GET", f"/object_info/{quote(node_class, safe='')}")
            self._node_seen[key] = node_class in _json(response, host, "GET /object_info")
        return self._node_seen[key]

    def missing_nodes(self, host: str, node_classes: Iterable[str]) -> list[str]:
        return [node_class for node_class in sorted(set(node_classes)) if not self.has_node(host, node_class)]

    # --- Files ----------------------------------------------------------------------------------

    def upload_image(self, host: str, data: bytes, name: str, *, timeout: float | None = None) -> str:
        """Put ``data`` in the host's input folder under ``name`` (replacing a file of that name);
        returns the name LoadImage takes."""
        host = _host(host)
        mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
        response = self._request(
            host,
            "POST",
            "/upload/image",
            files={"image": (name, data, mime)},
            data={"overwrite": "true", "type": "input"},
            timeout=timeout,
        )
        body = _json(response, host, "POST /upload/image")
        try:
            stored, subfolder = body["name"], body.get("subfolder") or ""
        except (KeyError, TypeError) as exc:
            raise ComfyError("execution", f"{host} answered an upload without a name: {body!r}", host=host) from exc
        return f"{subfolder}/{stored}" if subfolder else stored

    # --- Runs -----------------------------------------------------------------------------------

    def run(
        self,
        workflow: dict,
        *,
        on_progress: ProgressCallback | None = None,
        host: str | None = None,
        inputs: dict[str, bytes] | None = None,
        outputs: tuple[str, ...] = ("images",),
    ) -> list[ComfyImage]:
        """Run ``workflow`` (API format) to the end and return its output images.

        ``outputs``: the lists of the history's node outputs to download. Image nodes list their
        files under "images"; VideoHelperSuite's Video Combine lists its video under "gifs".

        ``inputs`` maps names the workflow uses (LoadImage's ``image``) to picture bytes; each is
        uploaded under a unique name that replaces it in the workflow. ``on_progress`` receives
        ComfyUI's step counter as a 0..1 fraction and a message naming the node. The whole run,
        uploads and downloads included, is bounded by the client's timeout.
        """
        deadline = time.monotonic() + self.timeout
        prompt = _checked_copy(workflow)
        if inputs:
            _check_inputs_used(prompt, inputs)
        needs = {node["class_type"] for node in prompt.values()} - BUILTIN_NODES
        if host is None:
            host = self.pick_host(needs=needs)
        else:
            host = _host(host)
            missing = self.missing_nodes(host, needs)
            if missing:
                raise ComfyError("missing_node", f"{host} lacks the node(s) {', '.join(missing)}.", host=host)
        if inputs:
            self._upload_inputs(host, prompt, inputs, deadline)
        client_id = uuid.uuid4().hex
        # The socket opens before the prompt is queued: ComfyUI sends a run's events only to
        # sockets connected at that moment, so a later socket could miss the end of a quick run.
        with self._open_socket(host, client_id, deadline) as socket:
            prompt_id = self._queue_prompt(host, prompt, client_id, deadline)
            try:
                self._follow(socket, host, prompt, prompt_id, deadline, on_progress)
            except ComfyError as exc:
                if exc.kind == "timeout":
                    self._abandon(host, prompt_id)
                raise
        images = self._output_images(host, prompt_id, deadline, outputs)
        return [self._download(host, image, deadline) for image in images]

    def _upload_inputs(self, host: str, prompt: dict, inputs: dict[str, bytes], deadline: float) -> None:
        uploaded: dict[str, str] = {}
        for name, data in inputs.items():
            # Uploads overwrite by name; a fresh prefix keeps two jobs' "product.png" apart.
            uploaded[name] = self.upload_image(
                host,
                data,
                f"sparklio-{uuid.uuid4().hex[:12]}-{_safe_name(name)}",
                timeout=_remaining(deadline, host, "uploading the input images"),
            )
        for node in prompt.values():
            for key, value in node["inputs"].items():
                if isinstance(value, str) and value in uploaded:
                    node["inputs"][key] = uploaded[value]

    def _open_socket(self, host: str, client_id: str, deadline: float) -> ClientConnection:
        url = _socket_url(host, client_id)
        try:
            return connect(
                url,
                open_timeout=min(OPEN_SOCKET_SECONDS, _remaining(deadline, host, "opening the progress socket")),
                max_size=MAX_FRAME_BYTES,
            )
        except (OSError, TimeoutError, InvalidHandshake, InvalidURI) as exc:
            raise ComfyError("unreachable", f"{host}: the progress socket did not open: {exc}", host=host) from exc

    def _queue_prompt(self, host: str, prompt: dict, client_id: str, deadline: float) -> str:
        response = self._request(
            host,
            "POST",
            "/prompt",
            json={"prompt": prompt, "client_id": client_id},
            timeout=_remaining(deadline, host, "queueing the prompt"),
        )
        if response.status_code == 400:
            raise _rejection(host, response, prompt)
        body = _json(response, host, "POST /prompt")
        prompt_id = body.get("prompt_id") if isinstance(body, dict) else None
        if not prompt_id:
            raise ComfyError("invalid_workflow", f"{host} did not queue the workflow: {body!r}", host=host)
        if body.get("node_errors"):
            # ComfyUI queues the outputs that validated and reports the others here.
            logger.warning("ComfyUI %s queued %s with node errors: %s", host, prompt_id, body["node_errors"])
        logger.info("ComfyUI %s queued prompt %s (number %s)", host, prompt_id, body.get("number"))
        return prompt_id

    def _follow(
        self,
        socket: ClientConnection,
        host: str,
        prompt: dict,
        prompt_id: str,
        deadline: float,
        on_progress: ProgressCallback | None,
    ) -> None:
        while True:
            remaining = _remaining(deadline, host, f"running prompt {prompt_id}")
            try:
                frame = socket.recv(timeout=remaining)
            except TimeoutError:
                raise ComfyError(
                    "timeout", f"{host} did not finish prompt {prompt_id} within {self.timeout:g} s.", host=host
                ) from None
            except ConnectionClosed as exc:
                raise ComfyError(
                    "unreachable", f"{host} closed the progress socket before prompt {prompt_id} finished.", host=host
                ) from exc
            if isinstance(frame, bytes):
                continue  # preview images
            try:
                message = json.loads(frame)
                event, data = message["type"], message.get("data") or {}
            except (ValueError, KeyError, TypeError):
                logger.warning("ComfyUI %s sent an unreadable message: %.200r", host, frame)
                continue
            # Events of a run go only to the socket whose client_id queued it; older versions
            # leave prompt_id out of some of them.
            if not isinstance(data, dict) or data.get("prompt_id", prompt_id) != prompt_id:
                continue
            if event == "progress":
                _report_progress(on_progress, prompt, data)
            elif event == "execution_error":
                raise _execution_error(host, prompt, data)
            elif event == "execution_interrupted":
                node = str(data.get("node_id") or "")
                raise ComfyError(
                    "execution",
                    f"{host} interrupted prompt {prompt_id} at {_node_label(prompt, node)}.",
                    host=host,
                    node=node or None,
                )
            elif event == "execution_success" or (event == "executing" and data.get("node") is None):
                return

    def _output_images(self, host: str, prompt_id: str, deadline: float, keys: tuple[str, ...]) -> list[dict]:
        while True:
            response = self._request(
                host, "GET", f"/history/{prompt_id}", timeout=_remaining(deadline, host, "reading the history")
            )
            history = _json(response, host, "GET /history")
            if not isinstance(history, dict):
                raise ComfyError("execution", f"{host} answered GET /history with {history!r}.", host=host)
            entry = history.get(prompt_id)
            if entry is not None:
                break
            # execution_success leaves before ComfyUI writes the history entry.
            time.sleep(min(HISTORY_POLL_SECONDS, _remaining(deadline, host, "waiting for the history")))
        status = entry.get("status") or {}
        if status.get("status_str") == "error":
            raise ComfyError(
                "execution", f"{host} reports prompt {prompt_id} failed: {status.get('messages')}", host=host
            )
        outputs = entry.get("outputs") or {}
        images = [
            image
            for node_id in sorted(outputs, key=_node_order)
            for key in keys
            for image in (outputs[node_id] or {}).get(key) or []
            if isinstance(image, dict) and image.get("filename")
        ]
        # Saved files when there are any; a workflow that only previews keeps its temp files.
        saved = [image for image in images if image.get("type", "output") == "output"]
        if not (saved or images):
            wanted = " or ".join(keys)
            raise ComfyError(
                "execution", f"Prompt {prompt_id} on {host} finished without an output ({wanted}).", host=host
            )
        return saved or images

    def _download(self, host: str, image: dict, deadline: float) -> ComfyImage:
        filename = image["filename"]
        params = {"filename": filename, "subfolder": image.get("subfolder", ""), "type": image.get("type", "output")}
        response = self._request(
            host, "GET", "/view", params=params, timeout=_remaining(deadline, host, "downloading the images")
        )
        if response.status_code != 200:
            raise ComfyError(
                "execution", f"{host} has no output {filename!r} (HTTP {response.status_code}).", host=host
            )
        declared = response.headers.get("content-type", "").split(";")[0].strip()
        media = declared.startswith(("image/", "video/"))
        mime = declared if media else mimetypes.guess_type(filename)[0] or declared
        return ComfyImage(data=response.content, filename=filename, mime=mime or "application/octet-stream", host=host)

    def _abandon(self, host: str, prompt_id: str) -> None:
        """Take a prompt we gave up on out of the queue, so the GPU does not render it for nobody.
        One already running finishes: /interrupt stops whatever runs, maybe another client's."""
        try:
            self._http.post(f"{host}/queue", json={"delete": [prompt_id]}, timeout=PROBE_SECONDS)
        except httpx.HTTPError as exc:
            logger.warning("Could not remove abandoned prompt %s from %s: %s", prompt_id, host, exc)

    def _request(self, host: str, method: str, path: str, *, timeout: float | None = None, **kwargs) -> httpx.Response:
        """One HTTP call; transport failures and 5xx answers become ComfyErrors (5xx counts as
        unreachable: the host is up but not serving, and another host or a later try may be)."""
        seconds = self.timeout if timeout is None else timeout
        try:
            response = self._http.request(method, f"{host}{path}", timeout=seconds, **kwargs)
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
            raise ComfyError("unreachable", f"{host} did not answer {method} {path}: {exc!r}", host=host) from exc
        except httpx.TimeoutException as exc:
            raise ComfyError(
                "timeout", f"{host} did not answer {method} {path} within {seconds:g} s.", host=host
            ) from exc
        except httpx.TransportError as exc:
            raise ComfyError("unreachable", f"{host} broke off {method} {path}: {exc!r}", host=host) from exc
        if response.status_code >= 500:
            raise ComfyError(
                "unreachable",
                f"{host} answered {method} {path} with HTTP {response.status_code}: {response.text[:300]}",
                host=host,
            )
        return response


# --- Helpers ------------------------------------------------------------------------------------


def _hosts(configured: Any) -> list[str]:
    if isinstance(configured, str):
        configured = configured.split(",")
    return [_host(host) for host in configured or [] if host and host.strip()]


def _host(host: str) -> str:
    return host.strip().rstrip("/")


def _socket_url(host: str, client_id: str) -> str:
    parts = urlsplit(host)
    scheme = "wss" if parts.scheme == "https" else "ws"
    return urlunsplit((scheme, parts.netloc, f"{parts.path}/ws", urlencode({"clientId": client_id}), ""))


def _json(response: httpx.Response, host: str, what: str) -> Any:
    if response.status_code != 200:
        raise ComfyError(
            "execution", f"{host} answered {what} with HTTP {response.status_code}: {response.text[:300]}", host=host
        )
    try:
        return response.json()
    except ValueError as exc:
        raise ComfyError("unreachable", f"{host} answered {what} with something not JSON.", host=host) from exc


def _remaining(deadline: float, host: str, doing: str) -> float:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise ComfyError("timeout", f"Ran out of time {doing} on {host}.", host=host)
    return remaining


def _checked_copy(workflow: Any) -> dict:
    if not isinstance(workflow, dict) or not workflow:
        raise ComfyError("invalid_workflow", "A workflow is a non-empty dict of node id → {class_type, inputs}.")
    prompt = {str(node_id): node for node_id, node in copy.deepcopy(workflow).items()}
    for node_id, node in prompt.items():
        if not (
            isinstance(node, dict) and isinstance(node.get("class_type"), str) and isinstance(node.get("inputs"), dict)
        ):
            raise ComfyError("invalid_workflow", f"Node {node_id} needs a class_type and an inputs dict.", node=node_id)
        for name, value in node["inputs"].items():
            if isinstance(value, list) and len(value) == 2 and str(value[0]) not in prompt:
                raise ComfyError(
                    "invalid_workflow",
                    f"{_node_label(prompt, node_id)}: input {name!r} links to node {value[0]}, "
                    "which is not in the workflow.",
                    node=node_id,
                )
    return prompt


def _check_inputs_used(prompt: dict, inputs: dict[str, bytes]) -> None:
    used = {value for node in prompt.values() for value in node["inputs"].values() if isinstance(value, str)}
    unused = sorted(set(inputs) - used)
    if unused:
        raise ComfyError("invalid_workflow", f"No node of the workflow reads the input image(s) {', '.join(unused)}.")


def _safe_name(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return re.sub(r"[^A-Za-z0-9._-]+", "_", base).strip("._") or "image.png"


def _node_order(node_id: str) -> tuple:
    return (0, int(node_id), "") if node_id.isdigit() else (1, 0, node_id)


def _node_label(prompt: dict, node_id: str) -> str:
    class_type = (prompt.get(node_id) or {}).get("class_type")
    return f"{class_type} (node {node_id})" if class_type else f"node {node_id}"


def _report_progress(on_progress: ProgressCallback | None, prompt: dict, data: dict) -> None:
    value, maximum = data.get("value"), data.get("max")
    if (
        on_progress is None
        or not isinstance(value, int | float)
        or not isinstance(maximum, int | float)
        or maximum <= 0
    ):
        return
    fraction = min(max(value / maximum, 0.0), 1.0)
    on_progress(fraction, f"{_node_label(prompt, str(data.get('node') or '?'))}: step {value:g} of {maximum:g}")


def _execution_error(host: str, prompt: dict, data: dict) -> ComfyError:
    node = str(data.get("node_id") or "")
    label = f"{data['node_type']} (node {node})" if data.get("node_type") else _node_label(prompt, node)
    cause = ": ".join(str(part) for part in (data.get("exception_type"), data.get("exception_message")) if part)
    return ComfyError(
        "execution", f"{label} failed on {host}: {cause or 'no reason given'}", host=host, node=node or None
    )


def _rejection(host: str, response: httpx.Response, prompt: dict) -> ComfyError:
    """ComfyUI's 400 answer to POST /prompt: {"error": {type, message, details, extra_info},
    "node_errors": {node_id: {"errors": [...], "class_type", "dependent_outputs"}}}."""
    try:
        body = response.json()
    except ValueError:
        body = {}
    error = body.get("error") if isinstance(body, dict) else None
    node_errors = body.get("node_errors") if isinstance(body, dict) else None
    if isinstance(error, dict) and error.get("type") == "missing_node_type":
        extra = error.get("extra_info") or {}
        node = str(extra.get("node_id") or "") or None
        class_type = extra.get("class_type") or "a node"
        return ComfyError(
            "missing_node",
            f"{host} has no node {class_type!r}: {error.get('message', '')}".strip(),
            host=host,
            node=node,
        )
    parts = []
    for node_id, detail in (node_errors or {}).items() if isinstance(node_errors, dict) else ():
        detail = detail if isinstance(detail, dict) else {}
        class_type = detail.get("class_type") or (prompt.get(str(node_id)) or {}).get("class_type") or "?"
        reasons = "; ".join(
            ": ".join(str(part) for part in (reason.get("message"), reason.get("details")) if part)
            for reason in detail.get("errors", [])
            if isinstance(reason, dict)
        )
        parts.append(f"{class_type} (node {node_id}): {reasons or 'invalid'}")
    summary = (error.get("message") or error.get("type")) if isinstance(error, dict) else error
    message = f"{host} rejected the workflow: {summary or 'HTTP 400'}"
    if parts:
        message += " — " + " | ".join(parts)
    first = next(iter(node_errors), None) if isinstance(node_errors, dict) and node_errors else None
    return ComfyError("invalid_workflow", message, host=host, node=str(first) if first is not None else None)
