"""`/exchange/v1/`: the inbox where peers deliver (every answer a signed receipt), the signed
directory this node holds and its own entry (what an operator sends the hub to join)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from torturefree.exchange.envelope import MAX_MESSAGE_BYTES
from torturefree_service.exchange.identity import identity
from torturefree_service.exchange.inbox import inbox_receive

CHUNK = 64 * 1024
# An oversize post is drained up to this much, then the connection is left to drop.
DRAIN_BYTES = 16 * 1024 * 1024
NOT_JOINED = {"code": "not_a_participant", "message": "this node has no exchange keys"}


def _body(request: HttpRequest) -> bytes:
    """At most one byte more than a message may have: enough to refuse it as too large. The
    rest of an oversize body is read and dropped (up to DRAIN_BYTES) so that the sender, still
    writing, gets its signed refusal instead of a reset connection."""
    kept = bytearray()
    read = 0
    while read <= DRAIN_BYTES:
        chunk = request.read(CHUNK)
        if not chunk:
            break
        read += len(chunk)
        if len(kept) <= MAX_MESSAGE_BYTES:
            kept.extend(chunk)
    return bytes(kept[: MAX_MESSAGE_BYTES + 1])


@csrf_exempt  # peers authenticate by signature, not by a browser session
@require_POST
def inbox(request: HttpRequest) -> HttpResponse:
    me = identity()
    if me is None:
        # Not a receipt: the sender keeps the message and retries once this node has joined.
        return JsonResponse({"error": NOT_JOINED}, status=503)
    receipt = inbox_receive(_body(request), me, remote_addr=request.META.get("REMOTE_ADDR", ""))
    return HttpResponse(receipt, content_type="application/json")


@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    """The hub-signed directory exactly as loaded: a peer can check it against the hub's key."""
    me = identity()
    signed = me.node.directories.folder / "directory.json" if me is not None else None
    if signed is None or not signed.exists():
        return JsonResponse(
            {"error": {"code": "no_directory", "message": "none loaded"}}, status=404
        )
    return HttpResponse(signed.read_bytes(), content_type="application/json")


@require_GET
def entry(request: HttpRequest) -> HttpResponse:
    """This node's directory entry (state, URL, public keys, profile, accepted types)."""
    me = identity()
    if me is None:
        return JsonResponse({"error": NOT_JOINED}, status=404)
    return JsonResponse(me.node.entry().to_json())
