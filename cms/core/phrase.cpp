#include "cms/core/phrase.h"

#include <algorithm>

namespace tandem {

Phrase phrase(const char* pattern, PhraseValues values) {
    return Phrase{pattern, {}, 0, std::move(values)};
}

Phrase counted(const char* singular, const char* plural, long count, PhraseValues values) {
    values.emplace_back("count", std::to_string(count));
    return Phrase{singular, plural, count, std::move(values)};
}

std::string english(const Phrase& phrase) {
    // English has two forms: one, and every other number.
    const std::string& pattern = phrase.plural.empty() || phrase.count == 1 ? phrase.pattern : phrase.plural;
    const auto is_word_char = [](char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    };
    std::string out;
    out.reserve(pattern.size() + 32);
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        // A slot is {word}, as the web app's format() reads it; anything else is text.
        std::size_t end = i + 1;
        if (pattern[i] == '{')
            while (end < pattern.size() && is_word_char(pattern[end])) ++end;
        const std::string_view name = pattern[i] == '{' && end < pattern.size() && pattern[end] == '}' && end > i + 1
                                          ? std::string_view(pattern).substr(i + 1, end - i - 1)
                                          : std::string_view();
        const auto value = std::find_if(phrase.values.begin(), phrase.values.end(),
                                        [&](const auto& slot) { return !name.empty() && slot.first == name; });
        if (value == phrase.values.end()) {
            out += pattern[i];
            continue;
        }
        out += value->second;
        i = end;
    }
    return out;
}

}  // namespace tandem
