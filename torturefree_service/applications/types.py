"""Application types the law knows, each a small manifest (LITE's registry idea, without its sprawl)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from torturefree.vocabulary import Activity


class ApplicationType(StrEnum):
    INDIVIDUAL_EXPORT = "individual_export"
    GLOBAL_EXPORT = "global_export"
    BROKERING = "brokering"
    TECHNICAL_ASSISTANCE = "technical_assistance"
    MUSEUM_EXPORT = "museum_export"
    MUSEUM_IMPORT = "museum_import"
    MUSEUM_TRANSIT = "museum_transit"
    GEA_REGISTRATION = "gea_registration"


class LicenceKind(StrEnum):
    INDIVIDUAL = "individual"
    GLOBAL = "global"


@dataclass(frozen=True)
class Manifest:
    """What one type needs: its activity, licence kind, who may apply and what must be given."""

    activity: Activity
    licence_kind: LicenceKind | None  # None: no licence (a registration)
    applicants: tuple[str, ...]
    required_parties: tuple[str, ...]
    museum: bool = False
    needs_case: bool = True
    needs_goods_location: bool = False
    citation: str = ""


TYPES: dict[ApplicationType, Manifest] = {
    ApplicationType.INDIVIDUAL_EXPORT: Manifest(
        Activity.EXPORT,
        LicenceKind.INDIVIDUAL,
        ("exporter", "manufacturer", "distributor"),
        ("end_user",),
        citation="Regulation (EU) 2019/125, Articles 11, 16, 20(6) and 21",
    ),
    # Art. 2(q): a type of goods to specified end users, or, for manufacturers, to distributors.
    ApplicationType.GLOBAL_EXPORT: Manifest(
        Activity.EXPORT,
        LicenceKind.GLOBAL,
        ("exporter", "manufacturer"),
        (),
        citation="Regulation (EU) 2019/125, Articles 2(q), 20(6) and 21(1)",
    ),
    # Art. 20(7): set quantity between third countries; goods location and end user identified.
    ApplicationType.BROKERING: Manifest(
        Activity.BROKERING,
        LicenceKind.INDIVIDUAL,
        ("broker",),
        ("end_user",),
        needs_goods_location=True,
        citation="Regulation (EU) 2019/125, Articles 15, 19 and 20(7)",
    ),
    ApplicationType.TECHNICAL_ASSISTANCE: Manifest(
        Activity.TECHNICAL_ASSISTANCE,
        LicenceKind.INDIVIDUAL,
        ("technical_assistance_supplier", "manufacturer", "exporter"),
        ("end_user",),
        citation="Regulation (EU) 2019/125, Articles 15, 19 and 20(5)",
    ),
    # Annex II derogations (Arts 3(2), 4(2), 5(2)): individual authorisations only (Art. 20(2)-(4)).
    ApplicationType.MUSEUM_EXPORT: Manifest(
        Activity.EXPORT,
        LicenceKind.INDIVIDUAL,
        ("museum", "exporter"),
        ("end_user",),
        museum=True,
        citation="Regulation (EU) 2019/125, Articles 3(2) and 20(2)",
    ),
    ApplicationType.MUSEUM_IMPORT: Manifest(
        Activity.IMPORT,
        LicenceKind.INDIVIDUAL,
        ("museum",),
        (),
        museum=True,
        citation="Regulation (EU) 2019/125, Articles 4(2) and 20(4)",
    ),
    ApplicationType.MUSEUM_TRANSIT: Manifest(
        Activity.TRANSIT,
        LicenceKind.INDIVIDUAL,
        ("transporter",),
        ("end_user",),
        museum=True,
        citation="Regulation (EU) 2019/125, Articles 5(2) and 20(3)",
    ),
    # Annex V Part 3: registration before first use where the state requires it; first use
    # notified within the period of data/parameters/eu-2019-125-gea-first-use-notice.yaml.
    ApplicationType.GEA_REGISTRATION: Manifest(
        Activity.EXPORT,
        None,
        ("exporter", "manufacturer", "distributor"),
        (),
        needs_case=False,
        citation="Regulation (EU) 2019/125, Article 20(1) and Annex V",
    ),
}
