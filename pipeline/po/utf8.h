#pragma once
// Quick yes/no checks on text, private to pipeline/po: read_catalog and
// write_catalog ask them first and call check_utf8 (cms/core/text.h) only to
// say where text is wrong. Same rules as check_utf8: no overlong forms, no
// surrogates, nothing past U+10FFFF.

#include <string_view>

namespace tandem::po::detail {

bool is_ascii(std::string_view text);
bool is_utf8(std::string_view text);

}  // namespace tandem::po::detail
