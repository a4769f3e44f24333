#include "pipeline/its/messages.h"

#include <algorithm>
#include <utility>

#include "pipeline/its/html.h"
#include "pipeline/its/md5.h"
#include "pipeline/its/text_util.h"

namespace tandem::its {

std::string Message::msgid() const { return preserve ? raw : collapse_space(raw); }

namespace {

constexpr std::string_view k_credits_comment = "Put one translator per line, in the form NAME <EMAIL>, YEAR1, YEAR2";
constexpr std::string_view k_external_comment =
    "This is a reference to an external file such as an image or video. When the file changes, the md5 hash "
    "will change to let you know you need to update your localized copy. The msgstr is not used at all. Set it "
    "to whatever you like once you have updated your copy of the file.";

void add_text(Message& msg, std::string_view text) {
    append_escaped_text(msg.raw, text);
    if (msg.empty && has_content(text)) msg.empty = false;
}

class Generator {
public:
    Generator(const Document& doc, const Facts& facts, std::string_view reference, WithComments comments,
              const DocumentOptions& options, MessageList& out)
        : m_doc(doc), m_facts(facts), m_reference(reference), m_comments(comments == WithComments::yes),
          m_options(options), m_out(out) {
        const std::size_t slash = reference.find_last_of('/');
        m_basename = std::string(slash == std::string_view::npos ? reference : reference.substr(slash + 1));
    }

    void run() {
        if (m_facts.credits_target != k_none) {
            Message credits;
            credits.msgctxt = "_";
            add_text(credits, "translator-credits");
            credits.comments.push_back(Comment{std::string(k_credits_comment), {}});
            add(std::move(credits), k_none);
        }
        std::string path;
        generate(0, nullptr, path);
    }

private:
    std::string_view local(std::uint32_t el) const { return m_doc.elements[el].local_name(); }

    // itstool names a node by its parent's name and its own; the root's
    // parent is the document, named after the file.
    std::string parent_name(std::uint32_t el) const {
        const std::uint32_t parent = m_doc.elements[el].parent;
        return parent == k_none ? std::string(m_reference) : std::string(local(parent));
    }

    void add(Message msg, std::uint32_t node) {
        if (node != k_none) m_out.by_node[node] = m_out.messages.size();
        msg.node = node;
        m_out.messages.push_back(std::move(msg));
    }

    void add_placeholder(Message& msg, std::uint32_t el) {
        msg.placeholders.push_back(el);
        msg.raw += "<_:";
        msg.raw.append(local(el));
        msg.raw += '-';
        msg.raw += std::to_string(msg.placeholders.size());
        msg.raw += "/>";
    }

    void add_start_tag(Message& msg, std::uint32_t el) const {
        const ElementInfo& e = m_doc.elements[el];
        msg.raw += '<';
        msg.raw += e.qname;
        for (std::uint32_t a = e.attr_begin; a < e.attr_end; ++a) {
            const AttributeInfo& at = m_doc.attributes[a];
            msg.raw += ' ';
            msg.raw += at.qname;
            msg.raw += "=\"";
            append_escaped_attribute(msg.raw, at.value());
            msg.raw += '"';
        }
        msg.raw += e.has_children ? ">" : "/>";
    }

    void add_end_tag(Message& msg, std::uint32_t el) const {
        const ElementInfo& e = m_doc.elements[el];
        if (!e.has_children) return;
        msg.raw += "</";
        msg.raw += e.qname;
        msg.raw += '>';
    }

    // itstool makes a message of an attribute a translateRule selects; in
    // HTML, also of a translatable text attribute (alt, title, ...) that
    // says something and whose element is translated.
    bool attribute_message(std::uint32_t a) const {
        const std::uint32_t node = m_doc.attribute_node(a);
        if (const std::string* rule = m_facts.translate_rule[node]) return *rule == "yes";
        return m_doc.syntax == Syntax::html && classify_html_attribute(m_doc, a) == HtmlAttribute::text &&
               m_facts.translate[node] == "yes" && has_content(m_doc.attributes[a].value());
    }

