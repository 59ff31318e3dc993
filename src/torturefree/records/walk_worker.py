"""A verify worker process: one seq range of the ledger, walked on its own connection.

Run as `python -m torturefree.records.walk_worker` by `verify.py`: reads the job (JSON) on
stdin, prints the Stretch (JSON) on stdout. The first link of the range is taken on trust;
the parent checks it against the range before.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict

from torturefree.records.backend import open_backend
from torturefree.records.chain import Checkpoint
from torturefree.records.walk import walk_range


def main() -> None:
    order = json.loads(sys.stdin.read())
    point = order["checkpoint"]
    checkpoint = None if point is None else Checkpoint(**point)
    backend = open_backend(order["target"])
    try:
        stretch = walk_range(backend, order["low"], order["high"], order["start"], None, checkpoint)
    finally:
        backend.close()
    sys.stdout.write(json.dumps(asdict(stretch)))


if __name__ == "__main__":
    main()
