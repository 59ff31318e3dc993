"""`torturefree exchange ...`: a hub and two nodes set up by the commands alone."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from torturefree.cli.main import app


def run(*args: str, code: int = 0) -> Any:
    result = CliRunner().invoke(app, ["exchange", *args])
    assert result.exit_code == code, result.output
    return json.loads(result.stdout) if code == 0 and result.stdout.strip() else result.output


def init(tmp_path: Path, state: str) -> dict[str, Any]:
    home = str(tmp_path / state)
    url = f"http://127.0.0.1:9/{state}"
    entry: dict[str, Any] = run(
        "init", "--state", state, "--url", url, "--profile", "EU", "--home", home
    )
    (tmp_path / f"{state}.json").write_text(json.dumps(entry))
    return entry


def test_a_hub_and_two_nodes_join_through_the_commands(tmp_path: Path) -> None:
    hub, fr, _ = (init(tmp_path, s) for s in ("HUB", "FR", "KE"))
    assert fr["state"] == "FR" and fr["keys"][0]["key_id"].startswith("FR-")
    entries = [str(tmp_path / f"{s}.json") for s in ("HUB", "FR", "KE")]
    unsigned, signed = tmp_path / "directory.json", tmp_path / "signed.json"
    run("directory", "build", *entries, "--version", "4", "--out", str(unsigned))
    out = run(
        "directory", "sign", str(unsigned), "--out", str(signed), "--home", str(tmp_path / "HUB")
    )
    assert out["public_key"] == hub["keys"][0]["public_key"]
    hub_key = hub["keys"][0]["public_key"]
    loaded = run(
        "directory", "load", str(signed), "--hub-key", hub_key, "--home", str(tmp_path / "FR")
    )
    assert loaded == {"version": 4, "participants": ["FR", "HUB", "KE"]}
    shown = run("directory", "show", "--home", str(tmp_path / "FR"))
    assert [p["state"] for p in shown["participants"]] == ["HUB", "FR", "KE"]


def test_a_forged_or_older_directory_fails_with_exit_1(tmp_path: Path) -> None:
    hub, fr = init(tmp_path, "HUB"), init(tmp_path, "FR")
    unsigned, signed = tmp_path / "d.json", tmp_path / "s.json"
    run("directory", "build", str(tmp_path / "FR.json"), "--version", "2", "--out", str(unsigned))
    run("directory", "sign", str(unsigned), "--out", str(signed), "--home", str(tmp_path / "FR"))
    out = run(
        "directory",
        "load",
        str(signed),
        "--hub-key",
        hub["keys"][0]["public_key"],
        "--home",
        str(tmp_path / "FR"),
        code=1,
    )
    assert "does not verify" in out
    assert fr["keys"]


def test_keys_rotate_and_list(tmp_path: Path) -> None:
    init(tmp_path, "FR")
    home = str(tmp_path / "FR")
    new = run("keys", "rotate", "--valid-from", "2099-01-01", "--home", home)
    assert new["key_id"] == "FR-2099-1"
    listed = run("keys", "list", "--home", home)
    assert [k["key_id"] for k in listed][-1] == "FR-2099-1"
    assert listed[0]["valid_until"] == "2098-12-31"
    out = run("keys", "rotate", "--valid-from", "someday", "--home", home, code=2)
    assert "--valid-from" in out


def test_a_peer_pinned_by_hand_is_shown_pinned(tmp_path: Path) -> None:
    ke = init(tmp_path, "KE")
    init(tmp_path, "FR")
    key = ke["keys"][0]
    spec = f"{key['key_id']}:{key['public_key']}"
    home = str(tmp_path / "FR")
    run(
        "peer",
        "pin",
        "--state",
        "KE",
        "--url",
        "http://127.0.0.1:9/KE",
        "--key",
        spec,
        "--home",
        home,
    )
    shown = run("directory", "show", "--home", home)
    assert shown["participants"] == [{**shown["participants"][0], "state": "KE", "pinned": True}]
    out = run("peer", "pin", "--state", "KE", "--url", "x", "--key", "bad", "--home", home, code=2)
    assert "--key[0]" in out or "--url" in out


def test_init_refuses_a_state_that_is_not_a_code(tmp_path: Path) -> None:
    out = run("init", "--state", "France", "--url", "http://x", "--home", str(tmp_path), code=2)
    assert "--state" in out


def test_a_directory_is_fetched_from_the_hubs_url_with_the_key_held(tmp_path: Path) -> None:
    import http.server
    import threading

    hub = init(tmp_path, "HUB")
    init(tmp_path, "FR")
    home = str(tmp_path / "FR")
    signed = {}
    for version in (1, 2):
        unsigned, out = tmp_path / f"d{version}.json", tmp_path / f"s{version}.json"
        run(
            "directory",
            "build",
            str(tmp_path / "FR.json"),
            "--version",
            str(version),
            "--out",
            str(unsigned),
        )
        run("directory", "sign", str(unsigned), "--out", str(out), "--home", str(tmp_path / "HUB"))
        signed[version] = out.read_bytes()
    out = run("directory", "load", str(tmp_path / "s1.json"), "--home", home, code=2)
    assert "--hub-key" in out
    run(
        "directory",
        "load",
        str(tmp_path / "s1.json"),
        "--hub-key",
        hub["keys"][0]["public_key"],
        "--home",
        home,
    )

    class Hub(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.end_headers()
            self.wfile.write(signed[2])

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Hub)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/directory.json"
        assert run("directory", "load", url, "--home", home)["version"] == 2
    finally:
        server.shutdown()
        server.server_close()
    down = run("directory", "load", url, "--home", home, code=1)
    assert "could not fetch" in down
