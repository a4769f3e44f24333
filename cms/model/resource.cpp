#include "cms/model/resource.h"

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <cstring>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "cms/core/text.h"

namespace tandem::model {

struct Schema::Compiled {
    xmlRelaxNGPtr grammar = nullptr;
    // libxml2 does not promise that one grammar may validate in several
    // threads at once; validation is quick, so serialize it.
    mutable std::mutex validating;
    ~Compiled() {
        if (grammar) xmlRelaxNGFree(grammar);
    }
};

namespace {

struct DocFree {
    void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocFree>;

std::string trim(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    return s;
}

// Collects libxml2's structured errors; the first error-level one wins.
struct ErrorSink {
    std::vector<xmlError> errors;  // shallow copies: only scalar fields and node are read
    std::vector<std::string> messages;
    static void collect(void* self, xmlErrorPtr error) {
        if (error == nullptr || error->level < XML_ERR_ERROR) return;
        auto* sink = static_cast<ErrorSink*>(self);
        sink->errors.push_back(*error);
        sink->messages.push_back(trim(error->message ? error->message : "error"));
    }
};

// Installs an error sink for the current thread for one scope (libxml2's
// structured error handler is per thread).
class ScopedErrors {
public:
    explicit ScopedErrors(ErrorSink& sink) { xmlSetStructuredErrorFunc(&sink, &ErrorSink::collect); }
    ~ScopedErrors() { xmlSetStructuredErrorFunc(nullptr, nullptr); }
    ScopedErrors(const ScopedErrors&) = delete;
    ScopedErrors& operator=(const ScopedErrors&) = delete;
};

std::string qualified_name(const xmlNode* node) {
    std::string name;
    if (node->ns && node->ns->prefix) name = std::string(reinterpret_cast<const char*>(node->ns->prefix)) + ":";
    return name + reinterpret_cast<const char*>(node->name);
}

// libxml2 keeps a line per node but no column. Recover the column by finding
// the start tag in the text: the k-th "<name" on that line, where k counts
// the elements of that name starting earlier on the same line.
int column_of(std::string_view text, const xmlNode* node, int line) {
    if (node == nullptr || node->type != XML_ELEMENT_NODE || line <= 0) return 0;
    const std::string qname = qualified_name(node);
    int ordinal = 0;
    for (const xmlNode* n = node;;) {
        // step to the previous node in document order
        if (n->prev) {
            n = n->prev;
            while (n->last) n = n->last;
        } else if (n->parent && n->parent->type == XML_ELEMENT_NODE) {
            n = n->parent;
        } else {
            break;
        }
        if (n->type != XML_ELEMENT_NODE) continue;
        const long l = xmlGetLineNo(n);
        if (l < line) break;
        if (l == line && qualified_name(n) == qname) ++ordinal;
    }
    std::size_t start = 0;
    for (int l = 1; l < line && start != std::string_view::npos; ++l) {
        start = text.find('\n', start);
        if (start != std::string_view::npos) ++start;
    }
    if (start == std::string_view::npos) return 0;
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string needle = "<" + qname;
    for (std::size_t at = text.find(needle, start); at != std::string_view::npos && at < end;
         at = text.find(needle, at + 1)) {
        const std::size_t after = at + needle.size();
        const char next = after < text.size() ? text[after] : '>';
        if (next != '>' && next != '/' && next != ' ' && next != '\t' && next != '\r' && next != '\n') continue;
        if (ordinal-- == 0) return position_at(text, at).column;
    }
    return 0;
}

std::string collapse_whitespace(std::string_view in) {
    std::string out;
    bool space = false;
    for (char c : in) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            space = !out.empty();
        } else {
            if (space) out += ' ';
            space = false;
            out += c;
        }
    }
    return out;
}

const xmlNode* first_child_element(const xmlNode* parent, const char* name) {
    for (const xmlNode* n = parent ? parent->children : nullptr; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE && std::strcmp(reinterpret_cast<const char*>(n->name), name) == 0)
            return n;
    return nullptr;
}

std::string attribute(const xmlNode* node, const char* name, const char* ns = nullptr) {
    xmlChar* value = ns ? xmlGetNsProp(node, BAD_CAST name, BAD_CAST ns) : xmlGetNoNsProp(node, BAD_CAST name);
    if (!value) return {};
    std::string out(reinterpret_cast<const char*>(value));
    xmlFree(value);
    return out;
}

ResourceInfo info_of(xmlDoc* doc);

}  // namespace

std::filesystem::path default_schema_path(const std::filesystem::path& share_dir) {
    return share_dir / "cms" / "model" / "schema" / "resource.rng";
}

Result<Schema> load_schema(const std::filesystem::path& rng_file) {
    auto text = read_file(rng_file);
    if (!text) return tl::unexpected(text.error());
    ErrorSink sink;
    ScopedErrors scope(sink);
    xmlRelaxNGParserCtxtPtr parser = xmlRelaxNGNewMemParserCtxt(text->data(), static_cast<int>(text->size()));
    auto compiled = std::make_shared<Schema::Compiled>();
    compiled->grammar = xmlRelaxNGParse(parser);
    xmlRelaxNGFreeParserCtxt(parser);
    if (!compiled->grammar)
        return fail(ErrorCode::invalid, "the schema does not compile: " +
                                            (sink.messages.empty() ? std::string("unknown error") : sink.messages.front()),
                    Position{rng_file.string()});
    return Schema(compiled);
}

