"""Turning platform webhook payloads into the items Terbuka triages. Plain functions; no Django.

One adapter per platform family reads its payload shape and returns `Item`s; what it does not
recognise is reported back (never ignored) so the caller can keep the raw payload in triage.

Shapes read (as documented by the platforms):
* WhatsApp Business Cloud API: `object = whatsapp_business_account`, entry[].changes[] with
  field `messages`, value.messages[] (`from`, `id`, `timestamp`, `type`, `text.body`) and
  value.contacts[].profile.name. Status callbacks (value.statuses) are acknowledged, not items.
* Messenger and Instagram messaging: `object = page | instagram`, entry[].messaging[] with
  sender.id, timestamp (ms) and message.mid / message.text; echoes of our own replies skipped.
* Page feed and Instagram mentions/comments: entry[].changes[] with field `feed`, `mention(s)`
  or `comments`, value with message/text, from.id/from.name, post_id/comment_id/id.
* X Account Activity API: tweet_create_events[] (id_str, text, user.id_str/screen_name,
  timestamp_ms) and direct_message_events[] (type message_create, id, created_timestamp,
  message_create.sender_id and message_data.text); our own tweets (user = for_user_id) skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PLATFORMS = ("whatsapp", "facebook", "instagram", "x")


@dataclass(frozen=True)
class Item:
    platform: str
    external_id: str  # the platform's id of the message, mention or comment
    sender_id: str  # whom to answer
    sender_name: str
    text: str
    timestamp: float | None  # seconds since the epoch
    kind: str = "message"  # message, mention, comment, tweet, direct_message
    thread: str = ""  # what to reply under (a tweet id, a comment id)


@dataclass
class Parsed:
    items: list[Item] = field(default_factory=list)
    unknown: list[Any] = field(default_factory=list)  # parts whose shape is not known
    ignored: int = 0  # known parts that carry nothing to triage (delivery statuses, echoes)


def _seconds(value) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number / 1000 if number > 10**11 else number


def _str(value) -> str:
    return "" if value is None else str(value)


def parse_meta(payload: Any) -> Parsed:
    out = Parsed()
    if not isinstance(payload, dict) or not isinstance(payload.get("entry"), list):
        out.unknown.append(payload)
        return out
    kind = payload.get("object")
    for entry in payload["entry"]:
        if not isinstance(entry, dict):
            out.unknown.append(entry)
            continue
        for event in entry.get("messaging") or []:
            _meta_messaging(kind, entry, event, out)
        for change in entry.get("changes") or []:
            _meta_change(kind, entry, change, out)
        if not entry.get("messaging") and not entry.get("changes"):
            out.unknown.append(entry)
    return out


def _meta_messaging(kind, entry, event, out: Parsed) -> None:
    platform = "instagram" if kind == "instagram" else "facebook"
    message = event.get("message") if isinstance(event, dict) else None
    if not isinstance(message, dict):
        if isinstance(event, dict) and ("delivery" in event or "read" in event):
            out.ignored += 1
        else:
            out.unknown.append(event)
        return
    if message.get("is_echo"):
        out.ignored += 1
        return
    text = _str(message.get("text"))
    if not text and message.get("attachments"):
        text = "[" + ", ".join(_str(a.get("type")) for a in message["attachments"]
                               if isinstance(a, dict)) + "]"
    sender = _str((event.get("sender") or {}).get("id"))
    if not message.get("mid") or not sender:
        out.unknown.append(event)
        return
    out.items.append(Item(platform, _str(message["mid"]), sender, "", text,
                          _seconds(event.get("timestamp") or entry.get("time"))))


def _meta_change(kind, entry, change, out: Parsed) -> None:
    if not isinstance(change, dict) or not isinstance(change.get("value"), dict):
        out.unknown.append(change)
        return
    value, name = change["value"], change.get("field")
    if kind == "whatsapp_business_account" and name == "messages":
        names = {_str(c.get("wa_id")): _str((c.get("profile") or {}).get("name"))
                 for c in value.get("contacts") or [] if isinstance(c, dict)}
        for message in value.get("messages") or []:
            if not isinstance(message, dict) or not message.get("id") or not message.get("from"):
                out.unknown.append(message)
                continue
            if message.get("type") == "text":
                text = _str((message.get("text") or {}).get("body"))
            else:
                text = f"[{_str(message.get('type'))}]"
                caption = (message.get(message.get("type") or "") or {})
                if isinstance(caption, dict) and caption.get("caption"):
                    text += " " + _str(caption["caption"])
            sender = _str(message["from"])
            out.items.append(Item("whatsapp", _str(message["id"]), sender,
                                  names.get(sender, ""), text, _seconds(message.get("timestamp"))))
        out.ignored += len(value.get("statuses") or [])
        if not value.get("messages") and not value.get("statuses"):
            out.unknown.append(change)
        return
    if name in ("feed", "mention", "mentions", "comments"):
        platform = "instagram" if kind == "instagram" else "facebook"
        if name == "feed" and value.get("verb") not in (None, "add"):
            out.ignored += 1
            return
        text = _str(value.get("message") or value.get("text"))
        item_id = _str(value.get("comment_id") or value.get("post_id") or value.get("media_id")
                       or value.get("id"))
        sender = value.get("from") or {}
        if not item_id or not text:
            out.unknown.append(change)
            return
        out.items.append(Item(
            platform, item_id, _str(sender.get("id")),
            _str(sender.get("name") or sender.get("username")), text,
            _seconds(value.get("created_time") or entry.get("time")),
            kind="comment" if value.get("comment_id") or name == "comments" else "mention",
            thread=item_id,
        ))
        return
    out.unknown.append(change)


def parse_x(payload: Any) -> Parsed:
    out = Parsed()
    if not isinstance(payload, dict):
        out.unknown.append(payload)
        return out
    me = _str(payload.get("for_user_id"))
    known = False
    for tweet in payload.get("tweet_create_events") or []:
        known = True
        user = tweet.get("user") if isinstance(tweet, dict) else None
        if not isinstance(user, dict) or not tweet.get("id_str"):
            out.unknown.append(tweet)
            continue
        if _str(user.get("id_str")) == me:
            out.ignored += 1
            continue
        text = _str((tweet.get("extended_tweet") or {}).get("full_text") or tweet.get("text"))
        out.items.append(Item("x", _str(tweet["id_str"]), _str(user.get("id_str")),
                              _str(user.get("screen_name")), text,
                              _seconds(tweet.get("timestamp_ms")), kind="tweet",
                              thread=_str(tweet["id_str"])))
    for event in payload.get("direct_message_events") or []:
        known = True
        create = event.get("message_create") if isinstance(event, dict) else None
        if event.get("type") != "message_create" or not isinstance(create, dict):
            out.unknown.append(event)
            continue
        sender = _str(create.get("sender_id"))
        if sender == me:
            out.ignored += 1
            continue
        text = _str((create.get("message_data") or {}).get("text"))
        out.items.append(Item("x", _str(event.get("id")), sender, "", text,
                              _seconds(event.get("created_timestamp")), kind="direct_message"))
    for key in ("favorite_events", "follow_events", "direct_message_indicate_typing_events",
                "direct_message_mark_read_events", "tweet_delete_events"):
        if payload.get(key):
            known = True
            out.ignored += len(payload[key])
    if not known:
        out.unknown.append(payload)
    return out
