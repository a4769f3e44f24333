#pragma once
// Who translated each segment, when, against which source revision, and
// whether the translation came from the translation memory: read off the git
// history of the resource's catalog, with no side database.

#include <optional>
#include <string>
#include <vector>

#include "cms/workflow/workflow.h"

namespace tandem::workflow {

struct Provenance {
    std::optional<std::string> msgctxt;
    std::string msgid;
    std::string msgstr;
    store::Revision revision;         // the commit that wrote this translation
    store::Revision source_revision;  // the source it was translated against (the document in that commit)
    std::string author_name;
    std::string author_email;
    std::int64_t time = 0;
    bool from_memory = false;  // the commit says the translation was taken from the memory
};

// The trailer a commit carries for each segment whose translation was taken
// from the translation memory: "From-Memory: <40-hex hash of msgctxt and msgid>".
std::string memory_trailer(const std::optional<std::string>& msgctxt, std::string_view msgid);

// One entry per translated segment of the catalog at the tip of main, in
// catalog order. Errors: not_found, invalid (lang is the source language).
Result<std::vector<Provenance>> blame_catalog(const Context& ctx, std::string_view id, Lang lang);

}  // namespace tandem::workflow
