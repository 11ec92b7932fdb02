"""Brief shapes that a thirteenth unseen set read wrong, each tested with wording of our own."""

import pytest

from sparklio.language.brief import brief_parse


@pytest.mark.parametrize(
    ("text", "product"),
    [
        # a letter's greeting names whom it greets, never the product
        (
            "Dear Hiring Team,\n\nNorthwind Cargo Partners would like a one-page flyer. We ship to 30 countries.",
            "Northwind Cargo Partners",
        ),
        ("Hello Friends,\n\nBright Path Tutoring needs a poster for the fall term. 1:1 sessions, SAT prep.", None),
        # a discourse word set off by a dash turns to the news; the subject after it is the name
        (
            "Hope the move went well! Anyway — Maple Leaf Bakery is opening a stall at the market. Poster please.",
            "Maple Leaf Bakery",
        ),
        (
            "Crazy week over here. So — Blue Harbor Kayaks is starting sunset tours in June. Need an IG post.",
            "Blue Harbor Kayaks",
        ),
        # "I run a <kind> called <name>": the kind is no name, the name follows "called"
        ("I run a tiny pottery studio in Leeds called Kiln & Co. Can you make an IG post?", "Kiln & Co"),
        ("I run an indie bike shop downtown named Spoke Theory, want a FB post for tune-ups.", "Spoke Theory"),
        # a request word at the end of the phrase is no part of the name
        ("Web banner for our cedar beard oil please, 30ml, no synthetic scent.", "cedar beard oil"),
        ("IG caption for our honey lip balm pls (brand: Bee Kind). Beeswax, 4g tube.", "honey lip balm"),
        # "What to promote:" names the thing, whatever the business line beside it is called
        (
            "Business name: Summit Climbing Gym\nWhat to promote: beginner bouldering nights\nPrice: $25",
            "beginner bouldering nights",
        ),
        ("Promoting: weekend brunch buffet\nShop: Olive Grove Bistro\nChannels: IG post", "weekend brunch buffet"),
        # a trade firm's name, then the job it sells: the job is the product
        ("Summit Plumbing water heater flush, 45 minutes, licensed techs -- need a flyer", "water heater flush"),
        ("BrightSpark Electric EV charger install, same-week scheduling, need a FB post", "EV charger install"),
    ],
)
def test_greetings_discourse_words_and_request_words_are_no_product(text, product):
    parsed = brief_parse(text).product
    if product is None:
        assert parsed is None or not parsed.startswith("Hello")
    else:
        assert parsed == product


@pytest.mark.parametrize(
    ("text", "offer"),
    [
        # a labelled offer line is the offer whole, dashes and all, and the next line stays out
        (
            "Offer: Sign up with a buddy — both of you get 2 free classes\nChannels: IG post",
            "Sign up with a buddy — both of you get 2 free classes",
        ),
        ("Promo: first tasting flight free for members\nDeliverables: poster", "first tasting flight free for members"),
        # a bundle's own price, with what it would cost apart
        ("- camp stove + pot set\n- bundle price $89 (separately $120)\n- need: IG post", "bundle price $89"),
        # the code and what it gets, with the first order and the deadline
        ("code BREW20 = 20% off first order thru 8/15", "code BREW20 = 20% off first order thru 8/15"),
        # a pass for a stretch of time at its own price
        ("new climbing gym! intro deal $30 unlimited for 10 days (first-timers only)", "$30 unlimited for 10 days"),
        # a deadline after "--"-free text stays; a "--" ends the clause
        (
            "Gutter cleaning, normally $150, now $40 off through May 15 -- need a door hanger",
            "$40 off through May 15",
        ),
        # a saving in brackets belongs to the plan and price before it
        (
            "Pro is $9/mo, or yearly plan $90/yr (save 17%). Need an app store banner.",
            "yearly plan $90/yr (save 17%)",
        ),
    ],
)
def test_english_offers_keep_what_they_are_on(text, offer):
    assert offer in (brief_parse(text).offer or "")


@pytest.mark.parametrize(
    ("text", "channels"),
    [
        ("Need: 1. landing page 2. email to our waitlist", ["product_detail", "email_newsletter"]),
        ("an IG post and an email for our subscribers about the sale", ["instagram_feed", "email_newsletter"]),
    ],
)
def test_an_email_to_a_list_of_people_is_a_newsletter(text, channels):
    assert brief_parse(text).channels == channels
