"""What each channel allows: text lengths, hashtag counts, and how long a video runs.

Lengths are in characters (Korean syllables count one each), taken from the platforms' own
limits where they truncate (Instagram's caption fold, Facebook's primary-text fold, YouTube's
title) and from their design guides where a design is meant (headline words on an image).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ChannelRules:
    key: str
    name: str
    headline_max: int  # characters on the design
    subheadline_max: int
    body_max: int  # the post text or primary text before the platform folds it
    cta_max: int
    hashtags_min: int
    hashtags_max: int
    caption_max: int  # the platform's hard limit for a post
    video_seconds: int  # a storyboard's default length
    # a call-to-action button: not on a deck's cover or a video's thumbnail, where there is
    # nothing to press (a slide says the company and what it does, a thumbnail a punchy title)
    button: bool = True
    # a deck ends on a slide that asks for the next step: a call to action there (not a
    # shopping one), though its cover has no button
    closing_cta: bool = False


DEFAULT = ChannelRules("default", "Generic", 30, 50, 300, 14, 0, 10, 5000, 30)

CHANNEL_RULES: dict[str, ChannelRules] = {
    rules.key: rules
    for rules in [
        ChannelRules("instagram_feed", "Instagram", 25, 45, 125, 12, 3, 15, 2200, 30),
        ChannelRules("instagram_portrait", "Instagram", 25, 45, 125, 12, 3, 15, 2200, 30),
        ChannelRules("instagram_story", "Instagram Stories", 20, 40, 80, 10, 0, 10, 2200, 15),
        ChannelRules("facebook_feed", "Facebook", 40, 60, 125, 14, 0, 3, 63206, 30),
        ChannelRules("youtube_thumbnail", "YouTube", 20, 40, 100, 12, 0, 15, 5000, 60, button=False),
        ChannelRules("naver_blog", "Naver Blog", 40, 60, 2000, 14, 5, 30, 100000, 60),
        ChannelRules("kakao_feed", "KakaoTalk", 20, 40, 400, 10, 0, 0, 1000, 30),
        ChannelRules("product_detail", "Product detail page", 30, 60, 1500, 14, 0, 0, 100000, 30),
        # display networks cut a banner's text near 90 characters; HTML5 banners animate for at most 30 s
        ChannelRules("web_banner", "Web banner", 25, 40, 90, 12, 0, 0, 90, 15),
        # read from a few metres: a short headline, a few lines of text, hashtags only for a campaign
        ChannelRules("poster", "Poster", 20, 45, 200, 14, 0, 3, 500, 15),
        # a slide title fits one line at 40 characters; the speaker says the rest
        ChannelRules(
            "presentation", "Presentation slide", 40, 60, 300, 20, 0, 0, 2000, 60, button=False, closing_cta=True
        ),
        # the subject-line fold of mail apps is ~40 characters, the preheader ~90
        ChannelRules("email_newsletter", "E-mail newsletter", 40, 90, 1000, 20, 0, 0, 100000, 30),
    ]
}


def rules_for(channel: str | None) -> ChannelRules:
    return CHANNEL_RULES.get(channel or "", DEFAULT)
