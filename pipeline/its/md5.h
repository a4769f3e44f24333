#pragma once
// MD5 (RFC 1321), only for itstool's "external ref='…' md5='…'" messages,
// which name a file's version by it. Not for anything that needs security.
// Internal to pipeline/its.

#include <string>
#include <string_view>

namespace tandem::its {

// 32 lowercase hex digits.
std::string md5_hex(std::string_view bytes);

}  // namespace tandem::its
