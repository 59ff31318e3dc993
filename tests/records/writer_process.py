"""A separate writer process for the concurrency and crash tests (run as a script)."""

from __future__ import annotations

import sys

from torturefree.records import EventType, Ledger, NewEvent


def batch(name: str, number: int, size: int) -> list[NewEvent]:
    return [
        NewEvent(
            EventType.SHIPMENT_RECORDED,
            f"licence/{name}",
            f"writer:{name}",
            {"batch": number, "item": i},
            f"{name}:{number}:{i}",
        )
        for i in range(size)
    ]


def main(target: str, mode: str, name: str, count: int, size: int) -> None:
    with Ledger.open(target) as ledger:
        for number in range(count):
            if mode == "single":
                for event in batch(name, number, size):
                    ledger.append(
                        event.event_type,
                        event.subject,
                        event.actor,
                        event.payload,
                        idempotency_key=event.idempotency_key,
                    )
            else:
                ledger.append_many(batch(name, number, size))
            print(f"committed {number}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
