"""Benchmark every stdkg command as whole processes on synthetic graphs, against the plain baseline.

    python benchmarks/run.py [--sizes 10k,100k,1m] [--repeat 3] [--timeout 300] [--no-baseline]

For each size the runner writes (once, cached under ``benchmarks/data/``) a synthetic graph with
``stdkg synth`` and 7 planted violations, then times, each as a separate process, ``stdkg --kg
ontology --kg GRAPH`` with: ``validate`` (checking that exactly the planted violations are reported),
``reason --engine auto``, a named query, ``export --format nt`` and ``ttl``, ``load`` into an Oxigraph
server started here on 127.0.0.1 (into an empty graph, then reloads of the unchanged graph), and
``publish``. A helper process loads the graph once and times
every named query inside it. The baseline is the plain Python stack in the same run: rdflib parse,
pySHACL, owlrl and rdflib SPARQL, one process per step.

Every figure is the median of ``--repeat`` runs (1 run from 100k triples up for the
baseline steps); peak memory is the child's ``ru_maxrss`` from ``os.wait4``. A step that runs past
``--timeout`` is killed and reported as such; a baseline step that timed out (or would have, by a
linear projection) at a smaller size is skipped at the larger ones. Results go to
``benchmarks/out/results.json`` and ``benchmarks/out/results.md``. Nothing here is asserted in tests.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
STDKG = str(BIN / "stdkg")
DATA = ROOT / "benchmarks" / "data"
OUT = ROOT / "benchmarks" / "out"
VIOLATIONS = 7
SEED = 1


@dataclass
class Run:
    seconds: float
    peak_mb: float
    code: int
    timed_out: bool = False
    stdout: str = ""
    stderr: str = ""


@dataclass
class Row:
    size: str
    triples: int
    step: str
    command: str
    runs: list[float] = field(default_factory=list)
    peak_mb: float = 0.0
    median_s: float | None = None
    per_s: float | None = None
    unit: str = "triples/s"
    note: str = ""
    baseline: bool = False


def parse_size(text: str) -> int:
    text = text.strip().lower()
    for suffix, factor in (("k", 1_000), ("m", 1_000_000)):
        if text.endswith(suffix):
            return int(float(text[:-1]) * factor)
    return int(text)


def label(n: int) -> str:
    return f"{n // 1_000_000}M" if n >= 1_000_000 else f"{n // 1_000}k"


def run(cmd: list[str], timeout: float, cwd: Path = ROOT, env: dict[str, str] | None = None) -> Run:
    """Run a process; wall time, exit code and its own peak RSS (``wait4``)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, env=env, start_new_session=True)
        timed_out = threading.Event()

        def kill() -> None:
            timed_out.set()
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _pid, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(
            seconds=seconds,
            peak_mb=usage.ru_maxrss / 1024,
            code=proc.returncode,
            timed_out=timed_out.is_set(),
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace")[-2000:],
        )


def measure(
    row: Row,
    cmd: list[str] | Callable[[int], list[str]],
    repeat: int,
    timeout: float,
    ok: tuple[int, ...] = (0,),
) -> Run | None:
    """Run ``cmd`` ``repeat`` times (a callable gives the command of run ``i``); median into ``row``."""
    last = None
    for i in range(repeat):
        r = run(cmd(i) if callable(cmd) else cmd, timeout)
        last = r
        if r.timed_out:
            row.note = f"killed after {timeout:.0f} s"
            return None
        if r.code not in ok:
            row.note = f"exit {r.code}: {r.stderr.strip().splitlines()[-1] if r.stderr.strip() else ''}"
            return None
        row.runs.append(r.seconds)
        row.peak_mb = max(row.peak_mb, r.peak_mb)
    row.median_s = statistics.median(row.runs)
    if row.unit == "triples/s" and row.triples:
        row.per_s = row.triples / row.median_s
    return last


def synth(n: int) -> tuple[Path, dict[str, Any], Row]:
    DATA.mkdir(parents=True, exist_ok=True)
    path = DATA / f"synth-{label(n)}.nt"
    manifest = DATA / f"synth-{label(n)}.json"
    row = Row(label(n), n, "synth", f"stdkg synth --triples {n} --violations {VIOLATIONS}")
    if not (path.exists() and manifest.exists()):
        cmd = [STDKG, "--quiet", "synth", "--triples", str(n), "--violations", str(VIOLATIONS)]
        cmd += ["--seed", str(SEED), "-o", str(path), "--manifest", str(manifest)]
        r = run(cmd, 600)
        if r.code != 0:
            raise SystemExit(f"synth failed: {r.stderr}")
        row.runs = [r.seconds]
        row.median_s = r.seconds
        row.peak_mb = r.peak_mb
    else:
        row.note = "cached"
    info = json.loads(manifest.read_text())
    row.triples = info["triples"]
    if row.median_s:
        row.per_s = row.triples / row.median_s
    return path, info, row


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def oxigraph_server(workdir: Path) -> Any:
    binary = shutil.which("oxigraph", path=str(BIN)) or shutil.which("oxigraph")
    if binary is None:
        yield None
        return
    port = free_port()
    location = workdir / "oxigraph"
    location.mkdir()
    proc = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                time.sleep(0.05)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


