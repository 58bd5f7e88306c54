"""Prints scripts/bench's table: each JMH result beside its twin, as a ratio, with its goal.

usage: bench_table.py JMH_JSON C_RESULT...

A twin is what the Java figure is compared with:
  - a C twin: a line "NAME MEAN UNIT/op ... scores S1,S2,..." of a C program (mean of its runs);
  - a Java twin: another JMH benchmark of the same run (e.g. ByteBuffer.putInt beside a field handle);
  - none: an absolute goal (a time per operation not to exceed).
Ratio = twin time / Java time: 1.00 = as fast as the twin, lower = slower; the goal is a least ratio.
Exit status 0 even when a goal is missed: benchmarks report, they do not fail builds.
"""
import json
import sys

NS_PER = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}

# benchmark (Class.method) -> (kind, twin, goal)
#   ("c", c_name, least_ratio) | ("java", "Class.method", least_ratio) | ("max_ns", None, ns)
GOALS = {
    "SharedMemoryCopyBenchmark.copyIn": ("c", "copyIn", 0.9),
    "SharedMemoryCopyBenchmark.copyOut": ("c", "copyOut", 0.9),
    "SharedMemoryLifecycleBenchmark.createMapClose": ("c", "createMapClose", 0.5),
    "SharedMemoryLifecycleBenchmark.openMapClose": ("c", "openMapClose", 0.5),
    "SharedMemoryBufferBenchmark.buffer": ("max_ns", None, 20.0),
    "DelphiFieldBenchmark.fieldPutGetInt": ("java", "DelphiFieldBenchmark.byteBufferPutGetInt", 0.5),
    "SyncBenchmark.mutexUncontended": ("c", "mutexUncontended", 1.0),
    "SyncBenchmark.eventPingPong": ("c", "eventPingPong", 0.83),
    "SyncBenchmark.mutexHandoff": ("c", "mutexHandoff", 0.67),
    "MailslotBenchmark.send64Read": ("c", "send64Read", 0.8),
    "MailslotBenchmark.listenerLatency": ("c", "listenerLatency", 0.67),
    "CopyDataBenchmark.roundTrip64": ("c", "roundTrip64", 0.67),
    "ClipboardBenchmark.setAndRead1MB": ("c", "setAndRead1MB", 0.67),
    "PipeBenchmark.write64K": ("c", "pipeWrite64K", 0.8),
    "PipeBenchmark.roundTrip64": ("c", "pipeRoundTrip64", 0.67),
}


def to_ns(value, unit):
    return value * NS_PER[unit.split("/")[0]]


def show(ns):
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("us", 1e3)):
        if ns >= scale:
            return "%.1f %s" % (ns / scale, unit)
    return "%.1f ns" % ns


def read_c(files):
    means, rounds = {}, {}
    for path in files:
        with open(path) as f:
            for line in f:
                fields = line.split()
                if len(fields) >= 3 and fields[2].endswith("/op"):
                    unit = fields[2]
                    means.setdefault(fields[0], []).append(to_ns(float(fields[1]), unit))
                    if "scores" in fields:
                        scores = fields[fields.index("scores") + 1].split(",")
                        rounds.setdefault(fields[0], []).extend(to_ns(float(x), unit) for x in scores)
    return means, rounds


def main():
    jmh_file, c_files = sys.argv[1], sys.argv[2:]
    c_means, c_rounds = read_c(c_files)
    with open(jmh_file) as f:
        results = json.load(f)
    java = {}
    for r in results:
        metric = r["primaryMetric"]
        unit = metric["scoreUnit"]
        if r.get("mode") != "avgt" or unit.split("/")[0] not in NS_PER:
            continue
        name = ".".join(r["benchmark"].rsplit(".", 2)[-2:])
        err = metric.get("scoreError")
        err = to_ns(err, unit) if isinstance(err, (int, float)) and err == err else None
        best = min((to_ns(x, unit) for fork in metric.get("rawData", []) for x in fork), default=None)
        java[name] = (to_ns(metric["score"], unit), err, best)
    if not java:
        sys.exit("bench: no AverageTime results in " + jmh_file)

    header = ("benchmark", "Java", "JMH error", "twin", "twin time", "ratio twin/Java", "goal", "verdict")
    table = [header]
    java_twins = {g[1] for g in GOALS.values() if g[0] == "java"}
    for name, (score, err, best) in java.items():
        err_text = "n/a" if err is None else "± %.1f%%" % (100 * err / score)
        kind, twin, goal = GOALS.get(name, (None, None, None))
        if name in java_twins:
            table.append((name, show(score), err_text, "(a Java twin)", "", "", "", ""))
            continue
        if kind == "max_ns":
            verdict = "ok" if score <= goal else ("within error" if err and score - err <= goal else "MISSED")
            table.append((name, show(score), err_text, "none", "", "", "<= %s" % show(goal), verdict))
            continue
        if kind == "c" and c_means.get(twin):
            twin_time, twin_label = sum(c_means[twin]) / len(c_means[twin]), "C " + twin
        elif kind == "java" and twin in java:
            twin_time, twin_label = java[twin][0], twin.split(".")[-1]
        else:
            table.append((name, show(score), err_text, "n/a", "", "", "", "no twin"))
            continue
        ratio = twin_time / score
        if ratio >= goal:
            verdict = "ok"
        elif err is not None and score - err > 0 and twin_time / (score - err) >= goal:
            verdict = "within error"
        else:
            verdict = "MISSED"
        table.append((name, show(score), err_text, twin_label, show(twin_time), "%.2fx" % ratio,
                      ">= %.2fx" % goal, verdict))

    print("Ratio = twin time / Java time: 1.00 = as fast as the twin, lower = Java slower.")
    print("C twins: mean of the runs before and after JMH. JMH error: 99.9% confidence half-width.")
    print("'within error': the goal is missed by the mean but not beyond JMH's error (rerun).")
    print()
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for i, row in enumerate(table):
        print("  ".join(cell.ljust(w) if j == 0 else cell.rjust(w) for j, (cell, w) in enumerate(zip(row, widths))))
        if i == 0:
            print("  ".join("-" * w for w in widths))


if __name__ == "__main__":
    main()
