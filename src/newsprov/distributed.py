"""Extraction on a Dask cluster: ``newsprov ingest --engine dask --scheduler ADDRESS``.

Extraction and the SHACL check are a pure function of an article and the
lexicons (``work.article_ntriples`` and ``work.check_chunk``), so each
batch is cut into chunks that run on the cluster's workers; the graphs come
back to this process, which writes each batch in one transaction, as a local
ingest does. The workers need newsprov installed (the same version); extra
gazetteers travel with the tasks, so they need not exist on the workers' disks.
"""
from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

from .errors import InputError, setting

_PIPELINES: dict = {}  # on a worker: one pipeline per set of gazetteers


def _work_on_worker(chunk, gazetteers: tuple[tuple[str, bytes], ...], shacl: str):
    from .work import WORKER, init_worker, work  # lazily: on a Dask worker, not where the client runs

    key = hashlib.sha256(b"".join(data for _name, data in gazetteers)).hexdigest()
    if key not in _PIPELINES:
        folder = Path(tempfile.gettempdir()) / f"newsprov-gazetteers-{key[:16]}"
        folder.mkdir(exist_ok=True)
        paths = []
        for number, (name, data) in enumerate(gazetteers):
            path = folder / f"{number}-{Path(name).name}"
            path.write_bytes(data)
            paths.append(str(path))
        init_worker(tuple(paths), shacl)
        _PIPELINES[key] = dict(WORKER)
    WORKER.update(_PIPELINES[key])
    return work(chunk)


class DaskWorkers:
    """The interface of ``ingest.Workers``, over the Dask scheduler at ``address``."""

    def __init__(self, address: str, gazetteers: tuple[str, ...], shacl: str, timeout: float = 10):
        try:
            from distributed import Client  # lazily: optional (the dask extra)
        except ImportError:
            raise InputError(f"{setting('engine')} dask needs the packages dask and distributed: "
                             "pip install 'newsprov[dask]'") from None
        try:
            self.client = Client(address, timeout=timeout, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise InputError(f"cannot reach the Dask scheduler at {address} ({' '.join(str(exc).split()) or 'timeout'}); "
                             f"start one with `dask scheduler` or check {setting('scheduler')}") from None
        self.gazetteers = tuple((path, Path(path).read_bytes()) for path in gazetteers)
        self.shacl = shacl
        workers = len(self.client.scheduler_info().get("workers", {})) or 1
        self.chunks = workers * 4

    def submit(self, batch: list) -> list:
        size = max(1, -(-len(batch) // self.chunks))
        return [self.client.submit(_work_on_worker, batch[i:i + size], self.gazetteers, self.shacl, pure=False)
                for i in range(0, len(batch), size)]

    def close(self, cancel: bool = False) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None
