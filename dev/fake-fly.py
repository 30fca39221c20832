#!/usr/bin/env python3
"""A stand-in for the Fly Machines API calls the backend makes when it deploys, for trying deploys
locally: list an app's machines, read one, lease it, set its metadata, update its config, wait for
it to start, release the lease.

    python3 dev/fake-fly.py [port]        # default 4280

Then start the backend with FLY_API_URL=http://localhost:4280/v1 and any FLY_API_TOKEN. Every app
exists on first use with two started machines running registry.fly.io/<app>:0.9.0; an update
replaces a machine's config (its metadata included, as Fly's does) and gives it a new instance id,
and its checks pass. A held lease refuses another lease and any update without its nonce (409).
Nothing is kept after the process ends. Standard library only.
"""
import json
import re
import secrets
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from threading import Lock
import time

APPS = {}
LEASES = {}
LOCK = Lock()
MACHINE = re.compile(r"^/v1/apps/([a-z0-9-]+)/machines(?:/([a-z0-9]+)(/wait|/lease|/metadata(?:/[A-Za-z0-9_-]+)?)?)?$")
NONCE = "fly-machine-lease-nonce"


def machines_of(app):
    with LOCK:
        if app not in APPS:
            APPS[app] = {
                mid: {"id": mid, "name": app + "-" + mid, "state": "started", "region": "iad",
                      "instance_id": mid + "-0",
                      "config": {"image": "registry.fly.io/" + app + ":0.9.0",
                                 "guest": {"cpu_kind": "shared", "cpus": 1, "memory_mb": 512},
                                 "services": [{"internal_port": 8000}]},
                      "checks": [{"name": "http", "status": "passing"}]}
                for mid in ("148ed193b95d89", "e784079b449483")}
        return APPS[app]


class Handler(BaseHTTPRequestHandler):
    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def route(self):
        if not self.headers.get("Authorization", "").startswith(("Bearer ", "FlyV1 ")):
            self.answer(401, {"error": "unauthorized"})
            return None
        match = MACHINE.match(self.path.split("?")[0])
        if not match:
            self.answer(404, {"error": "not found"})
            return None
        app, mid, wait = match.groups()
        machines = machines_of(app)
        if mid is not None and mid not in machines:
            self.answer(404, {"error": "machine not found"})
            return None
        return machines, mid, wait or ""

    def lease_of(self, machines, mid):
        """The lease held on the machine, if it has not expired."""
        key = id(machines), mid
        lease = LEASES.get(key)
        if lease and lease["expires_at"] < time.time():
            del LEASES[key]
            return None
        return lease

    def do_DELETE(self):
        found = self.route()
        if found is None:
            return
        machines, mid, sub = found
        with LOCK:
            lease = self.lease_of(machines, mid)
            if sub != "/lease" or lease is None or lease["nonce"] != self.headers.get(NONCE):
                self.answer(404 if lease is None else 409, {"error": "no lease with that nonce"})
                return
            del LEASES[id(machines), mid]
        self.answer(200, {"status": "success"})

    def do_GET(self):
        found = self.route()
        if found is None:
            return
        machines, mid, sub = found
        if mid is None:
            self.answer(200, list(machines.values()))
        elif sub == "/wait":
            self.answer(200, {"ok": True})
        elif sub == "/metadata":
            self.answer(200, machines[mid]["config"].get("metadata", {}))
        elif sub == "/lease":
            lease = self.lease_of(machines, mid)
            self.answer(200 if lease else 404, {"status": "success", "data": lease} if lease else {"error": "no lease"})
        else:
            self.answer(200, machines[mid])

    def do_POST(self):
        found = self.route()
        if found is None:
            return
        machines, mid, sub = found
        try:
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))) or b"{}")
        except ValueError:
            body = None
        if mid is not None and sub.startswith("/metadata/") and isinstance(body, dict):
            with LOCK:
                machines[mid]["config"].setdefault("metadata", {})[sub.split("/")[2]] = str(body.get("value", ""))
            self.send_response(204)
            self.end_headers()
            return
        if mid is not None and sub == "/lease" and isinstance(body, dict):
            with LOCK:
                lease = self.lease_of(machines, mid)
                if lease and lease["nonce"] != self.headers.get(NONCE):
                    self.answer(409, {"error": "lease currently held"})
                    return
                lease = {"nonce": secrets.token_hex(16), "expires_at": int(time.time()) + int(body.get("ttl", 30)),
                         "owner": "you@example.com", "description": str(body.get("description", "")), "version": "1"}
                LEASES[id(machines), mid] = lease
            self.answer(200, {"status": "success", "data": lease})
            return
        if mid is None or sub or not isinstance(body, dict) or not isinstance(body.get("config"), dict):
            self.answer(400, {"error": "expected POST /v1/apps/{app}/machines/{id} with a config"})
            return
        with LOCK:
            lease = self.lease_of(machines, mid)
            if lease and lease["nonce"] != self.headers.get(NONCE):
                self.answer(409, {"error": "machine is leased; the lease nonce is required"})
                return
            machine = machines[mid]
            generation = int(machine["instance_id"].rsplit("-", 1)[1]) + 1
            machine["config"] = body["config"]
            machine["instance_id"] = mid + "-" + str(generation)
        print("updated %s to %s" % (mid, body["config"].get("image")), flush=True)
        self.answer(200, machine)


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 4280
    print("Fly Machines API stand-in on http://localhost:%d/v1" % port, flush=True)
    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
