#pragma once
// Parsing a segment's markup (a msgid or a msgstr) and comparing a
// translation's markup with its source's: the one place that decides what
// merge-back refuses (pipeline/its) and what the checks report as
// markup-mismatch and unsafe-markup (pipeline/check, through its.h's
// markup_issues). Internal to pipeline/its.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include "pipeline/its/its.h"

namespace tandem::its {

// Parses segment text as the content of a wrapper element, returned in
// `doc`'s first child. A problem (with the offset in `text` where the parser
// stopped) when it is not well-formed, uses an undefined entity or a
// character XML forbids, or repeats an attribute.
std::optional<MarkupIssue> parse_segment(std::string_view text, pugi::xml_document& doc);

// Every reason `msgstr` may not replace `msgid` (see its.h's markup_issues);
// when there is none, `translation` holds msgstr parsed.
std::vector<MarkupIssue> compare_markup(std::string_view msgid, std::string_view msgstr,
                                        pugi::xml_document& translation);

// A URL a browser would run or inline: javascript:, vbscript:, data:, also
// behind character references, blanks and controls ("jav&#x61;\tscript:").
bool unsafe_url(std::string_view value);

}  // namespace tandem::its
