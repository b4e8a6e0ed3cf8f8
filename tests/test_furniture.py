"""The page-furniture rules: what they drop, and the real sentences they must keep."""

from __future__ import annotations

import pytest

from brief import furniture

FURNITURE = [
    ("Site icon NJTODAY.NET", "site_icon"),
    ("Exit mobile version", "mobile_version"),
    ("Skip to content", "skip_link"),
    ("Share this article", "share_prompt"),
    ("Share on Facebook", "share_prompt"),
    ("Share this story with your friends", "share_prompt"),
    ("Subscribe to our newsletter", "subscribe_prompt"),
    ("Sign up for our free daily briefing newsletter.", "subscribe_prompt"),
    ("Subscribe now", "subscribe_prompt"),
    ("Click here to read the full statement.", "click_prompt"),
    ("Follow us on Twitter and Instagram", "follow_prompt"),
    ("Read more: Ukraine fires first ATACMS missiles at Russia", "read_more"),
    ("Related Articles", "read_more"),
    ("ADVERTISEMENT", "advertisement"),
    ("© 2024 Daily Bugle. All rights reserved.", "copyright"),
    ("Photo: Getty Images", "photo_credit"),
    ("FILE - Ukrainian soldiers fire a howitzer near Bakhmut, Oct. 2, 2023.", "photo_credit"),
    ("Ukrainian troops near the front line. (AP Photo/Efrem Lukatsky)", "photo_credit"),
    ("Smoke over Kharkiv after the strike | Getty Images", "photo_credit"),
    ("With additional reporting by Jane Roe", "additional_reporting"),
    ("https://example.com/news/ukraine-strikes", "link_line"),
    ("Website: http://example.com/podcasts", "link_line"),
    ("![A missile launch](img/launch.jpg)", "image_markup"),
    ("President Joe Biden speaking from the Oval Office of the White House in Washington, DC.",
     "photo_caption"),
    ("Protesters gathering outside the Russian embassy in Kyiv on Tuesday.", "photo_caption"),
]  # fmt: skip

# Realistic article lines that look a little like furniture and must be kept.
KEPT = [
    "Share prices fell 3% on Monday after the announcement.",
    "Subscribers to the service will pay more from January, the company said.",
    "Copyright law was not changed by the new bill.",
    "Picture-perfect weather greeted the delegates in Prague.",
    "Photographers were kept away from the summit, officials said.",
    "Putin, speaking in Moscow on Friday, warned of serious consequences.",
    "President Biden speaking at the rally was interrupted by protesters.",
    "Protesters marching in Kyiv demanded more air defense.",
    "Russian President Vladimir Putin warns of potential retaliation against Americans.",
    "Ukraine has been utilizing drones in attacks on Russian territory.",
    "Following Biden’s lead, NATO members are preparing to send additional weapons.",
    "During his previous tenure in the White House Trump showed no unwillingness to act.",
    "Analysts speculate that Biden’s move aims to establish favorable conditions.",
    "“We want peace, we want fair peace.” – U.N. Secretary-General Antonio Guterres",
    "The source said the weapons would arrive next week.",
    "Click fraud cost advertisers billions, the report found.",
    "- President Biden authorizes Ukraine to use U.S.-supplied ATACMs missiles",
    # Headlines and excerpts shaped like captions.
    "Senate Democrats leaving town as budget talks stall",
    "Lawmakers weighing new sanctions against Moscow",
    "The rising cost of fuel comes amid a long strike by refinery workers.",
    "Families seeking asylum at the border, for...",
]


@pytest.mark.parametrize(("line", "name"), FURNITURE)
def test_rule_drops_furniture_line(line: str, name: str) -> None:
    assert furniture.rule(line) == name


@pytest.mark.parametrize("line", KEPT)
def test_rule_keeps_real_sentences(line: str) -> None:
    assert furniture.rule(line) is None


def test_sources_list_dropped_up_to_the_next_paragraph() -> None:
    lines = [
        "The coming months will be crucial.",
        "Sources:",
        "- Ukraine has been waiting to strike deep into Russia. Is it too late?",
        "",
        "- NATO Members Prepare More Weapons for Ukraine",
        "https://example.com/story",
        "Editor's note: this story was updated on Tuesday to add the response of the German "
        "government, which declined to comment on the report before the summit in Brussels.",
    ]
    assert furniture.classify(lines) == [
        None, "link_list", "link_list", None, "link_list", "link_list", None,
    ]  # fmt: skip


def test_unmarked_sources_list_closing_the_file_is_dropped() -> None:
    lines = ["Talks may follow.", "Sources", "Ukraine waits for missiles", "www.example.com/b", ""]
    assert furniture.classify(lines) == [None, "link_list", "link_list", "link_list", None]


def test_sources_heading_before_more_article_keeps_the_article() -> None:
    long_line = "Officials said the talks would resume next week in Geneva, " * 3
    lines = ["Sources:", "Talks resumed.", long_line]
    assert furniture.classify(lines) == ["link_list", None, None]


def test_bullets_outside_a_sources_list_are_content() -> None:
    lines = ["At a Glance", "- Russia deploys North Korean troops", "- Germany holds back"]
    assert furniture.classify(lines) == [None, None, None]


@pytest.mark.parametrize(
    "line",
    ["At a Glance", "The Road Ahead", "The Road Ahead: Escalation and Its Consequences",
     "## Diplomatic Tensions and Varied NATO Responses"],
)  # fmt: skip
def test_headings(line: str) -> None:
    assert furniture.is_heading(line)


@pytest.mark.parametrize(
    "line",
    [
        "The decision marks a dramatic shift in U.S. policy.",
        "“We want peace, we want fair peace.” – U.N. Secretary-General Antonio Guterres",
        "- Germany maintains its policy of not providing long-range missiles to Ukraine",
        "Is Biden’s approval too late?",
        "this line is lower case and no heading",
    ],
)
def test_not_headings(line: str) -> None:
    assert not furniture.is_heading(line)


def test_list_item_body_starts_after_the_marker() -> None:
    line = "- President Biden authorizes Ukraine"
    start = furniture.list_item_body(line)
    assert start is not None and line[start:] == "President Biden authorizes Ukraine"
    assert furniture.list_item_body("1. First point") == 3
    assert furniture.list_item_body("-5 degrees overnight") is None