namespace {

// The second section, in document order, whose id an earlier one has.
const xmlNode* repeated_section_id(const xmlNode* root) {
    std::set<std::string> seen;
    std::vector<const xmlNode*> pending{root};
    const xmlNode* found = nullptr;
    // Depth-first in document order, without recursion (nesting is bounded by
    // the parser, but a stack of pointers costs nothing).
    while (!pending.empty() && !found) {
        const xmlNode* node = pending.back();
        pending.pop_back();
        if (node->type != XML_ELEMENT_NODE) continue;
        if (xmlStrEqual(node->name, BAD_CAST "section") && !seen.insert(attribute(node, "id")).second) found = node;
        std::vector<const xmlNode*> children;
        for (const xmlNode* child = node->children; child; child = child->next) children.push_back(child);
        pending.insert(pending.end(), children.rbegin(), children.rend());
    }
    return found;
}

}  // namespace

Result<ResourceInfo> validate_resource(const Schema& schema, std::string_view xml, std::string_view label) {
    const std::string file(label);
    if (auto utf8 = check_utf8(xml, label); !utf8) return tl::unexpected(utf8.error());

    ErrorSink sink;
    ScopedErrors scope(sink);
    // No NOENT (entities stay unexpanded), no DTD loading, no network.
    DocPtr doc(xmlReadMemory(xml.data(), static_cast<int>(xml.size()), file.c_str(), "UTF-8",
                             XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR));
    if (!doc || !sink.errors.empty()) {
        if (sink.errors.empty()) return fail(ErrorCode::invalid, "not well-formed XML", Position{file});
        const xmlError& e = sink.errors.front();
        return fail(ErrorCode::invalid, "not well-formed XML: " + sink.messages.front(), Position{file, e.line, e.int2});
    }
    if (doc->intSubset || doc->extSubset) {
        const auto at = xml.find("<!DOCTYPE");
        return fail(ErrorCode::invalid, "a DOCTYPE is not allowed in a resource document (no DTDs, no entities)",
                    at == std::string_view::npos ? Position{file} : position_at(xml, at, file));
    }
    if (xml.substr(0, 5) == "<?xml") {
        const auto end = xml.find("?>");
        const std::string decl(xml.substr(0, end == std::string_view::npos ? 0 : end));
        const auto enc = decl.find("encoding");
        if (enc != std::string::npos) {
            std::string value = decl.substr(enc);
            const auto q = value.find_first_of("\"'");
            value = q == std::string::npos ? "" : value.substr(q + 1, value.find(value[q], q + 1) - q - 1);
            for (auto& c : value) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            if (value != "UTF-8" && value != "UTF8")
                return fail(ErrorCode::invalid, "resource documents are UTF-8; the declaration says \"" + value + "\"",
                            position_at(xml, enc, file));
        }
    }

    {
        std::lock_guard lock(schema.compiled().validating);
        xmlRelaxNGValidCtxtPtr validator = xmlRelaxNGNewValidCtxt(schema.compiled().grammar);
        xmlRelaxNGSetValidStructuredErrors(validator, &ErrorSink::collect, &sink);
        const int rc = xmlRelaxNGValidateDoc(validator, doc.get());
        xmlRelaxNGFreeValidCtxt(validator);
        if (rc != 0) {
            if (sink.errors.empty()) return fail(ErrorCode::invalid, "not valid against the schema", Position{file});
            // libxml2 reports the innermost problem first, then its ancestors
            // "failed to validate content": the first one is the useful one.
            // Some of its reports have no node (an element whose attributes
            // failed inside an interleave): the position is the first one's
            // that has one.
            const auto located = std::find_if(sink.errors.begin(), sink.errors.end(),
                                              [](const xmlError& e) { return e.node != nullptr || e.line > 0; });
            const xmlError& e = located != sink.errors.end() ? *located : sink.errors.front();
            const auto* node = static_cast<const xmlNode*>(e.node);
            const int line = node ? static_cast<int>(xmlGetLineNo(node)) : e.line;
            std::string message = sink.messages.front();
            for (std::size_t i = 1; i < sink.messages.size() && i < 3; ++i) message += "; " + sink.messages[i];
            return fail(ErrorCode::invalid, "not valid: " + message, Position{file, line, column_of(xml, node, line)});
        }
    }
    // RELAX NG cannot say that section ids are unique; the page's anchors
    // and the editor's section merge need them to be.
    if (const xmlNode* twice = repeated_section_id(xmlDocGetRootElement(doc.get()))) {
        const int line = static_cast<int>(xmlGetLineNo(twice));
        return fail(ErrorCode::invalid, "not valid: the section id \"" + attribute(twice, "id") + "\" is used twice",
                    Position{file, line, column_of(xml, twice, line)});
    }

    return info_of(doc.get());
}

Result<ResourceInfo> read_resource_info(std::string_view xml) {
    ErrorSink sink;
    ScopedErrors scope(sink);
    DocPtr doc(xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "resource.xml", "UTF-8",
                             XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR));
    if (!doc || !xmlDocGetRootElement(doc.get())) return fail(ErrorCode::invalid, "not well-formed XML");
    return info_of(doc.get());
}

namespace {
ResourceInfo info_of(xmlDoc* doc) {
    const xmlNode* root = xmlDocGetRootElement(doc);
    ResourceInfo info;
    info.id = attribute(root, "id");
    info.type = attribute(root, "type");
    info.source_lang = parse_lang(attribute(root, "lang", "http://www.w3.org/XML/1998/namespace")).value_or(Lang::en);
    if (const xmlNode* title = first_child_element(root, "title")) {
        xmlChar* content = xmlNodeGetContent(title);
        info.title = collapse_whitespace(content ? reinterpret_cast<const char*>(content) : "");
        xmlFree(content);
    }
    return info;
}
}  // namespace

}  // namespace tandem::model
