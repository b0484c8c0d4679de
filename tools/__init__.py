"""Tooling around the archive, not part of the `onrecord` package: the benchmark, screenshots,
the synthetic-archive generator and the browser harness. Run from the project root
(`python -m tools.bench`, `python -m tools.screenshots`); `make bench` and `make screenshots`
do it for you."""
