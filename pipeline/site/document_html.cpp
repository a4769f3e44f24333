// Resource documents → PageSummary (summarize) and → HTML (render_document).

#include "pipeline/site/document_html.h"

#include <algorithm>
#include <charconv>

#include <pugixml.hpp>

#include "cms/core/text.h"
#include "pipeline/site/html_writer.h"
#include "pipeline/site/site.h"
#include "pipeline/site/site_paths.h"

namespace tandem::site {

namespace detail {

namespace {

constexpr std::string_view k_resource_ns = "urn:tandem:resource:1";
constexpr std::string_view k_its_ns = "http://www.w3.org/2005/11/its";

struct Parsed {
    pugi::xml_document tree;
    pugi::xml_node root;
};

// pugixml does not know namespaces: a name's prefix is looked up in the
// xmlns attributes of the element and its ancestors.
std::string_view namespace_of(pugi::xml_node element, std::string_view qname) {
    auto colon = qname.find(':');
    std::string attribute = colon == std::string_view::npos ? "xmlns" : "xmlns:" + std::string(qname.substr(0, colon));
    if (colon != std::string_view::npos && qname.substr(0, colon) == "xml") return "http://www.w3.org/XML/1998/namespace";
    for (auto node = element; node && node.type() == pugi::node_element; node = node.parent())
        if (auto declared = node.attribute(attribute.c_str())) return declared.value();
    return {};
}

std::string_view local_name(std::string_view qname) {
    auto colon = qname.find(':');
    return colon == std::string_view::npos ? qname : qname.substr(colon + 1);
}

class Reader {
public:
    Reader(std::string_view xml, std::string_view label) : m_xml(xml), m_label(label) {}

    Result<void> load(Parsed& parsed) const {
        auto result = parsed.tree.load_buffer(m_xml.data(), m_xml.size(), pugi::parse_default | pugi::parse_ws_pcdata,
                                              pugi::encoding_utf8);
        if (!result)
            return fail(ErrorCode::invalid, std::string("not well-formed XML: ") + result.description(),
                        position_at(m_xml, static_cast<std::size_t>(result.offset), std::string(m_label)));
        parsed.root = parsed.tree.document_element();
        if (auto bad = expect(parsed.root, "resource"); !bad) return bad;
        return {};
    }

    // The local name of an element of the resource vocabulary; an error for
    // anything else.
    Result<std::string_view> name_of(pugi::xml_node element) const {
        std::string_view qname = element.name();
        if (namespace_of(element, qname) != k_resource_ns)
            return fail(ErrorCode::invalid, "element <" + std::string(qname) + "> is not in the resource vocabulary",
                        where(element));
        return local_name(qname);
    }

    Result<void> expect(pugi::xml_node element, std::string_view name) const {
        auto actual = name_of(element);
        if (!actual) return tl::unexpected(actual.error());
        if (*actual != name)
            return fail(ErrorCode::invalid, "expected <" + std::string(name) + ">, found <" + std::string(*actual) + ">",
                        where(element));
        return {};
    }

    tl::unexpected<Error> unknown(pugi::xml_node element, std::string_view context) const {
        return fail(ErrorCode::invalid,
                    "the site renderer does not know <" + std::string(element.name()) + "> inside <" + std::string(context) + ">",
                    where(element));
    }

    tl::unexpected<Error> stray_text(pugi::xml_node text, std::string_view context) const {
        return fail(ErrorCode::invalid, "text directly inside <" + std::string(context) + ">", where(text));
    }

    Position where(pugi::xml_node node) const {
        auto offset = node.offset_debug();
        return position_at(m_xml, offset < 0 ? 0 : std::min(static_cast<std::size_t>(offset), m_xml.size()), std::string(m_label));
    }

private:
    std::string_view m_xml;
    std::string_view m_label;
};

bool is_blank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// Language and translatability, written as HTML's lang and translate.
void write_local_attributes(HtmlWriter& out, pugi::xml_node element) {
    for (auto attribute : element.attributes()) {
        std::string_view qname = attribute.name();
        if (qname == "xml:lang") {
            out.attribute("lang", attribute.value());
        } else if (local_name(qname) == "translate" && qname.find(':') != std::string_view::npos &&
                   namespace_of(element, qname) == k_its_ns) {
            out.attribute("translate", attribute.value());
        }
    }
}

class BodyWriter {
public:
    BodyWriter(const Reader& reader, const std::optional<LinkRebase>& rebase, const LinkFilter& filter)
        : m_reader(reader), m_rebase(rebase), m_filter(filter) {}

