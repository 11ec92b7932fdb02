"""The outbound fetcher against a real HTTP server on 127.0.0.1: what it fetches, and every
refusal (bad scheme, private address, a redirect to one, too large, too slow)."""

import datetime
import gzip
import socket
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import environ
import httpx
import pytest

from sparklio.core import outbound
from sparklio.core.outbound import OutboundRefused, fetch

PAGE = "<html><head><title>소닉 X1</title></head><body><p>배터리 30시간</p></body></html>".encode()


class Handler(BaseHTTPRequestHandler):
    seen: list = []

    def log_message(self, *args):
        pass

    def _send(self, status, body=b"", headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        if not any(name.lower() in ("content-length", "transfer-encoding") for name, _ in headers):
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802 (http.server's name)
        Handler.seen.append((self.path, self.headers.get("Host")))
        port = self.server.server_address[1]
        route = {
            "/page": lambda: self._send(200, PAGE, [("Content-Type", "text/html; charset=utf-8")]),
            "/missing": lambda: self._send(404, b"no", [("Content-Type", "text/plain")]),
            "/hop": lambda: self._send(302, headers=[("Location", "/page")]),
            "/to-metadata": lambda: self._send(302, headers=[("Location", "http://169.254.169.254/latest/meta-data")]),
            "/to-ten": lambda: self._send(307, headers=[("Location", f"http://10.0.0.7:{port}/page")]),
            "/loop": lambda: self._send(302, headers=[("Location", "/loop")]),
            "/big-declared": lambda: self._send(200, b"x" * 10, [("Content-Length", str(10**9))]),
            "/big-chunked": self._big_chunked,
            "/gzip-bomb": lambda: self._send(
                200, gzip.compress(b"a" * 5_000_000), [("Content-Encoding", "gzip"), ("Content-Type", "text/plain")]
            ),
            "/drip": self._drip,
            "/stall": self._stall,
        }.get(self.path)
        if route is None:
            self._send(404)
        else:
            route()

    def _big_chunked(self):
        self.send_response(200)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        try:
            for _ in range(200):
                piece = b"y" * 65536
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _drip(self):
        self.send_response(200)
        self.send_header("Content-Length", "100")
        self.end_headers()
        try:
            for _ in range(100):
                self.wfile.write(b"z")
                self.wfile.flush()
                time.sleep(0.05)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _stall(self):
        time.sleep(3)
        self._send(200, b"late")


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def allow_loopback(settings):
    settings.OUTBOUND_ALLOW_PRIVATE = ["127.0.0.1"]
    Handler.seen.clear()


def _refused(reason, call):
    with pytest.raises(OutboundRefused) as caught:
        call()
    assert caught.value.reason == reason, caught.value.message
    assert isinstance(caught.value, ValueError)
    return caught.value


def test_fetches_a_page(server, allow_loopback):
    got = fetch(f"{server}/page")
    assert (got.status, got.content, got.url) == (200, PAGE, f"{server}/page")
    assert got.content_type == "text/html; charset=utf-8" and got.headers["content-type"] == got.content_type


def test_an_error_status_is_returned_not_raised(server, allow_loopback):
    assert fetch(f"{server}/missing").status == 404


def test_follows_a_redirect_and_reports_the_final_url(server, allow_loopback):
    got = fetch(f"{server}/hop")
    assert got.url == f"{server}/page" and got.content == PAGE
    assert [path for path, _ in Handler.seen] == ["/hop", "/page"]


def test_loopback_is_refused_unless_allowed(server, settings):
    settings.OUTBOUND_ALLOW_PRIVATE = []
    Handler.seen.clear()
    error = _refused("private_address", lambda: fetch(f"{server}/page"))
    assert "127.0.0.1" in error.message
    assert Handler.seen == []  # refused before connecting


@pytest.mark.parametrize(
    "url",
    [
        "http://10.1.2.3/",
        "http://192.168.0.1/",
        "http://172.16.5.4/",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/",
        "http://[fe80::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://0.0.0.0/",
        "http://224.0.0.1/",
        "http://100.64.0.1/",
        "http://localhost/",
    ],
)
def test_private_and_reserved_addresses_are_refused(url, settings):
    settings.OUTBOUND_ALLOW_PRIVATE = []
    _refused("private_address", lambda: fetch(url))


def test_a_redirect_from_an_allowed_host_to_a_private_address_is_refused(server, allow_loopback):
    _refused("private_address", lambda: fetch(f"{server}/to-metadata"))
    _refused("private_address", lambda: fetch(f"{server}/to-ten"))
    assert [path for path, _ in Handler.seen] == ["/to-metadata", "/to-ten"]


def test_too_many_redirects(server, allow_loopback):
    _refused("redirects", lambda: fetch(f"{server}/loop"))
    assert len(Handler.seen) == outbound.MAX_REDIRECTS + 1


@pytest.mark.parametrize(
    "url", ["ftp://example.com/file", "file:///etc/passwd", "gopher://example.com/", "javascript:1"]
)
def test_only_http_and_https(url):
    _refused("scheme", lambda: fetch(url))


def test_credentials_in_the_url_are_refused():
    _refused("credentials", lambda: fetch("http://user:pass@example.com/"))


def test_a_declared_size_over_the_limit_is_refused_before_reading(server, allow_loopback):
    _refused("too_large", lambda: fetch(f"{server}/big-declared", max_bytes=1000))


def test_a_streamed_body_over_the_limit_stops_being_read(server, allow_loopback):
    error = _refused("too_large", lambda: fetch(f"{server}/big-chunked", max_bytes=200_000))
    assert "200000" in error.message


def test_the_limit_counts_decompressed_bytes(server, allow_loopback):
    _refused("too_large", lambda: fetch(f"{server}/gzip-bomb", max_bytes=1_000_000))


def test_the_limit_is_a_setting(server, allow_loopback, settings):
    settings.OUTBOUND_MAX_BYTES = 50
    _refused("too_large", lambda: fetch(f"{server}/page"))


def test_a_slow_drip_hits_the_total_deadline(server, allow_loopback):
    started = time.monotonic()
    _refused("timeout", lambda: fetch(f"{server}/drip", timeout=0.6))
    # each byte came in time; the whole answer did not (it would take 5 s)
    assert time.monotonic() - started < 3


def test_a_server_that_does_not_answer_times_out(server, allow_loopback, settings):
    settings.OUTBOUND_TIMEOUT = 0.5
    _refused("timeout", lambda: fetch(f"{server}/stall"))


def test_dns_is_resolved_once_and_the_connection_goes_to_that_address(server, allow_loopback, monkeypatch):
    """A rebinding resolver answers 127.0.0.1 (allowed here) the first time and a private
    address every time after: the fetch must connect to the first answer, with the name kept
    in the Host header."""
    answers = []
    port = int(server.rsplit(":", 1)[1])

    def rebinding(host, *args, **kwargs):
        if host != "shop.example":
            return real(host, *args, **kwargs)
        address = "127.0.0.1" if not answers else "10.9.9.9"
        answers.append(address)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    real = socket.getaddrinfo
    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    got = fetch(f"http://shop.example:{port}/page")
    assert got.content == PAGE and got.url == f"http://shop.example:{port}/page"
    assert answers == ["127.0.0.1"]
    assert Handler.seen == [("/page", f"shop.example:{port}")]


def test_a_name_resolving_to_any_private_address_is_refused(settings, monkeypatch):
    settings.OUTBOUND_ALLOW_PRIVATE = []
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        lambda *args, **kwargs: [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 80)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("192.168.1.10", 80)),
        ],
    )
    _refused("private_address", lambda: fetch("http://mixed.example/"))


