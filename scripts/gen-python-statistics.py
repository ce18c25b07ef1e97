#!/usr/bin/env python3
"""Writes internal/fsum/testdata/python-statistics.json: sliding windows of
samples with what Python's statistics.fmean and statistics.stdev give, the
way COSMOS's Python StatisticsProcessor computes MEAN and STDDEV. Run it
from the repository root when the cases change; the Go tests only read it."""
import json
import random
import statistics

def case(name, size, samples):
    window, means, stdevs = [], [], []
    for x in samples:
        window.append(x)
        window = window[-size:]
        means.append(statistics.fmean(window))
        stdevs.append(statistics.stdev(window) if len(window) > 1 else None)
    return {"name": name, "size": size, "samples": samples, "mean": means, "stdev": stdevs}

r = random.Random(13)
cases = [
    case("inst2_temp1_poly", 100, [-100.0 + 0.00305 * r.randrange(65536) for _ in range(400)]),
    case("ramp", 10, [float(i) * 0.1 for i in range(60)]),
    case("constant", 5, [21.5] * 12),
    case("wide", 7, [r.gauss(0, 1) * 10 ** r.randrange(-20, 20) for _ in range(200)]),
    case("small_ints", 3, [float(r.randrange(-3, 4)) for _ in range(100)]),
    case("one", 1, [1.5, -2.25, 3.0]),
]
with open("internal/fsum/testdata/python-statistics.json", "w") as f:
    json.dump(cases, f, indent=0)
    f.write("\n")