QUERY_TIMER = r"""
import json, statistics, sys, time
t0 = time.perf_counter()
import stdkg
from stdkg import queries as Q
kg = stdkg.load(sys.argv[2:])
load_s = time.perf_counter() - t0
repeat = int(sys.argv[1])
out = {"load_s": load_s, "queries": {}}
def first(prefix):
    rows = kg.query("SELECT ?s WHERE { ?s ?p ?o FILTER(STRSTARTS(STR(?s), '%s')) } LIMIT 1" % prefix)
    for row in rows:
        return row["s"].value
    return None
for q in Q.catalogue(kg.layout.queries_dir):
    values = {}
    for p in q.params:
        default = p.default or ""
        if "/id/" in default:
            kind = default.split("/id/", 1)[1].rsplit("/", 1)[0]
            values[p.name] = first("https://w3id.org/stdkg/id/" + kind + "/") or default
        elif default:
            values[p.name] = default
    try:
        bindings = Q.bind(q, values)
    except Exception as exc:
        out["queries"][q.name] = {"error": str(exc)}
        continue
    times = []
    rows = 0
    for _ in range(repeat):
        t = time.perf_counter()
        res = Q.run_local(q.text, kg, bindings)
        rows = len(res)
        times.append(time.perf_counter() - t)
    out["queries"][q.name] = {"median_ms": statistics.median(times) * 1000, "rows": rows, "params": values}
print(json.dumps(out))
"""

BASELINE = r"""
import json, sys, time, logging
logging.getLogger("rdflib.term").setLevel(logging.CRITICAL + 1)
step, shapes, onto, data = sys.argv[1:5]
import rdflib
t = time.perf_counter()
g = rdflib.Graph()
g.parse(onto + "/stdkg.ttl"); g.parse(onto + "/reused.ttl"); g.parse(onto + "/alignments.ttl")
g.parse(data, format="nt")
parse_s = time.perf_counter() - t
out = {"parse_s": parse_s, "triples": len(g)}
t = time.perf_counter()
if step == "pyshacl":
    import pyshacl
    conforms, report, _ = pyshacl.validate(g, shacl_graph=rdflib.Graph().parse(shapes), advanced=True)
    out["results"] = len(list(report.subjects(rdflib.RDF.type, rdflib.URIRef("http://www.w3.org/ns/shacl#ValidationResult"))))
elif step == "owlrl":
    import owlrl
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(g)
    out["closure"] = len(g)
elif step == "sparql":
    import pathlib
    times = {}
    for rq in sorted(pathlib.Path(sys.argv[5]).glob("*.rq")):
        t1 = time.perf_counter()
        list(g.query(rq.read_text()))
        times[rq.stem] = (time.perf_counter() - t1) * 1000
    out["query_ms"] = times
out["step_s"] = time.perf_counter() - t
print(json.dumps(out))
"""


