"""kg.remote against a real Oxigraph server (the `oxigraph` package's binary)."""
from __future__ import annotations

import http.server
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from rdflib import Literal

from kg import cli, oxstore
from kg.query import list_queries, load_query, parse_params
from kg.remote import PASSWORD_ENV, USER_ENV, RemoteError, bind_query, push, query_remote
from kg.dumps import GRAPH_DIR, dump_bytes
from tests.samples import SAMPLE_PARAMS

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
COUNT_DEFAULT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def oxigraph_binary() -> str | None:
    beside = Path(sys.executable).with_name("oxigraph")
    return str(beside) if beside.exists() else shutil.which("oxigraph")


def die_with_parent() -> None:
    """In the child: ask Linux to kill the server if pytest dies (no orphaned servers)."""
    try:
        import ctypes
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)   # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """An Oxigraph server on a free port with a fresh data folder; yields its base URL."""
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    process = subprocess.Popen([binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                               preexec_fn=die_with_parent if sys.platform == "linux" else None)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            if process.poll() is not None:
                pytest.fail(f"oxigraph serve exited with {process.returncode}")
            try:
                urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("oxigraph serve did not answer within 20 s")
                time.sleep(0.05)
        yield url
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def out(sample_out) -> Path:
    return sample_out


@pytest.fixture(scope="module")
def pushed(server, out):
    assert push(out, f"{server}/store")[0] >= 2
    return server


def statements(out: Path) -> int:
    return sum(1 for line in b"".join(dump_bytes(out)).splitlines() if line.strip())


@pytest.mark.parametrize("name", [q.name for q in list_queries()])
def test_remote_rows_equal_local_rows(name, pushed, out):
    query = load_query(name)
    bindings = parse_params(query, SAMPLE_PARAMS.get(name, []))
    local = oxstore.run_query(oxstore.open_store(out), query, bindings)
    assert query_remote(f"{pushed}/query", query.text, bindings, timeout=20) == local


def merged(out: Path) -> int:
    store = oxstore.open_store(out)
    return len(store) - oxstore.named_quads(store)


def test_pushing_twice_does_not_duplicate(pushed, out):
    expected = [["n"], [[str(statements(out))]]]
    expected_default = [["n"], [[str(merged(out))]]]
    assert list(query_remote(f"{pushed}/query", COUNT)) == expected
    assert list(query_remote(f"{pushed}/query", COUNT_DEFAULT)) == expected_default
    graphs, sent = push(out, f"{pushed}/store")
    assert sent == statements(out)
    assert list(query_remote(f"{pushed}/query", COUNT)) == expected
    assert list(query_remote(f"{pushed}/query", COUNT_DEFAULT)) == expected_default


def test_push_by_sparql_update_replaces_graphs(pushed, out):
    expected = [["n"], [[str(statements(out))]]]
    push(out, f"{pushed}/store", update_endpoint=f"{pushed}/update")
    push(out, f"{pushed}/store", update_endpoint=f"{pushed}/update")
    assert list(query_remote(f"{pushed}/query", COUNT)) == expected
    assert list(query_remote(f"{pushed}/query", COUNT_DEFAULT)) == [["n"], [[str(merged(out))]]]


def test_the_merge_is_computed_without_a_store(pushed, out, tmp_path):
    bare = tmp_path / "bare"
    bare.mkdir()
    shutil.copytree(out / GRAPH_DIR, bare / GRAPH_DIR)
    push(bare, f"{pushed}/store")
    assert list(query_remote(f"{pushed}/query", COUNT_DEFAULT)) == [["n"], [[str(merged(out))]]]


def test_long_queries_go_by_post(pushed):
    padding = "# " + "x" * 3000 + "\n"
    header, rows = query_remote(f"{pushed}/query", padding + COUNT)
    assert header == ["n"] and int(rows[0][0]) > 0


def test_parameters_are_bound_not_pasted(pushed):
    query = load_query("person-timeline")
    hostile = 'x")) } } SELECT * WHERE { ?s ?p ?o } #\n'
    from rdflib.plugins.sparql import prepareQuery
    prepareQuery(bind_query(query.text, {"name": Literal(hostile)}))   # still one well-formed query
    assert query_remote(f"{pushed}/query", query.text, {"name": Literal(hostile)})[1] == []
    assert query_remote(f"{pushed}/query", query.text, {"name": Literal("lê duy thành")})[1]


def test_closed_port_names_the_endpoint():
    endpoint = f"http://127.0.0.1:{free_port()}/query"
    with pytest.raises(RemoteError) as caught:
        query_remote(endpoint, COUNT, timeout=5)
    assert endpoint in str(caught.value) and "refused" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_http_404_path(pushed, out):
    with pytest.raises(RemoteError, match=r"/no-such-path: HTTP 404"):
        query_remote(f"{pushed}/no-such-path", COUNT, timeout=5)
    with pytest.raises(RemoteError, match=r"/no-such-path: HTTP 404"):
        push(out, f"{pushed}/no-such-path")


def test_a_bad_query_is_an_http_400(pushed):
    with pytest.raises(RemoteError, match=r"HTTP 400"):
        query_remote(f"{pushed}/query", "SELECT WHERE {", timeout=5)


@pytest.fixture
def html_server():
    """A plain web server that answers every request with an HTML page."""
    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = b"<html><body>hello</body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        do_POST = do_GET

        def log_message(self, *args):
            pass

    httpd = http.server.HTTPServer(("127.0.0.1", 0), Page)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_non_sparql_answer(html_server):
    with pytest.raises(RemoteError, match=r"not a SPARQL JSON results answer \(text/html\)"):
        query_remote(f"{html_server}/sparql", COUNT, timeout=5)


def test_a_timeout(tmp_path):
    with socket.socket() as silent:        # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        endpoint = f"http://127.0.0.1:{silent.getsockname()[1]}/query"
        with pytest.raises(RemoteError, match="timeout") as caught:
            query_remote(endpoint, COUNT, timeout=1)
        assert endpoint in str(caught.value)


def test_credentials_never_appear_in_errors(pushed, out, monkeypatch):
    monkeypatch.setenv(USER_ENV, "alice-the-admin")
    monkeypatch.setenv(PASSWORD_ENV, "s3cret-Passw0rd")
    closed = f"http://127.0.0.1:{free_port()}"
    attempts = [
        lambda: query_remote(f"{closed}/query", COUNT, timeout=5),
        lambda: query_remote(f"{pushed}/no-such-path", COUNT, timeout=5),
        lambda: push(out, f"{closed}/store"),
        lambda: push(out, f"{pushed}/no-such-path"),
        lambda: query_remote(f"http://bob:url-Secret-9@127.0.0.1:{free_port()}/query", COUNT, timeout=5),
    ]
    for attempt in attempts:
        with pytest.raises(RemoteError) as caught:
            attempt()
        message = str(caught.value)
        assert "127.0.0.1" in message
        for secret in ("alice-the-admin", "s3cret-Passw0rd", "url-Secret-9", "bob"):
            assert secret not in message


def test_cli_push_and_query(pushed, out, capsys):
    assert cli.main(["push", "--in", str(out), "--endpoint", f"{pushed}/store"]) == 0
    assert f"{statements(out)} statements" in capsys.readouterr().out
    assert cli.main(["query", "person-timeline", "--endpoint", f"{pushed}/query",
                     "--param", "name=Lê Duy Thành", "--format", "csv"]) == 0
    assert "Lê Duy Thành" in capsys.readouterr().out
    closed = f"http://127.0.0.1:{free_port()}/query"
    assert cli.main(["query", "articles", "--endpoint", closed]) == 2
    assert closed in capsys.readouterr().err


def test_credentials_in_the_url_are_refused():
    with pytest.raises(RemoteError) as caught:
        query_remote(f"http://bob:url-Secret-9@127.0.0.1:{free_port()}/query", COUNT, timeout=5)
    message = str(caught.value)
    assert USER_ENV in message and PASSWORD_ENV in message
    assert "url-Secret-9" not in message and "bob" not in message
