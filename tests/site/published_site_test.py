#!/usr/bin/env python3
"""The published website checked for real (issue 4), from a fresh data folder:

  seed, approve everything, publish, then
  1. every page is valid HTML5 (the Nu HTML checker, one JVM run);
  2. every Atom feed is valid against RFC 4287's RELAX NG schema (jing), the
     JSON feed is JSON Feed 1.1;
  3. sitemap.xml maps to files, robots.txt names it;
  4. a real nginx on loopback serves the site and a crawl from / finds no
     broken internal link (linkchecker, Debian's, run beside as a peer);
  5. the French pages are French: lang="fr", no English body text, the
     catalog's French sentences;
  6. an unapproved draft on main reaches no file of the site;
  7. a resource withdrawn from the release is gone (404) and a tombstone;
  8. rollback restores the earlier publication byte for byte;
  9. a publish killed mid-way leaves the previous site served, same bytes.

Prints what each step checked and every failure (file, line, what); exits 1
if anything failed, 0 otherwise. Nothing here depends on how long anything
takes. Run by ctest (tests/site/CMakeLists.txt); see --help for the options.
"""

import argparse
import csv
import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile

import site_checks
import served_site

HERE = os.path.dirname(os.path.abspath(__file__))
PUBLISHER = "Pub <pub@example.org>"
EDITOR = "Editor <editor@example.org>"


class StepFailed(Exception):
    """A step whose failure leaves nothing sensible for the next ones to check."""


class Run:
    def __init__(self, args, work):
        self.args = args
        self.work = work
        self.failures = []

    def fail(self, message):
        print(f"  FAIL: {message}")
        self.failures.append(message)

    def expect(self, failures):
        for f in failures:
            self.fail(f)
        return not failures

    def tandem(self, data, *argv, ok=(0,), quiet=False):
        command = [self.args.tandem, "--data", data, *argv]
        run = subprocess.run(command, capture_output=True, text=True)
        if run.returncode not in ok:
            raise StepFailed(f"`tandem {' '.join(argv)}` exited {run.returncode}: {run.stderr.strip() or run.stdout.strip()}")
        if not quiet and run.stdout.strip():
            print("  " + run.stdout.strip().replace("\n", "\n  "))
        return run


def site_hashes(site):
    hashes = {}
    for relative in site_checks.site_files(site):
        hashes[relative] = hashlib.sha256(site_checks.read_bytes(site, relative)).hexdigest()
    return hashes


def published_tags(data):
    run = subprocess.run(["git", "--git-dir", os.path.join(data, "content.git"), "tag", "--list", "published/*"],
                         capture_output=True, text=True, check=True)
    return sorted(int(t.split("/")[1]) for t in run.stdout.split())


def new_publication(data, before):
    """The number N of the tag published/N the last publish added."""
    added = [n for n in published_tags(data) if n not in before]
    if len(added) != 1:
        raise StepFailed(f"expected one new published/N tag, found {added} (before: {before})")
    return added[0]


def approve_all(run, data, resource_ids):
    """Approves every resource; a resource the parity gate refuses is approved
    unilingually with a note, and named. Returns the ids that needed it."""
    forced = []
    for rid in resource_ids:
        result = run.tandem(data, "approve", rid, "--author", PUBLISHER, ok=(0, 2), quiet=True)
        if result.returncode == 2:
            forced.append(rid)
            run.tandem(data, "approve", rid, "--author", PUBLISHER, "--force-unilingual",
                       "--note", "site test: translation not complete", quiet=True)
    return forced


def resource_ids(seed):
    return sorted(os.listdir(os.path.join(seed, "resources")))


def crawl(run, nginx, site, label, dangling_ok=False):
    """The crawl's results; its failures are the run's unless dangling_ok
    (a generated corpus links to resources it does not hold)."""
    site_url = site_checks.site_url_from_robots(site)
    if site_url is None:
        raise StepFailed(f"{site}/robots.txt names no sitemap: cannot tell the site's own URL")
    results, failures = served_site.crawl(nginx.port, site_url)
    if not dangling_ok:
        run.expect(failures)
    ok = sum(1 for r in results.values() if r["status"] == 200)
    print(f"  crawl ({label}): {len(results)} URLs checked over HTTP from /, {ok} answered 200, "
          f"{len(failures)} {'not answering 200 (not judged here)' if dangling_ok else 'failures'} "
          f"(site URL {site_url}, served on {nginx.base})")
    return results


