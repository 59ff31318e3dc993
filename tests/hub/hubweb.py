"""A browser for the hub's restricted pages in tests: its own cookies (a session, the CSRF
token), forms posted as a person would, redirects not followed (so a 302 to sign-in shows)."""

from __future__ import annotations

import re
import subprocess
import urllib.error
import urllib.parse
import urllib.request
import uuid
from http.cookiejar import CookieJar

from .hubkit import TORTUREFREE, Hub, environment

PASSWORD = "Correct-horse-battery-9"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


class Browser:
    def __init__(self, hub: Hub) -> None:
        self.hub = hub
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def _open(self, request: urllib.request.Request) -> tuple[int, str, str]:
        try:
            with self.opener.open(request, timeout=30) as answer:
                return answer.status, answer.read().decode(), answer.headers.get("Location", "")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(), error.headers.get("Location", "")

    def get(self, path: str) -> tuple[int, str, str]:
        return self._open(urllib.request.Request(self.hub.url + path))

    def _token(self) -> str:
        if not any(c.name == "csrftoken" for c in self.jar):
            self.get("/account/sign-in")
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def post(
        self,
        path: str,
        fields: dict[str, str],
        files: list[tuple[str, str, bytes]] = (),  # type: ignore[assignment]
    ) -> tuple[int, str, str]:
        fields = {"csrfmiddlewaretoken": self._token(), **fields}
        headers = {"Referer": self.hub.url + path}
        if files:
            boundary = uuid.uuid4().hex
            body = b"".join(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
                for k, v in fields.items()
            )
            for field, name, content in files:
                body += (
                    (
                        f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; '
                        f'filename="{name}"\r\nContent-Type: application/octet-stream\r\n\r\n'
                    ).encode()
                    + content
                    + b"\r\n"
                )
            body += f"--{boundary}--\r\n".encode()
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        else:
            body = urllib.parse.urlencode(fields).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        request = urllib.request.Request(self.hub.url + path, data=body, headers=headers)
        return self._open(request)

    def sign_in(self, username: str, password: str = PASSWORD) -> tuple[int, str, str]:
        return self.post("/account/sign-in", {"username": username, "password": password})


def account(hub: Hub, role: str, *options: str) -> str:
    """A new account with this role (`torturefree hub account add`, the password on stdin);
    its unique username."""
    username = f"{role}-{uuid.uuid4().hex[:8]}"
    done = subprocess.run(
        [
            TORTUREFREE,
            "hub",
            "account",
            "add",
            username,
            "--role",
            role,
            "--by",
            "lead",
            *options,
            "--home",
            str(hub.home),
        ],
        input=PASSWORD + "\n",
        env=environment(hub.home),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return username


def signed_in(hub: Hub, role: str, *options: str) -> Browser:
    browser = Browser(hub)
    status, _, location = browser.sign_in(account(hub, role, *options))
    assert status == 302 and location.endswith("/desk/"), (status, location)
    return browser


def case_number(page: str) -> int:
    found = re.search(r"/desk/cases/(\d+)", page)
    assert found, "no case link on the page"
    return int(found.group(1))
