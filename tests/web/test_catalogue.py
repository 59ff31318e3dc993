"""Every string of the pages (node and hub templates and code) is translated in every language.

The six UN languages (#18): English is the msgids themselves; Arabic, Chinese, French, Russian
and Spanish each have a catalogue that must carry every extracted msgid, compile cleanly with
``msgfmt --check`` (placeholders kept), have the language's own number of plural forms, and be
shipped compiled (the .mo in the tree is what msgfmt makes of the .po).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.translation import to_locale
from django.utils.translation.template import templatize

SERVICE = Path(__file__).resolve().parents[2] / "torturefree_service"
LOCALE = SERVICE / "locale"
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
# Plural forms per language (CLDR cardinal categories, as gettext and Django's own catalogues).
PLURALS = {"ar": 6, "zh_Hans": 1, "fr": 2, "ru": 3, "es": 2}
TRANSLATED = [to_locale(code) for code, _ in settings.LANGUAGES if code != "en"]

needs_gettext = pytest.mark.skipif(
    not (shutil.which("xgettext") and shutil.which("msgcmp") and shutil.which("msgfmt")),
    reason="gettext tools missing: apt-get install gettext",
)


def _po(locale: str) -> Path:
    return LOCALE / locale / "LC_MESSAGES" / "django.po"


@pytest.fixture(scope="module")
def pages_pot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The msgids of the node's and the hub's pages (and 404.html), extracted as makemessages would."""
    tmp = tmp_path_factory.mktemp("pot")
    sources = sorted((SERVICE / "web").rglob("*.py")) + sorted((SERVICE / "hub").rglob("*.py"))
    # The node's pages of list releases (what changes on a day, the list changes page, a case's
    # release alerts) live in their app (#16).
    sources += sorted((SERVICE / "releases").rglob("*.py"))
    templates = sorted((SERVICE / "templates").glob("*.html"))  # 404.html
    templates += sorted((SERVICE / "templates" / "web").rglob("*.html"))
    templates += sorted((SERVICE / "hub" / "templates").rglob("*.html"))
    templates += sorted((SERVICE / "releases" / "templates").rglob("*.html"))
    for template in templates:
        # Templates become Python with gettext calls, as makemessages does before xgettext.
        name = "__".join(template.relative_to(SERVICE).parts) + ".py"
        out = tmp / name
        out.write_text(templatize(template.read_text(encoding="utf-8"), origin=str(template)))
        sources.append(out)
    pot = tmp / "pages.pot"
    subprocess.run(
        ["xgettext", "--language=Python", "--from-code=UTF-8", "-o", str(pot)]
        + [f"--keyword={k}" for k in KEYWORDS]
        + [str(s) for s in sources],
        check=True,
        capture_output=True,
    )
    return pot


def test_the_six_un_languages_are_offered() -> None:
    assert sorted(code for code, _ in settings.LANGUAGES) == sorted(
        ["ar", "zh-hans", "en", "fr", "ru", "es"]
    )
    assert sorted(TRANSLATED) == sorted(PLURALS)


@needs_gettext
@pytest.mark.parametrize("locale", TRANSLATED)
def test_every_page_string_is_translated(locale: str, pages_pot: Path) -> None:
    # msgcmp fails for any extracted msgid that the .po lacks or leaves untranslated or fuzzy.
    compared = subprocess.run(
        ["msgcmp", str(_po(locale)), str(pages_pot)], capture_output=True, text=True, check=False
    )
    missing = compared.stderr.replace(str(pages_pot.parent), "")
    assert compared.returncode == 0, f"untranslated page strings in {locale}:\n{missing}"


@needs_gettext
@pytest.mark.parametrize("locale", TRANSLATED)
def test_catalogue_compiles_cleanly_and_is_shipped_compiled(locale: str, tmp_path: Path) -> None:
    po = _po(locale)
    text = po.read_text(encoding="utf-8")
    header = re.search(r'"Plural-Forms: nplurals=(\d+);', text)
    assert header and int(header.group(1)) == PLURALS[locale], f"{locale}: plural forms"
    mo = tmp_path / "django.mo"
    # --check: every python-format placeholder of the msgid is in each msgstr, headers are sane.
    compiled = subprocess.run(
        ["msgfmt", "--check", "-o", str(mo), str(po)], capture_output=True, text=True, check=False
    )
    assert compiled.returncode == 0, compiled.stderr
    shipped = po.with_suffix(".mo")
    assert shipped.read_bytes() == mo.read_bytes(), (
        f"{shipped} is stale: cd torturefree_service && msgfmt --check -o "
        f"locale/{locale}/LC_MESSAGES/django.mo locale/{locale}/LC_MESSAGES/django.po"
    )
