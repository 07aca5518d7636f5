"""Publishing throughput: resource pages per second on the bundled graph and on synthetic graphs.

Usage: python benchmarks/publish_pages.py [--triples 50000] [--out DIR] [--jobs 1 2]

For each graph it reports (a) render-only pages/s (every representation built in memory, no disk)
and (b) `publish` pages/s writing the five files per resource into DIR (use a tmpfs such as
/dev/shm to measure the code rather than the disk). Prints JSON; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

from stdkg import synth
from stdkg.kg import Layout, load
from stdkg.publish.site import Site
from stdkg.publish.static import publish


def render_only(kg: object, limit: int = 5000) -> dict[str, float]:
    started = time.perf_counter()
    site = Site(kg, "http://127.0.0.1:8000/")  # type: ignore[arg-type]
    built = time.perf_counter() - started
    paths = list(site.pages)[:limit]
    started = time.perf_counter()
    cpu = time.process_time()
    size = 0
    for p in paths:
        size += sum(len(v) for v in site.resource_documents(p).values())
    took = time.perf_counter() - started
    cpu_took = time.process_time() - cpu
    return {
        "site_build_s": round(built, 3),
        "pages": len(paths),
        "pages_per_s": round(len(paths) / took),
        "pages_per_cpu_s": round(len(paths) / cpu_took),
        "mb": round(size / 1e6, 1),
    }


def publish_run(kg: object, out: Path, jobs: int) -> dict[str, float]:
    target = out / f"site-j{jobs}"
    before = os.times()
    report = publish(kg, target, base_uri="http://127.0.0.1:8000/", workers=jobs)  # type: ignore[arg-type]
    after = os.times()
    cpu = sum(after[:4]) - sum(before[:4])  # user + system, this process and its waited-for children
    shutil.rmtree(target, ignore_errors=True)
    return {
        "jobs": jobs,
        "pages": report.pages,
        "files": report.files,
        "total_s": round(report.seconds, 2),
        "pages_per_s": round(report.pages_per_second),
        "cpu_s": round(cpu, 2),
        "pages_per_cpu_s": round(report.pages / cpu) if cpu else 0,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--triples", type=int, nargs="*", default=[50000])
    ap.add_argument("--out", default="/dev/shm" if os.path.isdir("/dev/shm") else tempfile.gettempdir())
    ap.add_argument("--jobs", type=int, nargs="*", default=[1, 2])
    args = ap.parse_args()
    out = Path(tempfile.mkdtemp(prefix="stdkg-bench-", dir=args.out))
    results: list[dict[str, object]] = []
    try:
        graphs: list[tuple[str, object]] = [("bundled", load())]
        for n in args.triples:
            path = out / f"synth-{n}.nt"
            synth.write_file(path, bodies=synth.bodies_for(n))
            graphs.append((f"synth-{n}", load([Layout.bundled().ontology_dir, path])))
        for name, kg in graphs:
            entry: dict[str, object] = {"graph": name, "triples": len(kg), "render_only": render_only(kg)}  # type: ignore[arg-type]
            entry["publish"] = [publish_run(kg, out, j) for j in args.jobs]
            results.append(entry)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    print(json.dumps({"cpus": os.cpu_count(), "loadavg": os.getloadavg(), "results": results}, indent=2))


if __name__ == "__main__":
    main()
