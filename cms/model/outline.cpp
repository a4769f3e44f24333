#include "cms/model/outline.h"

#include <pugixml.hpp>

#include <cstring>
#include <map>
#include <set>

#include "cms/core/text.h"

namespace tandem::model {

namespace {

const char* local_name(const pugi::xml_node& node) {
    const char* name = node.name();
    const char* colon = std::strchr(name, ':');
    return colon ? colon + 1 : name;
}

void escape_into(std::string& out, std::string_view text, bool attribute) {
    if (attribute) return append_escaped_markup(out, text);
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            default: out += c;
        }
    }
}

// Inline content as markup without namespace prefixes, whitespace collapsed:
// what an editor sees changing.
void serialize_inline(const pugi::xml_node& parent, std::string& out) {
    for (pugi::xml_node child : parent.children()) {
        if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
            escape_into(out, child.value(), false);
        } else if (child.type() == pugi::node_element) {
            out += '<';
            out += local_name(child);
            for (pugi::xml_attribute a : child.attributes()) {
                out += ' ';
                out += a.name();
                out += "=\"";
                escape_into(out, a.value(), true);
                out += '"';
            }
            if (child.first_child().empty()) {
                out += "/>";
                continue;
            }
            out += '>';
            serialize_inline(child, out);
            out += "</";
            out += local_name(child);
            out += '>';
        }
    }
}

std::string collapse(const std::string& in) {
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

void add_block(Outline& outline, const std::string& section, const pugi::xml_node& node) {
    std::string text;
    serialize_inline(node, text);
    outline.blocks.push_back(Block{section, local_name(node), collapse(text)});
}

void read_container(Outline& outline, const pugi::xml_node& container, const std::string& section) {
    for (pugi::xml_node child : container.children()) {
        if (child.type() != pugi::node_element) continue;
        const std::string name = local_name(child);
        if (name == "section") {
            const std::string id = child.attribute("id").value();
            read_container(outline, child, section.empty() ? id : section + "/" + id);
        } else if (name == "ul" || name == "ol") {
            for (pugi::xml_node li : child.children())
                if (li.type() == pugi::node_element) add_block(outline, section, li);
        } else {
            add_block(outline, section, child);
        }
    }
}

// Longest common subsequence of two block lists by kind and text; returns the
// matched index pairs in order.
std::vector<std::pair<std::size_t, std::size_t>> match_blocks(const std::vector<const Block*>& a,
                                                              const std::vector<const Block*>& b) {
    const std::size_t n = a.size(), m = b.size();
    std::vector<std::vector<unsigned>> lcs(n + 1, std::vector<unsigned>(m + 1, 0));
    for (std::size_t i = n; i-- > 0;)
        for (std::size_t j = m; j-- > 0;)
            lcs[i][j] = (a[i]->kind == b[j]->kind && a[i]->text == b[j]->text)
                            ? lcs[i + 1][j + 1] + 1
                            : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    std::vector<std::pair<std::size_t, std::size_t>> pairs;
    for (std::size_t i = 0, j = 0; i < n && j < m;) {
        if (a[i]->kind == b[j]->kind && a[i]->text == b[j]->text) {
            pairs.emplace_back(i++, j++);
        } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
            ++i;
        } else {
            ++j;
        }
    }
    return pairs;
}

// Between two matched anchors, pair up removed and added blocks of the same
// kind as "changed", the rest as removed or added.
void diff_gap(OutlineDiff& diff, const std::string& section, const std::vector<const Block*>& a, std::size_t a0,
              std::size_t a1, const std::vector<const Block*>& b, std::size_t b0, std::size_t b1) {
    std::size_t i = a0, j = b0;
    while (i < a1 && j < b1 && a[i]->kind == b[j]->kind) {
        diff.blocks.push_back({ChangeKind::changed, section, a[i]->kind, a[i]->text, b[j]->text});
        ++i, ++j;
    }
    for (; i < a1; ++i) diff.blocks.push_back({ChangeKind::removed, section, a[i]->kind, a[i]->text, ""});
    for (; j < b1; ++j) diff.blocks.push_back({ChangeKind::added, section, b[j]->kind, "", b[j]->text});
}

}  // namespace

Result<Outline> read_outline(std::string_view xml) {
    pugi::xml_document doc;
    const auto parsed = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8);
    if (!parsed)
        return fail(ErrorCode::invalid, std::string("not well-formed XML: ") + parsed.description(),
                    position_at(xml, static_cast<std::size_t>(parsed.offset)));
    Outline outline;
    const pugi::xml_node root = doc.document_element();
    for (pugi::xml_node child : root.children()) {
        if (child.type() != pugi::node_element) continue;
        const std::string name = local_name(child);
        if (name == "body") {
            read_container(outline, child, "");
        } else {
            add_block(outline, "", child);
        }
    }
    return outline;
}

OutlineDiff diff_outlines(const Outline& before, const Outline& after) {
    // Group blocks by section, keeping the order in which sections appear.
    auto group = [](const Outline& outline) {
        std::vector<std::string> order;
        std::map<std::string, std::vector<const Block*>> by_section;
        for (const auto& block : outline.blocks) {
            auto [it, inserted] = by_section.try_emplace(block.section);
            if (inserted) order.push_back(block.section);
            it->second.push_back(&block);
        }
        return std::pair{order, by_section};
    };
    const auto [order_a, sections_a] = group(before);
    const auto [order_b, sections_b] = group(after);

    OutlineDiff diff;
    std::vector<std::string> order = order_a;
    const std::set<std::string> known(order_a.begin(), order_a.end());
    for (const auto& s : order_b)
        if (!known.count(s)) order.push_back(s);

    static const std::vector<const Block*> none;
    for (const auto& section : order) {
        const auto ia = sections_a.find(section);
        const auto ib = sections_b.find(section);
        const auto& a = ia == sections_a.end() ? none : ia->second;
        const auto& b = ib == sections_b.end() ? none : ib->second;
        const std::size_t first_block = diff.blocks.size();
        std::size_t pa = 0, pb = 0;
        for (const auto& [i, j] : match_blocks(a, b)) {
            diff_gap(diff, section, a, pa, i, b, pb, j);
            pa = i + 1, pb = j + 1;
        }
        diff_gap(diff, section, a, pa, a.size(), b, pb, b.size());
        if (ia == sections_a.end()) {
            diff.sections.push_back({ChangeKind::added, section});
        } else if (ib == sections_b.end()) {
            diff.sections.push_back({ChangeKind::removed, section});
        } else if (diff.blocks.size() != first_block) {
            diff.sections.push_back({ChangeKind::changed, section});
        }
    }
    return diff;
}

const char* change_kind_name(ChangeKind kind) {
    switch (kind) {
        case ChangeKind::added: return "added";
        case ChangeKind::removed: return "removed";
        case ChangeKind::changed: return "changed";
    }
    return "changed";
}

}  // namespace tandem::model