def linkchecker_peer(run, nginx, crawled):
    """Debian's linkchecker over the same nginx: no error, and every URL it
    found on the site is one the crawl checked. It cannot follow the site's
    absolute URLs (another host:port than nginx's) nor read feeds, which is
    why the crawl of record is our own."""
    if shutil.which("linkchecker") is None:
        run.fail("linkchecker is not installed (run scripts/install-test-tools)")
        return
    # CSV on stdout: run as root, linkchecker drops to nobody, who may not
    # write into the test's private folder.
    result = subprocess.run(["linkchecker", "--config", os.path.join(HERE, "linkcheckerrc"), "--no-status",
                             "--verbose", "--no-warnings", "-o", "csv", nginx.base], capture_output=True, text=True)
    rows = list(csv.DictReader((line for line in result.stdout.splitlines() if not line.startswith("#")),
                               delimiter=";"))
    internal = {r["url"][len(nginx.base) - 1:] for r in rows if r.get("url", "").startswith(nginx.base)}
    invalid = [r for r in rows if r.get("valid") != "True"]
    for r in invalid:
        run.fail(f"linkchecker: {r.get('url')} ({r.get('result')}), linked from {r.get('parentname')}")
    missed = sorted(internal - set(crawled))
    for path in missed:
        run.fail(f"linkchecker found {path}, which the crawl did not check")
    if result.returncode not in (0, 1):
        run.fail(f"linkchecker exited {result.returncode}: {result.stderr.strip()[-1000:]}")
    print(f"  linkchecker (peer): {len(rows)} URLs, {len(internal)} on the site, {len(invalid)} invalid; "
          f"all {len(internal)} among the crawl's {len(crawled)}")


def draft_marker_step(run, data, site, rid):
    shown = run.tandem(data, "show", rid, "--json", quiet=True)
    document = json.loads(shown.stdout)
    marker = "Draftmarker" + secrets.token_hex(6)
    xml, count = re.subn(r"(<body\b[^>]*>.*?<p\b[^>]*>)", lambda m: m.group(1) + marker + " ", document["xml"],
                         count=1, flags=re.S)
    if count != 1:
        raise StepFailed(f"{rid}: no <p> in its body to put the draft marker in")
    draft = os.path.join(run.work, f"{rid}-draft.xml")
    with open(draft, "w", encoding="utf-8") as f:
        f.write(xml)
    run.tandem(data, "save", rid, draft, "--author", EDITOR, "--message", "Draft, not approved",
               "--base", document["revision"], quiet=True)
    if marker not in run.tandem(data, "show", rid, quiet=True).stdout:
        raise StepFailed(f"{rid}: the draft marker is not on main after the save")
    run.tandem(data, "publish", "--out", site)
    hits = [relative for relative in site_checks.site_files(site)
            if marker.encode() in site_checks.read_bytes(site, relative)]
    for relative in hits:
        run.fail(f"{relative}: holds the unapproved draft's marker {marker}")
    print(f"  draft: marker {marker} saved on main in {rid}, not approved; "
          f"found in {len(hits)} of {len(site_checks.site_files(site))} site files")


def withdraw_step(run, data, site, nginx, rid, atom_rng):
    entries, _ = site_checks.atom_entries(site)
    ids = {e["id"] for e in entries if any(f"/resources/{rid}/" in link or f"/ressources/{rid}/" in link
                                            for link in e["links"])}
    if not ids:
        raise StepFailed(f"feeds/resources.atom has no entry for {rid} before its withdrawal")
    paths = [f"/en/resources/{rid}/", f"/fr/ressources/{rid}/"]
    for path in paths:
        status, _, _ = served_site.fetch(nginx.port, path)
        if status != 200:
            run.fail(f"{path}: HTTP {status} before the withdrawal, expected 200")
    run.tandem(data, "withdraw-release", rid, "--author", PUBLISHER, "--note", "site test", quiet=True)
    run.tandem(data, "publish", "--out", site)
    for path in paths:
        status, _, _ = served_site.fetch(nginx.port, path)
        if status != 404:
            run.fail(f"{path}: HTTP {status} after the withdrawal, expected 404")
    entries, tombstones = site_checks.atom_entries(site)
    for entry_id in sorted(ids - tombstones):
        run.fail(f"feeds/resources.atom: no at:deleted-entry ref={entry_id!r} for the withdrawn {rid}")
    for e in entries:
        if e["id"] in ids:
            run.fail(f"feeds/resources.atom: the withdrawn {rid} still has an entry {e['id']}")
    run.expect(site_checks.check_atom(site, atom_rng))
    print(f"  withdrawn: {rid}: {len(paths)} pages answer 404, {len(ids & tombstones)} of {len(ids)} entries "
          f"are tombstones")
    crawl(run, nginx, site, f"after withdrawing {rid}")


