#include "pipeline/its/rules.h"

#include <system_error>

#include "cms/core/text.h"
#include "pipeline/its/text_util.h"

namespace tandem::its {
namespace {

// itstool applies these wherever it runs (the other files it ships apply
// only to their own vocabularies, through itst:match).
constexpr std::string_view k_builtin_its = R"(<its:rules xmlns:its="http://www.w3.org/2005/11/its" version="2.0">
  <its:translateRule translate="no" selector="//its:param | //its:locNote"/>
</its:rules>)";
constexpr std::string_view k_builtin_ttml = R"(<its:rules xmlns:its="http://www.w3.org/2005/11/its" xmlns:tt="http://www.w3.org/ns/ttml" version="2.0">
  <its:withinTextRule withinText="yes" selector="//tt:p//*"/>
</its:rules>)";

Position where_of(const Document& doc, std::uint32_t el) { return doc.position(el); }

tl::unexpected<Error> rule_error(const Document& doc, std::uint32_t el, const std::string& what) {
    return fail(ErrorCode::invalid, what, where_of(doc, el));
}

std::optional<std::string> attr(const Document& doc, std::uint32_t el, std::string_view local) {
    if (const char* v = doc.attribute(el, k_ns_none, local)) return std::string(v);
    return std::nullopt;
}

// Children elements of `el`, in order.
std::vector<std::uint32_t> child_elements(const Document& doc, std::uint32_t el) {
    std::vector<std::uint32_t> out;
    for (std::uint32_t c = el + 1; c < doc.elements[el].end; c = doc.elements[c].end) out.push_back(c);
    return out;
}

void copy_template(const Document& doc, pugi::xml_node parent, std::vector<TemplateNode>& out) {
    for (pugi::xml_node child : parent.children()) {
        TemplateNode t;
        switch (child.type()) {
            case pugi::node_pcdata:
            case pugi::node_cdata:
                t.kind = TemplateNode::Kind::text;
                t.text = child.value();
                break;
            case pugi::node_comment:
                t.kind = TemplateNode::Kind::comment;
                t.text = child.value();
                break;
            case pugi::node_element: {
                const std::uint32_t id = doc.element_id(child);
                const ElementInfo& e = doc.elements[id];
                if (e.ns == k_ns_itst && (e.local_name() == "value-of" || e.local_name() == "for-each")) {
                    t.kind = e.local_name() == "value-of" ? TemplateNode::Kind::value_of : TemplateNode::Kind::for_each;
                    t.text = attr(doc, id, "select").value_or("");
                } else {
                    t.kind = TemplateNode::Kind::element;
                    t.name = e.qname;
                    t.prefix = e.local > 0 ? e.qname.substr(0, e.local - 1) : std::string();
                    t.uri = e.ns == k_ns_none ? std::string() : doc.namespaces.uri(e.ns);
                    for (std::uint32_t a = e.attr_begin; a < e.attr_end; ++a)
                        t.attributes.emplace_back(doc.attributes[a].qname, std::string(doc.attributes[a].value()));
                }
                copy_template(doc, child, t.children);
                break;
            }
            default:
                continue;
        }
        out.push_back(std::move(t));
    }
}

Result<Selector> compile_at(const Document& doc, std::uint32_t el, std::string_view text, NamespaceTable& table,
                            const RuleGroup& group, bool fast) {
    const Bindings bindings = doc.in_scope(el);
    auto selector = compile_selector(text, bindings, table, group.variables.get(), fast);
    if (!selector) {
        const std::string what = fast ? "selector" : "pointer";
        return rule_error(doc, el, what + " \"" + std::string(text) + "\": " + selector.error().message);
    }
    return selector;
}

