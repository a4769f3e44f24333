#include "pipeline/po/catalog_stats.h"

namespace tandem::po {

namespace {

bool is_space(std::string_view text, std::size_t i, std::size_t& length) {
    const auto c = static_cast<unsigned char>(text[i]);
    length = 1;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return true;
    // U+00A0 and U+202F (no-break spaces, common in French typography),
    // U+2000..U+200B, U+3000.
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
        length = 2;
        return true;
    }
    if (c == 0xE2 && i + 2 < text.size()) {
        const auto b1 = static_cast<unsigned char>(text[i + 1]);
        const auto b2 = static_cast<unsigned char>(text[i + 2]);
        if (b1 == 0x80 && (b2 <= 0x8B || b2 == 0xAF)) {
            length = 3;
            return true;
        }
    }
    if (c == 0xE3 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
        static_cast<unsigned char>(text[i + 2]) == 0x80) {
        length = 3;
        return true;
    }
    return false;
}

// Letters and digits: ASCII ones, and any non-ASCII character that is not a
// space (accented letters, CJK); ASCII punctuation is not a word.
bool is_word_byte(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

// The length of an inline markup tag starting at text[i] ('<'), or 0: "<em>",
// "</a>", "<br/>", "<a href=\"x\">", "<!-- -->".
std::size_t tag_length(std::string_view text, std::size_t i) {
    if (i + 1 >= text.size()) return 0;
    const char next = text[i + 1];
    const bool opens = (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') || next == '/' || next == '!' ||
                       next == '?' || next == '_';
    if (!opens) return 0;
    const std::size_t close = text.find('>', i + 1);
    if (close == std::string_view::npos) return 0;
    return close - i + 1;
}

}  // namespace

int count_words(std::string_view text) {
    int words = 0;
    bool in_run = false;      // inside a run of non-space characters
    bool run_counts = false;  // that run holds a letter or digit
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == '<') {
            if (const std::size_t tag = tag_length(text, i)) {
                // A tag separates nothing: "<em>word</em>" is one word.
                i += tag;
                continue;
            }
        }
        std::size_t length = 1;
        if (is_space(text, i, length)) {
            if (in_run && run_counts) ++words;
            in_run = run_counts = false;
        } else {
            in_run = true;
            run_counts = run_counts || is_word_byte(static_cast<unsigned char>(text[i]));
        }
        i += length;
    }
    if (in_run && run_counts) ++words;
    return words;
}

CatalogStats measure_catalog(const Catalog& catalog) {
    CatalogStats stats;
    for (const Message& m : catalog.messages) {
        if (m.obsolete) {
            ++stats.obsolete;
            continue;
        }
        const int words = count_words(m.msgid);
        bool has_translation = !m.msgstr.empty();
        for (const std::string& s : m.msgstr_plural) has_translation = has_translation || !s.empty();
        if (m.translated()) {
            ++stats.translated;
            stats.translated_words += words;
        } else if (m.fuzzy && has_translation) {
            ++stats.fuzzy;
            stats.fuzzy_words += words;
        } else {
            ++stats.untranslated;
            stats.untranslated_words += words;
        }
    }
    return stats;
}

}  // namespace tandem::po
