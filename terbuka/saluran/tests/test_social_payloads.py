"""Reading the platforms' payload shapes into items; unknown shapes reported, not dropped."""

import json

import pytest

from terbuka.saluran import social
from terbuka.saluran.tests.samples import body

AT = 1_800_000_000


def _load(name):
    return json.loads(body(name, AT))


def test_whatsapp_text_message():
    parsed = social.parse_meta(_load("whatsapp_text"))
    (item,) = parsed.items
    assert item.platform == "whatsapp" and item.sender_id == "6281907001234"
    assert item.sender_name == "Baiq Nurul" and "Seteluk Atas" in item.text
    assert item.external_id.startswith("wamid.") and item.timestamp == AT
    assert parsed.unknown == []


def test_whatsapp_delivery_status_is_acknowledged_not_an_item():
    parsed = social.parse_meta(_load("whatsapp_status"))
    assert parsed.items == [] and parsed.ignored == 1 and parsed.unknown == []


@pytest.mark.parametrize(("name", "platform", "kind"), [
    ("messenger_text", "facebook", "message"), ("facebook_comment", "facebook", "comment"),
    ("instagram_dm", "instagram", "message"),
])
def test_meta_messages_and_comments(name, platform, kind):
    (item,) = social.parse_meta(_load(name)).items
    assert (item.platform, item.kind) == (platform, kind)
    assert item.text and item.sender_id and item.external_id
    assert item.timestamp == AT


def test_x_mention_and_direct_message():
    (mention,) = social.parse_x(_load("x_mention")).items
    assert (mention.kind, mention.sender_name, mention.thread) == (
        "tweet", "warga_ksb", "1860000000000000042")
    (dm,) = social.parse_x(_load("x_dm")).items
    assert dm.kind == "direct_message" and dm.text == "Mau lapor pungli di kantor desa"


def test_our_own_tweets_and_echoes_are_skipped():
    payload = _load("x_mention")
    payload["tweet_create_events"][0]["user"]["id_str"] = payload["for_user_id"]
    parsed = social.parse_x(payload)
    assert parsed.items == [] and parsed.ignored == 1


@pytest.mark.parametrize("payload", [
    [], "text", {"object": "page"}, {"entry": [1]},
])
def test_meta_unknown_shapes_are_reported(payload):
    parsed = social.parse_meta(payload)
    assert parsed.items == [] and parsed.unknown


def test_meta_entry_without_messaging_or_changes_is_reported():
    parsed = social.parse_meta(_load("unknown_shape"))
    assert parsed.items == [] and len(parsed.unknown) == 1


def test_x_unknown_shape_is_reported():
    assert social.parse_x({"for_user_id": "1", "something_new": []}).unknown
