"""A ComfyUI stand-in on 127.0.0.1, speaking its wire format over real sockets.

HTTP routes (/queue, /prompt, /history/<id>, /view, /upload/image, /object_info/<class>) and
the /ws progress socket share one port, as in ComfyUI. http.server answers the HTTP routes;
/ws is upgraded with websockets' own handshake and frames (websockets' server accepts only
GET requests, so it cannot serve POST /prompt itself). Workflows are validated the way
ComfyUI validates them (known classes, required inputs, link types, combo values, ranges) and
refused with ComfyUI's 400 body; accepted ones "execute" in a worker thread that sends the
real event sequence to the socket of the client_id that queued them and makes real PNGs.
"""

from __future__ import annotations

import contextlib
import io
import json
import mimetypes
import struct
import tempfile
import threading
import time
import uuid
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

import imageio_ffmpeg
from PIL import Image
from websockets.exceptions import ConnectionClosed
from websockets.server import ServerProtocol
from websockets.sync.connection import Connection

REMBG = "Image Remove Background (rembg)"
VHS = "VHS_VideoCombine"  # VideoHelperSuite's Video Combine, a custom node
SAMPLERS = ["euler", "euler_ancestral", "dpmpp_2m", "dpmpp_2m_sde"]
SCHEDULERS = ["normal", "karras", "exponential", "simple"]
PREVIEW_IMAGE = 1  # BinaryEventTypes.PREVIEW_IMAGE
JPEG = 1

# class → (required inputs: name → type, output types). "COMBO:<list>" inputs take a listed value.
NODE_TYPES: dict[str, tuple[dict[str, str], tuple[str, ...]]] = {
    "CheckpointLoaderSimple": ({"ckpt_name": "COMBO:checkpoints"}, ("MODEL", "CLIP", "VAE")),
    "CLIPTextEncode": ({"text": "STRING", "clip": "CLIP"}, ("CONDITIONING",)),
    "EmptyLatentImage": ({"width": "INT", "height": "INT", "batch_size": "INT"}, ("LATENT",)),
    "KSampler": (
        {
            "model": "MODEL",
            "seed": "INT",
            "steps": "INT",
            "cfg": "FLOAT",
            "sampler_name": "COMBO:samplers",
            "scheduler": "COMBO:schedulers",
            "positive": "CONDITIONING",
            "negative": "CONDITIONING",
            "latent_image": "LATENT",
            "denoise": "FLOAT",
        },
        ("LATENT",),
    ),
    "VAEDecode": ({"samples": "LATENT", "vae": "VAE"}, ("IMAGE",)),
    "SaveImage": ({"images": "IMAGE", "filename_prefix": "STRING"}, ()),
    "LoadImage": ({"image": "COMBO:inputs"}, ("IMAGE", "MASK")),
    REMBG: ({"image": "IMAGE"}, ("IMAGE",)),
    "ImageOnlyCheckpointLoader": ({"ckpt_name": "COMBO:checkpoints"}, ("MODEL", "CLIP_VISION", "VAE")),
    "VideoLinearCFGGuidance": ({"model": "MODEL", "min_cfg": "FLOAT"}, ("MODEL",)),
    "SVD_img2vid_Conditioning": (
        {
            "clip_vision": "CLIP_VISION",
            "init_image": "IMAGE",
            "vae": "VAE",
            "width": "INT",
            "height": "INT",
            "video_frames": "INT",
            "motion_bucket_id": "INT",
            "fps": "INT",
            "augmentation_level": "FLOAT",
        },
        ("CONDITIONING", "CONDITIONING", "LATENT"),
    ),
    VHS: (
        {
            "images": "IMAGE",
            "frame_rate": "FLOAT",
            "loop_count": "INT",
            "filename_prefix": "STRING",
            "format": "COMBO:video_formats",
            "pingpong": "BOOLEAN",
            "save_output": "BOOLEAN",
        },
        ("VHS_FILENAMES",),
    ),
}
CUSTOM_NODES = {REMBG, VHS}
VIDEO_FORMATS = ["image/gif", "image/webp", "video/h264-mp4", "video/webm"]
OUTPUT_NODES = {"SaveImage", VHS}
RANGES = {("EmptyLatentImage", "width"): (16, 16384), ("EmptyLatentImage", "height"): (16, 16384)}


