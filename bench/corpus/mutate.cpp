// The pugixml adapter of the corpus: pugixml types stay in this file.

#include <cstring>
#include <string>
#include <vector>

#include <pugixml.hpp>

#include "bench/corpus/corpus.h"
#include "bench/corpus/random.h"
#include "bench/corpus/text_edit.h"
#include "bench/corpus/vocabulary.h"
#include "cms/core/text.h"

namespace tandem::bench {
namespace {

using detail::Rng;

class StringWriter final : public pugi::xml_writer {
public:
    explicit StringWriter(std::string& out) : m_out(out) {}
    void write(const void* data, std::size_t size) override { m_out.append(static_cast<const char*>(data), size); }

private:
    std::string& m_out;
};

std::uint64_t fnv1a(std::string_view bytes) {
    std::uint64_t h = 0xCBF29CE484222325ULL;
    for (const char c : bytes) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001B3ULL;
    }
    return h;
}

bool says_translate_no(pugi::xml_node element) {
    for (const auto attribute : element.attributes()) {
        const std::string_view name = attribute.name();
        if ((name == "translate" || name.ends_with(":translate")) && std::strcmp(attribute.value(), "no") == 0)
            return true;
    }
    return false;
}

void collect_paragraphs(pugi::xml_node node, std::vector<pugi::xml_node>& out) {
    for (auto child : node.children()) {
        if (child.type() != pugi::node_element) continue;
        if (std::strcmp(child.name(), "p") == 0)
            out.push_back(child);
        else
            collect_paragraphs(child, out);
    }
}

// The text nodes of a paragraph a translator would translate.
void collect_text(pugi::xml_node node, std::vector<pugi::xml_node>& out) {
    for (auto child : node.children()) {
        if (child.type() == pugi::node_pcdata) {
            out.push_back(child);
        } else if (child.type() == pugi::node_element && !says_translate_no(child) &&
                   std::strcmp(child.name(), "abbr") != 0) {
            collect_text(child, out);
        }
    }
}

void edit_paragraph(pugi::xml_node paragraph, Rng& rng, std::span<const std::string_view> words) {
    std::vector<pugi::xml_node> texts;
    collect_text(paragraph, texts);
    struct Candidate {
        pugi::xml_node text;
        detail::Word word;
    };
    std::vector<Candidate> candidates;
    for (const auto text : texts)
        for (const auto word : detail::find_words(text.value())) candidates.push_back({text, word});
    if (candidates.empty()) {  // nothing translatable: add a sentence, still a small edit
        std::string sentence = " ";
        sentence += rng.pick(words);
        sentence += '.';
        paragraph.append_child(pugi::node_pcdata).set_value(sentence.c_str());
        return;
    }
    const auto& chosen = candidates[rng.below(static_cast<std::uint32_t>(candidates.size()))];
    const std::string edited = detail::edit_word(chosen.text.value(), chosen.word, rng, words);
    pugi::xml_node(chosen.text).set_value(edited.c_str());
}

}  // namespace

Result<Mutation> mutate_resource(std::string_view xml, double fraction, std::uint64_t seed) {
    if (!(fraction >= 0.0 && fraction <= 1.0))
        return fail(ErrorCode::invalid, "the fraction of paragraphs to change must be between 0 and 1");
    pugi::xml_document doc;
    // parse_ws_pcdata keeps the indentation between elements, so that what is
    // not edited is written back as it was.
    const auto parsed =
        doc.load_buffer(xml.data(), xml.size(), pugi::parse_full | pugi::parse_ws_pcdata, pugi::encoding_utf8);
    if (!parsed)
        return fail(ErrorCode::invalid, parsed.description(),
                    position_at(xml, static_cast<std::size_t>(parsed.offset), "resource.xml"));
    const pugi::xml_node root = doc.document_element();
    const Lang lang = std::strcmp(root.attribute("xml:lang").value(), "fr") == 0 ? Lang::fr : Lang::en;
    const auto words = detail::vocabulary(lang).edit_words;

    Mutation result;
    std::vector<pugi::xml_node> paragraphs;
    collect_paragraphs(root, paragraphs);
    result.paragraphs = paragraphs.size();

    // floor(f·n), plus one with probability frac(f·n): exact on average.
    Rng rng(detail::mix(seed, fnv1a(xml)));
    const double wanted = fraction * static_cast<double>(paragraphs.size());
    std::size_t count = static_cast<std::size_t>(wanted);
    if (count < paragraphs.size() && rng.chance(wanted - static_cast<double>(count))) ++count;
    result.changed = count;

    // A partial Fisher–Yates shuffle picks which ones.
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t j = i + rng.below(static_cast<std::uint32_t>(paragraphs.size() - i));
        std::swap(paragraphs[i], paragraphs[j]);
        edit_paragraph(paragraphs[i], rng, words);
    }

    // Top-level nodes one per line, as generate_resource lays them out.
    StringWriter writer(result.xml);
    for (const auto node : doc.children()) {
        node.print(writer, "", pugi::format_raw, pugi::encoding_utf8);
        result.xml += '\n';
    }
    return result;
}

}  // namespace tandem::bench
