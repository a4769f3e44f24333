#pragma once
// Checks on a document's bytes before any parser sees them: the encoding
// (UTF-8 only; a declaration may say US-ASCII, or name another ASCII-based
// encoding only when every byte is ASCII), characters XML forbids, DTD entity
// declarations and parameter entities (refused), entity references (only the
// five predefined ones), and the well-formedness rules pugixml leaves
// unchecked ('<' in attribute values, "]]>" in text, "--" in comments).
// Internal to pipeline/its.

#include <string_view>

#include "cms/core/result.h"

namespace tandem::its {

// The text without its UTF-8 byte order mark. Errors: invalid, with the
// line and column of the offending byte.
Result<std::string_view> scan_document(std::string_view xml, std::string_view label);

}  // namespace tandem::its
