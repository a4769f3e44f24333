"""Checks of a published site folder as files: HTML5 validity (the Nu HTML
checker), the feeds (jing against the RFC 4287 schema, JSON Feed 1.1), the
sitemap and robots.txt, and the French pages' language.

Each check prints what it looked at (counts) and returns a list of failures,
one precise sentence each (file, line, what); an empty list means it passed.
Standard library only, plus the external tools it runs (java, jing).
"""

import html
import html.parser
import json
import os
import re
import shutil
import subprocess
import urllib.parse
import xml.etree.ElementTree as ET

ATOM_NS = "http://www.w3.org/2005/Atom"
TOMBSTONE_NS = "http://purl.org/atompub/tombstones/1.0"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
RESOURCE_NS = "urn:tandem:resource:1"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"

# Elements that do not break a line of text: their text joins the words
# around them, so a paragraph's text reads the same in the page as in its
# source document.
INLINE_ELEMENTS = {
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark",
    "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
}


def normalize_space(text):
    return " ".join(text.split())


def site_files(site, suffix=""):
    """Paths relative to the site root, sorted, of the files ending in suffix.
    The root may be a symlink to a generation folder; links inside are not
    followed (a published site holds none)."""
    root = os.path.realpath(site)
    found = []
    for folder, _, names in os.walk(root):
        for name in names:
            if name.endswith(suffix):
                found.append(os.path.relpath(os.path.join(folder, name), root))
    return sorted(found)


def read_bytes(site, relative):
    with open(os.path.join(site, relative), "rb") as f:
        return f.read()


# --- HTML: the Nu HTML checker -------------------------------------------------

def check_html(site, vnu_jar, java="java"):
    """Every .html file of the site through vnu.jar in one JVM run: zero errors."""
    pages = site_files(site, ".html")
    if not pages:
        return [f"{site}: no .html file to check"]
    if not os.path.isfile(vnu_jar):
        return [f"{vnu_jar}: the Nu HTML checker is missing (run scripts/install-test-tools)"]
    if shutil.which(java) is None:
        return [f"{java}: not found; the Nu HTML checker needs Java (run scripts/install-test-tools)"]
    root = os.path.realpath(site)
    # Files, not the folder: vnu's folder mode would also pick up .htm/.xhtml
    # attachments that are not the site's pages. A test site's few hundred
    # paths fit one command line.
    run = subprocess.run([java, "-jar", vnu_jar, "--errors-only", "--format", "json", "--exit-zero-always"]
                         + [os.path.join(root, p) for p in pages],
                         capture_output=True, text=True)
    if run.returncode != 0:
        return [f"vnu.jar failed (exit {run.returncode}): {run.stderr.strip()[:2000]}"]
    try:
        messages = json.loads(run.stderr or "{}").get("messages", [])
    except json.JSONDecodeError as e:
        return [f"vnu.jar printed something that is not its JSON report ({e}): {run.stderr[:2000]}"]
    failures = []
    for m in messages:
        if m.get("type") == "info":
            continue
        url = m.get("url", "")
        path = os.path.relpath(urllib.parse.unquote(urllib.parse.urlparse(url).path), root) if url else "?"
        where = f"{path}:{m.get('lastLine', m.get('firstLine', '?'))}:{m.get('firstColumn', m.get('lastColumn', '?'))}"
        failures.append(f"{where}: HTML error ({m.get('type')}): {m.get('message')}")
    print(f"  vnu: {len(pages)} HTML files checked in one run, {len(failures)} errors")
    return failures


# --- Feeds -------------------------------------------------------------------

