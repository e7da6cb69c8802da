"""What the package's docstring examples may use when pytest runs them (``--doctest-modules``).

``store``: the real programme, built once per test session into a temporary
directory and loaded read-only. An example shows how a user gets one
(``store = open_store("build")``) on a line marked ``+SKIP``, because the
directory the tests run in need not hold a build; its other lines run on
this store. Examples must not change it.
"""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def doctest_store(tmp_path_factory: pytest.TempPathFactory):
    """A store loaded with a fresh build of the bundled data."""
    from rdzl_graph.build import build
    from rdzl_graph.query.store import load_store

    return load_store(build(out_dir=tmp_path_factory.mktemp("doctest-build")).trig)


@pytest.fixture(autouse=True)
def _store_for_examples(request: pytest.FixtureRequest, doctest_namespace: dict) -> None:
    """Give ``store`` to the docstring examples that use it (only those pay for the build)."""
    test = getattr(request.node, "dtest", None)
    if test is not None and any("store" in example.source for example in test.examples):
        doctest_namespace["store"] = request.getfixturevalue("doctest_store")
