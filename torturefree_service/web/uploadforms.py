"""Import files given on a form (evidence, denials): their size and content checked (#19)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _

from torturefree_service.ops.uploads import (
    MIB,
    TooLarge,
    UnsupportedType,
    check_size,
    check_upload,
    rule,
)


def text_upload(form: forms.Form, upload: Any, kind: str) -> str:
    """The UTF-8 text of an uploaded import file, or "" with the reason on the upload field
    (too large for `kind`, or not text: a PDF, a spreadsheet, a program)."""
    try:
        check_size(kind, upload.size, field="upload")
        content = upload.read()
        check_upload(kind, content, field="upload")
    except TooLarge:
        size = f"{rule(kind)[0] / MIB:.0f}"
        form.add_error("upload", _("The file is too large: at most %(size)s MiB.") % {"size": size})
        return ""
    except UnsupportedType:
        form.add_error("upload", _("The file is not UTF-8 text."))
        return ""
    return bytes(content).decode("utf-8-sig")
