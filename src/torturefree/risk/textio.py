"""Reading user-named files strictly: the wrong encoding is bad input that names its line."""

from __future__ import annotations

from pathlib import Path

from torturefree.errors import InputError


def read_bytes(path: Path) -> bytes:
    if not path.is_file():
        raise InputError("no such file", field="PATH", source=str(path))
    return path.read_bytes()


def decode_utf8(data: bytes, source: str) -> str:
    """UTF-8 text (a BOM is dropped), or an error naming the line of the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(
            f"not UTF-8: byte 0x{data[error.start]:02x} cannot be decoded (save the file as UTF-8)",
            line=line,
            source=source,
        ) from error


def decode_utf8_or_latin1(data: bytes) -> tuple[str, str]:
    """Text and the encoding used; for sources such as PTS that publish Latin-1 files."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"
