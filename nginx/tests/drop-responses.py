"""A broken app instance for the tests: it passes each request on to a real instance, waits for
the answer and then hangs up without sending it. The request did reach the app, so the edge
must not send it again to another instance."""
import socket
import sys
import threading

listen_port, target_port = int(sys.argv[1]), int(sys.argv[2])


def handle(client):
    with client, socket.create_connection(("127.0.0.1", target_port), timeout=10) as upstream:
        client.settimeout(10)
        request = b""
        while b"\r\n\r\n" not in request:
            chunk = client.recv(65536)
            if not chunk:
                return
            request += chunk
        head, _, body = request.partition(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        while len(body) < length:
            body += client.recv(65536)
        upstream.sendall(head + b"\r\n\r\n" + body)
        upstream.recv(65536)


server = socket.create_server(("127.0.0.1", listen_port))
while True:
    connection, _ = server.accept()
    threading.Thread(target=handle, args=(connection,), daemon=True).start()