def check_atom(site, atom_rng, jing="jing"):
    """Every .atom file well-formed and, when the schema is there, valid
    against RFC 4287's RELAX NG schema with jing."""
    feeds = site_files(site, ".atom")
    if not feeds:
        return [f"{site}: no .atom feed found"]
    failures = []
    for feed in feeds:
        try:
            ET.parse(os.path.join(site, feed))
        except ET.ParseError as e:
            failures.append(f"{feed}:{e.position[0]}:{e.position[1]}: not well-formed XML: {e}")
    if not os.path.isfile(atom_rng):
        print(f"  atom: SKIPPED schema validation, {atom_rng} is absent; {len(feeds)} feeds only parsed")
        return failures
    if shutil.which(jing) is None:
        return failures + [f"{jing}: not found (run scripts/install-test-tools)"]
    root = os.path.realpath(site)
    run = subprocess.run([jing, atom_rng] + [os.path.join(root, f) for f in feeds], capture_output=True, text=True)
    # jing reports to stdout; Debian's wrapper warns on stderr about optional jars.
    errors = [line for line in run.stdout.splitlines() if line.strip()]
    failures += [f"jing: {line.replace(root + os.sep, '')}" for line in errors]
    if run.returncode != 0 and not errors:
        failures.append(f"jing failed (exit {run.returncode}): {run.stderr.strip()[-2000:]}")
    print(f"  atom: {len(feeds)} feeds validated with jing against {os.path.basename(atom_rng)}: "
          f"{', '.join(feeds)}")
    return failures


def check_json_feed(site, relative="feeds/resources.json"):
    path = os.path.join(site, relative)
    if not os.path.isfile(path):
        return [f"{relative}: missing"]
    try:
        with open(path, encoding="utf-8") as f:
            feed = json.load(f)
    except (ValueError, UnicodeDecodeError) as e:
        return [f"{relative}: not JSON: {e}"]
    failures = []
    if feed.get("version") != JSON_FEED_VERSION:
        failures.append(f"{relative}: version is {feed.get('version')!r}, not {JSON_FEED_VERSION}")
    if not isinstance(feed.get("title"), str) or not feed.get("title"):
        failures.append(f"{relative}: no title (required by JSON Feed 1.1)")
    items = feed.get("items")
    if not isinstance(items, list):
        return failures + [f"{relative}: items is not a list"]
    for i, item in enumerate(items):
        if not isinstance(item.get("id"), str) or not item.get("id"):
            failures.append(f"{relative}: items[{i}] has no string id")
        if "content_html" not in item and "content_text" not in item:
            failures.append(f"{relative}: items[{i}] ({item.get('id')}) has neither content_html nor content_text")
    print(f"  json feed: {relative} is JSON Feed 1.1 with {len(items)} items")
    return failures


def atom_entries(site, relative="feeds/resources.atom"):
    """(entries, tombstones) of an Atom feed: entries as {id, lang, links},
    tombstones as the set of at:deleted-entry refs."""
    root = ET.parse(os.path.join(site, relative)).getroot()
    entries = []
    for entry in root.iter(f"{{{ATOM_NS}}}entry"):
        entries.append({
            "id": (entry.findtext(f"{{{ATOM_NS}}}id") or "").strip(),
            "lang": entry.get(XML_LANG),
            "links": [link.get("href", "") for link in entry.findall(f"{{{ATOM_NS}}}link")],
        })
    tombstones = {t.get("ref") for t in root.iter(f"{{{TOMBSTONE_NS}}}deleted-entry")}
    return entries, tombstones


def feed_links(site, relative):
    """Every URL an Atom or JSON feed points to (links, enclosures, item urls)."""
    path = os.path.join(site, relative)
    if relative.endswith(".json"):
        with open(path, encoding="utf-8") as f:
            feed = json.load(f)
        urls = [feed.get("home_page_url"), feed.get("feed_url")]
        for item in feed.get("items", []):
            urls += [item.get("url"), item.get("external_url")]
            urls += [a.get("url") for a in item.get("attachments", [])]
        return [u for u in urls if u]
    root = ET.parse(path).getroot()
    return [link.get("href") for link in root.iter(f"{{{ATOM_NS}}}link") if link.get("href")]


# --- Sitemap and robots.txt ------------------------------------------------------

def site_url_from_robots(site):
    """The site's own absolute URL, read off robots.txt's Sitemap line
    (robots.txt must name the sitemap with an absolute URL)."""
    path = os.path.join(site, "robots.txt")
    if not os.path.isfile(path):
        return None
    with open(path, encoding="utf-8") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key.strip().lower() == "sitemap" and value.strip().endswith("/sitemap.xml"):
                return value.strip()[: -len("sitemap.xml")]
    return None


