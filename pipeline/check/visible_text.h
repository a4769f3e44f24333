#pragma once

#include "cms/core/text.h"
// What a reader sees of a segment, and its words, numbers and URLs: the
// material of the text checks. Internal to pipeline/check.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tandem::check {

inline constexpr char32_t k_object = U'\uFFFC';  // stands for a placeholder

// UTF-8, one code point at a time (cms/core/text.h).
using tandem::CodePoint;
// The code point that ends just before `at` (at > 0).
CodePoint decode_before(std::string_view text, std::size_t at);
using tandem::append_utf8;  // cms/core/text.h

char32_t fold_case(char32_t cp);     // Latin letters to lower case, accents kept
std::string fold(std::string_view text);
bool is_letter(char32_t cp);         // Latin letters, with accents, and other scripts' letters
bool is_digit(char32_t cp);          // ASCII 0-9
bool is_space(char32_t cp);          // ASCII white space and Unicode spaces (NBSP, U+202F, …)
bool is_nbsp(char32_t cp);           // U+00A0 or U+202F

// The segment with its tags removed (each placeholder, an empty element,
// becomes k_object), character and predefined entity references decoded and
// CDATA sections opened; origin[i] is the byte in the segment that text byte i
// comes from. Tolerant: stray '<' and unknown entities stay as text.
struct VisibleText {
    std::string text;
    std::vector<std::size_t> origin;  // text.size() + 1 entries: the last one is the segment's end

    std::size_t source_offset(std::size_t at) const { return origin[at < origin.size() ? at : origin.size() - 1]; }
};
VisibleText visible_text(std::string_view segment);

// A half-open byte range of a VisibleText's text.
struct Span {
    std::size_t begin = 0;
    std::size_t end = 0;
};

// URLs a reader sees: http(s)://…, www.…, mailto:…, e-mail addresses; trailing
// punctuation left out.
std::vector<Span> find_urls(std::string_view text);
bool inside(const std::vector<Span>& spans, std::size_t at);

// Words: runs of letters and digits, case-folded, and placeholders (each a
// word of its own, k_object). `joined` says that only spaces, hyphens and
// apostrophes separate the word from the one before; `clause` counts the
// punctuation (, ; : . ! ? … brackets, quotes) before it.
struct Word {
    std::string folded;
    Span span;
    bool joined = false;
    int clause = 0;
};
std::vector<Word> split_words(std::string_view text);

}  // namespace tandem::check