// One rule element; nothing when it is not a rule Tandem applies.
Result<std::optional<Rule>> compile_rule(const Document& doc, std::uint32_t el, NamespaceTable& table,
                                         const RuleGroup& group) {
    const ElementInfo& e = doc.elements[el];
    const std::string_view name = e.local_name();
    Rule rule;
    rule.where = where_of(doc, el);
    std::string pointer_attr;
    if (e.ns == k_ns_its) {
        if (name == "translateRule") {
            rule.kind = RuleKind::translate;
            auto v = attr(doc, el, "translate");
            if (!v) return std::optional<Rule>();
            rule.value = *v;
        } else if (name == "withinTextRule") {
            rule.kind = RuleKind::within_text;
            auto v = attr(doc, el, "withinText");
            if (!v) return std::optional<Rule>();
            rule.value = *v;
        } else if (name == "locNoteRule") {
            rule.kind = RuleKind::loc_note;
            if (auto t = attr(doc, el, "locNoteType")) {
                rule.value_type = *t;
                rule.has_type = true;
            }
            for (const std::uint32_t c : child_elements(doc, el)) {
                if (doc.elements[c].ns == k_ns_its && doc.elements[c].local_name() == "locNote") {
                    rule.note = string_value(doc.elements[c].node);
                    break;
                }
            }
            if (!rule.note) {
                if (auto r = attr(doc, el, "locNoteRef")) {
                    rule.note_ref = *r;
                } else if (auto p = attr(doc, el, "locNotePointer")) {
                    pointer_attr = *p;
                } else if (auto rp = attr(doc, el, "locNoteRefPointer")) {
                    pointer_attr = *rp;
                    rule.pointer_is_ref = true;
                } else {
                    return std::optional<Rule>();
                }
            }
        } else if (name == "preserveSpaceRule") {
            rule.kind = RuleKind::preserve_space;
            auto v = attr(doc, el, "space");
            if (!v) return std::optional<Rule>();
            rule.value = *v;
        } else if (name == "localeFilterRule") {
            rule.kind = RuleKind::locale_filter;
            rule.value = attr(doc, el, "localeFilterList").value_or("*");
            rule.value_type = attr(doc, el, "localeFilterType").value_or("include");
        } else if (name == "idValueRule") {
            rule.kind = RuleKind::id_value;
            auto p = attr(doc, el, "idValue");
            if (!p) return std::optional<Rule>();
            pointer_attr = *p;
        } else if (name == "langRule") {
            rule.kind = RuleKind::lang;
            auto p = attr(doc, el, "langPointer");
            if (!p) return std::optional<Rule>();
            pointer_attr = *p;
        } else if (name == "externalResourceRefRule") {
            rule.kind = RuleKind::external_ref;
            auto p = attr(doc, el, "externalResourceRefPointer");
            if (!p) return std::optional<Rule>();
            pointer_attr = *p;
        } else {
            return std::optional<Rule>();  // other data categories: not Tandem's
        }
    } else if (e.ns == k_ns_itst) {
        if (name == "preserveSpaceRule") {
            rule.kind = RuleKind::preserve_space;
            if (attr(doc, el, "preserveSpace").value_or("") != "yes") return std::optional<Rule>();
            rule.value = "preserve";
        } else if (name == "dropRule") {
            rule.kind = RuleKind::drop;
            auto v = attr(doc, el, "drop");
            if (!v) return std::optional<Rule>();
            rule.value = *v;
        } else if (name == "contextRule") {
            rule.kind = RuleKind::context;
            if (auto v = attr(doc, el, "context")) {
                rule.value = *v;
            } else if (auto p = attr(doc, el, "contextPointer")) {
                pointer_attr = *p;
            } else {
                return std::optional<Rule>();
            }
        } else if (name == "externalRefRule") {
            rule.kind = RuleKind::external_ref;
            auto p = attr(doc, el, "refPointer");
            if (!p) return std::optional<Rule>();
            pointer_attr = *p;
        } else if (name == "credits") {
            rule.kind = RuleKind::credits;
            auto target = attr(doc, el, "appendTo");
            if (!target) return std::optional<Rule>();
            auto selector = compile_at(doc, el, *target, table, group, true);
            if (!selector) return tl::unexpected(selector.error());
            rule.selector = std::move(*selector);
            copy_template(doc, e.node, rule.credits);
            return std::optional<Rule>(std::move(rule));
        } else {
            return std::optional<Rule>();
        }
    } else {
        return std::optional<Rule>();
    }
    auto sel = attr(doc, el, "selector");
    if (!sel) return std::optional<Rule>();  // itstool skips a rule without a selector
    auto selector = compile_at(doc, el, *sel, table, group, true);
    if (!selector) return tl::unexpected(selector.error());
    rule.selector = std::move(*selector);
    if (!pointer_attr.empty()) {
        auto pointer = compile_at(doc, el, pointer_attr, table, group, false);
        if (!pointer) return tl::unexpected(pointer.error());
        rule.pointer = std::move(*pointer);
        rule.pointer_text = pointer_attr;
        if (rule.kind == RuleKind::lang && pointer_attr[0] == '@') rule.lang_attribute = pointer_attr.substr(1);
    }
    return std::optional<Rule>(std::move(rule));
}

