"""Load on the store as a hosted service sees it, on PostgreSQL and on SQLite, and print figures.

    .venv/bin/python bench/store_load.py [--organisations 50] [--writers 4] [--writes 50]

Every organisation gets its own store (a role and schema on one durable PostgreSQL server, or
its own SQLite file, as each organisation's server would have) and ``--writers`` concurrent
writers, each with its own connection, like the kernels of a board's pages. A writer saves
``--writes`` times as fast as it can, alternating a field of its own (a new plan row) and one
field all its organisation's writers share (the step's notes). Afterwards every write is looked
for: a plan row per write and a history entry per shared write, so ``lost`` must be 0.
Writers run in a few processes with threads each, as psycopg and sqlite3 wait without the GIL.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from inkl_widgets.store.database import open_store
from tests.postgres_server import PostgresServer

PROCESSES = 4


def _write(location: str, workbook_id: str, writer: int, writes: int) -> list[float]:
    """One writer's latencies in seconds."""
    store = open_store(location)
    latencies = []
    for i in range(writes):
        path = f"plan/w{writer}x{i}/goal" if i % 2 == 0 else "notes/step1"
        started = time.perf_counter()
        store.set_field(workbook_id, path, f"writer {writer}, write {i}")
        latencies.append(time.perf_counter() - started)
    store.close()
    return latencies


def _organisations_in_one_process(jobs: list[tuple[str, str]], writers: int, writes: int):
    """Run the writers of some organisations as threads; all their latencies."""
    results: list[list[float]] = []
    threads = [
        threading.Thread(
            target=lambda job=job, w=w: results.append(_write(*job, w, writes)), daemon=True
        )
        for job in jobs
        for w in range(writers)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [latency for latencies in results for latency in latencies]


def _lost(location: str, workbook_id: str, writers: int, writes: int) -> int:
    store = open_store(location)
    workbook = store.load(workbook_id)
    own = sum(1 for i in range(writes) if i % 2 == 0) * writers
    shared = writes * writers - own
    found_shared = len(store.history(workbook_id, path="notes/step1"))
    store.close()
    return (own - len(workbook.plan)) + (shared - found_shared)


def run(locations: list[str], writers: int, writes: int, stored_bytes) -> dict[str, float]:
    """The figures of one engine; ``stored_bytes()`` is the size of its data afterwards."""
    jobs = [(location, open_store(location).create("Belastning")) for location in locations]
    shares = [jobs[i::PROCESSES] for i in range(PROCESSES)]
    started = time.perf_counter()
    with ProcessPoolExecutor(PROCESSES) as pool:
        parts = pool.map(_organisations_in_one_process, shares, [writers] * 4, [writes] * 4)
        latencies = [latency for part in parts for latency in part]
    elapsed = time.perf_counter() - started
    return {
        "writes": len(latencies),
        "writes/s": len(latencies) / elapsed,
        "p50 ms": statistics.median(latencies) * 1000,
        "p95 ms": statistics.quantiles(latencies, n=20)[-1] * 1000,
        "lost": sum(_lost(*job, writers, writes) for job in jobs),
        "bytes/write": stored_bytes() / len(latencies),
    }


def _postgres_bytes(server: PostgresServer, schemas: str = "bench%") -> int:
    """Tables with their indexes and TOAST, in every organisation's schema."""
    import psycopg

    query = (
        "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname LIKE %s AND c.relkind = 'r'"
    )
    with psycopg.connect(server.url()) as admin:
        return admin.execute(query, (schemas,)).fetchone()[0]


def typed_answer_bytes(server: PostgresServer) -> tuple[int, float]:
    """Saves and stored bytes of one 300-character answer typed at 3 characters a second: the
    page saves every 0.4 s while someone types, and the history keeps each old and new value."""
    store = open_store(server.new_organisation("typing"))
    workbook_id = store.create("Skrivning")
    text = "Vi vil gerne tage imod flere frivillige, der har brug for en rolig start. " * 4
    saves = range(1, int(len(text) / 3 / 0.4) + 1)
    before = _postgres_bytes(server, "typing")
    for save in saves:
        store.set_field(workbook_id, "answers/step1.q1.1", text[: round(save * 1.2)])
    store.close()
    return len(saves), _postgres_bytes(server, "typing") - before


def _folder_bytes(folder: str) -> int:
    return sum(f.stat().st_size for f in Path(folder).rglob("*") if f.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=50)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--writes", type=int, default=50)
    args = parser.parse_args()
    load = (args.writers, args.writes)
    server = PostgresServer(durable=True)
    try:
        names = [f"bench_{i}" for i in range(args.organisations)]
        locations = [server.new_organisation(n) for n in names]
        figures = {"PostgreSQL": run(locations, *load, lambda: _postgres_bytes(server))}
        typed = typed_answer_bytes(server)
    finally:
        server.stop()
    with tempfile.TemporaryDirectory() as folder:
        locations = [os.path.join(folder, n) for n in names]
        figures["SQLite"] = run(locations, *load, lambda: _folder_bytes(folder))
    print(
        f"{args.organisations} organisations x {args.writers} writers x {args.writes} writes, "
        f"{os.cpu_count()} cores"
    )
    print(f"{'engine':<12}" + "".join(f"{key:>12}" for key in figures["SQLite"]))
    for engine, row in figures.items():
        print(f"{engine:<12}" + "".join(f"{value:>12.1f}" for value in row.values()))
    saves, stored = typed
    print(f"One 300-character answer typed on PostgreSQL: {saves} saves, {stored / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