    void external_message(std::uint32_t node) {
        auto it = m_facts.external.find(node);
        if (it == m_facts.external.end()) return;
        const std::string& href = it->second;
        const std::uint32_t el =
            m_doc.is_attribute_node(node) ? m_doc.attributes[node - m_doc.elements.size()].owner : node;
        if (m_facts.translate[el] == "no") return;
        std::string md5 = "__failed__";
        if (m_options.read_external) {
            if (auto bytes = m_options.read_external(href)) md5 = md5_hex(*bytes);
        }
        Message msg;
        msg.msgctxt = "_";
        add_text(msg, "external ref='" + href + "' md5='" + md5 + "'");
        msg.origins.push_back(Origin{node, Origin::Kind::external});
        msg.comments.push_back(Comment{std::string(k_external_comment), {}});
        add(std::move(msg), k_none);
    }

    // itstool's generate_message, step for step.
    void generate(std::uint32_t el, Message* msg, std::string& path) {
        if (dropped(m_doc, m_facts, el)) return;
        const LocaleFilter& filter = *m_facts.locale[el];
        if ((filter.list.empty() && filter.type == "include") || (filter.list == "*" && filter.type == "exclude"))
            return;
        // Script and style hold code: their content is never a message.
        const std::string_view translate =
            m_doc.syntax == Syntax::html && is_html_raw_text(m_doc, el) ? "no" : m_facts.translate[el];
        const ElementInfo& e = m_doc.elements[el];
        bool within = false;
        bool is_unit = false;
        std::optional<Message> own;
        Message* cur = msg;
        if (translate == "no") {
            if (msg) add_placeholder(*msg, el);
            cur = nullptr;
        } else {
            is_unit = !msg || within_text(m_doc, m_facts, el) != "yes";
            if (is_unit) {
                if (msg) add_placeholder(*msg, el);
                own.emplace();
                cur = &*own;
                cur->raw.reserve(128);
                cur->msgctxt = context_of(m_doc, m_facts, el);
                if (auto id = id_value(m_doc, m_facts, el)) cur->id_values.push_back(m_basename + "#" + *id);
                if (m_facts.preserve[el]) cur->preserve = true;
                if (!(filter == LocaleFilter{})) cur->locale_filter = filter;
                cur->origins.push_back(Origin{el, Origin::Kind::unit});
            } else {
                within = true;
                add_start_tag(*msg, el);
            }
        }

        // Translatable attributes are messages of their own: itstool leaves
        // those of inline elements in the unit's markup; in HTML, alt and
        // title say something wherever their element is.
        if (!within || m_doc.syntax == Syntax::html) {
            for (std::uint32_t a = e.attr_begin; a < e.attr_end; ++a) {
                if (!attribute_message(a)) continue;
                const std::uint32_t node = m_doc.attribute_node(a);
                const AttributeInfo& at = m_doc.attributes[a];
                Message am;
                am.preserve = m_facts.preserve[node];
                am.origins.push_back(Origin{node, Origin::Kind::attribute});
                add_text(am, at.value());
                if (m_comments)
                    for (const LocNote& note : loc_notes(m_doc, m_facts, node, true))
                        am.comments.push_back(Comment{
                            note.comment(),
                            {parent_name(el) + "/" + std::string(local(el)) + "@" + std::string(at.local_name())}});
                add(std::move(am), node);
            }
        }

        if (m_comments && cur) {
            // A unit takes the nearest notes, its own or an ancestor's; an
            // inline element only its own, marked with where it is.
            for (const LocNote& note : loc_notes(m_doc, m_facts, el, !within)) {
                Comment comment{note.comment(), {}};
                if (within) comment.markers.push_back("." + path + "/" + std::string(local(el)));
                cur->comments.push_back(std::move(comment));
            }
        }

        external_message(el);
        for (std::uint32_t a = e.attr_begin; a < e.attr_end; ++a) {
            const std::uint32_t node = m_doc.attribute_node(a);
            external_message(node);
            if (auto it = m_facts.id_value_rule.find(node); it != m_facts.id_value_rule.end() && cur)
                cur->id_values.push_back(m_basename + "#" + it->second);
        }

        const std::size_t path_size = path.size();
        if (within) {
            path += '/';
            path.append(local(el));
        }
        std::uint32_t child_id = el + 1;
        for (pugi::xml_node child : e.node.children()) {
            switch (child.type()) {
                case pugi::node_pcdata:
                case pugi::node_cdata:
                    if (cur) add_text(*cur, child.value());
                    break;
                case pugi::node_element: {
                    const std::uint32_t id = child_id;
                    child_id = m_doc.elements[id].end;
                    generate(id, cur, path);
                    break;
                }
                default:
                    break;
            }
        }
        path.resize(path_size);

        if (translate.empty()) return;  // Python: an empty string is false
        if (is_unit) {
            if (!own->empty) add(std::move(*own), el);
        } else if (cur) {
            add_end_tag(*cur, el);
        }
    }

