#include <algorithm>
#include <unordered_map>

#include "pipeline/its/document.h"
#include "pipeline/its/its.h"
#include "pipeline/its/resolve.h"
#include "pipeline/its/rules.h"
#include "pipeline/its/text_util.h"

namespace tandem::its {
namespace {

// ITS 2.0's reading of each data category (local markup over rules, rules
// over inheritance), which is what the W3C test suite reports.
class Annotator {
public:
    Annotator(const Document& doc, const Facts& facts, std::vector<NodeInfo>& out)
        : m_doc(doc), m_facts(facts), m_out(out), m_lang(doc.elements.size()) {}

    void element(std::uint32_t el, const std::string& path) {
        const ElementInfo& e = m_doc.elements[el];
        if (const char* lang = local_lang(m_doc, el)) m_lang[el] = std::string(lang);
        else if (auto it = m_facts.lang_rule.find(el); it != m_facts.lang_rule.end()) m_lang[el] = it->second;
        else if (e.parent != k_none) m_lang[el] = m_lang[e.parent];

        NodeInfo info = common(el, path);
        info.within_text = std::string(within_text(m_doc, m_facts, el));
        info.lang = m_lang[el];
        m_out.push_back(std::move(info));

        std::vector<std::uint32_t> attrs;
        for (std::uint32_t a = e.attr_begin; a < e.attr_end; ++a) attrs.push_back(a);
        std::sort(attrs.begin(), attrs.end(), [&](std::uint32_t x, std::uint32_t y) {
            return m_doc.attributes[x].qname < m_doc.attributes[y].qname;
        });
        for (const std::uint32_t a : attrs) {
            const std::uint32_t node = m_doc.attribute_node(a);
            NodeInfo ai = common(node, path + "/@" + m_doc.attributes[a].qname);
            ai.attribute = true;
            if (auto it = m_facts.lang_rule.find(node); it != m_facts.lang_rule.end()) ai.lang = it->second;
            else ai.lang = m_lang[el];
            m_out.push_back(std::move(ai));
        }

        std::unordered_map<std::string_view, int> seen;
        for (std::uint32_t c = el + 1; c < e.end; c = m_doc.elements[c].end) {
            const std::string& name = m_doc.elements[c].qname;
            const int index = ++seen[name];
            element(c, path + "/" + name + "[" + std::to_string(index) + "]");
        }
    }

private:
    NodeInfo common(std::uint32_t node, std::string path) const {
        NodeInfo info;
        info.path = std::move(path);
        info.translate = std::string(m_facts.translate[node]);
        const std::vector<LocNote> notes = loc_notes(m_doc, m_facts, node, true);
        if (!notes.empty()) {
            const LocNote& note = notes.front();
            if (note.is_ref) info.loc_note_ref = note.text;
            else info.loc_note = collapse_space(note.text);
            info.loc_note_type = note.type;
        }
        info.space = m_facts.space[node] == XmlSpace::preserve ? "preserve" : "default";
        info.id_value = id_value(m_doc, m_facts, node);
        info.locale_filter_list = m_facts.locale[node]->list;
        info.locale_filter_type = m_facts.locale[node]->type;
        return info;
    }

    const Document& m_doc;
    const Facts& m_facts;
    std::vector<NodeInfo>& m_out;
    std::vector<std::optional<std::string>> m_lang;
};

}  // namespace

Result<std::vector<NodeInfo>> annotate_nodes(std::string_view xml, const Rules& rules,
                                             const DocumentOptions& options) {
    auto doc = load_document(xml, options.label.empty() ? "document" : options.label, rules.set().namespaces,
                             options.syntax);
    if (!doc) return tl::unexpected(doc.error());
    auto facts = resolve_rules(**doc, rules.set());
    if (!facts) return tl::unexpected(facts.error());
    std::vector<NodeInfo> out;
    Annotator annotator(**doc, *facts, out);
    annotator.element(0, "/" + (*doc)->elements[0].qname);
    return out;
}

}  // namespace tandem::its
