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
// ".", "/", "..", upper case and empty, is ErrorCode::invalid. A resource id
// also becomes a folder of the published site beside the site's own
// (/en/resources/type/, /feeds/...): those names are refused too (invalid).
Status check_resource_id(std::string_view id);

// The same words-joined-by-hyphens rule for a name that becomes a folder
// elsewhere, such as a category token (/en/resources/type/<token>/), where
// the site's own names do not collide. Errors: invalid.
Status check_token(std::string_view token);

enum class Lang { en, fr };

std::optional<Lang> parse_lang(std::string_view code);
const char* lang_code(Lang lang);
Lang other_lang(Lang lang);

}  // namespace tandem
