#pragma once
// Translation memory for one resource's catalog: every translated segment of
// the repository (all resources, at the tip of main) is a memory entry.

#include <optional>
#include <string>
#include <vector>

#include "cms/core/word_diff.h"
#include "cms/workflow/workflow.h"
#include "pipeline/tm/tm.h"

namespace tandem::workflow {

struct Suggestion {
    std::optional<std::string> msgctxt;
    std::string msgid;
    bool fuzzy = false;                  // the segment is fuzzy (else untranslated)
    std::string msgstr;                  // the fuzzy translation to review, if any
    // For a fuzzy segment: the source its translation was made for, from the
    // catalog's "#|" or, when a tool dropped that, from the catalog's history,
    // and a word diff from it to the current source.
    std::optional<std::string> previous_msgid;
    bool previous_from_history = false;
    std::vector<DiffPiece> diff;
    std::vector<tm::Match> matches;      // exact first, then near ones with their similarity
};

// The memory of the whole repository at `rev`. Errors: corrupt, io.
Result<tm::Memory> build_repository_memory(const Context& ctx, std::string_view rev = "main");

// Suggestions for every untranslated and fuzzy segment of the resource's
// catalog into `lang`. Errors: not_found, invalid (lang is the source language).
Result<std::vector<Suggestion>> suggest_translations(const Context& ctx, const tm::Memory& memory, std::string_view id,
                                                     Lang lang);

// Pre-fills every untranslated segment that has an exact memory match with
// that translation, marked fuzzy for a translator to confirm, as one commit
// whose message names each such segment (From-Memory trailers, read by
// blame). Returns the commit (unchanged when nothing matched).
// Errors: as suggest_translations, conflict.
Result<store::CommitResult> apply_memory(const Context& ctx, const tm::Memory& memory, std::string_view id, Lang lang,
                                         const store::Author& author);

}  // namespace tandem::workflow
