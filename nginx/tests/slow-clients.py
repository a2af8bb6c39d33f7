"""Slow clients of the edge over TLS, for the tests.

  slow-clients.py hold PORT COUNT READY_FILE   COUNT requests whose bodies trickle in (a byte every
                                                3 s, under client_body_timeout), all in progress at
                                                once; READY_FILE is written when every one is sent
                                                its header, and they are held until killed (at most 60 s)
  slow-clients.py header PORT SECONDS          one request header sent a byte a second for SECONDS;
                                                prints "cut" when the edge closes the connection
                                                first, else "answered"
"""
import socket
import ssl
import sys
import time


CONTEXT = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
CONTEXT.check_hostname = False
CONTEXT.verify_mode = ssl.CERT_NONE
CONTEXT.set_alpn_protocols(["http/1.1"])


def connect(port):
    raw = socket.create_connection(("127.0.0.1", port), timeout=30)
    return CONTEXT.wrap_socket(raw, server_hostname="localhost")


def hold(port, count, ready_file):
    held = []
    last_byte = time.monotonic()

    def trickle():
        nonlocal last_byte
        for conn in held:
            conn.sendall(b"x")
        last_byte = time.monotonic()

    for _ in range(count):
        conn = connect(port)
        conn.sendall(f"GET /api/tags HTTP/1.1\r\nHost: localhost:{port}\r\nContent-Length: 1000\r\n\r\nx".encode())
        held.append(conn)
        # On a busy machine the connections take a while: keep the first ones' bodies coming.
        if time.monotonic() - last_byte > 3:
            trickle()
    with open(ready_file, "w", encoding="utf-8") as ready:
        ready.write(f"{len(held)}\n")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        time.sleep(3)
        trickle()


def header(port, seconds):
    conn = connect(port)
    head = f"GET /api/tags HTTP/1.1\r\nHost: localhost:{port}\r\nX-Slow: ".encode()
    conn.sendall(head)
    try:
        for byte in b"a" * seconds:
            conn.sendall(bytes([byte]))
            time.sleep(1)
        conn.sendall(b"\r\n\r\n")
        answer = conn.recv(64)
    except OSError:
        answer = b""
    print("answered" if answer.startswith(b"HTTP/1.1 ") else "cut")


if __name__ == "__main__":
    if sys.argv[1] == "hold":
        hold(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
    else:
        header(int(sys.argv[2]), int(sys.argv[3]))
