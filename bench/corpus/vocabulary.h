#pragma once
// The words the corpus is made of: the campaign's own domain (trafficked persons,
// protection, temporary resident permits, NGOs, services), in English and French.
//
// Entries may hold a little inline markup, expanded by the prose generator:
//   {abbr:TRP|temporary resident permit}   <abbr title="...">TRP</abbr>
//   {no:Canadian Council for Refugees}     <span its:translate="no">...</span>
//   {fr:Conseil canadien pour les réfugiés} <span xml:lang="fr" its:translate="no">...</span>
//   {en:...}                               the same with xml:lang="en"
// Everything else is plain text (with its & and <, escaped when written).

#include <span>
#include <string_view>

#include "cms/core/ids.h"

namespace tandem::bench::detail {

struct Subject {
    std::string_view text;  // lower case at the start: the generator capitalizes
    bool plural;
};

struct Verb {
    std::string_view singular;  // "provides" / "offre"
    std::string_view plural;    // "provide"  / "offrent"
    std::string_view base;      // "provide"  / "offrir"  (after a modal)
};

struct Modal {
    std::string_view singular;  // "must" / "doit"
    std::string_view plural;    // "must" / "doivent"
};

struct Counted {
    std::string_view things;      // "temporary resident permits"
    std::string_view participle;  // "issued"  (agreeing with `things` in French)
};

struct Labelled {
    std::string_view label;  // "Non-punitive"
    std::string_view text;   // "Measures must not penalize trafficked persons"
};

struct Vocabulary {
    std::span<const Subject> subjects;
    std::span<const Verb> verbs;
    std::span<const Modal> modals;
    std::span<const std::string_view> objects;
    std::span<const std::string_view> complements;  // each starts with its own space or comma
    std::span<const std::string_view> intros;       // "However", "In practice"
    std::span<const std::string_view> reporting;    // "Experience has shown that"
    std::span<const std::string_view> tails;        // after an em dash
    std::span<const Counted> counted;
    std::span<const std::string_view> stock_sentences;
    std::span<const std::string_view> headings;
    std::span<const std::string_view> title_heads;
    std::span<const std::string_view> title_tails;
    std::span<const Labelled> principles;
    std::span<const std::string_view> items;       // short list items (noun phrases)
    std::span<const std::string_view> link_leads;  // "Read"
    std::span<const std::string_view> link_texts;  // "the full report"
    std::span<const std::string_view> notes;
    std::span<const std::string_view> loc_notes;   // its:locNote values, in English
    std::span<const std::string_view> edit_words;  // words a small edit may bring in
    std::span<const std::string_view> address;     // lines of a postal address (a note with <br/>)
    std::string_view in_year;                      // "In" / "En"
    std::string_view were;                         // "were" / "ont été"
    std::string_view and_join;                     // ", and " / ", et "
    std::string_view that_elided;                  // "" / "qu’" (French elides que before a vowel)
    std::string_view quote_open;                   // "“" / "« "
    std::string_view quote_close;                  // "”" / " »"
    std::string_view label_colon;                  // ": " / " : " (French puts a no-break space before)
    char thousands_separator_kind;                 // ',' or 'n' (a narrow no-break space)
};

const Vocabulary& vocabulary(Lang lang);

// Language-independent data: metadata tokens and link targets.
std::span<const std::string_view> topics();
std::span<const std::string_view> audiences();
std::span<const std::string_view> web_links();  // https://..., mailto:..., with & in queries

}  // namespace tandem::bench::detail
