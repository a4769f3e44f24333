#include "pipeline/its/resolve.h"

#include <algorithm>

#include "pipeline/its/html.h"
#include "pipeline/its/text_util.h"

namespace tandem::its {

std::string LocNote::comment() const {
    if (is_ref) return "(itstool) link: " + collapse_space(text);
    return preserve ? text : collapse_space(text);
}

namespace {

const std::string k_yes = "yes";
const std::string k_no = "no";
const LocaleFilter k_default_filter;

std::string note_type(const std::string* type) {
    return type && *type == "alert" ? "alert" : "description";
}

bool is_its_span(const Document& doc, std::uint32_t el) {
    return doc.elements[el].ns == k_ns_its && doc.elements[el].local_name() == "span";
}

class Resolver {
public:
    Resolver(const Document& doc, Facts& facts) : m_doc(doc), m_facts(facts) {}

    Status apply_group(const RuleGroup& group, bool gated) {
        if (gated && !group.matches.empty()) {
            bool matched = false;
            for (const Selector& match : group.matches) {
                auto nodes = select_nodes(match, m_doc);
                if (!nodes) return tl::unexpected(nodes.error());
                if (!nodes->empty()) {
                    matched = true;
                    break;
                }
            }
            if (!matched) return {};
        }
        for (const Rule& rule : group.rules) {
            if (auto s = apply(rule); !s) {
                Error e = s.error();
                if (e.where.line == 0) e.where = rule.where;
                return tl::unexpected(e);
            }
        }
        return {};
    }

private:
    Result<std::optional<std::string>> point(const Rule& rule, std::uint32_t node, std::uint32_t* picked = nullptr) {
        return evaluate_pointer(*rule.pointer, m_doc, node, picked);
    }

    Status apply(const Rule& rule) {
        auto selected = select_nodes(rule.selector, m_doc);
        if (!selected) return tl::unexpected(selected.error());
        const std::vector<std::uint32_t>& nodes = *selected;
        switch (rule.kind) {
            case RuleKind::translate:
                for (const auto n : nodes) m_facts.translate_rule[n] = &rule.value;
                break;
            case RuleKind::within_text:
                for (const auto n : nodes) m_facts.within_text_rule[n] = &rule.value;
                break;
            case RuleKind::preserve_space:
                for (const auto n : nodes) m_facts.space_rule[n] = &rule.value;
                break;
            case RuleKind::drop:
                for (const auto n : nodes) m_facts.drop_rule[n] = &rule.value;
                break;
            case RuleKind::locale_filter:
                for (const auto n : nodes) m_facts.locale_rule[n] = LocaleFilter{rule.value, rule.value_type};
                break;
            case RuleKind::loc_note:
                for (const auto n : nodes) {
                    LocNote note;
                    note.type = note_type(rule.has_type ? &rule.value_type : nullptr);
                    if (rule.note) {
                        note.text = *rule.note;
                    } else if (rule.note_ref) {
                        note.text = *rule.note_ref;
                        note.is_ref = true;
                    } else {
                        std::uint32_t picked = k_none;
                        auto value = point(rule, n, &picked);
                        if (!value) return tl::unexpected(value.error());
                        if (!*value) continue;
                        note.text = std::move(**value);
                        note.is_ref = rule.pointer_is_ref;
                        if (!note.is_ref) note.source = picked;
                    }
                    m_facts.notes[n].push_back(std::move(note));
                }
                break;
            case RuleKind::id_value:
                for (const auto n : nodes) {
                    auto value = point(rule, n);
                    if (!value) return tl::unexpected(value.error());
                    if (*value) m_facts.id_value_rule[n] = std::move(**value);
                }
                break;
            case RuleKind::lang:
                for (const auto n : nodes) {
                    auto value = point(rule, n);
                    if (!value) return tl::unexpected(value.error());
                    if (*value) m_facts.lang_rule[n] = std::move(**value);
                    // itstool writes the language back into the attribute the
                    // pointer names, when it names one.
                    if (!rule.lang_attribute.empty()) m_facts.lang_attribute[n] = &rule.lang_attribute;
                }
                break;
            case RuleKind::external_ref:
                for (const auto n : nodes) {
                    auto value = point(rule, n);
                    if (!value) return tl::unexpected(value.error());
                    if (*value) m_facts.external[n] = std::move(**value);
                }
                break;
            case RuleKind::context:
                for (const auto n : nodes) {
                    if (!rule.pointer) {
                        m_facts.context_rule[n] = rule.value;
                        continue;
                    }
                    auto value = point(rule, n);
                    if (!value) return tl::unexpected(value.error());
                    if (*value) m_facts.context_rule[n] = std::move(**value);
                }
                break;
            case RuleKind::credits: {
                std::uint32_t first = k_none;
                for (const auto n : nodes)
                    if (!m_doc.is_attribute_node(n)) first = std::min(first, n);
                if (first != k_none) {
                    m_facts.credits_target = first;
                    m_facts.credits = &rule.credits;
                }
                break;
            }
        }
        return {};
    }

