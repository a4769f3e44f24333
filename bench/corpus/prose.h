#pragma once
// Inline content for resource documents: titles, headings, sentences,
// paragraphs, list items, quotes and notes, written as escaped markup through
// an XmlWriter. One Prose draws from one document's random stream.

#include <string>
#include <string_view>

#include "bench/corpus/corpus.h"
#include "bench/corpus/random.h"
#include "bench/corpus/vocabulary.h"
#include "bench/corpus/xml_writer.h"

namespace tandem::bench::detail {

enum class ListStyle { principles, items, sentences };

class Prose {
public:
    Prose(const CorpusOptions& options, Lang lang, Rng& rng);

    void write_title(XmlWriter& w);
    void write_heading(XmlWriter& w);
    void write_summary(XmlWriter& w);
    // 1 to 5 sentences; or a paragraph of the shared pool, exact or with one
    // word changed (repeat_share, near_repeat_share).
    void write_paragraph(XmlWriter& w);
    // Item `k` of a list: principles and short items cycle through their
    // vocabulary from k, so a list built with k, k+1, ... repeats none.
    void write_list_item(XmlWriter& w, ListStyle style, std::uint32_t k);
    void write_quote(XmlWriter& w);
    void write_note(XmlWriter& w);

    // Caps the sentences of a fresh paragraph (1 to 5): short documents
    // have short paragraphs, as pamphlets and sheets do.
    void set_max_sentences(std::uint32_t n) { m_max_sentences = n < 1 ? 1 : n > 5 ? 5 : n; }

    std::string_view loc_note() { return m_rng.pick(m_vocab.loc_notes); }
    Rng& rng() { return m_rng; }

private:
    void write_sentence(XmlWriter& w);
    void write_fresh_sentence(XmlWriter& w);
    void write_clause(XmlWriter& w, const Subject& subject);
    void write_object(XmlWriter& w);
    void write_link_sentence(XmlWriter& w);
    void write_number(XmlWriter& w, std::uint32_t n);
    std::string href();
    // Entry `k` of a pool shared by every document of the corpus (same seed).
    std::string shared_paragraph(std::uint32_t k) const;
    std::string shared_sentence(std::uint32_t k) const;

    const CorpusOptions& m_options;
    Lang m_lang;
    const Vocabulary& m_vocab;
    Rng& m_rng;
    bool m_may_share = true;  // false while generating a pool entry
    std::uint32_t m_max_sentences = 5;
};

// Writes a vocabulary entry, expanding its {abbr:..|..}, {no:..}, {fr:..} and
// {en:..} markup; `capitalize` upper-cases its first ASCII letter.
void write_entry(XmlWriter& w, std::string_view entry, bool capitalize = false);

}  // namespace tandem::bench::detail