    Result<void> inline_content(pugi::xml_node parent, std::string_view context) {
        for (auto child : parent.children()) {
            if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
                m_out.text(child.value());
                continue;
            }
            if (child.type() != pugi::node_element) continue;
            auto name = m_reader.name_of(child);
            if (!name) return tl::unexpected(name.error());
            if (*name == "em" || *name == "strong" || *name == "span" || *name == "abbr") {
                m_out.open(*name);
                write_local_attributes(m_out, child);
                if (*name == "abbr")
                    if (auto title = child.attribute("title")) m_out.attribute("title", title.value());
                if (auto ok = inline_content(child, *name); !ok) return ok;
                m_out.close(*name);
            } else if (*name == "a") {
                auto href = link(child, child.attribute("href").value());
                if (!href) return tl::unexpected(href.error());
                const std::string_view tag = *href ? "a" : "span";
                m_out.open(tag);
                if (*href) m_out.attribute("href", **href);
                write_local_attributes(m_out, child);
                if (auto ok = inline_content(child, "a"); !ok) return ok;
                m_out.close(tag);
            } else if (*name == "br") {
                m_out.void_element("br");
            } else {
                return m_reader.unknown(child, context);
            }
        }
        return {};
    }

    // Blocks and sections from `first` on, inside <body> or a <section>;
    // sections here are at `depth` (1: top level, written with h2).
    Result<void> blocks(pugi::xml_node first, std::string_view context, int depth) {
        for (auto child = first; child; child = child.next_sibling()) {
            if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
                if (is_blank(child.value())) continue;
                return m_reader.stray_text(child, context);
            }
            if (child.type() != pugi::node_element) continue;
            auto name = m_reader.name_of(child);
            if (!name) return tl::unexpected(name.error());
            if (*name == "section") {
                if (auto ok = section(child, depth); !ok) return ok;
            } else if (*name == "p") {
                if (auto ok = wrapped_inline(child, "p", "p"); !ok) return ok;
            } else if (*name == "ul" || *name == "ol") {
                m_out.open(*name);
                write_local_attributes(m_out, child);
                for (auto item : child.children()) {
                    if (item.type() == pugi::node_pcdata) {
                        if (is_blank(item.value())) continue;
                        return m_reader.stray_text(item, *name);
                    }
                    if (item.type() != pugi::node_element) continue;
                    auto item_name = m_reader.name_of(item);
                    if (!item_name) return tl::unexpected(item_name.error());
                    if (*item_name != "li") return m_reader.unknown(item, *name);
                    if (auto ok = wrapped_inline(item, "li", "li"); !ok) return ok;
                }
                m_out.close(*name);
            } else if (*name == "quote") {
                m_out.open("blockquote");
                write_local_attributes(m_out, child);
                if (auto cite = child.attribute("cite")) {
                    auto href = link(child, cite.value());
                    if (!href) return tl::unexpected(href.error());
                    if (*href) m_out.attribute("cite", **href);
                }
                m_out.open("p");
                if (auto ok = inline_content(child, "quote"); !ok) return ok;
                m_out.close("p");
                m_out.close("blockquote");
            } else if (*name == "note") {
                m_out.open("div", {{"class", "note"}, {"role", "note"}});
                write_local_attributes(m_out, child);
                m_out.open("p");
                if (auto ok = inline_content(child, "note"); !ok) return ok;
                m_out.close("p");
                m_out.close("div");
            } else {
                return m_reader.unknown(child, context);
            }
        }
        return {};
    }

