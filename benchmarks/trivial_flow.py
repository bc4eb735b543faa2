"""The yardstick of benchmarks/overhead.py: the smallest Prefect flow worth the name.

One flow calling one task, run as ``python benchmarks/trivial_flow.py`` the way
``astro-ie run`` is run: a fresh process that starts Prefect's temporary
local server, creates a flow run and a task run, and exits.
"""

from prefect import flow, task


@task
def add_one(x: int) -> int:
    return x + 1


@flow(name="trivial")
def trivial(x: int = 1) -> int:
    return add_one(x)


if __name__ == "__main__":
    print(trivial())
