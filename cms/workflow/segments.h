#pragma once
// The segment editor's view of one catalog: each segment with what a
// translator needs beside it (the previous source of a fuzzy one and a word
// diff, memory suggestions, glossary terms, checks), and the save of one
// segment as a commit of the catalog authored by the translator.

#include <optional>
#include <string>
#include <vector>

#include "cms/core/word_diff.h"
#include "cms/workflow/catalogs.h"
#include "pipeline/tm/tm.h"

namespace tandem::workflow {

struct SegmentView {
    int index = 0;  // among the catalog's live (not obsolete) messages, in file order
    std::optional<std::string> msgctxt;
    std::string msgid;
    std::string msgstr;
    bool fuzzy = false;
    std::optional<std::string> previous;  // the source a fuzzy translation was made for
    std::vector<DiffPiece> previous_diff; // from previous to msgid
    std::vector<std::string> notes;       // the document's localization notes ("#.")
    std::vector<tm::Match> suggestions;   // for untranslated and fuzzy segments
    std::vector<check::GlossaryTerm> glossary;  // terms of the glossary found in msgid
    std::vector<check::Issue> checks;     // of the translation, when there is one
};

struct SegmentsView {
    store::Revision revision;  // the tip of main the catalog was read at
    std::vector<SegmentView> segments;
    po::CatalogStats progress;
};

// Every live segment of the resource's catalog into `lang` at the tip of
// main. Errors: not_found, invalid (lang is the source language), corrupt.
Result<SegmentsView> read_segments(const Context& ctx, const tm::Memory& memory, std::string_view id, Lang lang);

struct SegmentSave {
    std::string id;
    Lang lang = Lang::fr;
    int index = 0;            // as in SegmentsView at `base`
    std::string msgstr;
    bool fuzzy = false;       // keep it for review (ignored for an empty msgstr)
    bool from_memory = false; // the translation was taken from a memory suggestion (a From-Memory trailer)
    store::Revision base;     // the revision the translator's view was read at
    store::Author author;
};

struct SegmentSaved {
    store::CommitResult commit;
    std::vector<check::Issue> checks;  // of the saved translation
};

// Sets one segment's translation in the catalog as it was at `base` and
// commits it as import_catalog does (validated, merged onto the current
// source), so a change of the source meanwhile is merged and a change of the
// catalog meanwhile is a conflict. Errors: invalid (a translation that breaks
// the segment's markup), not_found (no such segment at base), conflict.
Result<SegmentSaved> save_segment(const Context& ctx, const SegmentSave& request);

// The checks of one translation into `lang` (what the editor shows as the
// translator types). Errors: corrupt (the glossary does not parse).
Result<std::vector<check::Issue>> check_translation(const Context& ctx, Lang lang, std::string_view source,
                                                    std::string_view translation);

}  // namespace tandem::workflow
