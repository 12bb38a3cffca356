"""Pushes with Debian's prometheus_client, as a batch job would: push_client.py ADDRESS ACTION."""
import sys

from prometheus_client import (CollectorRegistry, Counter, Gauge, delete_from_gateway,
                               push_to_gateway, pushadd_to_gateway)

address, action = sys.argv[1], sys.argv[2]
job = "py/batch"
grouping_key = {"instance": "", "shard": "a/b"}
registry = CollectorRegistry()
if action == "push":
    Gauge("py_temperature", "Temperature.", ["room"], registry=registry).labels("kitchen").set(21.5)
    Counter("py_jobs", "Jobs done.", registry=registry).inc(3)
    push_to_gateway(address, job=job, registry=registry, grouping_key=grouping_key)
elif action == "pushadd":
    Gauge("py_temperature", "Temperature.", ["room"], registry=registry).labels("attic").set(4)
    pushadd_to_gateway(address, job=job, registry=registry, grouping_key=grouping_key)
elif action == "delete":
    delete_from_gateway(address, job=job, grouping_key=grouping_key)
else:
    sys.exit("unknown action " + action)
