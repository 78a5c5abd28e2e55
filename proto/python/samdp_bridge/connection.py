"""Addresses, channels and error translation shared by the client and the server."""

from __future__ import annotations

import os

import grpc

ADDRESS_VARIABLE = "SAMDP_BRIDGE_ADDRESS"
CA_VARIABLE = "SAMDP_BRIDGE_CA"
DEFAULT_PORT = 50051
DEFAULT_ADDRESS = f"grpc://127.0.0.1:{DEFAULT_PORT}"

# Sessions live as long as their connection (on samdp's Java server), so the channel must not idle out; keep-alive
# pings notice a server that vanished without closing the connection.
CHANNEL_OPTIONS = [
    ("grpc.keepalive_time_ms", 30_000),
    ("grpc.keepalive_timeout_ms", 10_000),
    ("grpc.keepalive_permit_without_calls", 1),
    ("grpc.http2.max_pings_without_data", 0),
    ("grpc.client_idle_timeout_ms", 2 ** 31 - 1),
    ("grpc.max_receive_message_length", 64 << 20),
    ("grpc.max_send_message_length", 64 << 20),
]


class BridgeError(RuntimeError):
    """The bridge could not do what was asked: the server is gone or unreachable, a call ran past its deadline, the
    session no longer exists, or the remote environment failed. ``code`` is the gRPC status code."""

    def __init__(self, message: str, code: grpc.StatusCode | None = None):
        super().__init__(message)
        self.code = code


def parse_address(address: str | None) -> tuple[str, bool]:
    """``(host:port, tls)`` from ``host:port``, ``grpc://host:port`` or ``grpcs://host:port``; None reads
    ``SAMDP_BRIDGE_ADDRESS`` (default ``grpc://127.0.0.1:50051``)."""
    if address is None:
        address = os.environ.get(ADDRESS_VARIABLE) or DEFAULT_ADDRESS
    tls = address.startswith("grpcs://")
    for prefix in ("grpcs://", "grpc://"):
        if address.startswith(prefix):
            address = address[len(prefix):]
    address = address.rstrip("/")
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit():
        raise ValueError(f"bridge address {address!r} must look like HOST:PORT, grpc://HOST:PORT or grpcs://HOST:PORT")
    return address, tls


def open_channel(address: str | None) -> tuple[grpc.Channel, str]:
    target, tls = parse_address(address)
    if not tls:
        return grpc.insecure_channel(target, options=CHANNEL_OPTIONS), target
    ca = os.environ.get(CA_VARIABLE)
    roots = open(ca, "rb").read() if ca else None
    return grpc.secure_channel(target, grpc.ssl_channel_credentials(root_certificates=roots),
                               options=CHANNEL_OPTIONS), target


def translate(error: grpc.RpcError, what: str, target: str, env_id: str, timeout: float) -> Exception:
    """One clear exception for a failed call: ValueError for what the server refused as invalid, BridgeError else."""
    code = error.code()
    detail = error.details() or code.name
    server = f"the bridge server at {target}"
    if code == grpc.StatusCode.INVALID_ARGUMENT:
        return ValueError(detail)
    if code == grpc.StatusCode.NOT_FOUND and what == "make":
        return ValueError(f"{server}: {detail}")
    if code == grpc.StatusCode.UNAVAILABLE:
        if what == "make":
            return BridgeError(f"no bridge server answers at {target} ({detail}); start one (`./samdp bridge serve` "
                               "for samdp envs) or set SAMDP_BRIDGE_ADDRESS", code)
        return BridgeError(f"lost {server} during {what} of {env_id} ({detail}); the episode cannot go on: "
                           "restart the server and make the env again", code)
    if code == grpc.StatusCode.DEADLINE_EXCEEDED:
        return BridgeError(f"{server} did not answer {what} of {env_id} within {timeout:g} s; "
                           "it is stuck or overloaded", code)
    return BridgeError(f"{server}: {what} of {env_id} failed: {code.name}: {detail}", code)
