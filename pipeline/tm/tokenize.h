#pragma once
// Whitespace normalization and tokens, as similarity() in tm.h defines them.
// Private to pipeline/tm (tests reach it directly).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tandem::tm::detail {

// Runs of space, tab, CR and LF become one space; none at either end.
std::string normalize_whitespace(std::string_view text);

// FNV-1a of normalize_whitespace(text), without making it.
std::uint64_t normalized_hash(std::string_view text);

// normalize_whitespace(a) <=> normalize_whitespace(b) (negative, 0,
// positive, as bytes), without making them.
int compare_normalized(std::string_view a, std::string_view b);

// Whether normalize_whitespace(text) is empty.
bool is_blank(std::string_view text);

// The tokens of already normalized text (views into it), in order.
std::vector<std::string_view> tokenize(std::string_view normalized);

}  // namespace tandem::tm::detail