    Result<void> wrapped_inline(pugi::xml_node element, std::string_view source, std::string_view tag) {
        m_out.open(tag);
        write_local_attributes(m_out, element);
        if (auto ok = inline_content(element, source); !ok) return ok;
        m_out.close(tag);
        return {};
    }

    HtmlWriter& out() { return m_out; }

private:
    Result<void> section(pugi::xml_node element, int depth) {
        static constexpr const char* k_headings[] = {"h2", "h3", "h4", "h5", "h6"};
        m_out.open("section", {{"id", element.attribute("id").value()}});
        write_local_attributes(m_out, element);
        auto h = element.find_child([](pugi::xml_node n) { return n.type() == pugi::node_element; });
        if (!h) return fail(ErrorCode::invalid, "a <section> needs its <h> first", m_reader.where(element));
        for (auto n = element.first_child(); n != h; n = n.next_sibling())
            if (n.type() == pugi::node_pcdata && !is_blank(n.value())) return m_reader.stray_text(n, "section");
        if (auto ok = m_reader.expect(h, "h"); !ok) return ok;
        if (auto ok = wrapped_inline(h, "h", k_headings[std::min(depth, 5) - 1]); !ok) return ok;
        if (auto ok = blocks(h.next_sibling(), "section", depth + 1); !ok) return ok;
        m_out.close("section");
        return {};
    }

    // The href to write, or nothing when the link leads to a resource page
    // or attachment that the filter's release does not publish.
    Result<std::optional<std::string>> link(pugi::xml_node element, std::string_view href) {
        if (!is_safe_href(href))
            return fail(ErrorCode::invalid, "link \"" + std::string(href) + "\" is not an http(s), mailto or relative link",
                        m_reader.where(element));
        if (m_filter.published)
            if (auto target = resource_link(href, m_filter.id, m_filter.lang)) {
                const bool there = target->file.empty() ? is_published(*m_filter.published, target->id)
                                                        : is_published_attachment(*m_filter.published, target->id, target->file);
                if (!there) return std::optional<std::string>();
            }
        if (m_rebase && is_relative_reference(href)) {
            auto rebased = rebase_href(href, m_rebase->from_dir, m_rebase->to_dir);
            if (!rebased)
                return fail(ErrorCode::invalid, "link \"" + std::string(href) + "\" leads outside the site",
                            m_reader.where(element));
            return std::optional<std::string>(std::move(*rebased));
        }
        return std::optional<std::string>(href);
    }

    const Reader& m_reader;
    const std::optional<LinkRebase>& m_rebase;
    const LinkFilter& m_filter;
    HtmlWriter m_out;
};

// The parts of a <resource>, each checked to be where the vocabulary puts it.
struct Parts {
    pugi::xml_node title, summary, meta, body;
};

Result<Parts> parts_of(const Reader& reader, pugi::xml_node root) {
    Parts parts;
    for (auto child : root.children()) {
        if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
            if (is_blank(child.value())) continue;
            return reader.stray_text(child, "resource");
        }
        if (child.type() != pugi::node_element) continue;
        auto name = reader.name_of(child);
        if (!name) return tl::unexpected(name.error());
        pugi::xml_node* slot = *name == "title" ? &parts.title : *name == "summary" ? &parts.summary
                             : *name == "meta"  ? &parts.meta  : *name == "body"    ? &parts.body : nullptr;
        if (!slot) return reader.unknown(child, "resource");
        if (*slot) return fail(ErrorCode::invalid, "a second <" + std::string(*name) + ">", reader.where(child));
        *slot = child;
    }
    if (!parts.title) return fail(ErrorCode::invalid, "the document has no <title>", reader.where(root));
    if (!parts.body) return fail(ErrorCode::invalid, "the document has no <body>", reader.where(root));
    return parts;
}

// The text of an element and its descendants, runs of white space as one space.
std::string plain_text(pugi::xml_node element) {
    std::string out;
    bool space = false;
    auto append = [&](std::string_view text) {
        for (char c : text) {
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                space = !out.empty();
            } else {
                if (space) out += ' ';
                space = false;
                out += c;
            }
        }
    };
    for (auto node = element.first_child(); node;) {
        if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) append(node.value());
        if (node.type() == pugi::node_element && local_name(node.name()) == "br") space = !out.empty();
        if (node.first_child()) {
            node = node.first_child();
            continue;
        }
        while (node && node != element && !node.next_sibling()) node = node.parent();
        if (!node || node == element) break;
        node = node.next_sibling();
    }
    return out;
}

