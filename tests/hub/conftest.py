"""One real hub for the hub tests: FR (EU profile) and KE (UN-A+DP) joined, directory v1."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .hubkit import Hub, hub_with_states


@pytest.fixture(scope="session")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    hub = hub_with_states(tmp_path_factory.mktemp("hub"), 0)
    hub.start()
    yield hub
    hub.stop()
