"""Case review on a real hub: a case through the API and the public form, the secretariat's
steps by CLI with the history, a published outcome that keeps the submitter's identity out, and
bad submissions refused with nothing stored."""

from __future__ import annotations

import base64
import http.client
import json
import re
import urllib.request
import uuid
from http.cookiejar import CookieJar
from typing import Any

from .hubkit import Hub, run

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
CASE = {
    "title": "Shock batons offered to a prison service",
    "summary": "A catalogue offered electric-shock batons to the prison service of a state.",
    "submitter_kind": "npm",
    "organisation": "National Preventive Mechanism of Examplestan",
    "contact": "npm-desk@example.org",
    "countries": ["KE", "GB"],
    "evidence": [{"name": "catalogue.pdf", "content_base64": base64.b64encode(PDF).decode()}],
}


def _api(hub: Hub, body: bytes, path: str = "/api/hub/v1/cases") -> tuple[int, Any]:
    request = urllib.request.Request(
        hub.url + path, data=body, headers={"Content-Type": "application/json"}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def _case(hub: Hub, *args: str) -> Any:
    return run(hub.home, "hub", "case", *args, check=False)


def _count(hub: Hub) -> int:
    return len(json.loads(run(hub.home, "hub", "case", "list").stdout))


def test_a_case_goes_from_intake_to_a_published_outcome(hub: Hub) -> None:
    status, made = _api(hub, json.dumps(CASE).encode())
    assert status == 201 and made["status"] == "received" and made["outcome"] is None
    number, receipt = made["number"], made["receipt"]
    assert hub.get(f"/cases/{number}")[0] == 404
    assert CASE["title"] not in hub.get("/cases/")[1].decode()

    early = _case(hub, "publish", str(number), "--by", "sec-1", "--outcome", "x")
    assert early.returncode == 2 and "conflict" in early.stderr
    assert (
        _case(
            hub,
            "triage",
            str(number),
            "--by",
            "sec-1",
            "--priority",
            "high",
            "--deadline",
            "2027-01-31",
        ).returncode
        == 0
    )
    assert _case(hub, "assign", str(number), "--by", "sec-1", "--to", "analyst-a").returncode == 0
    findings = "The batons are Annex II goods; the offer reached the prison service."
    assert (
        _case(hub, "finding", str(number), "--by", "analyst-a", "--text", findings).returncode == 0
    )
    outcome = "The body asks both states to stop the trade and report within 90 days."
    published = _case(hub, "publish", str(number), "--by", "sec-2", "--outcome", outcome)
    assert json.loads(published.stdout)["status"] == "published"

    shown = json.loads(_case(hub, "show", str(number)).stdout)
    assert [e["action"] for e in shown["history"]] == [
        "submit",
        "evidence",
        "triage",
        "assign",
        "finding",
        "publish",
    ]
    assert shown["evidence"][0]["sha256"] == __import__("hashlib").sha256(PDF).hexdigest()
    page = hub.get(f"/cases/{number}")[1].decode()
    assert findings in page and outcome in page and "KE" in page
    assert "Examplestan" not in page and "npm-desk@example.org" not in page
    status, followed = hub.get(f"/api/hub/v1/cases/{receipt}")
    assert json.loads(followed)["outcome"] == outcome
    assert "Outcome published" in hub.get(f"/cases/follow?receipt={receipt}")[1].decode()


def _form(hub: Hub, fields: dict[str, str], files: list[tuple[str, bytes]]) -> tuple[int, str]:
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(hub.url + "/cases/new", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token is not None
    boundary = uuid.uuid4().hex
    parts = [("csrfmiddlewaretoken", token.group(1)), *fields.items()]
    body = b"".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in parts
    )
    for name, content in files:
        body += (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="evidence"; filename="{name}"'
                "\r\nContent-Type: application/octet-stream\r\n\r\n"
            ).encode()
            + content
            + b"\r\n"
        )
    body += f"--{boundary}--\r\n".encode()
    request = urllib.request.Request(
        hub.url + "/cases/new",
        data=body,
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    try:
        with opener.open(request, timeout=60) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


FIELDS = {
    "title": "Leg irons at a fair",
    "summary": "Seen on a stand.",
    "submitter_kind": "civil_society",
}


def test_the_public_form_needs_no_account_and_gives_a_receipt(hub: Hub) -> None:
    status, page = _form(hub, FIELDS, [("photo.txt", b"stand 12, leg irons\n")])
    assert status == 201
    receipt = re.search(r'<code id="receipt">(HC-[0-9A-F]{10})</code>', page)
    assert receipt is not None
    assert json.loads(hub.get(f"/api/hub/v1/cases/{receipt.group(1)}")[1])["status"] == "received"


def test_bad_submissions_are_refused_naming_the_field_and_nothing_stored(hub: Hub) -> None:
    before = _count(hub)
    status, page = _form(hub, {}, [])
    assert status == 400 and "title" in page
    status, page = _form(hub, FIELDS, [("tool.exe", b"MZ\x90\x00" + b"\x00" * 64)])
    assert status == 415 and "evidence[0]" in page and "application/x-msdownload" in page
    status, answer = _api(hub, json.dumps(CASE | {"countries": ["XX"]}).encode())
    assert status == 400 and answer["error"]["field"] == "countries"
    status, answer = _api(hub, b"{}")
    assert status == 400 and answer["error"]["field"] == "title"
    assert _big_upload(hub) == 413
    assert _count(hub) == before


def _big_upload(hub: Hub) -> int:
    """A 50 MB attachment: refused from its Content-Length, before the body is read."""
    size = 50 * 1024 * 1024
    connection = http.client.HTTPConnection("127.0.0.1", hub.port, timeout=60)
    connection.putrequest("POST", "/cases/new")
    connection.putheader("Content-Type", "multipart/form-data; boundary=x")
    connection.putheader("Content-Length", str(size))
    connection.endheaders()
    try:
        chunk = b"\0" * (1 << 20)
        for _ in range(50):
            connection.send(chunk)
    except (BrokenPipeError, ConnectionResetError):
        pass
    return connection.getresponse().status
