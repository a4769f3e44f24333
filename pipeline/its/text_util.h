#pragma once
// Text helpers with itstool's (that is, Python 3's) idea of whitespace.
// Internal to pipeline/its.

#include <cstdint>
#include <string>
#include <string_view>

namespace tandem::its {

// Decodes one UTF-8 code point at `i` (input already checked), advancing `i`.
char32_t next_code_point(std::string_view text, std::size_t& i);

// Python's str.isspace(): ASCII whitespace, U+001C..U+001F, U+0085, U+00A0,
// U+1680, U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000.
bool is_python_space(char32_t c);

// re.sub(r'\s+', ' ', text).strip(), on UTF-8.
std::string collapse_space(std::string_view text);

// Whether the text has anything but Python whitespace.
bool has_content(std::string_view text);

// Python's str.strip() (Unicode whitespace).
std::string_view strip_space(std::string_view text);

// The number of code points.
std::size_t count_code_points(std::string_view text);

// The first `n` code points.
std::string_view first_code_points(std::string_view text, std::size_t n);

// Replaces &, <, > (and " in attributes) with entity references, as itstool.
void append_escaped_text(std::string& out, std::string_view text);
void append_escaped_attribute(std::string& out, std::string_view text);

// XML whitespace (space, tab, CR, LF) only: libxml2's xmlIsBlankNode test.
bool is_xml_blank(std::string_view text);

// ASCII lower case.
std::string ascii_lower(std::string_view text);

}  // namespace tandem::its
