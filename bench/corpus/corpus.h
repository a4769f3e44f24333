#pragma once
// A deterministic corpus of resource documents for the benchmarks: realistic
// in size, shape and words (the campaign's domain, in English and French),
// valid against cms/model/schema/resource.rng, and the same bytes for the same
// seed on every platform (own splitmix64 generator, integer arithmetic only).
//
//   CorpusOptions options{.seed = 42, .fr_share = 0.1};
//   for (std::size_t i = 0; i < 10000; ++i) write(resource_id(i), generate_resource(options, i));
//
// Documents repeat paragraphs and sentences from a pool shared by the whole
// corpus (exact translation-memory matches) and repeat others with one word
// changed (near matches); mutate_resource makes the "n % of the paragraphs
// changed" revisions, and pseudo_translate stands in for a translator.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "cms/core/ids.h"
#include "cms/core/result.h"

namespace tandem::bench {

struct CorpusOptions {
    std::uint64_t seed = 1;
    double fr_share = 0.0;            // share of resources written in French (xml:lang="fr")
    double repeat_share = 0.08;       // paragraphs copied verbatim from the shared pool
    double near_repeat_share = 0.04;  // paragraphs from the shared pool with one word changed
};

// "res-000123": six digits at least, valid for check_resource_id.
std::string resource_id(std::size_t index);

// The source language of document `index`: French for about fr_share of them.
// Cheap (no document is generated), so a caller can choose fr.po or en.po.
Lang source_lang(const CorpusOptions& options, std::size_t index);

// Document `index` of the corpus: a complete resource.xml, UTF-8, with an XML
// declaration and a final newline. Depends only on (options, index): any
// document can be made alone, in any order, on any thread. Sizes: median about
// 4 KB, 90 % under about 10 KB, none over 40 KB (k_max_resource_bytes).
// Cannot fail.
std::string generate_resource(const CorpusOptions& options, std::size_t index);

inline constexpr std::size_t k_max_resource_bytes = 40 * 1024;

// A pseudo-translation of one segment (a msgid: text with inline markup, as
// itstool serializes it): every tag, entity and character reference is kept
// byte for byte, and so is text inside an its:translate="no" element; other
// ASCII letters get accents (a→ä, e→é, ...) and the whole is wrapped in ⟦ ⟧.
// Always valid UTF-8 when the input is; deterministic; cannot fail. Empty in,
// empty out.
std::string pseudo_translate(std::string_view segment);

struct Mutation {
    std::string xml;             // the changed document
    std::size_t paragraphs = 0;  // <p> elements in the document
    std::size_t changed = 0;     // <p> elements that got an edit
};

// The document with a share `fraction` of its <p> elements changed by small
// word edits (a word replaced, inserted or removed; never inside
// its:translate="no" or <abbr>), the rest of the document untouched: a
// document from generate_resource comes back byte for byte where it was not
// edited. The number changed is floor(fraction × paragraphs), plus one with
// probability equal to the remainder, so a corpus averages exactly `fraction`.
// Deterministic in (xml, fraction, seed).
// Errors: invalid (not well-formed XML, with its position; fraction outside [0, 1]).
Result<Mutation> mutate_resource(std::string_view xml, double fraction, std::uint64_t seed);

}  // namespace tandem::bench