def test_allowed_host_names_and_networks(settings, server, monkeypatch):
    port = int(server.rsplit(":", 1)[1])
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        lambda *args, **kwargs: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))],
    )
    settings.OUTBOUND_ALLOW_PRIVATE = ["wiki.intranet"]
    assert fetch(f"http://wiki.intranet:{port}/page").status == 200
    _refused("private_address", lambda: fetch(f"http://other.intranet:{port}/page"))
    settings.OUTBOUND_ALLOW_PRIVATE = ["127.0.0.0/8"]
    assert fetch(f"http://other.intranet:{port}/page").status == 200


@pytest.mark.parametrize("value", ["1", ["1"], "true", ["TRUE"], "yes", "on", True])
def test_a_boolean_allow_private_lets_every_private_address_through(settings, server, value):
    settings.OUTBOUND_ALLOW_PRIVATE = value
    Handler.seen.clear()
    assert fetch(f"{server}/page").status == 200


@pytest.mark.parametrize("value", ["0", ["false"], "off", "", [], False])
def test_a_false_or_empty_allow_private_lets_none_through(settings, server, value):
    settings.OUTBOUND_ALLOW_PRIVATE = value
    _refused("private_address", lambda: fetch(f"{server}/page"))


def test_allow_private_reads_the_environment_as_the_settings_do(monkeypatch):
    monkeypatch.setenv("OUTBOUND_ALLOW_PRIVATE", "1")
    assert outbound.allow_private_setting(environ.Env().list("OUTBOUND_ALLOW_PRIVATE", default=[])) is True
    monkeypatch.setenv("OUTBOUND_ALLOW_PRIVATE", "wiki.intranet, 10.0.0.0/8")
    listed = environ.Env().list("OUTBOUND_ALLOW_PRIVATE", default=[])
    assert outbound.allow_private_setting(listed) == ("wiki.intranet", "10.0.0.0/8")


