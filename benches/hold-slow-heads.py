"""Holds N connections to a loopback server, each with half a request head
sent and nothing more, for S seconds (reopening any the server closes), as a
slow or hostile client does. For the load runs of BENCHMARKS.md:

    python3 benches/hold-slow-heads.py 127.0.0.1:8080 500 12
"""
import socket
import sys
import time

host, port = sys.argv[1].rsplit(":", 1)
assert host in ("127.0.0.1", "localhost", "::1"), "loopback only"
count, seconds = int(sys.argv[2]), float(sys.argv[3])


def open_one():
    s = socket.create_connection((host, int(port)))
    s.sendall(b"POST /localize HTTP/1.1\r\nHost: sidecar\r\n")
    s.setblocking(False)
    return s


held = [open_one() for _ in range(count)]
print(f"holding {len(held)} half-sent heads for {seconds} s", flush=True)
reopened = 0
end = time.monotonic() + seconds
while time.monotonic() < end:
    for i, s in enumerate(held):
        try:
            if s.recv(1) == b"":
                raise ConnectionResetError
        except BlockingIOError:
            continue
        except OSError:
            s.close()
            held[i] = open_one()
            reopened += 1
    time.sleep(0.2)
print(f"reopened {reopened} the server closed", flush=True)