Result<Lang> document_lang(const Reader& reader, pugi::xml_node root) {
    auto lang = parse_lang(root.attribute("xml:lang").value());
    if (!lang) return fail(ErrorCode::invalid, "the document's xml:lang is not en or fr", reader.where(root));
    return *lang;
}

Result<int> positive_number(const Reader& reader, pugi::xml_node where, std::string_view text) {
    int value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value <= 0)
        return fail(ErrorCode::invalid, "\"" + std::string(text) + "\" is not a positive number", reader.where(where));
    return value;
}

// Tokens become folder names of filter pages.
Result<std::string> token(const Reader& reader, pugi::xml_node element) {
    std::string value = plain_text(element);
    if (!check_token(value))
        return fail(ErrorCode::invalid, "\"" + value + "\" is not a token (lowercase words joined by hyphens)",
                    reader.where(element));
    return value;
}

std::string format_of(std::string_view href, std::string_view declared) {
    if (!declared.empty()) return std::string(declared);
    if (href.ends_with(".pdf")) return "pdf";
    if (href.ends_with(".htm") || href.ends_with(".html")) return "html";
    return {};
}

Status read_meta(const Reader& reader, pugi::xml_node meta, PageSummary& summary) {
    for (auto child : meta.children()) {
        if (child.type() == pugi::node_pcdata) {
            if (is_blank(child.value())) continue;
            return reader.stray_text(child, "meta");
        }
        if (child.type() != pugi::node_element) continue;
        auto name = reader.name_of(child);
        if (!name) return tl::unexpected(name.error());
        if (*name == "date") {
            summary.date = plain_text(child);
        } else if (*name == "pages") {
            auto pages = positive_number(reader, child, plain_text(child));
            if (!pages) return tl::unexpected(pages.error());
            summary.pages = *pages;
        } else if (*name == "scope" || *name == "topic" || *name == "audience") {
            auto value = token(reader, child);
            if (!value) return tl::unexpected(value.error());
            if (*name == "scope") summary.scope = *value;
            else if (*name == "topic") summary.topics.push_back(*value);
            else if (summary.audience.empty()) summary.audience = *value;
        } else if (*name == "file") {
            PageSummary::File file;
            file.href = child.attribute("href").value();
            if (!file.href.starts_with("files/") || file.href.find("..") != std::string::npos || file.href.find('/', 6) != std::string::npos)
                return fail(ErrorCode::invalid, "attachment \"" + file.href + "\" is not under files/", reader.where(child));
            auto lang = parse_lang(child.attribute("lang").value());
            if (!lang) return fail(ErrorCode::invalid, "an attachment's lang is not en or fr", reader.where(child));
            file.lang = *lang;
            file.format = format_of(file.href, child.attribute("format").value());
            if (auto pages = child.attribute("pages")) {
                auto number = positive_number(reader, child, pages.value());
                if (!number) return tl::unexpected(number.error());
                file.pages = *number;
            }
            summary.files.push_back(std::move(file));
        } else if (*name != "link") {  // links are the body's business, not the page's metadata
            return reader.unknown(child, "meta");
        }
    }
    return {};
}

// The other resources that the links of an element's text lead to.
void collect_links(pugi::xml_node element, std::string_view id, Lang lang, std::vector<std::string>& ids) {
    for (auto child : element.children()) {
        if (child.type() != pugi::node_element) continue;
        const auto name = local_name(child.name());
        const char* href = name == "a" ? child.attribute("href").value() : name == "quote" ? child.attribute("cite").value() : "";
        if (auto target = resource_link(href, id, lang); target && target->id != id) ids.push_back(std::move(target->id));
        collect_links(child, id, lang, ids);
    }
}

}  // namespace