def test_an_unknown_host_is_refused():
    _refused("dns", lambda: fetch("http://no-such-host.invalid/"))


def test_check_is_the_request_time_test(settings):
    settings.OUTBOUND_ALLOW_PRIVATE = []
    assert outbound.check("https://93.184.216.34/a b") == "https://93.184.216.34/a%20b"
    _refused("private_address", lambda: outbound.check("http://127.0.0.1:8000/admin"))


def _certificate_authority():
    """A CA and a certificate it signed for shop.example (and nothing else)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = datetime.datetime.now(datetime.UTC)

    def build(subject, issuer, public_key, signer, *, ca, names=()):
        builder = (
            x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)]))
            .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, issuer)]))
            .public_key(public_key)
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        )
        if names:
            builder = builder.add_extension(x509.SubjectAlternativeName([x509.DNSName(n) for n in names]), False)
        return builder.sign(signer, hashes.SHA256())

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = build("Test CA", "Test CA", ca_key.public_key(), ca_key, ca=True)
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = build("shop.example", "Test CA", key.public_key(), ca_key, ca=False, names=["shop.example"])
    pem = serialization.Encoding.PEM
    key_pem = key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    return ca.public_bytes(pem), leaf.public_bytes(pem), key_pem


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory):
    ca_pem, cert_pem, key_pem = _certificate_authority()
    folder = tmp_path_factory.mktemp("tls")
    (folder / "cert.pem").write_bytes(cert_pem + ca_pem)
    (folder / "key.pem").write_bytes(key_pem)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd.server_address[1], ca_pem
    httpd.shutdown()
    httpd.server_close()


def test_https_connects_to_the_checked_address_and_verifies_the_name(tls_server, allow_loopback, monkeypatch):
    port, ca_pem = tls_server
    trusting = ssl.create_default_context(cadata=ca_pem.decode())
    # the process client, trusting the test CA instead of the public ones
    monkeypatch.setattr(
        outbound,
        "_client",
        httpx.Client(verify=trusting, trust_env=False, limits=httpx.Limits(max_keepalive_connections=0)),
    )
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        lambda *args, **kwargs: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))],
    )
    got = fetch(f"https://shop.example:{port}/page")
    assert got.content == PAGE and Handler.seen[-1] == ("/page", f"shop.example:{port}")
    # the same address under a name the certificate does not carry: the TLS check fails
    error = _refused("unreachable", lambda: fetch(f"https://other.example:{port}/page"))
    assert "certificate" in error.message.lower()
