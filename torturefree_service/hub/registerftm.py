"""The register's bulk download as FollowTheMoney entities (JSON Lines, `torturefree.register.ftm`).

Streamed in chunks of the log's order, as the verifiable copy is: each state's authority first,
then each authorisation's trader, licence and award. The same trader's entity comes once per
authorisation (FtM fragments: merge them by id, as `ftm aggregate` does).
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from django.http import HttpRequest, StreamingHttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from torturefree.register.ftm import authority, entry_entities
from torturefree_service.hub.models import RegisterEntry

CHUNK = 5000


def ftm_lines(base_url: str) -> Iterator[str]:
    states = RegisterEntry.objects.order_by().values_list("state", flat=True).distinct()
    for state in sorted(set(states)):
        yield json.dumps(authority(state), ensure_ascii=False) + "\n"
    last = -1
    while True:
        batch = list(
            RegisterEntry.objects.filter(index__gt=last, action="authorised")
            .order_by("index")
            .values_list("index", "text", "withdrawn_on")[:CHUNK]
        )
        if not batch:
            return
        for index, text, withdrawn_on in batch:
            url = base_url + reverse("hub:entry", args=[index])
            for entity in entry_entities(index, json.loads(text), withdrawn_on, url):
                yield json.dumps(entity, ensure_ascii=False) + "\n"
        last = batch[-1][0]


@require_GET
def register_ftm(request: HttpRequest) -> StreamingHttpResponse:
    answer = StreamingHttpResponse(
        ftm_lines(request.build_absolute_uri("/").rstrip("/")), content_type="application/jsonl"
    )
    answer["Content-Disposition"] = 'attachment; filename="register.ftm.json"'
    return answer
