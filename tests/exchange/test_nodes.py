"""The multi-node harness itself: real servers start with keys and a directory, and stop."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from tests.exchange.nodes import Network, exchange_network, free_port, postgres_available

__all__ = ["exchange_network"]

pytestmark = pytest.mark.slow


def test_two_nodes_start_as_members_of_one_directory_and_stop(
    exchange_network: Callable[..., Network],
) -> None:
    network = exchange_network("FR", "KE")
    fr, ke = network["FR"], network["KE"]
    assert fr.port != ke.port and fr.healthy() and ke.healthy()
    shown = fr.run("exchange", "directory", "show")
    assert shown.returncode == 0, shown.stderr
    directory = json.loads(shown.stdout)
    assert directory["version"] == 1
    urls = {p["state"]: p["url"] for p in directory["participants"]}
    assert urls == {"HUB": "http://127.0.0.1:9", "FR": fr.url, "KE": ke.url}
    keys = {p["state"]: p["keys"][0]["key_id"] for p in directory["participants"]}
    assert keys["KE"] == ke.node.signing_key().key_id
    ke.stop()
    assert not ke.healthy() and fr.healthy()
    ke.start()
    assert ke.healthy()


def test_a_killed_node_is_down_at_once_and_comes_back(
    exchange_network: Callable[..., Network],
) -> None:
    network = exchange_network("DE")
    de = network["DE"]
    process = de.process
    assert process is not None
    de.kill9()
    assert process.returncode == -9 and not de.healthy()
    de.start()
    assert de.healthy()


def test_a_new_directory_version_reaches_every_node(
    exchange_network: Callable[..., Network],
) -> None:
    network = exchange_network("FR", "DE", start=False)
    network["DE"].node.keyring.rotate(
        network["DE"].node.keyring.entries()[0].public.valid_from.replace(year=2099), None
    )
    network.publish_directory()
    held = network["FR"].node.directory()
    assert held.version == 2
    de = held.peer("DE")
    assert de is not None and [k.key_id for k in de.keys][-1] == "DE-2099-1"


def test_free_ports_are_loopback_ports_nobody_holds() -> None:
    assert 1024 <= free_port() <= 65535


@pytest.mark.postgres
def test_nodes_run_on_postgresql_each_with_a_database_of_its_own(
    exchange_network: Callable[..., Network],
) -> None:
    if not postgres_available():
        pytest.skip("no PostgreSQL server at 127.0.0.1:5432")
    network = exchange_network("FR", "KE", database="postgres")
    fr, ke = network["FR"], network["KE"]
    assert fr.database_url and ke.database_url and fr.database_url != ke.database_url
    assert fr.healthy() and ke.healthy()
    databases = list(network.databases)
    network.stop()
    assert network.databases == [] and len(databases) == 2
