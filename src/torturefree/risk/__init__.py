"""Evidence register and country risk: what the officer must take into account, with its sources.

Core package: never imports Django, the service or the CLI.
"""

from torturefree.risk.assessment import Assessment, Finding, RiskQuery
from torturefree.risk.errors import RiskError
from torturefree.risk.evidence_io import import_evidence, read_evidence
from torturefree.risk.findings import RiskContext, assess, open_context
from torturefree.risk.imports import import_dataset, import_folder
from torturefree.risk.model import EvidenceItem, EvidenceKind, Practice
from torturefree.risk.store import EvidenceStore, open_store

__all__ = [
    "Assessment",
    "EvidenceItem",
    "EvidenceKind",
    "EvidenceStore",
    "Finding",
    "Practice",
    "RiskContext",
    "RiskError",
    "RiskQuery",
    "assess",
    "import_dataset",
    "import_evidence",
    "import_folder",
    "open_context",
    "open_store",
    "read_evidence",
]
