"""Every string of the pages (templates and torturefree_service/web code) has its French in the catalogue."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils.translation.template import templatize

SERVICE = Path(__file__).resolve().parents[2] / "torturefree_service"
PO = SERVICE / "locale" / "fr" / "LC_MESSAGES" / "django.po"
# Django's own keywords (makemessages), so this extracts what makemessages would.
KEYWORDS = [
    "gettext_noop",
    "gettext_lazy",
    "ngettext_lazy:1,2",
    "pgettext:1c,2",
    "npgettext:1c,2,3",
    "pgettext_lazy:1c,2",
    "npgettext_lazy:1c,2,3",
]


@pytest.mark.skipif(
    not (shutil.which("xgettext") and shutil.which("msgcmp")),
    reason="gettext tools missing: apt-get install gettext",
)
def test_every_page_string_is_translated_in_french(tmp_path: Path) -> None:
    sources = sorted((SERVICE / "web").rglob("*.py"))
    for template in sorted((SERVICE / "templates" / "web").rglob("*.html")):
        # Templates become Python with gettext calls, as makemessages does before xgettext.
        name = "__".join(template.relative_to(SERVICE).parts) + ".py"
        out = tmp_path / name
        out.write_text(templatize(template.read_text(encoding="utf-8"), origin=str(template)))
        sources.append(out)
    pot = tmp_path / "pages.pot"
    subprocess.run(
        ["xgettext", "--language=Python", "--from-code=UTF-8", "-o", str(pot)]
        + [f"--keyword={k}" for k in KEYWORDS]
        + [str(s) for s in sources],
        check=True,
        capture_output=True,
    )
    # msgcmp fails for any extracted msgid that the .po lacks or leaves untranslated or fuzzy.
    compared = subprocess.run(
        ["msgcmp", str(PO), str(pot)], capture_output=True, text=True, check=False
    )
    missing = compared.stderr.replace(str(tmp_path), "")
    assert compared.returncode == 0, f"untranslated page strings (run makemessages):\n{missing}"
