"""The published site served for real: an nginx started as a child process
with its own configuration on a loopback port chosen at run time, and a
crawler that follows every internal link over HTTP.

Standard library only; nginx comes from Debian (scripts/install-test-tools).
"""

import hashlib
import html.parser
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.parse
import xml.etree.ElementTree as ET

import site_checks

HERE = os.path.dirname(os.path.abspath(__file__))
# The server { } lines the site's templates ship for serving it.
SITE_SNIPPET = os.path.normpath(os.path.join(HERE, "..", "..", "web", "templates", "nginx-language.conf"))


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Nginx:
    """nginx serving `root` on 127.0.0.1; stop() (or the with-block) ends it by its pid."""

    def __init__(self, root, workdir, nginx="nginx"):
        self.root = os.path.abspath(root)
        self.workdir = workdir
        self.nginx = nginx
        self.process = None
        self.port = None

    def start(self):
        if shutil.which(self.nginx) is None and not os.path.isfile(self.nginx):
            raise RuntimeError(f"{self.nginx}: not found (run scripts/install-test-tools)")
        if not os.path.isfile(SITE_SNIPPET):
            raise RuntimeError(f"{SITE_SNIPPET}: missing (the site's nginx lines, included by nginx.conf.in)")
        os.makedirs(self.workdir, exist_ok=True)
        with open(os.path.join(HERE, "nginx.conf.in"), encoding="utf-8") as f:
            template = f.read()
        # A port found free may be taken before nginx binds it: try a few.
        for _ in range(5):
            self.port = free_port()
            conf = (template.replace("@PREFIX@", self.workdir).replace("@PORT@", str(self.port))
                    .replace("@ROOT@", self.root).replace("@SNIPPET@", SITE_SNIPPET))
            conf_path = os.path.join(self.workdir, "nginx.conf")
            with open(conf_path, "w", encoding="utf-8") as f:
                f.write(conf)
            log = open(os.path.join(self.workdir, "stderr.log"), "ab")
            self.process = subprocess.Popen(
                [self.nginx, "-p", self.workdir, "-e", os.path.join(self.workdir, "error.log"), "-c", conf_path,
                 "-g", "daemon off;"],
                stdout=log, stderr=log)
            log.close()
            if self._wait_until_listening():
                return self
            self.process.wait()
            if "Address already in use" not in self.error_log():
                break
        raise RuntimeError(f"nginx did not start; see {self.workdir}/error.log:\n{self.error_log()}")

    def _wait_until_listening(self):
        while self.process.poll() is None:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return True
            except OSError:
                time.sleep(0.02)
        return False

    def error_log(self):
        path = os.path.join(self.workdir, "error.log")
        return open(path, encoding="utf-8", errors="replace").read() if os.path.exists(path) else ""

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}/"

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def fetch(port, path, headers=None):
    """(status, body bytes, response headers) of GET path, no redirect followed."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Host": "localhost", **(headers or {})})
        response = connection.getresponse()
        return response.status, response.read(), response.headers
    finally:
        connection.close()


class _Links(html.parser.HTMLParser):
    """Every URL an HTML page points to: href, src, srcset, and a <form>'s action."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name in ("href", "src") or (tag == "form" and name == "action"):
                self.urls.append(value)
            elif name == "srcset":
                self.urls += [part.split()[0] for part in value.split(",") if part.strip()]


def links_of(path, body, content_type):
    """The URLs a fetched file points to, as written in it."""
    if path.endswith(".html") or path.endswith("/") or "text/html" in content_type:
        parser = _Links()
        parser.feed(body.decode("utf-8", errors="replace"))
        parser.close()
        return parser.urls
    if path.endswith("robots.txt"):
        return [line.partition(":")[2].strip() for line in body.decode("utf-8", "replace").splitlines()
                if line.lower().startswith("sitemap:")]
    if path.endswith(".xml") or path.endswith(".atom"):
        try:
            root = ET.fromstring(body)
        except ET.ParseError:
            return []
        urls = [e.text.strip() for e in root.iter(f"{{{site_checks.SITEMAP_NS}}}loc") if e.text]
        # A tombstone's link names the page that is gone, on purpose.
        gone = {id(e) for t in root.iter(f"{{{site_checks.TOMBSTONE_NS}}}deleted-entry") for e in t.iter()}
        urls += [e.get("href") for e in root.iter()
                 if e.get("href") and e.tag.endswith("}link") and id(e) not in gone]
        return urls
    if path.endswith(".json"):
        try:
            feed = json.loads(body)
        except ValueError:
            return []
        urls = [feed.get("home_page_url"), feed.get("feed_url")]
        for item in feed.get("items", []):
            urls += [item.get("url"), item.get("external_url")]
            urls += [a.get("url") for a in item.get("attachments", [])]
        return [u for u in urls if u]
    if path.endswith(".css"):
        return re.findall(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)", body.decode("utf-8", "replace"))
    return []


def crawl(port, site_url, start=("/", "/robots.txt", "/sitemap.xml", "/feeds/resources.atom", "/feeds/resources.json")):
    """Follows every internal link from `start` over HTTP.

    A URL is internal when it is relative or under site_url (the site's own
    absolute URL, which canonical links, the sitemap and the feeds use); it is
    fetched from the nginx on `port` by its path below site_url. Returns
    (results, failures): results maps each served path to {status, sha256,
    referrer}; failures are sentences naming the path, its status and the page
    that links to it.
    """
    site = urllib.parse.urlsplit(site_url)
    prefix = site.path if site.path.endswith("/") else site.path + "/"
    results, failures, referrers, pending_failures = {}, [], {}, []
    queue = [(prefix + s.lstrip("/"), "(start)") for s in start]
    seen = {path for path, _ in queue}
    while queue:
        path, referrer = queue.pop(0)
        # Served from the site folder's root, whatever folder the site's URL names.
        served = "/" + path[len(prefix):]
        status, body, response_headers = fetch(port, served)
        results[served] = {"status": status, "sha256": hashlib.sha256(body).hexdigest(), "referrer": referrer}
        if status != 200:
            pending_failures.append((served, status, path))
            continue
        for url in links_of(path, body, response_headers.get("Content-Type", "")):
            target = urllib.parse.urlsplit(urllib.parse.urljoin(f"{site.scheme}://{site.netloc}{path}", url.strip()))
            if target.scheme == "javascript":
                failures.append(f"{served}: a javascript: link ({url[:80]})")
                continue
            if target.scheme not in ("http", "https") or target.netloc != site.netloc \
                    or not target.path.startswith(prefix):
                continue  # mailto:, tel:, and other sites: not ours to check offline
            internal = target.path + (f"?{target.query}" if target.query else "")
            referrers.setdefault(internal, []).append(served)
            if internal not in seen:
                seen.add(internal)
                queue.append((internal, served))
    # Named once the whole site is read, with every page that links there.
    for served, status, path in pending_failures:
        pages = sorted(set(referrers.get(path, ["(start)"])))
        more = f" and {len(pages) - 3} more" if len(pages) > 3 else ""
        failures.append(f"{served}: HTTP {status}, linked from {', '.join(pages[:3])}{more}")
    return results, failures


def check_same_bytes(port, previous):
    """Every path of an earlier crawl still answers 200 with the same bytes."""
    failures = []
    for path, before in sorted(previous.items()):
        status, body, _ = fetch(port, path)
        if status != 200:
            failures.append(f"{path}: HTTP {status} (was {before['status']})")
        elif hashlib.sha256(body).hexdigest() != before["sha256"]:
            failures.append(f"{path}: different bytes from the previous crawl")
    return failures
