"""Executes rendered DAG files against stand-ins for Airflow and the Kubernetes client (neither is
installed here) and prints, as JSON, every DAG with the arguments its tasks were built with.

Usage: python3 read_dags.py FILE...
"""
import json
import runpy
import sys
import types
from datetime import datetime, timedelta

DAGS = []
_CURRENT = []


class DAG:
    def __init__(self, **kwargs):
        self.kwargs = kwargs
        self.tasks = []

    def __enter__(self):
        _CURRENT.append(self)
        return self

    def __exit__(self, *exc):
        _CURRENT.pop()
        DAGS.append(self)
        return False


class KubernetesPodOperator:
    def __init__(self, **kwargs):
        self.kwargs = kwargs
        _CURRENT[-1].tasks.append(self)


class _K8sModel:
    """Any kubernetes.client model: remembers its type and keyword arguments."""

    def __init__(self, **kwargs):
        self.kwargs = kwargs


class _Models(types.ModuleType):
    def __getattr__(self, name):
        if not name.startswith("V1"):
            raise AttributeError(name)
        cls = type(name, (_K8sModel,), {})
        setattr(self, name, cls)
        return cls


def _install():
    airflow = types.ModuleType("airflow")
    airflow.DAG = DAG
    pod = types.ModuleType("airflow.providers.cncf.kubernetes.operators.pod")
    pod.KubernetesPodOperator = KubernetesPodOperator
    names = ["airflow.providers", "airflow.providers.cncf", "airflow.providers.cncf.kubernetes",
             "airflow.providers.cncf.kubernetes.operators"]
    sys.modules["airflow"] = airflow
    for name in names:
        sys.modules[name] = types.ModuleType(name)
    sys.modules["airflow.providers.cncf.kubernetes.operators.pod"] = pod
    kubernetes = types.ModuleType("kubernetes")
    client = types.ModuleType("kubernetes.client")
    models = _Models("kubernetes.client.models")
    client.models = models
    kubernetes.client = client
    sys.modules["kubernetes"] = kubernetes
    sys.modules["kubernetes.client"] = client
    sys.modules["kubernetes.client.models"] = models


def _plain(value):
    if isinstance(value, _K8sModel):
        out = {"_type": type(value).__name__}
        out.update({k: _plain(v) for k, v in value.kwargs.items()})
        return out
    if isinstance(value, timedelta):
        return {"_type": "timedelta", "seconds": int(value.total_seconds())}
    if isinstance(value, datetime):
        return {"_type": "datetime", "iso": value.isoformat()}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def main(files):
    _install()
    result = []
    for path in files:
        before = len(DAGS)
        runpy.run_path(path, run_name="dag_file")
        for dag in DAGS[before:]:
            entry = {"file": path}
            entry.update({k: _plain(v) for k, v in dag.kwargs.items()})
            entry["tasks"] = [_plain(t.kwargs) for t in dag.tasks]
            result.append(entry)
    json.dump(result, sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main(sys.argv[1:])
