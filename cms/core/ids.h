#pragma once
// Resource ids and languages: the only values that ever become part of a path
// in the content repository, so they are checked here and nowhere else.

#include <optional>
#include <string>
#include <string_view>

#include "cms/core/result.h"

namespace tandem {

inline constexpr std::size_t k_max_id_length = 64;

// Lowercase ASCII letters and digits in words joined by single hyphens,
// 1..64 characters: "trp-limits-to-protection". Anything else, including
// ".", "/", "..", upper case and empty, is ErrorCode::invalid.
Status check_resource_id(std::string_view id);

enum class Lang { en, fr };

std::optional<Lang> parse_lang(std::string_view code);
const char* lang_code(Lang lang);
Lang other_lang(Lang lang);

}  // namespace tandem
