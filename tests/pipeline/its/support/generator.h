#pragma once
// Test support: deterministic random Tandem resource documents, to compare
// the engine with itstool on shapes nobody wrote by hand.

#include <cstdint>
#include <string>

namespace tandem::its::test {

// A resource document made from `seed` (the same seed, the same bytes on any
// machine): random nesting of p/ul/li/em/strong/a/span translate=no/abbr/br,
// entity and character references, odd whitespace, non-ASCII text, comments,
// CDATA, localization notes and repeated paragraphs.
std::string generate_resource(std::uint64_t seed);

}  // namespace tandem::its::test
