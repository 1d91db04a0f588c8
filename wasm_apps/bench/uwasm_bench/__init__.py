"""Benchmark harness of uwasm: runs wasm_apps/bench in every engine and reports.

Modules: ``programs`` (the benchmark list and result parsing), ``engines`` (how each
engine is run and timed), ``results`` (results.json: schema and geometric means),
``chart`` (the ratios PNG), ``bench`` (``make bench``), ``size`` (``make size``),
``wasmtime_run`` (calls one export under wasmtime and times only the call).
"""