def bench_size(n: int, args: argparse.Namespace, rows: list[Row], extra: dict[str, Any]) -> None:
    path, info, synth_row = synth(n)
    rows.append(synth_row)
    triples = info["triples"]
    size = label(n)
    kg = [STDKG, "--quiet", "--kg", "ontology", "--kg", str(path)]
    repeat = args.repeat
    work = Path(tempfile.mkdtemp(prefix=f"stdkg-bench-{size}-"))
    try:
        # validate: exactly the planted violations
        row = Row(size, triples, "validate", "stdkg validate --format json")
        r = measure(row, [*kg, "validate", "--format", "json"], repeat, args.timeout, ok=(1,))
        if r is not None:
            report = json.loads(r.stdout)
            got = sorted((x["focusNode"], x["constraint"]) for x in report["results"])
            want = sorted((v["focus_node"], v["constraint"]) for v in info["violations"])
            row.note = f"engine {report['engine']}; " + (
                f"exactly the {len(want)} planted violations"
                if got == want
                else f"{len(got)} results vs {len(want)} planted!"
            )
        rows.append(row)

        row = Row(size, triples, "reason", "stdkg reason --engine auto --format nt -o FILE")
        r = measure(
            row,
            [*kg, "reason", "--engine", "auto", "--format", "nt", "-o", str(work / "closure.nt")],
            repeat,
            args.timeout,
        )
        if r is not None:
            with open(work / "closure.nt", "rb") as fh:
                row.note = f"closure {sum(1 for _ in fh):,} triples"
        rows.append(row)

        for fmt in ("nt", "ttl"):
            row = Row(size, triples, f"export {fmt}", f"stdkg export --format {fmt} -o FILE")
            measure(
                row, [*kg, "export", "--format", fmt, "-o", str(work / f"out.{fmt}")], repeat, args.timeout
            )
            rows.append(row)

        row = Row(size, triples, "query (process)", "stdkg query commitments-in-order")
        qparam = "statement=https://w3id.org/stdkg/id/statement/st-0"
        measure(
            row,
            [*kg, "query", "commitments-in-order", "--param", qparam, "--format", "csv"],
            repeat,
            args.timeout,
        )
        row.unit = ""
        row.per_s = None
        rows.append(row)

        r = run([str(BIN / "python"), "-c", QUERY_TIMER, "5", "ontology", str(path)], args.timeout)
        if r.code == 0:
            extra.setdefault("queries", {})[size] = json.loads(r.stdout)
        else:
            extra.setdefault("queries", {})[size] = {"error": r.stderr[-500:]}

        with oxigraph_server(work) as url:
            # into an empty graph (a new graph IRI per run), then reloads of an unchanged graph
            load = [*kg, "load", "--store", "oxigraph", "--url", str(url), "--replace", "--graph"]
            graph = "https://w3id.org/stdkg/graph/bench/"
            row = Row(size, triples, "load (empty graph)", "stdkg load --store oxigraph --url URL --replace")
            reload = Row(size, triples, "load (reload)", "the same, again: the graph is unchanged")
            if url is None:
                row.note = reload.note = "oxigraph server binary not found"
            else:
                measure(row, lambda i: [*load, f"{graph}run-{i}"], repeat, args.timeout)
                measure(reload, [*load, f"{graph}run-0"], repeat, args.timeout)
            rows += [row, reload]

        row = Row(size, triples, "publish", "stdkg publish --out DIR", unit="pages/s")
        r = measure(
            row, [*kg, "publish", "--out", str(work / "site")], 1 if n >= 1_000_000 else repeat, args.timeout
        )
        if r is not None and row.median_s:
            pages = sum(1 for p in (work / "site").rglob("*.html"))
            row.per_s = pages / row.median_s
            row.note = f"{pages:,} HTML pages"
        rows.append(row)
        shutil.rmtree(work / "site", ignore_errors=True)

        if not args.no_baseline:
            bench_baseline(n, size, triples, path, args, rows)
    finally:
        shutil.rmtree(work, ignore_errors=True)


_BASELINE_SKIP: dict[str, float] = {}


def bench_baseline(
    n: int, size: str, triples: int, path: Path, args: argparse.Namespace, rows: list[Row]
) -> None:
    repeat = 1 if n >= 100_000 else args.repeat  # the slow reference steps: one run at 100k and up
    for step in ("pyshacl", "owlrl", "sparql"):
        row = Row(
            size,
            triples,
            f"baseline {step}",
            f"rdflib parse + {step}" if step != "parse" else "rdflib parse",
            baseline=True,
        )
        projected = _BASELINE_SKIP.get(step)
        if projected is not None and projected * n > args.timeout:
            row.note = f"skipped: projected {projected * n:.0f} s > timeout {args.timeout:.0f} s (linear from the smaller size)"
            rows.append(row)
            continue
        cmd = [
            str(BIN / "python"),
            "-c",
            BASELINE,
            step,
            str(ROOT / "shapes" / "data.shapes.ttl"),
            str(ROOT / "ontology"),
            str(path),
            str(ROOT / "queries"),
        ]
        r = measure(row, cmd, repeat, args.timeout)
        if r is None:
            _BASELINE_SKIP[step] = args.timeout / n  # anything bigger would time out too
        else:
            out = json.loads(r.stdout)
            total = row.median_s or 0.0
            if step == "pyshacl":
                row.step = "baseline validate"
                row.note = (
                    f"parse {out['parse_s']:.1f} s + pySHACL {out['step_s']:.1f} s; {out['results']} results"
                )
            elif step == "owlrl":
                row.step = "baseline reason"
                row.note = (
                    f"parse {out['parse_s']:.1f} s + owlrl {out['step_s']:.1f} s; closure {out['closure']:,}"
                )
            else:
                row.step = "baseline queries"
                qs = out["query_ms"]
                row.note = f"parse {out['parse_s']:.1f} s; queries: median {statistics.median(qs.values()):.0f} ms, max {max(qs.values()):.0f} ms"
            _BASELINE_SKIP.pop(step, None)
            if total:
                _BASELINE_SKIP[step] = total / n
            if row.median_s:
                row.per_s = triples / row.median_s
        rows.append(row)


