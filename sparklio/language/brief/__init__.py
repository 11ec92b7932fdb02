"""Brief understanding shared by every generator baseline: brief_parse reads a marketing brief
(Korean or English) into product, category, channel, format, audience, features, benefits,
tone, price, offer and keywords."""

from .extract import Brief, brief_parse
from .facts import Facts, FactsOverride, facts_from_brief, facts_of
from .signals import detect_channel, detect_language, video_request

__all__ = [
    "Brief",
    "Facts",
    "FactsOverride",
    "brief_parse",
    "detect_channel",
    "detect_language",
    "facts_from_brief",
    "facts_of",
    "video_request",
]
