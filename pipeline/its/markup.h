#pragma once
// Parsing a segment's markup (a msgid or a msgstr) and comparing a
// translation's markup with its source's. Internal to pipeline/its.

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <pugixml.hpp>

#include "pipeline/its/its.h"

namespace tandem::its {

struct MarkupProblem {
    RejectReason reason;
    std::string detail;
};

// Parses segment text as the content of a wrapper element, returned in
// `doc`'s first child. A problem when it is not well-formed, uses an
// undefined entity or a character XML forbids, or repeats an attribute.
std::optional<MarkupProblem> parse_segment(std::string_view text, pugi::xml_document& doc);

// Whether `msgstr` may replace `msgid` (see its::check_translation); when it
// may, `translation` holds msgstr parsed.
std::optional<MarkupProblem> check_markup(std::string_view msgid, std::string_view msgstr,
                                          pugi::xml_document& translation);

// A URL a browser would run or inline: javascript:, vbscript:, data:.
bool unsafe_url(std::string_view value);

}  // namespace tandem::its