// A rules document: XML whose root is its:rules.
Result<std::unique_ptr<Document>> load_rules_document(std::string_view text, std::string_view label) {
    static const NamespaceTable fixed;
    auto doc = load_document(text, label, fixed);
    if (!doc) return tl::unexpected(doc.error());
    const ElementInfo& root = (*doc)->elements[0];
    if (root.ns != k_ns_its || root.local_name() != "rules")
        return fail(ErrorCode::invalid, "not an ITS rules file: the root element is not its:rules",
                    where_of(**doc, 0));
    return doc;
}

Result<std::unique_ptr<RuleGroup>> compile_file(std::string_view text, std::string_view label, NamespaceTable& table) {
    auto doc = load_rules_document(text, label);
    if (!doc) return tl::unexpected(doc.error());
    auto group = std::make_unique<RuleGroup>();
    if (auto s = compile_rules_element(**doc, 0, table, *group); !s) return tl::unexpected(s.error());
    return group;
}

std::shared_ptr<const RuleSet> compile_set(std::span<const RulesFile> files, const RulesOptions& options,
                                           Error* error) {
    auto set = std::make_shared<RuleSet>();
    set->linked_rule_folders = options.linked_rule_folders;
    std::vector<RulesFile> all;
    if (options.builtins == Builtins::itstool) {
        all.push_back(RulesFile{"its.its (itstool built-in)", std::string(k_builtin_its)});
        all.push_back(RulesFile{"ttml.its (itstool built-in)", std::string(k_builtin_ttml)});
    }
    all.insert(all.end(), files.begin(), files.end());
    for (const RulesFile& file : all) {
        auto group = compile_file(file.text, file.label, set->namespaces);
        if (!group) {
            *error = group.error();
            return nullptr;
        }
        set->groups.push_back(std::move(*group));
    }
    return set;
}

std::shared_ptr<const RuleSet> default_set() {
    static const std::shared_ptr<const RuleSet> set = [] {
        Error error;
        return compile_set({}, RulesOptions{}, &error);
    }();
    return set;
}

bool has_scheme(std::string_view href) {
    const std::size_t colon = href.find(':');
    if (colon == std::string_view::npos || colon == 0) return false;
    for (std::size_t i = 0; i < colon; ++i) {
        const char c = href[i];
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
        if (!ok) return false;
    }
    return true;
}

// Whether `path` is `folder` or inside it (both canonical).
bool inside(const std::filesystem::path& path, const std::filesystem::path& folder) {
    auto p = path.begin();
    for (auto f = folder.begin(); f != folder.end(); ++f, ++p) {
        if (f->empty()) continue;  // a trailing separator
        if (p == path.end() || *p != *f) return false;
    }
    return true;
}

}  // namespace

Status compile_rules_element(const Document& doc, std::uint32_t rules_el, NamespaceTable& table, RuleGroup& group) {
    if (auto version = attr(doc, rules_el, "version"); version && *version != "1.0" && *version != "2.0")
        return rule_error(doc, rules_el, "ITS version \"" + *version + "\" is not supported (1.0 and 2.0 are)");
    if (auto lang = attr(doc, rules_el, "queryLanguage"); lang && *lang != "xpath")
        return rule_error(doc, rules_el, "queryLanguage \"" + *lang + "\" is not supported (only xpath is)");
    group.variables = std::make_unique<pugi::xpath_variable_set>();
    const std::vector<std::uint32_t> children = child_elements(doc, rules_el);
    for (const std::uint32_t c : children) {
        const ElementInfo& e = doc.elements[c];
        if (e.ns == k_ns_its && e.local_name() == "param") {
            auto name = attr(doc, c, "name");
            if (!name || name->empty()) return rule_error(doc, c, "its:param without a name");
            if (!group.variables->set(name->c_str(), string_value(e.node).c_str()))
                return rule_error(doc, c, "its:param name \"" + *name + "\" is not usable");
        }
    }
    for (const std::uint32_t c : children) {
        const ElementInfo& e = doc.elements[c];
        if (e.ns == k_ns_itst && e.local_name() == "match") {
            auto sel = attr(doc, c, "selector");
            if (!sel) continue;
            auto selector = compile_at(doc, c, *sel, table, group, true);
            if (!selector) return tl::unexpected(selector.error());
            group.matches.push_back(std::move(*selector));
            continue;
        }
        auto rule = compile_rule(doc, c, table, group);
        if (!rule) return tl::unexpected(rule.error());
        if (*rule) group.rules.push_back(std::move(**rule));
    }
    return {};
}

