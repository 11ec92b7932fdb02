"""The ComfyUI client against a loopback ComfyUI (fake_comfy): real HTTP and WebSocket frames."""

import io
import socket
import time

import pytest
from PIL import Image

from sparklio.gpu import ComfyClient, ComfyError, comfy_configured, workflows
from sparklio.gpu.tests.fake_comfy import REMBG, FakeComfy, png_bytes


@pytest.fixture
def make_comfy():
    servers = []

    def make(**options) -> FakeComfy:
        servers.append(FakeComfy(**options))
        return servers[-1]

    yield make
    for server in servers:
        server.close()


@pytest.fixture
def comfy(make_comfy):
    return make_comfy()


@pytest.fixture
def dead_host():
    """A loopback port nobody listens on: connections are refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def client(settings):
    def make(hosts, **options) -> ComfyClient:
        settings.COMFYUI_URL = hosts
        made = ComfyClient(**options)
        clients.append(made)
        return made

    clients = []
    yield make
    for made in clients:
        made.close()


def product(seed=7, **options):
    return workflows.product_image("wireless earbuds on an office desk", "blurry, text", 1000, 600, seed, **options)


def size_of(data: bytes) -> tuple[int, int]:
    return Image.open(io.BytesIO(data)).size


# --- A full run -----------------------------------------------------------------------------------


def test_a_run_returns_the_image_bytes_and_reports_progress_up_to_one(comfy, client):
    progress = []

    images = client([comfy.url]).run(
        product(), on_progress=lambda fraction, message: progress.append((fraction, message))
    )

    assert len(images) == 1
    image = images[0]
    assert image.data.startswith(b"\x89PNG\r\n\x1a\n")
    assert size_of(image.data) == (1000, 600)
    assert image.mime == "image/png"
    assert image.filename == "product_00001_.png"
    assert image.host == comfy.url
    fractions = [fraction for fraction, _ in progress]
    assert len(fractions) == 30  # the workflow's KSampler steps
    assert all(a < b for a, b in zip(fractions, fractions[1:], strict=False))
    assert fractions[-1] == 1.0
    assert progress[0][1] == "KSampler (node 5): step 1 of 30"


def test_the_socket_opens_with_the_client_id_before_the_prompt_is_queued(comfy, client):
    client([comfy.url]).run(product())

    [body] = comfy.received
    client_id = body["client_id"]
    assert comfy.events == [f"ws {client_id}", f"prompt {client_id}"]
    assert body["prompt"] == product()


def test_each_run_uses_a_fresh_client_id(comfy, client):
    runner = client([comfy.url])
    runner.run(product(seed=1))
    runner.run(product(seed=2))

    assert comfy.received[0]["client_id"] != comfy.received[1]["client_id"]


def test_the_history_is_polled_until_comfyui_has_written_it(make_comfy, client):
    # execution_success leaves before ComfyUI stores the history entry.
    comfy = make_comfy(history_delay=0.3)

    images = client([comfy.url]).run(product())

    assert len(images) == 1
    assert sum(request.startswith("GET /history/") for request in comfy.requests) > 1


def test_an_older_comfyui_ends_on_executing_null(make_comfy, client):
    comfy = make_comfy(legacy=True)  # no execution_success, no prompt_id on progress
    progress = []

    images = client([comfy.url]).run(product(), on_progress=lambda fraction, _: progress.append(fraction))

    assert size_of(images[0].data) == (1000, 600)
    assert progress[-1] == 1.0


# --- Choosing a host ------------------------------------------------------------------------------


def test_the_host_with_the_shorter_queue_is_chosen(make_comfy, client):
    busy = make_comfy(queue_running=1, queue_pending=3)
    idle = make_comfy(queue_pending=1)
    runner = client([busy.url, idle.url])

    assert runner.queue_depth(busy.url) == 4
    assert runner.queue_depth(idle.url) == 1
    assert runner.pick_host() == idle.url
    [image] = runner.run(product())
    assert image.host == idle.url
    assert busy.received == []


def test_equal_queues_go_to_the_first_listed_host(make_comfy, client):
    first, second = make_comfy(queue_pending=2), make_comfy(queue_pending=2)

    assert client([first.url, second.url]).pick_host() == first.url
    assert client([second.url, first.url]).pick_host() == second.url


def test_an_unreachable_host_is_skipped(comfy, client, dead_host):
    runner = client([dead_host, comfy.url])

    assert runner.queue_depth(dead_host) is None
    [image] = runner.run(product())
    assert image.host == comfy.url


def test_no_reachable_host_is_a_retryable_unreachable_error(client, dead_host):
    with pytest.raises(ComfyError) as caught:
        client([dead_host, dead_host + "/"]).run(product())

    assert caught.value.kind == "unreachable"
    assert caught.value.retryable
    assert dead_host in caught.value.message


def test_no_host_configured(client, settings):
    runner = client([])

    assert not comfy_configured()
    with pytest.raises(ComfyError) as caught:
        runner.run(product())
    assert caught.value.kind == "not_configured"
    assert not caught.value.retryable


def test_configured_when_a_host_is_listed(settings):
    settings.COMFYUI_URL = ["http://gpu1:8188"]

    assert comfy_configured()


# --- Refusals and failures ------------------------------------------------------------------------


def test_comfyui_refusing_the_workflow_names_the_node(comfy, client):
    with pytest.raises(ComfyError) as caught:
        client([comfy.url]).run(product(checkpoint="missing_model.safetensors"))

    error = caught.value
    assert error.kind == "invalid_workflow"
    assert not error.retryable
    assert error.node == "1"
    assert "CheckpointLoaderSimple (node 1)" in error.message
    assert "missing_model.safetensors" in error.message
    assert "Prompt outputs failed validation" in error.message


def test_an_execution_error_carries_the_node_and_the_exception(make_comfy, client):
    comfy = make_comfy(fail_on="VAEDecode", fail_message="Allocation on device 0 would exceed allowed memory.")

    with pytest.raises(ComfyError) as caught:
        client([comfy.url]).run(product())

    error = caught.value
    assert error.kind == "execution"
    assert not error.retryable
    assert error.node == "6"
    assert "VAEDecode (node 6)" in error.message
    assert "Allocation on device 0 would exceed allowed memory." in error.message


def test_a_run_that_does_not_finish_in_time_times_out_and_leaves_the_queue(make_comfy, client):
    comfy = make_comfy(hang=True)
    started = time.monotonic()

    with pytest.raises(ComfyError) as caught:
        client([comfy.url], timeout=0.5).run(product())

    assert caught.value.kind == "timeout"
    assert caught.value.retryable
    assert time.monotonic() - started < 3
    assert len(comfy.prompt_ids) == 1
    assert comfy.deleted == comfy.prompt_ids  # the abandoned prompt is taken out of the queue


def test_a_socket_closed_mid_run_is_unreachable(make_comfy, client):
    comfy = make_comfy(drop_socket=True)

    with pytest.raises(ComfyError) as caught:
        client([comfy.url]).run(product())

    assert caught.value.kind == "unreachable"
    assert caught.value.retryable


def test_a_malformed_workflow_is_refused_before_any_request(comfy, client):
    broken = product()
    broken["6"]["inputs"]["samples"] = ["42", 0]

    with pytest.raises(ComfyError) as caught:
        client([comfy.url]).run(broken)

    assert caught.value.kind == "invalid_workflow"
    assert caught.value.node == "6"
    assert comfy.requests == []


# --- Inputs and custom nodes ----------------------------------------------------------------------


def test_remove_background_uploads_the_input_and_substitutes_its_name(comfy, client):
    picture = png_bytes(size=(80, 60))

    [image] = client([comfy.url]).run(workflows.remove_background("product.png"), inputs={"product.png": picture})

    [(uploaded, data)] = comfy.inputs.items()
    assert data == picture
    assert uploaded != "product.png"
    assert uploaded.endswith("-product.png")
    [body] = comfy.received
    assert body["prompt"]["1"] == {"class_type": "LoadImage", "inputs": {"image": uploaded}}
    assert body["prompt"]["2"]["class_type"] == REMBG
    cutout = Image.open(io.BytesIO(image.data))
    assert cutout.size == (80, 60)
    assert cutout.getpixel((0, 0))[3] == 0  # transparent where the background was
    assert comfy.requests.index("POST /upload/image") < comfy.requests.index("POST /prompt")


def test_two_uploads_of_one_name_do_not_overwrite_each_other(comfy, client):
    runner = client([comfy.url])
    workflow = workflows.remove_background("product.png")

    runner.run(workflow, inputs={"product.png": png_bytes(colour=(1, 2, 3, 255))})
    runner.run(workflow, inputs={"product.png": png_bytes(colour=(4, 5, 6, 255))})

    assert len(comfy.inputs) == 2


def test_an_input_no_node_reads_is_refused(comfy, client):
    with pytest.raises(ComfyError) as caught:
        client([comfy.url]).run(workflows.remove_background("product.png"), inputs={"other.png": png_bytes()})

    assert caught.value.kind == "invalid_workflow"
    assert "other.png" in caught.value.message
    assert comfy.inputs == {}


def test_a_host_without_the_custom_node_is_missing_node(make_comfy, client):
    comfy = make_comfy(custom_nodes=())

    with pytest.raises(ComfyError) as caught:
        client([comfy.url]).run(workflows.remove_background("product.png"), inputs={"product.png": png_bytes()})

    assert caught.value.kind == "missing_node"
    assert not caught.value.retryable
    assert REMBG in caught.value.message
    assert comfy.inputs == {}
    assert comfy.received == []


def test_the_host_with_the_custom_node_is_chosen_over_a_shorter_queue(make_comfy, client):
    bare = make_comfy(custom_nodes=())
    equipped = make_comfy(queue_pending=5)

    [image] = client([bare.url, equipped.url]).run(
        workflows.remove_background("product.png"), inputs={"product.png": png_bytes()}
    )

    assert image.host == equipped.url
    assert bare.inputs == {}


def test_comfyui_refusing_an_unknown_node_is_missing_node(comfy, client):
    # LatentUpscale ships with ComfyUI, so the client does not ask for it; this host lacks it.
    workflow = product()
    workflow["8"] = {
        "class_type": "LatentUpscale",
        "inputs": {
            "samples": ["5", 0],
            "upscale_method": "nearest-exact",
            "width": 2048,
            "height": 2048,
            "crop": "disabled",
        },
    }

    with pytest.raises(ComfyError) as caught:
        client([comfy.url]).run(workflow)

    assert caught.value.kind == "missing_node"
    assert caught.value.node == "8"
    assert "LatentUpscale" in caught.value.message


def test_has_node_asks_object_info(comfy, client):
    runner = client([comfy.url])

    assert runner.has_node(comfy.url, REMBG)
    assert not runner.has_node(comfy.url, "NoSuchNode")
    # The class name travels percent-encoded in the path; ComfyUI's router decodes it.
    assert "GET /object_info/Image%20Remove%20Background%20%28rembg%29" in comfy.requests


# --- Workflows ------------------------------------------------------------------------------------


def test_product_image_is_the_sdxl_graph(settings):
    settings.COMFYUI_CHECKPOINT = "juggernautXL.safetensors"

    workflow = workflows.product_image("earbuds", "blurry", 1000, 600, 42)

    assert [node["class_type"] for node in workflow.values()] == [
        "CheckpointLoaderSimple",
        "CLIPTextEncode",
        "CLIPTextEncode",
        "EmptyLatentImage",
        "KSampler",
        "VAEDecode",
        "SaveImage",
    ]
    assert workflow["1"]["inputs"]["ckpt_name"] == "juggernautXL.safetensors"
    assert workflow["2"]["inputs"]["text"] == "earbuds"
    assert workflow["3"]["inputs"]["text"] == "blurry"
    assert workflow["4"]["inputs"] == {"width": 1000, "height": 600, "batch_size": 1}
    sampler = workflow["5"]["inputs"]
    assert sampler["seed"] == 42
    assert (sampler["model"], sampler["positive"], sampler["negative"], sampler["latent_image"]) == (
        ["1", 0],
        ["2", 0],
        ["3", 0],
        ["4", 0],
    )
    assert workflow["6"]["inputs"] == {"samples": ["5", 0], "vae": ["1", 2]}
    assert workflow["7"]["inputs"]["images"] == ["6", 0]


def test_product_image_takes_a_checkpoint_of_its_own():
    assert workflows.product_image("a", "b", 512, 512, 1, "other.safetensors")["1"]["inputs"]["ckpt_name"] == (
        "other.safetensors"
    )


@pytest.mark.parametrize(
    ("asked", "made"),
    [(1000, 1000), (1001, 1000), (1005, 1008), (100, 256), (5000, 2048), (767.6, 768)],
)
def test_sides_are_multiples_of_eight_within_bounds(asked, made):
    workflow = workflows.product_image("a", "b", asked, asked, 1)

    assert workflow["4"]["inputs"]["width"] == made
    assert workflow["4"]["inputs"]["height"] == made


def test_seeds_wrap_into_the_samplers_range():
    assert workflows.product_image("a", "b", 512, 512, -1)["5"]["inputs"]["seed"] == 2**64 - 1
    assert workflows.product_image("a", "b", 512, 512, 2**64 + 5)["5"]["inputs"]["seed"] == 5


def test_logo_is_square_and_asks_for_a_mark():
    workflow = workflows.logo("Sparklio", "playful, orange and navy", 3)

    assert workflow["4"]["inputs"] == {"width": 1024, "height": 1024, "batch_size": 1}
    prompt = workflow["2"]["inputs"]["text"]
    assert '"Sparklio"' in prompt
    assert "playful, orange and navy" in prompt
    assert "logo" in prompt
    assert "photorealistic" in workflow["3"]["inputs"]["text"]
    assert workflow["7"]["inputs"]["filename_prefix"] == "sparklio/logo"


def test_remove_background_uses_the_configured_node(settings):
    settings.COMFYUI_REMBG_NODE = "RMBG"

    workflow = workflows.remove_background("shoe.png")

    assert workflow == {
        "1": {"class_type": "LoadImage", "inputs": {"image": "shoe.png"}},
        "2": {"class_type": "RMBG", "inputs": {"image": ["1", 0]}},
        "3": {"class_type": "SaveImage", "inputs": {"images": ["2", 0], "filename_prefix": "sparklio/cutout"}},
    }


def test_a_logo_runs_end_to_end(comfy, client):
    [image] = client([comfy.url]).run(workflows.logo("Sparklio", "minimal", 9))

    assert size_of(image.data) == (1024, 1024)
    assert image.filename.startswith("logo_")