def file_for_url(site, site_url, url):
    """The file of the site a URL of the site maps to (index.html for a
    folder), or None when the URL is not on the site."""
    if not url.startswith(site_url):
        return None
    path = urllib.parse.unquote(urllib.parse.urlsplit(url).path)
    relative = path[len(urllib.parse.urlsplit(site_url).path):]
    if relative == "" or relative.endswith("/"):
        relative += "index.html"
    return relative


def check_sitemap(site):
    failures = []
    site_url = site_url_from_robots(site)
    if site_url is None:
        failures.append("robots.txt: missing, or no 'Sitemap: <absolute URL>/sitemap.xml' line")
        return failures
    try:
        tree = ET.parse(os.path.join(site, "sitemap.xml"))
    except FileNotFoundError:
        return failures + ["sitemap.xml: missing"]
    except ET.ParseError as e:
        return failures + [f"sitemap.xml:{e.position[0]}:{e.position[1]}: not well-formed XML: {e}"]
    root = tree.getroot()
    if root.tag != f"{{{SITEMAP_NS}}}urlset":
        failures.append(f"sitemap.xml: root element is {root.tag}, not urlset of {SITEMAP_NS}")
    locs, alternates = [], []
    for url in root.findall(f"{{{SITEMAP_NS}}}url"):
        locs.append((url.findtext(f"{{{SITEMAP_NS}}}loc") or "").strip())
        for link in url.findall(f"{{{XHTML_NS}}}link"):
            alternates.append(link.get("href", ""))
            if link.get("rel") != "alternate" or not link.get("hreflang"):
                failures.append(f"sitemap.xml: xhtml:link {link.get('href')} lacks rel=alternate or hreflang")
    listed = set()
    for url in locs + alternates:
        relative = file_for_url(site, site_url, url)
        if relative is None:
            failures.append(f"sitemap.xml: {url!r} is not under the site's URL {site_url}")
        elif not os.path.isfile(os.path.join(site, relative)):
            failures.append(f"sitemap.xml: {url} has no file in the site ({relative} missing)")
        else:
            listed.add(relative)
    pages = [p for p in site_files(site, "index.html")
             if re.fullmatch(r"(en/resources|fr/ressources)/[^/]+/index\.html", p)]
    for page in pages:
        if page not in listed:
            failures.append(f"sitemap.xml: the resource page {page} is not listed")
    print(f"  sitemap: {len(locs)} locs and {len(alternates)} xhtml:link alternates map to files; "
          f"{len(pages)} resource pages all listed; robots.txt names {site_url}sitemap.xml")
    return failures


# --- Page text and the French pages --------------------------------------------

