"""Nothing under src/ reads the independent set's held-out part (it is evaluated, never tuned to)."""

from __future__ import annotations

from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
# Names by which code could reach the independent set or its split.
FORBIDDEN = ("goods/independent", "held_out", "held-out", "split.yaml")


def test_no_source_file_names_the_independent_set() -> None:
    files = sorted(SRC.rglob("*.py")) + sorted((SRC.parent / "data" / "goods").glob("*.yaml"))
    assert len(files) > 20
    offenders = [
        (str(path.relative_to(SRC.parent)), word)
        for path in files
        for word in FORBIDDEN
        if word in path.read_text(encoding="utf-8").lower()
    ]
    assert not offenders, offenders
