#pragma once
// Compiled gettext catalogs (.mo, what msgfmt writes): the interface words of
// the website and the web application, looked up at run time.

#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>

#include "cms/core/result.h"

namespace tandem::po {

struct CompiledCatalog {
    // Keyed as gettext keys them: msgid, or msgctxt "\x04" msgid. Only
    // translated messages are in a .mo; the header (empty msgid) is not kept.
    std::unordered_map<std::string, std::string> messages;

    // The translation, or msgid itself when there is none. Plural forms: the
    // singular translation (the interface has no counted words yet).
    std::string lookup(std::string_view msgid, std::string_view msgctxt = {}) const;
};

// Parses a .mo file of either byte order. Errors: not_found, io, corrupt
// (bad magic, a table or string outside the file).
Result<CompiledCatalog> parse_mo(std::string_view bytes, std::string_view label);
Result<CompiledCatalog> read_mo(const std::filesystem::path& path);

}  // namespace tandem::po
