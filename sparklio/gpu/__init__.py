"""The ComfyUI client for images on the GPU desktop(s). Base floor: imports no app."""

from sparklio.gpu.comfyui import ComfyClient, ComfyError, ComfyImage, comfy_configured

__all__ = ["ComfyClient", "ComfyError", "ComfyImage", "comfy_configured"]