def folders_near(parent):
    """The folders in parent and in its subfolders (not deeper): where a
    publish puts a generation it is building beside the live one."""
    found = []
    for entry in os.scandir(parent):
        if entry.is_dir(follow_symlinks=False):
            found.append(entry.path)
            found += [e.path for e in os.scandir(entry.path) if e.is_dir(follow_symlinks=False)]
    return found


def compare_hashes(run, expected, actual, label):
    for relative in sorted(expected.keys() - actual.keys()):
        run.fail(f"{label}: {relative} is missing")
    for relative in sorted(actual.keys() - expected.keys()):
        run.fail(f"{label}: {relative} should not be there")
    for relative in sorted(expected.keys() & actual.keys()):
        if expected[relative] != actual[relative]:
            run.fail(f"{label}: {relative} differs")
    print(f"  {label}: {len(actual)} files compared by SHA-256 with {len(expected)} expected")


def kill_step(run, nginx_dir):
    """A bigger site (the seed plus a generated corpus), published and served;
    then a change is approved and `publish --full` is killed with SIGKILL once
    it has started writing the new generation. nginx must go on serving the
    previous site, every URL with the same bytes; a publish afterwards works."""
    args = run.args
    seed = os.path.join(run.work, "seed-big")
    subprocess.run([args.gen_corpus, "--count", str(args.kill_corpus), "--seed", "4", "--out", seed, "--quiet"],
                   check=True)
    shutil.copytree(os.path.join(args.source_dir, "content-repo", "resources"), os.path.join(seed, "resources"),
                    dirs_exist_ok=True)
    shutil.copytree(os.path.join(args.source_dir, "content-repo", "glossary"), os.path.join(seed, "glossary"))
    data = os.path.join(run.work, "data-big")
    site = os.path.join(run.work, "out-big", "site")
    run.tandem(data, "init", "--seed", seed, "--author", "Seed <seed@example.org>", quiet=True)
    forced = approve_all(run, data, resource_ids(seed))
    run.tandem(data, "publish", "--out", site)
    with served_site.Nginx(site, nginx_dir) as nginx:
        crawled = crawl(run, nginx, site, "bigger site, before the killed publish", dangling_ok=True)
        before = {path: r for path, r in crawled.items() if r["status"] == 200}
        hashes = site_hashes(site)
        print(f"  bigger site: {len(resource_ids(seed))} resources ({len(forced)} approved unilingually), "
              f"{len(hashes)} files")
        # A completed publish would change the site: the withdrawn pages
        # would answer 404. So identical bytes after the kill mean the old
        # site stayed, not that the new one happened to match.
        gone = sorted(set(resource_ids(seed)) - set(resource_ids(os.path.join(args.source_dir, "content-repo"))))[0]
        run.tandem(data, "withdraw-release", gone, "--author", PUBLISHER, quiet=True)

        parent = os.path.dirname(site)
        existing = set(folders_near(parent))
        publish = subprocess.Popen([args.tandem, "--data", data, "publish", "--full", "--out", site],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        started = None
        # Killed as soon as a new folder beside the live site holds a file:
        # the publish is then writing its new generation, whatever its speed.
        while publish.poll() is None and started is None:
            started = next((f for f in folders_near(parent) if f not in existing and any(os.scandir(f))), None)
        if started is not None:
            publish.send_signal(signal.SIGKILL)
        publish.wait()
        if started is None or publish.returncode != -signal.SIGKILL:
            run.fail(f"publish --full ended (exit {publish.returncode}) before it could be killed mid-way "
                     f"({publish.stderr.read().decode(errors='replace').strip()[-500:]}); "
                     f"a larger --kill-corpus than {args.kill_corpus} is needed")
            return
        print(f"  killed publish --full with SIGKILL while it wrote {os.path.relpath(started, parent)}/")
        failures = served_site.check_same_bytes(nginx.port, before)
        run.expect(failures)
        print(f"  after the kill: {len(before)} URLs that answered 200 before checked again, {len(failures)} differ")
        compare_hashes(run, hashes, site_hashes(site), "live site after the kill")

        run.tandem(data, "publish", "--out", site)
        for path in (f"/en/resources/{gone}/", f"/fr/ressources/{gone}/"):
            status, _, _ = served_site.fetch(nginx.port, path)
            if status != 404:
                run.fail(f"{path}: HTTP {status} after the publish that followed the kill, expected 404")
        after = crawl(run, nginx, site, "after the publish that followed the kill", dangling_ok=True)
        # Every other resource page stays (index and filter pages may change
        # with what was withdrawn, so they are not compared).
        kept = [p for p in before if re.fullmatch(r"/(en/resources|fr/ressources)/[^/]+/", p) and f"/{gone}/" not in p]
        for path in kept:
            status = after[path]["status"] if path in after else served_site.fetch(nginx.port, path)[0]
            if status != 200:
                run.fail(f"{path}: answered 200 before the killed publish, {status} after the publish that followed")
        print(f"  after the next publish: the {len(kept)} other resource pages answer 200, the withdrawn {gone}'s 404")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tandem", required=True, help="the tandem program")
    parser.add_argument("--gen-corpus", required=True, help="the tandem-gen-corpus program")
    parser.add_argument("--source-dir", required=True, help="the repository (content-repo/ is the seed)")
    parser.add_argument("--shared-dir", required=True, help="the shared/ folder (conformance/atom/atom.rng)")
    parser.add_argument("--vnu-jar", required=True, help="vnu.jar of the npm package vnu-jar")
    parser.add_argument("--kill-corpus", type=int, default=300, help="generated resources of the kill test's site")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args()

    # CLI11 answers `--help` after an unknown word with the main help: ask for
    # the options publish and rollback must have.
    for command, option in (("publish", "--full"), ("rollback", "--out")):
        shown = subprocess.run([args.tandem, command, "--help"], capture_output=True, text=True)
        if option not in shown.stdout:
            print(f"FAIL: this tandem has no `{command} {option}` (see `tandem {command} --help`)")
            print("FAILED: 1 failures")
            return 1

    work = tempfile.mkdtemp(prefix="tandem-site-test-")
    run = Run(args, work)
    seed = os.path.join(args.source_dir, "content-repo")
    content = os.path.join(seed, "resources")
    atom_rng = os.path.join(args.shared_dir, "conformance", "atom", "atom.rng")
    data = os.path.join(work, "data")
    site = os.path.join(work, "out", "site")
    print(f"Work folder: {work}")
    try:
        print("== Seed, approve everything, publish")
        run.tandem(data, "init", "--seed", seed, "--author", "Seed <seed@example.org>", quiet=True)
        ids = resource_ids(seed)
        forced = approve_all(run, data, ids)
        print(f"  approved {len(ids)} seed resources; refused by the parity gate, approved unilingually: "
              f"{', '.join(forced) or 'none'}")
        run.tandem(data, "publish", "--out", site)
        first = new_publication(data, [])
        first_hashes = site_hashes(site)
        print(f"  published/{first}: {len(first_hashes)} files in {site}"
              f"{' -> ' + os.readlink(site) if os.path.islink(site) else ''}")

        print("== 1-3, 5. The site's files")
        run.expect(site_checks.check_site_files(site, args.vnu_jar, atom_rng, content))

        with served_site.Nginx(site, os.path.join(work, "nginx")) as nginx:
            print("== 4. Served by nginx on loopback, crawled")
            crawled = crawl(run, nginx, site, "published seed")
            linkchecker_peer(run, nginx, crawled)
            for language in ("fr", "en"):
                status, _, headers = served_site.fetch(nginx.port, "/",
                                                       {"Accept-Language": f"{language}-CA,{language};q=0.9"})
                if status != 302 or headers.get("Location") != f"/{language}/":
                    run.fail(f"/ with Accept-Language {language}-CA: HTTP {status} to {headers.get('Location')}, "
                             f"expected 302 to /{language}/")
            print("  / sends Accept-Language fr-CA to /fr/ and en-CA to /en/ (web/templates/nginx-language.conf)")

            print("== 6. An unapproved draft reaches no file of the site")
            draft_marker_step(run, data, site, "take-action")

            print("== 7. A resource withdrawn from the release")
            withdraw_step(run, data, site, nginx, "order-form", atom_rng)

            print(f"== 8. Rollback to published/{first}")
            run.tandem(data, "rollback", str(first), "--out", site)
            compare_hashes(run, first_hashes, site_hashes(site), f"site after rollback {first}")
            status, _, _ = served_site.fetch(nginx.port, "/en/resources/order-form/")
            if status != 200:
                run.fail(f"/en/resources/order-form/: HTTP {status} after rollback {first}, expected 200")

        print("== 9. A publish killed mid-way, the previous site still served")
        kill_step(run, os.path.join(work, "nginx-big"))
    except StepFailed as e:
        run.fail(str(e))
    except Exception as e:  # a crash of the test itself is a failure too, with its reason
        run.fail(f"{type(e).__name__}: {e}")
        raise
    finally:
        if run.failures or args.keep:
            print(f"Work folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    print(f"{'FAILED' if run.failures else 'PASSED'}: {len(run.failures)} failures")
    return 1 if run.failures else 0


if __name__ == "__main__":
    sys.exit(main())