def png_bytes(size=(64, 48), colour=(200, 40, 40, 255)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGBA", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


class FakeComfy:
    def __init__(
        self,
        *,
        queue_running: int = 0,
        queue_pending: int = 0,
        steps_delay: float = 0.002,
        custom_nodes: tuple[str, ...] = (REMBG, VHS),
        checkpoints: tuple[str, ...] = ("sd_xl_base_1.0.safetensors", "svd_xt.safetensors"),
        fail_on: str | None = None,
        fail_message: str = "boom",
        hang: bool = False,
        history_delay: float = 0.05,
        legacy: bool = False,
        drop_socket: bool = False,
    ):
        """``fail_on``: class that raises while executing. ``hang``: never finishes.
        ``history_delay``: between execution_success and the history entry, as in ComfyUI.
        ``legacy``: an older ComfyUI (no execution_success, no prompt_id on progress).
        ``drop_socket``: closes the client's socket in the middle of the run."""
        self.classes = {
            name: spec for name, spec in NODE_TYPES.items() if name not in CUSTOM_NODES or name in custom_nodes
        }
        self.checkpoints = list(checkpoints)
        self.steps_delay = steps_delay
        self.fail_on, self.fail_message = fail_on, fail_message
        self.hang, self.history_delay, self.legacy, self.drop_socket = hang, history_delay, legacy, drop_socket
        self.lock = threading.Lock()
        self.gpu = threading.Lock()  # one prompt at a time, like ComfyUI's single worker
        self.stopping = threading.Event()
        self.sockets: dict[str, Connection] = {}
        self.inputs: dict[str, bytes] = {}  # "subfolder/name" or "name" → bytes (ComfyUI's input folder)
        self.files: dict[tuple[str, str, str], bytes] = {}  # (type, subfolder, filename) → bytes
        self.history: dict[str, dict] = {}
        self.queue_running = [self._placeholder(i) for i in range(queue_running)]
        self.queue_pending = [self._placeholder(i + queue_running) for i in range(queue_pending)]
        self.received: list[dict] = []  # bodies of POST /prompt
        self.prompt_ids: list[str] = []  # ids of the prompts queued
        self.deleted: list[str] = []  # prompt ids removed through POST /queue
        self.events: list[str] = []  # "ws <clientId>" and "prompt <client_id>" in arrival order
        self.requests: list[str] = []  # "METHOD /path" of every HTTP request
        self.number = 0
        self.counter = 0
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.stopping.set()
        for connection in list(self.sockets.values()):
            connection.close()
        self.server.shutdown()
        self.server.server_close()

    # --- State ----------------------------------------------------------------------------------

    @staticmethod
    def _placeholder(number: int) -> list:
        return [number, str(uuid.uuid4()), {}, {"client_id": "someone-else"}, ["9"]]

    def queue_info(self) -> dict:
        with self.lock:
            return {"exec_info": {"queue_remaining": len(self.queue_running) + len(self.queue_pending)}}

    def send(self, event: str, data: dict, sid: str | None) -> None:
        """ComfyUI's send_sync: to one client id, or to every socket when sid is None."""
        message = json.dumps({"type": event, "data": data})
        targets = list(self.sockets.values()) if sid is None else [self.sockets[sid]] if sid in self.sockets else []
        for connection in targets:
            _deliver(connection, message)

    def send_preview(self, sid: str) -> None:
        buffer = io.BytesIO()
        Image.new("RGB", (8, 8), (90, 90, 90)).save(buffer, format="JPEG")
        frame = struct.pack(">I", PREVIEW_IMAGE) + struct.pack(">I", JPEG) + buffer.getvalue()
        connection = self.sockets.get(sid)
        if connection is not None:
            _deliver(connection, frame)

    # --- Validation (execution.validate_prompt) -------------------------------------------------

    def validate(self, prompt: dict) -> tuple[int, dict]:
        for node_id, node in prompt.items():
            class_type = node.get("class_type") if isinstance(node, dict) else None
            if class_type is None:
                return 400, {
                    "error": {
                        "type": "invalid_prompt",
                        "message": "Cannot execute because a node is missing the class_type property.",
                        "details": f"Node ID '#{node_id}'",
                        "extra_info": {},
                    },
                    "node_errors": {},
                }
            if class_type not in self.classes:
                return 400, {
                    "error": {
                        "type": "missing_node_type",
                        "message": f"Node '{class_type}' not found. The custom node may not be installed.",
                        "details": f"Node ID '#{node_id}'",
                        "extra_info": {"node_id": node_id, "class_type": class_type, "node_title": class_type},
                    },
                    "node_errors": {},
                }
        outputs = [node_id for node_id, node in prompt.items() if node["class_type"] in OUTPUT_NODES]
        if not outputs:
            error = {"type": "prompt_no_outputs", "message": "Prompt has no outputs", "details": "", "extra_info": {}}
            return 400, {"error": error, "node_errors": []}
        node_errors = {}
        for node_id, node in prompt.items():
            reasons = self._node_reasons(prompt, node)
            if reasons:
                node_errors[node_id] = {
                    "errors": reasons,
                    "dependent_outputs": outputs,
                    "class_type": node["class_type"],
                }
        if node_errors:
            details = "\n".join(f"{r['message']}: {r['details']}" for e in node_errors.values() for r in e["errors"])
            error = {
                "type": "prompt_outputs_failed_validation",
                "message": "Prompt outputs failed validation",
                "details": details,
                "extra_info": {},
            }
            return 400, {"error": error, "node_errors": node_errors}
        return 200, {}

    def _node_reasons(self, prompt: dict, node: dict) -> list[dict]:
        class_type, inputs = node["class_type"], node.get("inputs") or {}
        required, _ = self.classes[class_type]
        reasons = []
        for name, kind in required.items():
            if name not in inputs:
                reasons.append(_reason("required_input_missing", "Required input is missing", name, name))
                continue
            value = inputs[name]
            if isinstance(value, list):
                source = prompt.get(str(value[0])) if len(value) == 2 else None
                produced = self.classes.get(source["class_type"], ({}, ()))[1] if source else ()
                if source is None or value[1] >= len(produced) or produced[value[1]] != kind:
                    got = produced[value[1]] if source and value[1] < len(produced) else "nothing"
                    reasons.append(
                        _reason(
                            "return_type_mismatch",
                            "Return type mismatch between linked nodes",
                            name,
                            f"{name}, {got} != {kind}",
                        )
                    )
                continue
            if kind.startswith("COMBO:"):
                allowed = {
                    "checkpoints": self.checkpoints,
                    "samplers": SAMPLERS,
                    "schedulers": SCHEDULERS,
                    "inputs": sorted(self.inputs),
                    "video_formats": VIDEO_FORMATS,
                }[kind.split(":", 1)[1]]
                if value not in allowed:
                    if class_type == "LoadImage":
                        reasons.append(
                            _reason(
                                "custom_validation_failed",
                                "Custom validation failed for node",
                                name,
                                f"{name} - Invalid image file: {value}",
                            )
                        )
                    else:
                        reasons.append(
                            _reason(
                                "value_not_in_list", "Value not in list", name, f"{name}: '{value}' not in {allowed}"
                            )
                        )
            elif (class_type, name) in RANGES:
                low, high = RANGES[(class_type, name)]
                if not isinstance(value, int) or not low <= value <= high:
                    reasons.append(
                        _reason(
                            "value_bigger_than_max",
                            "Value out of range",
                            name,
                            f"{name}: {value} not in [{low}, {high}]",
                        )
                    )
        return reasons

    # --- Execution (main.prompt_worker + PromptExecutor.execute) ---------------------------------

    def execute(self, prompt_id: str, number: int, prompt: dict, client_id: str | None) -> None:
        item = [number, prompt_id, prompt, {"client_id": client_id}, ["9"]]
        with self.lock:
            self.queue_pending.append(item)
        self.send("status", {"status": self.queue_info()}, None)
        with self.gpu:
            with self.lock:
                self.queue_pending.remove(item)
                self.queue_running.append(item)
            try:
                self._run(prompt_id, prompt, client_id)
            finally:
                with self.lock:
                    self.queue_running.remove(item)
        self.send("status", {"status": self.queue_info()}, None)

    def _run(self, prompt_id: str, prompt: dict, sid: str | None) -> None:
        stamp = lambda: int(time.time() * 1000)  # noqa: E731
        messages = [["execution_start", {"prompt_id": prompt_id, "timestamp": stamp()}]]
        self.send("execution_start", messages[-1][1], sid)
        self.send("execution_cached", {"nodes": [], "prompt_id": prompt_id, "timestamp": stamp()}, sid)
        if self.hang:
            self.stopping.wait()
            return
        values: dict[str, tuple] = {}
        outputs: dict[str, dict] = {}
        for node_id in _order(prompt):
            node = prompt[node_id]
            self.send("executing", {"node": node_id, "display_node": node_id, "prompt_id": prompt_id}, sid)
            if self.drop_socket and sid in self.sockets:
                self.sockets[sid].close()
                return
            if node["class_type"] == self.fail_on:
                error = {
                    "prompt_id": prompt_id,
                    "node_id": node_id,
                    "node_type": node["class_type"],
                    "executed": list(values),
                    "exception_message": self.fail_message,
                    "exception_type": "torch.OutOfMemoryError",
                    "traceback": ['  File "execution.py", line 1, in execute\n'],
                    "current_inputs": {},
                    "current_outputs": {},
                }
                self.send("execution_error", error, sid)
                messages.append(["execution_error", error])
                self._record(prompt_id, prompt, {}, "error", messages)
                self.send("executing", {"node": None, "prompt_id": prompt_id}, sid)
                return
            values[node_id], ui = self._compute(prompt_id, node_id, node, values, sid)
            if ui:
                outputs[node_id] = ui
                self.send(
                    "executed", {"node": node_id, "display_node": node_id, "output": ui, "prompt_id": prompt_id}, sid
                )
        if not self.legacy:
            messages.append(["execution_success", {"prompt_id": prompt_id, "timestamp": stamp()}])
            self.send("execution_success", messages[-1][1], sid)
        time.sleep(self.history_delay)  # ComfyUI writes the history entry after execute() returns
        self._record(prompt_id, prompt, outputs, "success", messages)
        self.send("executing", {"node": None, "prompt_id": prompt_id}, sid)

    def _compute(self, prompt_id: str, node_id: str, node: dict, values: dict, sid: str | None):
        inputs = {
            name: values[str(value[0])][value[1]] if isinstance(value, list) else value
            for name, value in node["inputs"].items()
        }
        class_type = node["class_type"]
        if class_type == "CheckpointLoaderSimple":
            return ("model", "clip", "vae"), None
        if class_type == "CLIPTextEncode":
            return (inputs["text"],), None
        if class_type == "EmptyLatentImage":
            return ({"size": (inputs["width"], inputs["height"])},), None
        if class_type == "KSampler":
            steps = inputs["steps"]
            for step in range(1, steps + 1):
                time.sleep(self.steps_delay)
                progress = {"value": step, "max": steps, "node": node_id}
                if not self.legacy:
                    progress["prompt_id"] = prompt_id
                self.send("progress", progress, sid)
                self.send_preview(sid)
            return ({**inputs["latent_image"], "seed": inputs["seed"]},), None
        if class_type == "VAEDecode":
            seed = inputs["samples"]["seed"]
            colour = (seed * 37 % 256, seed * 91 % 256, seed * 53 % 256, 255)
            if "frames" in inputs["samples"]:  # a batch: one picture per video frame, a square moving across
                return (
                    [_moving_square(inputs["samples"]["size"], colour, i) for i in range(inputs["samples"]["frames"])],
                ), None
            return (Image.new("RGBA", inputs["samples"]["size"], colour),), None
        if class_type == "ImageOnlyCheckpointLoader":
            return ("svd-model", "clip-vision", "svd-vae"), None
        if class_type == "VideoLinearCFGGuidance":
            return (inputs["model"],), None
        if class_type == "SVD_img2vid_Conditioning":
            latent = {"size": (inputs["width"], inputs["height"]), "frames": inputs["video_frames"]}
            return ("positive", "negative", latent), None
        if class_type == VHS:
            return (), self._combine(inputs)
        if class_type == "LoadImage":
            return (Image.open(io.BytesIO(self.inputs[inputs["image"]])).convert("RGBA"), None), None
        if class_type == REMBG:
            image = inputs["image"].copy()
            image.putpixel((0, 0), (0, 0, 0, 0))  # the background, gone
            return (image,), None
        if class_type == "SaveImage":
            prefix = inputs["filename_prefix"]
            subfolder, _, stem = prefix.rpartition("/")
            with self.lock:
                self.counter += 1
                filename = f"{stem}_{self.counter:05}_.png"
            buffer = io.BytesIO()
            images = inputs["images"]
            (images[0] if isinstance(images, list) else images).save(buffer, format="PNG")
            self.files[("output", subfolder, filename)] = buffer.getvalue()
            return (), {"images": [{"filename": filename, "subfolder": subfolder, "type": "output"}]}
        raise AssertionError(f"the fake cannot execute {class_type}")

    def _combine(self, inputs: dict) -> dict:
        """Video Combine: a real H.264 MP4 made with ffmpeg, listed under "gifs" as VHS lists it."""
        frames = inputs["images"] if isinstance(inputs["images"], list) else [inputs["images"]]
        prefix = inputs["filename_prefix"]
        subfolder, _, stem = prefix.rpartition("/")
        with self.lock:
            self.counter += 1
            filename = f"{stem}_{self.counter:05}.mp4"
        width, height = frames[0].size
        with tempfile.TemporaryDirectory() as folder:
            path = f"{folder}/{filename}"
            writer = imageio_ffmpeg.write_frames(
                path,
                (width, height),
                fps=inputs["frame_rate"],
                codec="libx264",
                pix_fmt_out="yuv420p",
                quality=None,
                macro_block_size=1,
                output_params=["-crf", "28"],
            )
            writer.send(None)
            for frame in frames:
                writer.send(frame.convert("RGB").tobytes())
            writer.close()
            with open(path, "rb") as fh:
                self.files[("output", subfolder, filename)] = fh.read()
        entry = {"filename": filename, "subfolder": subfolder, "type": "output", "format": inputs["format"]}
        return {"gifs": [{**entry, "frame_rate": inputs["frame_rate"]}]}

    def _record(self, prompt_id: str, prompt: dict, outputs: dict, status: str, messages: list) -> None:
        with self.lock:
            self.history[prompt_id] = {
                "prompt": [self.number, prompt_id, prompt, {}, list(outputs)],
                "outputs": outputs,
                "status": {"status_str": status, "completed": status == "success", "messages": messages},
                "meta": {node_id: {"node_id": node_id, "display_node": node_id} for node_id in outputs},
            }


def _moving_square(size: tuple[int, int], colour: tuple, step: int) -> Image.Image:
    image = Image.new("RGBA", size, colour)
    side = max(4, min(size) // 4)
    left = (step * side // 3) % max(1, size[0] - side)
    image.paste((255, 255, 255, 255), (left, (size[1] - side) // 2, left + side, (size[1] + side) // 2))
    return image


def _deliver(connection: Connection, payload: str | bytes) -> None:
    # A client gone mid-run: ComfyUI logs the send error and carries on executing.
    with contextlib.suppress(ConnectionClosed):
        connection.send(payload)


def _reason(kind: str, message: str, input_name: str, details: str) -> dict:
    return {"type": kind, "message": message, "details": details, "extra_info": {"input_name": input_name}}


def _order(prompt: dict) -> list[str]:
    """Dependencies first, the way ComfyUI walks from the outputs."""
    done: list[str] = []

    def visit(node_id: str) -> None:
        if node_id in done:
            return
        for value in prompt[node_id]["inputs"].values():
            if isinstance(value, list):
                visit(str(value[0]))
        done.append(node_id)

    for node_id in prompt:
        visit(node_id)
    return done


def _handler(comfy: FakeComfy):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def log_message(self, *args):
            pass

        def do_GET(self):
            url = urlsplit(self.path)
            query = {key: values[-1] for key, values in parse_qs(url.query, keep_blank_values=True).items()}
            comfy.requests.append(f"GET {url.path}")
            if url.path == "/ws":
                return self._websocket(query.get("clientId") or uuid.uuid4().hex)
            if url.path == "/queue":
                with comfy.lock:
                    return self._json({"queue_running": comfy.queue_running, "queue_pending": comfy.queue_pending})
            if url.path == "/prompt":
                return self._json(comfy.queue_info())
            if url.path.startswith("/history/"):
                prompt_id = unquote(url.path.removeprefix("/history/"))
                with comfy.lock:
                    entry = comfy.history.get(prompt_id)
                return self._json({prompt_id: entry} if entry else {})
            if url.path.startswith("/object_info/"):
                node_class = unquote(url.path.removeprefix("/object_info/"))
                if node_class not in comfy.classes:
                    return self._json({})
                required, output = comfy.classes[node_class]
                info = {
                    "input": {"required": {name: [kind] for name, kind in required.items()}},
                    "output": list(output),
                    "name": node_class,
                    "display_name": node_class,
                    "output_node": node_class in OUTPUT_NODES,
                    "category": "image",
                }
                return self._json({node_class: info})
            if url.path == "/view":
                key = (query.get("type", "output"), query.get("subfolder", ""), query.get("filename", ""))
                data = comfy.files.get(key)
                if data is None:
                    return self._send(404, b"", "text/plain")
                kind = mimetypes.guess_type(key[2])[0] or "application/octet-stream"
                return self._send(200, data, kind, {"Content-Disposition": f'filename="{key[2]}"'})
            return self._send(404, b"404: Not Found", "text/plain")

        def do_POST(self):
            url = urlsplit(self.path)
            comfy.requests.append(f"POST {url.path}")
            body = self.rfile.read(int(self.headers.get("content-length") or 0))
            if url.path == "/prompt":
                return self._post_prompt(json.loads(body))
            if url.path == "/queue":
                comfy.deleted.extend(json.loads(body).get("delete", []))
                return self._send(200, b"", "text/plain")
            if url.path == "/upload/image":
                return self._upload(body)
            return self._send(404, b"404: Not Found", "text/plain")

        def _post_prompt(self, data: dict):
            comfy.received.append(data)
            comfy.events.append(f"prompt {data.get('client_id')}")
            if "prompt" not in data:
                return self._json({"error": "no prompt", "node_errors": []}, 400)
            status, answer = comfy.validate(data["prompt"])
            if status != 200:
                return self._json(answer, status)
            with comfy.lock:
                number = comfy.number
                comfy.number += 1
            prompt_id = str(uuid.uuid4())
            comfy.prompt_ids.append(prompt_id)
            worker = threading.Thread(
                target=comfy.execute, args=(prompt_id, number, data["prompt"], data.get("client_id")), daemon=True
            )
            worker.start()
            return self._json({"prompt_id": prompt_id, "number": number, "node_errors": {}})

        def _upload(self, body: bytes):
            head = f"Content-Type: {self.headers['content-type']}\r\n\r\n".encode()
            form = BytesParser(policy=HTTP).parsebytes(head + body)
            fields, image = {}, None
            for part in form.iter_parts():
                name = part.get_param("name", header="content-disposition")
                if name == "image":
                    image = (part.get_filename(), part.get_payload(decode=True))
                else:
                    fields[name] = part.get_content().strip()
            if image is None or not image[0]:
                return self._send(400, b"", "text/plain")
            filename, data = image
            subfolder = fields.get("subfolder", "")
            stored = f"{subfolder}/{filename}" if subfolder else filename
            if stored in comfy.inputs and fields.get("overwrite") not in ("true", "1"):
                stem, dot, ext = filename.rpartition(".")
                filename = f"{stem} (1){dot}{ext}"
                stored = f"{subfolder}/{filename}" if subfolder else filename
            comfy.inputs[stored] = data
            return self._json({"name": filename, "subfolder": subfolder, "type": fields.get("type") or "input"})

        def _websocket(self, sid: str):
            # http.server has read the request head; replay it so the protocol's parser moves on
            # to frames exactly as when websockets reads the head itself.
            protocol = ServerProtocol()
            head = "".join(f"{name}: {value}\r\n" for name, value in self.headers.items())
            protocol.receive_data(f"GET {self.path} HTTP/1.1\r\n{head}\r\n".encode("latin-1"))
            [request] = protocol.events_received()
            response = protocol.accept(request)
            protocol.send_response(response)
            handshake = b"".join(protocol.data_to_send())
            self.close_connection = True
            if response.status_code != 101:
                self.connection.sendall(handshake)
                return
            # Registered before the client hears 101, as ComfyUI registers right after prepare().
            connection = Connection(self.connection, protocol, ping_interval=None)
            comfy.sockets[sid] = connection
            comfy.events.append(f"ws {sid}")
            self.connection.sendall(handshake)
            comfy.send("status", {"status": comfy.queue_info(), "sid": sid}, sid)
            try:
                for _ in connection:
                    pass
            except ConnectionClosed:
                pass
            finally:
                comfy.sockets.pop(sid, None)

        def _json(self, data, status: int = 200):
            return self._send(status, json.dumps(data).encode(), "application/json; charset=utf-8")

        def _send(self, status: int, body: bytes, content_type: str, headers: dict | None = None):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

    return Handler
