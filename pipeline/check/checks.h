#pragma once
// The checks check_segment runs, one family per file. Internal to
// pipeline/check; each returns its issues in offset order.

#include <vector>

#include "pipeline/check/check.h"
#include "pipeline/check/visible_text.h"

namespace tandem::check {

// What every text check reads, computed once per pair.
struct PairText {
    const SegmentPair& pair;
    VisibleText source;
    VisibleText translation;
};

// markup.cpp: markup-mismatch and unsafe-markup, as merge-back decides them.
std::vector<Issue> check_markup(const SegmentPair& pair);

// characters.cpp: bidi-control and invisible-character.
std::vector<Issue> check_characters(const SegmentPair& pair);

// links.cpp: link-target-changed.
std::vector<Issue> check_link_targets(const SegmentPair& pair);

// text.cpp
std::vector<Issue> check_urls(const PairText& text);
std::vector<Issue> check_numbers(const PairText& text);
std::vector<Issue> check_whitespace(const PairText& text);
std::vector<Issue> check_end_punctuation(const PairText& text);
std::vector<Issue> check_untranslated(const PairText& text);

// typography.cpp: typo-guillemets, typo-colon, typo-space-before.
std::vector<Issue> check_typography(const PairText& text);

// glossary.cpp
std::vector<Issue> check_glossary(const PairText& text, const Glossary& glossary);

// The issue of that code, its severity as the code has it, its message the
// phrase in English.
Issue make_issue(std::string_view code, Phrase message, std::optional<std::size_t> offset = std::nullopt);

}  // namespace tandem::check