    const Document& m_doc;
    Facts& m_facts;
};

// Local markup on element `el` for the Translate data category.
const char* local_translate(const Document& doc, std::uint32_t el) {
    if (const char* v = doc.attribute(el, k_ns_its, "translate")) return v;
    if (is_its_span(doc, el)) {
        if (const char* v = doc.attribute(el, k_ns_none, "translate")) return v;
    }
    // HTML's translate attribute, in XHTML (ITS 2.0 section 2.3.2).
    if (doc.elements[el].ns == k_ns_xhtml) {
        if (const char* v = doc.attribute(el, k_ns_none, "translate")) {
            const std::string lower = ascii_lower(v);
            if (lower == "no") return "no";
            if (lower == "yes" || lower.empty()) return "yes";
        }
    }
    return nullptr;
}

std::optional<LocaleFilter> local_locale(const Document& doc, std::uint32_t el) {
    if (doc.syntax == Syntax::html) {
        const char* list = doc.attribute(el, k_ns_none, "its-locale-filter-list");
        const auto type = html_keyword(doc, el, "its-locale-filter-type");
        if (!list && !type) return std::nullopt;
        return LocaleFilter{list ? list : "*", type ? *type : "include"};
    }
    if (!doc.elements[el].has_markup) return std::nullopt;
    const std::uint32_t ns = is_its_span(doc, el) && !doc.attribute(el, k_ns_its, "localeFilterList") &&
                                     !doc.attribute(el, k_ns_its, "localeFilterType")
                                 ? k_ns_none
                                 : k_ns_its;
    const char* list = doc.attribute(el, ns, "localeFilterList");
    const char* type = doc.attribute(el, ns, "localeFilterType");
    if (!list && !type) return std::nullopt;
    return LocaleFilter{list ? list : "*", type ? type : "include"};
}

std::vector<LocNote> own_notes(const Document& doc, const Facts& facts, std::uint32_t node);

void finish(const Document& doc, Facts& f) {
    const auto elements = static_cast<std::uint32_t>(doc.elements.size());
    const std::uint32_t n = doc.node_count();
    f.translate.resize(n);
    f.locale.resize(n);
    f.preserve.resize(n);
    f.space.resize(n);
    for (std::uint32_t el = 0; el < elements; ++el) {
        const std::uint32_t parent = doc.elements[el].parent;
        if (const char* local = local_translate(doc, el)) f.translate[el] = local;
        else if (f.translate_rule[el]) f.translate[el] = *f.translate_rule[el];
        else f.translate[el] = parent == k_none ? std::string_view(k_yes) : f.translate[parent];

        if (auto local = local_locale(doc, el)) {
            f.local_filters.push_back(std::make_unique<LocaleFilter>(std::move(*local)));
            f.locale[el] = f.local_filters.back().get();
        } else if (auto it = f.locale_rule.find(el); it != f.locale_rule.end()) {
            f.locale[el] = &it->second;
        } else {
            f.locale[el] = parent == k_none ? &k_default_filter : f.locale[parent];
        }

        if (doc.elements[el].space == XmlSpace::preserve) f.preserve[el] = true;
        else if (f.space_rule[el]) f.preserve[el] = *f.space_rule[el] == "preserve";
        else f.preserve[el] = parent != k_none && f.preserve[parent];

        const char* xml_space = doc.attribute(el, k_ns_xml, "space");
        if (xml_space && std::string_view(xml_space) == "preserve") f.space[el] = XmlSpace::preserve;
        else if (xml_space && std::string_view(xml_space) == "default") f.space[el] = XmlSpace::default_;
        else if (f.space_rule[el]) f.space[el] = *f.space_rule[el] == "preserve" ? XmlSpace::preserve : XmlSpace::default_;
        else f.space[el] = parent == k_none ? XmlSpace::default_ : f.space[parent];
    }
    for (std::uint32_t a = 0; a < doc.attributes.size(); ++a) {
        const std::uint32_t id = elements + a;
        const std::uint32_t owner = doc.attributes[a].owner;
        if (f.translate_rule[id]) f.translate[id] = *f.translate_rule[id];
        else if (doc.syntax == Syntax::html && classify_html_attribute(doc, a) != HtmlAttribute::other)
            f.translate[id] = f.translate[owner];  // HTML5: translatable attributes follow their element
        else f.translate[id] = k_no;
        if (auto it = f.locale_rule.find(id); it != f.locale_rule.end()) f.locale[id] = &it->second;
        else f.locale[id] = f.locale[owner];
        f.preserve[id] = f.space_rule[id] ? *f.space_rule[id] == "preserve" : f.preserve[owner];
        f.space[id] = f.space_rule[id] ? (*f.space_rule[id] == "preserve" ? XmlSpace::preserve : XmlSpace::default_)
                                       : f.space[owner];
    }
    for (auto& [node, notes] : f.notes)
        for (LocNote& note : notes)
            if (note.source != k_none) note.preserve = f.preserve[note.source];
    f.note_holder.resize(elements);
    for (std::uint32_t el = 0; el < elements; ++el) {
        const bool own = (doc.elements[el].has_markup || f.notes.count(el)) && !own_notes(doc, f, el).empty();
        const std::uint32_t parent = doc.elements[el].parent;
        f.note_holder[el] = own ? el : parent == k_none ? k_none : f.note_holder[parent];
    }
}

}  // namespace

Result<Facts> resolve_rules(const Document& doc, const RuleSet& rules) {
    Facts facts;
    const std::uint32_t n = doc.node_count();
    facts.translate_rule.assign(n, nullptr);
    facts.within_text_rule.assign(n, nullptr);
    facts.space_rule.assign(n, nullptr);
    facts.drop_rule.assign(n, nullptr);
    facts.lang_attribute.assign(n, nullptr);
    Resolver resolver(doc, facts);
    for (const auto& group : rules.groups)
        if (auto s = resolver.apply_group(*group, true); !s) return tl::unexpected(s.error());
    if (!doc.rules_elements.empty()) {
        // Selectors inside the document may name namespaces the external rules
        // did not; they get numbers of their own here.
        NamespaceTable table(&doc.namespaces);
        for (const std::uint32_t el : doc.rules_elements) {
            if (doc.syntax == Syntax::html) {
                auto groups = load_html_rules(doc, el, rules.linked_rule_folders, table);
                if (!groups) return tl::unexpected(groups.error());
                for (auto& group : *groups) {
                    if (auto s = resolver.apply_group(*group, false); !s) return tl::unexpected(s.error());
                    facts.document_groups.push_back(std::move(group));
                }
                continue;
            }
            auto linked = load_linked_rules(doc, el, rules.linked_rule_folders, table);
            if (!linked) return tl::unexpected(linked.error());
            if (*linked) {
                if (auto s = resolver.apply_group(**linked, false); !s) return tl::unexpected(s.error());
                facts.document_groups.push_back(std::move(*linked));
            }
            auto group = std::make_unique<RuleGroup>();
            if (auto s = compile_rules_element(doc, el, table, *group); !s) return tl::unexpected(s.error());
            if (auto s = resolver.apply_group(*group, false); !s) return tl::unexpected(s.error());
            facts.document_groups.push_back(std::move(group));
        }
    }
    finish(doc, facts);
    return facts;
}

std::string_view within_text(const Document& doc, const Facts& facts, std::uint32_t el) {
    if (doc.syntax == Syntax::html) {
        const auto local = html_keyword(doc, el, "its-within-text");
        for (const std::string_view value : {"yes", "no", "nested"})
            if (local == value) return value;
        return facts.within_text_rule[el] ? std::string_view(*facts.within_text_rule[el]) : html_within_text(doc, el);
    }
    const char* local = doc.attribute(el, k_ns_its, "withinText");
    if (!local && is_its_span(doc, el)) local = doc.attribute(el, k_ns_none, "withinText");
    if (local) {
        const std::string_view v = local;
        return v == "yes" ? "yes" : v == "nested" ? "nested" : "no";
    }
    if (facts.within_text_rule[el]) return *facts.within_text_rule[el];
    return "no";
}

namespace {

// The attributes a local note is written with.
struct NoteAttributes {
    std::uint32_t ns;
    std::string_view note, ref, type;
};
constexpr NoteAttributes k_its_note{k_ns_its, "locNote", "locNoteRef", "locNoteType"};
constexpr NoteAttributes k_span_note{k_ns_none, "locNote", "locNoteRef", "locNoteType"};
constexpr NoteAttributes k_html_note{k_ns_none, "its-loc-note", "its-loc-note-ref", "its-loc-note-type"};

// An element's local note: its:locNote (or locNote on its:span) in XML,
// its-loc-note in HTML, whose type is read case-insensitively.
std::optional<LocNote> local_note(const Document& doc, std::uint32_t el) {
    auto has_any = [&](const NoteAttributes& names) {
        return doc.attribute(el, names.ns, names.note) || doc.attribute(el, names.ns, names.ref) ||
               doc.attribute(el, names.ns, names.type);
    };
    const NoteAttributes* names = nullptr;
    if (doc.syntax == Syntax::html) names = &k_html_note;
    else if (has_any(k_its_note)) names = &k_its_note;
    else if (is_its_span(doc, el) && has_any(k_span_note)) names = &k_span_note;
    if (!names) return std::nullopt;
    const char* written_type = doc.attribute(el, names->ns, names->type);
    const std::string type = !written_type ? "" : doc.syntax == Syntax::html ? ascii_lower(written_type) : written_type;
    if (const char* note = doc.attribute(el, names->ns, names->note))
        return LocNote{note, false, note_type(written_type ? &type : nullptr)};
    if (const char* ref = doc.attribute(el, names->ns, names->ref))
        return LocNote{ref, true, note_type(written_type ? &type : nullptr)};
    return std::nullopt;
}

// A node's own notes: its local note, then the rules' notes, latest first.
std::vector<LocNote> own_notes(const Document& doc, const Facts& facts, std::uint32_t node) {
    std::vector<LocNote> out;
    if (!doc.is_attribute_node(node) && doc.elements[node].has_markup) {
        if (auto note = local_note(doc, node)) out.push_back(std::move(*note));
    }
    if (auto it = facts.notes.find(node); it != facts.notes.end())
        out.insert(out.end(), it->second.rbegin(), it->second.rend());
    return out;
}

}  // namespace

std::vector<LocNote> loc_notes(const Document& doc, const Facts& facts, std::uint32_t node, bool inherit) {
    if (doc.is_attribute_node(node) || !inherit) return own_notes(doc, facts, node);
    const std::uint32_t holder = facts.note_holder[node];
    return holder == k_none ? std::vector<LocNote>() : own_notes(doc, facts, holder);
}

std::optional<std::string> id_value(const Document& doc, const Facts& facts, std::uint32_t node) {
    if (!doc.is_attribute_node(node)) {
        if (const char* id = doc.attribute(node, k_ns_xml, "id")) return std::string(id);
        // HTML's id is what xml:id is to XML (ITS 2.0 section 8.15).
        if (doc.syntax == Syntax::html && doc.elements[node].ns == k_ns_xhtml) {
            if (const char* id = doc.attribute(node, k_ns_none, "id"); id && *id) return std::string(id);
        }
    }
    if (auto it = facts.id_value_rule.find(node); it != facts.id_value_rule.end()) return it->second;
    return std::nullopt;
}

const char* local_lang(const Document& doc, std::uint32_t el) {
    if (const char* lang = doc.attribute(el, k_ns_xml, "lang")) return lang;
    if (doc.syntax != Syntax::html) return nullptr;
    // In the HTML syntax, xml:lang on an HTML element is a plain attribute
    // of that name; it wins over lang as in XHTML.
    if (const char* lang = doc.attribute(el, k_ns_none, "xml:lang")) return lang;
    return doc.attribute(el, k_ns_none, "lang");
}

std::optional<std::string> context_of(const Document& doc, const Facts& facts, std::uint32_t el) {
    if (const char* c = doc.attribute(el, k_ns_itst, "context")) return std::string(c);
    if (auto it = facts.context_rule.find(el); it != facts.context_rule.end()) return it->second;
    return std::nullopt;
}

bool dropped(const Document& doc, const Facts& facts, std::uint32_t el) {
    if (const char* d = doc.attribute(el, k_ns_itst, "drop"); d && std::string_view(d) == "yes") return true;
    return facts.drop_rule[el] && *facts.drop_rule[el] == "yes";
}

namespace {

std::vector<std::string> split_lower(std::string_view s, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t at = s.find(sep, start);
        out.push_back(ascii_lower(s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start)));
        if (at == std::string_view::npos) break;
        start = at + 1;
    }
    return out;
}

bool match_locale(std::string_view range, std::string_view lang) {
    const auto ranges = split_lower(range, '-');
    const auto locale = split_lower(lang, '-');
    if (ranges[0] != "*" && ranges[0] != locale[0]) return false;
    std::size_t r = 0, l = 0;
    while (r < ranges.size()) {
        if (ranges[r] == "*") {
            ++r;
            continue;
        }
        if (l >= locale.size()) return false;
        if (ranges[r] == locale[l]) {
            ++r;
            ++l;
            continue;
        }
        if (locale[l].size() == 1) return false;
        ++l;
    }
    return true;
}

}  // namespace

bool match_locale_list(std::string_view ranges, std::string_view lang) {
    if (strip_space(ranges).empty()) return false;
    std::size_t start = 0;
    while (true) {
        const std::size_t at = ranges.find(',', start);
        const std::string_view one =
            strip_space(ranges.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
        if (match_locale(one, lang)) return true;
        if (at == std::string_view::npos) break;
        start = at + 1;
    }
    return false;
}

}  // namespace tandem::its