std::optional<ResourceLink> resource_link(std::string_view href, std::string_view id, Lang lang) {
    // A path from the host root ("/en/resources/x/") reaches the same pages
    // when the site is served at the root, as published.
    const bool from_host_root = href.starts_with('/') && !href.starts_with("//");
    if (!from_host_root && !is_relative_reference(href)) return std::nullopt;
    // Re-expressed from the site root, the path names the folder it reaches.
    const auto from_root = from_host_root ? rebase_href(href.substr(1), "", "") : rebase_href(href, resource_dir(id, lang), "");
    if (!from_root) return std::nullopt;
    std::string_view path = *from_root;
    path = path.substr(0, path.find_first_of("?#"));
    for (Lang list : {Lang::en, Lang::fr}) {
        const std::string prefix = list_dir(list);
        if (!path.starts_with(prefix)) continue;
        const std::string_view rest = path.substr(prefix.size());
        const auto slash = rest.find('/');
        ResourceLink target{std::string(rest.substr(0, slash)),
                            slash == std::string_view::npos ? std::string() : std::string(rest.substr(slash + 1))};
        // Not a resource: the list itself, or a filter page (whose folder
        // names check_resource_id reserves).
        if (!check_resource_id(target.id)) return std::nullopt;
        if (target.file == "index.html") target.file.clear();
        return target;
    }
    return std::nullopt;
}

Result<DocumentHtml> render_document(std::string_view xml, std::string_view label, const std::optional<LinkRebase>& rebase,
                                     const LinkFilter& filter) {
    Reader reader(xml, label);
    Parsed parsed;
    if (auto ok = reader.load(parsed); !ok) return tl::unexpected(ok.error());
    auto parts = parts_of(reader, parsed.root);
    if (!parts) return tl::unexpected(parts.error());
    auto lang = document_lang(reader, parsed.root);
    if (!lang) return tl::unexpected(lang.error());
    DocumentHtml html;
    html.lang = *lang;
    {
        BodyWriter writer(reader, rebase, filter);
        if (auto ok = writer.inline_content(parts->title, "title"); !ok) return tl::unexpected(ok.error());
        html.title = writer.out().take();
    }
    if (parts->summary) {
        BodyWriter writer(reader, rebase, filter);
        if (auto ok = writer.inline_content(parts->summary, "summary"); !ok) return tl::unexpected(ok.error());
        html.summary = writer.out().take();
    }
    BodyWriter writer(reader, rebase, filter);
    if (auto ok = writer.blocks(parts->body.first_child(), "body", 1); !ok) return tl::unexpected(ok.error());
    html.body = writer.out().take();
    return html;
}

}  // namespace detail

Result<PageSummary> summarize(std::string_view xml, Lang lang) {
    using namespace detail;
    Reader reader(xml, "resource.xml");
    Parsed parsed;
    if (auto ok = reader.load(parsed); !ok) return tl::unexpected(ok.error());
    auto parts = parts_of(reader, parsed.root);
    if (!parts) return tl::unexpected(parts.error());
    auto source_lang = document_lang(reader, parsed.root);
    if (!source_lang) return tl::unexpected(source_lang.error());
    PageSummary summary;
    summary.id = parsed.root.attribute("id").value();
    if (auto ok = check_resource_id(summary.id); !ok)
        return fail(ErrorCode::invalid, "resource id: " + ok.error().message, reader.where(parsed.root));
    summary.lang = lang;
    summary.source_lang = *source_lang;
    summary.type = parsed.root.attribute("type").value();
    if (!check_token(summary.type))
        return fail(ErrorCode::invalid, "resource type \"" + summary.type + "\" is not a token", reader.where(parsed.root));
    summary.title = plain_text(parts->title);
    if (parts->summary) summary.summary = plain_text(parts->summary);
    if (parts->meta)
        if (auto ok = read_meta(reader, parts->meta, summary); !ok) return tl::unexpected(ok.error());
    collect_links(parsed.root, summary.id, lang, summary.links);
    std::sort(summary.links.begin(), summary.links.end());
    summary.links.erase(std::unique(summary.links.begin(), summary.links.end()), summary.links.end());
    return summary;
}

}  // namespace tandem::site
