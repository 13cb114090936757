"""Batch runs: the per-document function (document.py), where it runs (pool.py: local worker
processes; dask_executor.py: a dask.distributed cluster), the results store (store.py), the
figures kept for across-documents rules (figures.py) and progress on the terminal (progress.py).

Above api and report: cli/ calls this package; nothing below it knows it exists.
"""
