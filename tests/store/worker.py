"""A separate process for the store tests: `python -m tests.store.worker URL DATASET SIZE SEED [READY GO]`.

Opens the store at URL and imports `big_tidy(SIZE, SEED)` as DATASET. With READY and GO (file paths) it touches
READY once the store is open and waits for GO to exist before importing, so two workers can start together.
Prints one JSON line: {"ok": true, "version_id": ...} or {"ok": false, "code": ..., "message": ...}.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from indicators.store import StoreError, open_store
from tests.store.builders import big_tidy


def main(argv: list[str]) -> int:
    url, dataset, size, seed = argv[0], argv[1], int(argv[2]), int(argv[3])
    frame = big_tidy(size, seed)
    try:
        store = open_store(url)
        if len(argv) > 4:
            Path(argv[4]).touch()
            go = Path(argv[5])
            deadline = time.monotonic() + 60
            while not go.exists() and time.monotonic() < deadline:
                time.sleep(0.005)
        outcome = store.import_tidy(frame, dataset=dataset, kind="long", file_name=f"{dataset}.csv", checksum=str(seed), user="worker")
        store.close()
    except StoreError as error:
        print(json.dumps({"ok": False, "code": error.code, "message": str(error)}))
        return 1
    print(json.dumps({"ok": True, "version_id": outcome.version_id, "added": outcome.added}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
