#!/usr/bin/env python3
"""The site checks catch what they are for: the small hand-made sample site
(tests/site/sample) passes every check, and a copy of it with one mistake of
each kind fails each check with the file and the reason.

  site_checks_self_test.py --vnu-jar JAR --shared-dir DIR

Exits 1 when a check misses its mistake or flags the good sample.
"""

import argparse
import os
import shutil
import sys
import tempfile

import served_site
import site_checks

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE_SITE = os.path.join(HERE, "sample", "site")
SAMPLE_CONTENT = os.path.join(HERE, "sample", "content", "resources")


def edit(site, relative, old, new):
    path = os.path.join(site, relative)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if old not in text:
        raise AssertionError(f"{relative}: the sample no longer holds {old!r}; update the self-test")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(old, new, 1))


def write(site, relative, text):
    os.makedirs(os.path.dirname(os.path.join(site, relative)), exist_ok=True)
    with open(os.path.join(site, relative), "w", encoding="utf-8") as f:
        f.write(text)


# One mistake per row: how to make it, then what the failures must say.
MISTAKES = [
    ("invalid HTML",
     lambda s: edit(s, "en/resources/demo/index.html", "<ul><li>", "<ul><p>Stray</p><li>"),
     ["en/resources/demo/index.html:", "HTML error"]),
    ("dangling link",
     lambda s: edit(s, "en/index.html", "</body>", '<p><a href="resources/missing/">Gone</a></p>\n</body>'),
     ["/en/resources/missing/: HTTP 404, linked from /en/"]),
    ("javascript: link",
     lambda s: edit(s, "fr/index.html", "</body>", '<p><a href="javascript:alert(1)">x</a></p>\n</body>'),
     ["/fr/: a javascript: link"]),
    ("Atom feed without its id",
     lambda s: edit(s, "en/feed.atom", "<id>tag:tandem.invalid,2026:feed:en</id>", ""),
     ["jing: en/feed.atom:"]),
    ("Atom feed not well-formed",
     lambda s: edit(s, "fr/feed.atom", "</feed>", ""),
     ["fr/feed.atom:", "not well-formed XML"]),
    ("JSON feed of another version",
     lambda s: edit(s, "feeds/resources.json", "version/1.1", "version/1"),
     ["feeds/resources.json: version is 'https://jsonfeed.org/version/1'"]),
    ("sitemap loc without a file",
     lambda s: edit(s, "sitemap.xml", "</urlset>",
                    "<url><loc>http://localhost/en/resources/absent/</loc></url>\n</urlset>"),
     ["sitemap.xml: http://localhost/en/resources/absent/ has no file in the site"]),
    ("resource page missing from the sitemap",
     lambda s: shutil.copytree(os.path.join(s, "fr/ressources/demo"), os.path.join(s, "fr/ressources/extra")),
     ["sitemap.xml: the resource page fr/ressources/extra/index.html is not listed"]),
    ("French page that says lang=en",
     lambda s: edit(s, "fr/ressources/demo/index.html", '<html lang="fr">', '<html lang="en">'),
     ['fr/ressources/demo/index.html: <html lang=\'en\'>, expected "fr"']),
    ("English paragraph left in a French page",
     lambda s: edit(s, "fr/ressources/demo/index.html", "<li>Chaque page est valide et chaque lien répond.</li>",
                    "<li>Every page is valid and every link answers.</li>"),
     ["English body text of demo left in the French page: 'Every page is valid and every link answers.'",
      "the French sentence of", "'Chaque page est valide et chaque lien répond.'"]),
]


def all_failures(site, args, work):
    atom_rng = os.path.join(args.shared_dir, "conformance", "atom", "atom.rng")
    failures = site_checks.check_site_files(site, args.vnu_jar, atom_rng, SAMPLE_CONTENT, ("demo",))
    print("- crawl over nginx")
    with served_site.Nginx(site, os.path.join(work, "nginx-" + os.path.basename(site))) as nginx:
        results, crawl_failures = served_site.crawl(nginx.port, site_checks.site_url_from_robots(site))
    print(f"  crawl: {len(results)} URLs")
    for f in crawl_failures:
        print(f"  FAIL: {f}")
    return failures + crawl_failures


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--vnu-jar", required=True)
    parser.add_argument("--shared-dir", required=True)
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="tandem-site-self-test-")
    problems = {}  # case -> what went wrong
    try:
        good = os.path.join(work, "good")
        shutil.copytree(SAMPLE_SITE, good)
        print("== The good sample passes every check")
        problems["good sample"] = [f"flagged: {f}" for f in all_failures(good, args, work)]

        print("== One copy with every mistake: each is caught")
        broken = os.path.join(work, "broken")
        shutil.copytree(SAMPLE_SITE, broken)
        for _, make, _ in MISTAKES:
            make(broken)
        found = all_failures(broken, args, work)
        schema = os.path.isfile(os.path.join(args.shared_dir, "conformance", "atom", "atom.rng"))
        for name, _, expected in MISTAKES:
            if not schema and any(needle.startswith("jing:") for needle in expected):
                print(f"  SKIPPED {name}: no Atom schema in {args.shared_dir}/conformance/atom")
                continue
            problems[name] = [f"no failure says {needle!r}" for needle in expected
                              if not any(needle in f for f in found)]

        no_robots = os.path.join(work, "no-robots")
        shutil.copytree(SAMPLE_SITE, no_robots)
        edit(no_robots, "robots.txt", "Sitemap: http://localhost/sitemap.xml\n", "")
        problems["robots.txt without a Sitemap line"] = [] if any(
            "robots.txt: missing, or no 'Sitemap:" in f for f in site_checks.check_sitemap(no_robots)) else ["not caught"]

        with served_site.Nginx(good, os.path.join(work, "nginx-bytes")) as nginx:
            before, _ = served_site.crawl(nginx.port, site_checks.site_url_from_robots(good))
            edit(good, "en/index.html", "Demo campaign</h1>", "Demo campaign!</h1>")
            os.remove(os.path.join(good, "static/site.css"))
            changed = served_site.check_same_bytes(nginx.port, before)
        problems["served bytes changed after a crawl"] = [
            f"no failure says {needle!r} (got {changed})" for needle in ("/en/: different bytes", "/static/site.css: HTTP 404")
            if not any(needle in f for f in changed)]
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print("== Cases")
    for case, found in problems.items():
        print(f"  {'ok  ' if not found else 'FAIL'} {case}")
        for f in found:
            print(f"       {f}")
    failed = sum(1 for found in problems.values() if found)
    print(f"{len(problems) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
