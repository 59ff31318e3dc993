"""One real hub for the hub tests: FR (EU profile) and KE (UN-A+DP) joined, directory v1."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .hubkit import Hub, port_for, run


@pytest.fixture(scope="session")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    root = tmp_path_factory.mktemp("hub")
    hub = Hub(root / "HUB", port_for(0))
    hub.join("HUB", "--name", "Monitoring body")
    contact = ("--office", "Bureau des biens sensibles", "--email", "biens@example.fr")
    hub.join("FR", "--name", "FR authority", "--profile", "EU", *contact)
    hub.join("KE", "--name", "KE authority", "--profile", "UN-A+DP", "--annex", "death_penalty")
    run(hub.home, "hub", "directory", "publish", "--out", str(root / "directory.json"))
    hub.start()
    yield hub
    hub.stop()