    const Document& m_doc;
    const Facts& m_facts;
    std::string_view m_reference;
    std::string m_basename;
    bool m_comments;
    const DocumentOptions& m_options;
    MessageList& m_out;
};

// Comment.format: its markers, then the text; a one-line text is wrapped at
// 72 characters on spaces, a multi-line one kept as lines from the first
// non-empty one.
void format_comment(const Comment& comment, std::vector<std::string>& lines) {
    std::vector<std::string_view> seen;
    for (const std::string& marker : comment.markers) {
        if (std::find(seen.begin(), seen.end(), marker) != seen.end()) continue;
        seen.push_back(marker);
        lines.push_back("(itstool) comment: " + marker);
    }
    const std::string_view text = comment.text;
    if (text.find('\n') != std::string_view::npos) {
        bool started = false;
        std::size_t start = 0;
        while (true) {
            const std::size_t nl = text.find('\n', start);
            const std::string_view line = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
            if (!line.empty()) started = true;
            if (started) lines.emplace_back(line);
            if (nl == std::string_view::npos) break;
            start = nl + 1;
        }
        return;
    }
    std::string_view rest = text;
    while (count_code_points(rest) > 72) {
        const std::string_view head = first_code_points(rest, 72);
        std::size_t j = head.rfind(' ');
        if (j == std::string_view::npos) j = rest.find(' ');
        if (j == std::string_view::npos) break;
        lines.emplace_back(rest.substr(0, j));
        rest = rest.substr(j + 1);
    }
    lines.emplace_back(rest);
}

std::string parent_name(const Document& doc, std::uint32_t el, std::string_view reference) {
    const std::uint32_t parent = doc.elements[el].parent;
    return parent == k_none ? std::string(reference) : std::string(doc.elements[parent].local_name());
}

std::uint32_t element_of(const Origin& origin, const Document& doc) {
    return doc.is_attribute_node(origin.node) ? doc.attributes[origin.node - doc.elements.size()].owner : origin.node;
}

std::string marker_of(const Origin& origin, const Document& doc, std::string_view reference) {
    const std::uint32_t el = element_of(origin, doc);
    std::string marker = parent_name(doc, el, reference);
    marker += '/';
    marker += doc.elements[el].local_name();
    if (origin.node != el) {
        marker += origin.kind == Origin::Kind::external ? "/@" : "@";
        marker += doc.attributes[origin.node - doc.elements.size()].local_name();
    }
    return marker;
}

// One PO message made of `group` ((document, message) indices, the first
// one first), as Message.format writes it; several documents' messages merge
// as they do in one itstool run, which keeps one MessageList for them all.
FormattedMessage format_group(std::span<const DocumentMessages> documents,
                              const std::vector<std::pair<std::size_t, std::size_t>>& group, std::string msgid) {
    const auto message = [&](const std::pair<std::size_t, std::size_t>& at) -> const Message& {
        return documents[at.first].list->messages[at.second];
    };
    const Message& first = message(group.front());
    FormattedMessage out;
    model::Segment& seg = out.segment;
    seg.msgctxt = first.msgctxt;
    bool preserve = false;
    bool filter_merged = false;
    const LocaleFilter* filter = nullptr;
    for (const auto& at : group) {
        const Message& m = message(at);
        preserve = preserve || m.preserve;
        if (m.locale_filter) {
            // itstool merges two filters into the string "('list', 'type'),
            // (...)" and then prints its second and first characters.
            if (filter) filter_merged = true;
            else filter = &*m.locale_filter;
        }
    }
    // itstool recomputes the msgid after merging: a merged-in preserved
    // duplicate makes the first one's text preserved too.
    seg.msgid = preserve && !first.preserve ? first.raw : std::move(msgid);
    std::vector<std::string> seen;
    for (const auto& at : group) {
        const DocumentMessages& d = documents[at.first];
        for (const Origin& origin : message(at).origins) {
            std::string marker = marker_of(origin, *d.doc, d.reference_path);
            if (std::find(seen.begin(), seen.end(), marker) != seen.end()) continue;
            seg.comments.push_back("(itstool) path: " + marker);
            seen.push_back(std::move(marker));
        }
    }
    for (const auto& at : group)
        for (const std::string& id : message(at).id_values) seg.comments.push_back("(itstool) id: " + id);
    if (filter_merged) seg.comments.push_back("(itstool) ' locale: (");
    else if (filter) seg.comments.push_back("(itstool) " + filter->type + " locale: " + filter->list);
    std::vector<Comment> unique;
    for (const auto& at : group)
        for (const Comment& c : message(at).comments) {
            auto it = std::find_if(unique.begin(), unique.end(), [&](const Comment& u) { return u.text == c.text; });
            if (it == unique.end()) unique.push_back(c);
            else it->markers.insert(it->markers.end(), c.markers.begin(), c.markers.end());
        }
    out.separators.assign(seg.comments.size(), false);
    for (std::size_t i = 0; i < unique.size(); ++i) {
        if (i != 0) {
            seg.comments.emplace_back();
            out.separators.push_back(true);
        }
        format_comment(unique[i], seg.comments);
        out.separators.resize(seg.comments.size(), false);
    }
    for (const auto& at : group) {
        const DocumentMessages& d = documents[at.first];
        for (const Origin& origin : message(at).origins) {
            std::string source(d.reference_path);
            source += ':';
            source += std::to_string(d.doc->elements[element_of(origin, *d.doc)].line);
            seg.references.push_back(std::move(source));
        }
    }
    if (preserve) seg.flags.push_back("no-wrap");
    return out;
}

}  // namespace

MessageList generate_messages(const Document& doc, const Facts& facts, std::string_view reference_path,
                              WithComments comments, const DocumentOptions& options) {
    MessageList list;
    Generator(doc, facts, reference_path, comments, options, list).run();
    return list;
}

int line_of(const Message& msg, const Document& doc) {
    return msg.origins.empty() ? 0 : doc.elements[element_of(msg.origins.front(), doc)].line;
}

std::vector<FormattedMessage> format_messages(std::span<const DocumentMessages> documents) {
    // MessageList.output: a message whose (msgctxt, msgid) was seen is merged
    // into the first one.
    std::vector<std::vector<std::pair<std::size_t, std::size_t>>> groups;
    std::vector<std::string> msgids;
    std::unordered_map<std::string, std::size_t> index;
    for (std::size_t d = 0; d < documents.size(); ++d) {
        const MessageList& list = *documents[d].list;
        for (std::size_t i = 0; i < list.messages.size(); ++i) {
            const Message& msg = list.messages[i];
            std::string msgid = msg.msgid();
            std::string key = msg.msgctxt ? "1" + *msg.msgctxt : std::string("0");
            key += '\x04';
            key += msgid;
            auto [it, fresh] = index.emplace(std::move(key), groups.size());
            if (fresh) {
                groups.push_back({{d, i}});
                msgids.push_back(std::move(msgid));
            } else {
                groups[it->second].emplace_back(d, i);
            }
        }
    }
    std::vector<FormattedMessage> out;
    out.reserve(groups.size());
    for (std::size_t g = 0; g < groups.size(); ++g) out.push_back(format_group(documents, groups[g], std::move(msgids[g])));
    return out;
}

std::vector<model::Segment> format_segments(const MessageList& list, const Document& doc,
                                            std::string_view reference_path) {
    const DocumentMessages one{&list, &doc, reference_path};
    std::vector<FormattedMessage> messages = format_messages(std::span(&one, 1));
    std::vector<model::Segment> out;
    out.reserve(messages.size());
    for (FormattedMessage& m : messages) out.push_back(std::move(m.segment));
    return out;
}

}  // namespace tandem::its