namespace {

// The rules file `href` names, looked for in `folders`; `where` is the link's position.
Result<std::unique_ptr<RuleGroup>> load_rules_file(const std::string& href, const Position& where,
                                                   const std::vector<std::filesystem::path>& folders,
                                                   NamespaceTable& table) {
    if (href.empty() || href[0] == '/' || href[0] == '\\' || has_scheme(href))
        return fail(ErrorCode::forbidden, "linked rules \"" + href + "\" refused: only a relative path inside an "
                                          "allowed rules folder may be linked", where);
    if (folders.empty())
        return fail(ErrorCode::forbidden, "linked rules \"" + href + "\" refused: no rules folder is allowed", where);
    bool escaped = false;
    for (const std::filesystem::path& folder : folders) {
        std::error_code ec;
        const std::filesystem::path base = std::filesystem::weakly_canonical(folder, ec);
        if (ec) continue;
        const std::filesystem::path target = std::filesystem::weakly_canonical(base / href, ec);
        if (ec) continue;
        if (!inside(target, base)) {
            escaped = true;
            continue;
        }
        if (!std::filesystem::is_regular_file(target, ec)) continue;
        auto bytes = read_file(target);
        if (!bytes) return tl::unexpected(bytes.error());
        auto group = compile_file(*bytes, target.string(), table);
        if (!group) return tl::unexpected(group.error());
        return group;
    }
    if (escaped)
        return fail(ErrorCode::forbidden, "linked rules \"" + href + "\" refused: the path leaves the allowed rules folder",
                    where);
    return fail(ErrorCode::not_found, "linked rules \"" + href + "\" not found in the allowed rules folders", where);
}

// An HTML script's text without the blanks and comment markers
// ("<!-- ... -->") authors wrap it in.
std::string_view script_content(std::string_view text) {
    text = strip_space(text);
    if (text.substr(0, 4) == "<!--") text = strip_space(text.substr(4));
    if (text.size() >= 3 && text.substr(text.size() - 3) == "-->") text = strip_space(text.substr(0, text.size() - 3));
    return text;
}

}  // namespace

Result<std::unique_ptr<RuleGroup>> load_linked_rules(const Document& doc, std::uint32_t rules_el,
                                                     const std::vector<std::filesystem::path>& folders,
                                                     NamespaceTable& table) {
    const char* href = doc.attribute(rules_el, k_ns_xlink, "href");
    if (!href) return std::unique_ptr<RuleGroup>();
    return load_rules_file(href, where_of(doc, rules_el), folders, table);
}

Result<std::vector<std::unique_ptr<RuleGroup>>> load_html_rules(const Document& doc, std::uint32_t el,
                                                                const std::vector<std::filesystem::path>& folders,
                                                                NamespaceTable& table) {
    std::vector<std::unique_ptr<RuleGroup>> groups;
    if (doc.elements[el].local_name() == "link") {
        const char* href = doc.attribute(el, k_ns_none, "href");  // listed only with one
        if (!href) return groups;
        auto group = load_rules_file(href, where_of(doc, el), folders, table);
        if (!group) return tl::unexpected(group.error());
        groups.push_back(std::move(*group));
        return groups;
    }
    // A script holds an its:rules document: rules it links to, then its own.
    const std::string text(script_content(string_value(doc.elements[el].node)));
    const std::string label =
        doc.label + " (its:rules in the <script> at line " + std::to_string(doc.elements[el].line) + ")";
    auto rules_doc = load_rules_document(text, label);
    if (!rules_doc) return tl::unexpected(rules_doc.error());
    auto linked = load_linked_rules(**rules_doc, 0, folders, table);
    if (!linked) return tl::unexpected(linked.error());
    if (*linked) groups.push_back(std::move(*linked));
    auto group = std::make_unique<RuleGroup>();
    if (auto s = compile_rules_element(**rules_doc, 0, table, *group); !s) return tl::unexpected(s.error());
    groups.push_back(std::move(group));
    return groups;
}

Rules::Rules() : m_set(default_set()) {}

Rules::Rules(std::shared_ptr<const RuleSet> set) : m_set(std::move(set)) {}

Result<Rules> parse_rules(std::span<const RulesFile> files, RulesOptions options) {
    Error error;
    auto set = compile_set(files, options, &error);
    if (!set) return tl::unexpected(error);
    return Rules(std::move(set));
}

Result<Rules> read_rules(std::span<const std::filesystem::path> files, RulesOptions options) {
    std::vector<RulesFile> texts;
    for (const std::filesystem::path& path : files) {
        auto bytes = read_file(path);
        if (!bytes) return tl::unexpected(bytes.error());
        texts.push_back(RulesFile{path.filename().string(), std::move(*bytes)});
    }
    return parse_rules(texts, std::move(options));
}

}  // namespace tandem::its
