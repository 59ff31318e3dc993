"""The list reference (docs/lists.md), generated from data/ so it can never go stale unnoticed."""

from __future__ import annotations

from torturefree.lists.catalogue import Catalogue


def render_reference(catalogue: Catalogue) -> str:
    """Markdown: every entry of every instrument with each dated version and its citation."""
    lines = [
        "# Control list reference",
        "",
        "Generated from `data/` by `torturefree lists reference --out docs/lists.md`; a test fails",
        "when it is stale. Entry ids are stable; item numbers are dated attributes of an entry.",
        "Values marked *unverified* rest on a source the project could not read in full.",
        "",
    ]
    for instrument_id, instrument in sorted(catalogue.instruments.items()):
        entries = sorted(
            (i, e) for i, e in catalogue.entries.items() if e.instrument == instrument_id
        )
        if not entries:
            continue
        lines += [f"## {instrument.short}: {instrument_id}", "", instrument.title.strip(), ""]
        lines += [
            "| entry | period | annex | item | category | title | codes | CAS |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for entry_id, entry in entries:
            for version in entry.versions:
                period = f"{version.valid_from} – {version.valid_until or ''}"
                codes = ", ".join(("ex " if c.ex else "") + c.code for c in version.cn_codes)
                cas = ", ".join(c.number for c in version.cas)
                flag = " *unverified*" if not (version.verified and entry.verified) else ""
                title = version.title.replace("|", "/").replace("\n", " ")
                lines.append(
                    f"| `{entry_id}` | {period} | {version.annex} | {version.item} | "
                    f"{version.category.value} | {title}{flag} | {codes} | {cas} |"
                )
        lines.append("")
    return "\n".join(lines) + "\n"
