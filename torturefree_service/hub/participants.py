"""Participants and the signed directory: add or update a state, publish a new version.

The hub is itself a participant (`HUB`): its home is an exchange node (`torturefree exchange
init --state HUB --home <hub home>`) whose current key signs each directory version. A version
is built from the participants table, signed, stored once and served unchanged at
/exchange/v1/directory; publishing without a change makes no new version.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.db import transaction

from torturefree.errors import InputError
from torturefree.exchange.canonical import canonical
from torturefree.exchange.directory import Participant as Entry
from torturefree.exchange.directory import directory_document, parse_directory, sign_directory
from torturefree.exchange.errors import DirectoryError
from torturefree.exchange.node import Node
from torturefree.exchange.publickey import PublicKey
from torturefree.paths import home_dir
from torturefree_service.hub.models import Participant, ParticipantKey, PublishedDirectory


def hub_node() -> Node:
    """The hub's exchange identity, in its home (the key that signs directories and tree heads)."""
    return Node(home_dir())


def participant_save(entry: Entry) -> Participant:
    """Add a participant or update it from a directory entry (`exchange init`'s output).

    Keys are added or their validity updated; a key the hub listed is never dropped, because it
    verifies what was signed with it (a rotation ends it with valid_until instead)."""
    if entry.profile is not None:
        _check_profile(entry.profile)
    with transaction.atomic():
        row, _ = Participant.objects.update_or_create(
            state=entry.state,
            defaults={
                "name": entry.name,
                "url": entry.url,
                "profile": entry.profile or "",
                "annexes_opted_in": list(entry.annexes_opted_in),
                "accepts": list(entry.accepts),
                "contact": dict(entry.contact),
            },
        )
        for key in entry.keys:
            ParticipantKey.objects.update_or_create(
                participant=row,
                key_id=key.key_id,
                defaults={
                    "public_key": key.public_key,
                    "valid_from": key.valid_from,
                    "valid_until": key.valid_until,
                },
            )
    return row


def entry_from_json(value: Any, where: str) -> Entry:
    try:
        return Entry.from_json(value, where)
    except DirectoryError as error:
        raise InputError(str(error), field=where) from error


def _check_profile(profile: str) -> None:
    from torturefree_service.hub.countries import profile_ids

    known = profile_ids()
    if profile not in known:
        raise InputError(
            f"unknown profile '{profile}' (one of {', '.join(known)}, from data/profiles)",
            field="profile",
        )


def entries() -> list[Entry]:
    rows = Participant.objects.prefetch_related("keys").order_by("state")
    return [_entry(row) for row in rows]


def _entry(row: Participant) -> Entry:
    keys = tuple(
        PublicKey(k.key_id, k.public_key, k.valid_from, k.valid_until) for k in row.keys.all()
    )
    return Entry(
        state=row.state,
        url=row.url,
        keys=keys,
        name=row.name,
        profile=row.profile or None,
        annexes_opted_in=tuple(row.annexes_opted_in),
        accepts=tuple(row.accepts),
        contact=row.contact,
    )


def latest() -> PublishedDirectory | None:
    return PublishedDirectory.objects.order_by("-version").first()


def directory_publish() -> tuple[PublishedDirectory, bool]:
    """Sign the participants as the next version; (the version served, whether it is new)."""
    with transaction.atomic():
        held = PublishedDirectory.objects.select_for_update().order_by("-version").first()
        current, release = entries(), named_release()
        if held is not None and _same(held, current, release):
            return held, False
        version = 1 if held is None else held.version + 1
        document = directory_document(version, current, list_release=release)
        signed = sign_directory(document, hub_node().signing_key())
        row = PublishedDirectory.objects.create(
            version=version, signed=signed, sha256=hashlib.sha256(signed).hexdigest()
        )
        # The hub verifies what nodes send with the directory it signed, held like a node's.
        node = hub_node()
        node.directories.load(signed, node.signing_key().public.public_key)
    return row, True


def _same(held: PublishedDirectory, current: list[Entry], release: dict[str, Any] | None) -> bool:
    document = json.loads(bytes(held.signed))["directory"]
    published = parse_directory(document).participants.values()
    if document.get("list_release") != release:
        return False
    return canonical([p.to_json() for p in published]) == canonical([p.to_json() for p in current])


def named_release() -> dict[str, Any] | None:
    """The list release the hub last published, as the directory names it (`list_release`, a
    field this implementation adds; docs/releases.md). None before the first."""
    from torturefree_service.amendments.releases import latest as latest_release

    row = latest_release()
    if row is None:
        return None
    return {
        "release": row.release,
        "sequence": row.sequence,
        "issued_at": row.issued_at,
        "sha256": row.sha256,
    }
