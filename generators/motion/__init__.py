"""Short videos made here: scenes drawn by the document renderer, animated with numpy, encoded by
the ffmpeg that imageio-ffmpeg ships."""