def machine() -> dict[str, Any]:
    def sh(cmd: str) -> str:
        try:
            return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    versions = {}
    for mod in ("pyoxigraph", "rdflib", "pyshacl", "owlrl", "pyshacl_turbo"):
        versions[mod] = sh(
            f"{BIN / 'python'} -c 'import importlib.metadata as m; print(m.version(\"{mod.replace('_', '-')}\"))'"
        )
    cpu = ""
    with contextlib.suppress(OSError, StopIteration), open("/proc/cpuinfo") as fh:
        cpu = next(line.split(":", 1)[1].strip() for line in fh if line.startswith("model name"))
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory": sh("free -h | awk '/Mem:/ {print $2}'"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average_at_start": os.getloadavg(),
        "versions": versions,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }


def markdown(rows: list[Row], extra: dict[str, Any]) -> str:
    m = extra["machine"]
    lines = [
        "# stdkg benchmark",
        "",
        f"Machine: {m['nproc']} cores ({m['cpu']}), {m['memory']} RAM, Python {m['python']}, "
        + ", ".join(f"{k} {v}" for k, v in m["versions"].items() if v)
        + f"; load average at start {', '.join(f'{x:.1f}' for x in m['load_average_at_start'])}; {m['date']}.",
        "",
        "Whole processes (`stdkg --kg ontology --kg GRAPH …`, so every time includes starting Python and "
        "loading the graph); median of the runs; peak RSS of the process.",
        "",
        "| size | step | command | median s | runs | rate | peak RSS MB | note |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        rate = f"{r.per_s:,.0f} {r.unit}" if r.per_s else ""
        med = f"{r.median_s:.2f}" if r.median_s is not None else "—"
        lines.append(
            f"| {r.size} ({r.triples:,}) | {r.step} | `{r.command}` | {med} | {len(r.runs)} | {rate} | {r.peak_mb:.0f} | {r.note} |"
        )
    for size, data in extra.get("queries", {}).items():
        lines += ["", f"## Named queries inside one process, {size} (graph loaded once)", ""]
        if "error" in data:
            lines.append(f"error: {data['error']}")
            continue
        lines.append(f"Load: {data['load_s']:.2f} s. Median of 5 runs per query.")
        lines += ["", "| query | median ms | rows |", "|---|---|---|"]
        for name, q in data["queries"].items():
            if "error" in q:
                lines.append(f"| {name} | error: {q['error']} | |")
            else:
                lines.append(f"| {name} | {q['median_ms']:.2f} | {q['rows']} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default="10k,100k,1m", help="Comma-separated sizes in triples (10k, 100k, 1m)."
    )
    parser.add_argument("--repeat", type=int, default=3, help="Runs per step (median reported).")
    parser.add_argument("--timeout", type=float, default=300, help="Seconds before a step is killed.")
    parser.add_argument("--no-baseline", action="store_true", help="Skip the rdflib/pySHACL/owlrl baseline.")
    parser.add_argument("--out", type=Path, default=OUT, help="Folder for results.json and results.md.")
    args = parser.parse_args()
    rows: list[Row] = []
    extra: dict[str, Any] = {"machine": machine()}
    for text in args.sizes.split(","):
        n = parse_size(text)
        print(f"== {label(n)}", file=sys.stderr, flush=True)
        bench_size(n, args, rows, extra)
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "results.json").write_text(
            json.dumps({"rows": [asdict(r) for r in rows], **extra}, indent=2) + "\n"
        )
        (args.out / "results.md").write_text(markdown(rows, extra))
        for r in rows:
            if r.size == label(n):
                med = f"{r.median_s:.2f}s" if r.median_s is not None else "-"
                print(f"  {r.step:24} {med:>9} {r.peak_mb:7.0f} MB  {r.note}", file=sys.stderr, flush=True)
    print(f"wrote {args.out / 'results.md'}", file=sys.stderr)


if __name__ == "__main__":
    main()