class _PageText(html.parser.HTMLParser):
    """The <html lang> of a page and the text of its body, words joined the
    way a reader sees them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang = None
        self.pieces = []
        self._in_body = False
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag == "html" and self.lang is None:
            self.lang = dict(attrs).get("lang")
        if tag == "body":
            self._in_body = True
        if tag in ("script", "style", "template"):
            self._skip += 1
        if tag not in INLINE_ELEMENTS:
            self.pieces.append(" ")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self._skip = max(0, self._skip - 1)
        if tag not in INLINE_ELEMENTS:
            self.pieces.append(" ")

    def handle_data(self, data):
        if self._in_body and not self._skip:
            self.pieces.append(data)


def page_text(path):
    """(lang of <html>, normalized text of <body>) of an HTML file."""
    parser = _PageText()
    with open(path, encoding="utf-8") as f:
        parser.feed(f.read())
    parser.close()
    return parser.lang, normalize_space("".join(parser.pieces))


def read_po_messages(path):
    """(msgid, msgstr) pairs of a PO file's live messages (not obsolete, not
    fuzzy, header skipped). Just enough of the format for reading test data."""
    messages, entry, field, fuzzy = [], {}, None, False

    def close():
        if entry.get("msgid") and entry.get("msgstr") and not fuzzy:
            messages.append((entry["msgid"], entry["msgstr"]))

    def unquote(s):
        return json.loads(s) if s.startswith('"') else s

    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                close()
                entry, field, fuzzy = {}, None, False
            elif line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            elif line.startswith("#"):
                continue
            elif line.startswith(("msgid ", "msgstr ", "msgctxt ")):
                field, _, value = line.partition(" ")
                entry[field] = unquote(value)
            elif line.startswith('"') and field:
                entry[field] += unquote(line)
    close()
    return messages


def markup_text(segment):
    """The text a reader sees of a segment with inline markup."""
    return normalize_space(html.unescape(re.sub(r"<[^>]+>", "", segment)))


def source_paragraphs(resource_xml):
    """(source language, [normalized text of each p and li of the body])."""
    root = ET.parse(resource_xml).getroot()
    body = root.find(f"{{{RESOURCE_NS}}}body")
    texts = []
    if body is not None:
        for tag in ("p", "li"):
            for element in body.iter(f"{{{RESOURCE_NS}}}{tag}"):
                texts.append(normalize_space("".join(element.itertext())))
    return root.get(XML_LANG), texts


def check_french_pages(site, content_resources, must_contain=("trp-limits-to-protection",), min_words=5):
    """French resource pages say lang="fr", hold no English body text of the
    English-source resources, and hold the French text of their catalog.

    An English paragraph counts only when it has at least min_words words and
    its catalog translates it into something else (a name kept as is in both
    languages is not English text left behind)."""
    failures = []
    pages = [p for p in site_files(site, "index.html") if re.fullmatch(r"fr/ressources/[^/]+/index\.html", p)]
    if not pages:
        return [f"{site}: no French resource page (fr/ressources/*/index.html)"]
    texts = {}
    for page in pages:
        lang, text = page_text(os.path.join(site, page))
        if lang != "fr":
            failures.append(f"{page}: <html lang={lang!r}>, expected \"fr\"")
        texts[page] = text

    english = []
    for rid in sorted(os.listdir(content_resources)):
        doc = os.path.join(content_resources, rid, "resource.xml")
        catalog = os.path.join(content_resources, rid, "fr.po")
        if not os.path.isfile(doc):
            continue
        lang, paragraphs = source_paragraphs(doc)
        if lang != "en":
            continue
        kept_as_is = set()
        if os.path.isfile(catalog):
            kept_as_is = {markup_text(i) for i, s in read_po_messages(catalog) if markup_text(i) == markup_text(s)}
        english += [(rid, p) for p in paragraphs if len(p.split()) >= min_words and p not in kept_as_is]
    for rid, paragraph in english:
        for page, text in texts.items():
            if paragraph in text:
                failures.append(f"{page}: English body text of {rid} left in the French page: {paragraph!r}")

    french_checked = 0
    for rid in must_contain:
        page = f"fr/ressources/{rid}/index.html"
        catalog = os.path.join(content_resources, rid, "fr.po")
        if page not in texts:
            failures.append(f"{page}: missing (the French page of {rid})")
            continue
        # Placeholders (<_:span-1/>) stand for words kept from the source; a
        # sentence holding one is not comparable as plain text.
        sentences = [markup_text(s) for _, s in read_po_messages(catalog) if "<_:" not in s]
        sentences = [s for s in sentences if len(s.split()) >= 4]
        if not sentences:
            failures.append(f"{catalog}: no French sentence to look for")
        for sentence in sentences:
            french_checked += 1
            if sentence not in texts[page]:
                failures.append(f"{page}: the French sentence of {catalog} is missing: {sentence!r}")
    print(f"  french pages: {len(pages)} pages with lang=\"fr\" checked against {len(english)} English paragraphs; "
          f"{french_checked} French sentences of {', '.join(must_contain)} looked for")
    return failures


def check_site_files(site, vnu_jar, atom_rng, content_resources, french_resources=("trp-limits-to-protection",)):
    """All the file-level checks of a published site, in order; the French
    pages of french_resources must hold their catalog's sentences."""
    failures = []
    for name, check in (("HTML5 (Nu HTML checker)", lambda: check_html(site, vnu_jar)),
                        ("Atom feeds (jing, RFC 4287)", lambda: check_atom(site, atom_rng)),
                        ("JSON Feed 1.1", lambda: check_json_feed(site)),
                        ("sitemap.xml and robots.txt", lambda: check_sitemap(site)),
                        ("French pages", lambda: check_french_pages(site, content_resources, french_resources))):
        print(f"- {name}")
        found = check()
        for f in found:
            print(f"  FAIL: {f}")
        failures += found
    return failures
