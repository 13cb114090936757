"""Batch runs: the per-document function (document.py), where it runs (pool.py: local worker
processes; dask_executor.py: a dask.distributed cluster; executors.py picks one), the results store
(store.py), the scan that fills it (scan.py) and progress on the terminal (progress.py).

Above api and report: cli/ calls this package; nothing below it knows it exists.
"""
