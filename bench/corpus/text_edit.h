#pragma once
// Where the words are in a piece of inline markup, and small edits to them.
// Shared by near-duplicate paragraphs, pseudo_translate and mutate_resource.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "bench/corpus/random.h"

namespace tandem::bench::detail {

// A stretch of character data in serialized markup: between tags, never
// inside a tag, a comment or an entity/character reference (`&amp;` is not
// text to edit). `translate` is false inside an element with
// its:translate="no"; `in_abbr` is true inside <abbr>.
struct TextRun {
    std::size_t begin = 0;
    std::size_t end = 0;
    bool translate = true;
    bool in_abbr = false;
};

// The text runs of `markup` in document order. Tolerant: a '<' with no
// closing '>' and a '&' that starts no reference are text.
std::vector<TextRun> text_runs(std::string_view markup);

// A word: letters only (ASCII and Latin-1/Latin Extended-A letters), at
// least two of them, so "l’accès" holds the word "accès" and "—" none.
struct Word {
    std::size_t begin = 0;
    std::size_t end = 0;
};
std::vector<Word> find_words(std::string_view text);

// `text` with one small edit at `word`: the word replaced by a different one
// from `words` (keeping an initial capital), a word from `words` inserted
// before it, or the word removed with one neighbouring space. The result always
// differs from `text`. `words` (not empty) hold letters only, so escaped
// markup stays valid.
std::string edit_word(std::string_view text, Word word, Rng& rng, std::span<const std::string_view> words);

// One edit to a translatable word of `markup` (outside its:translate="no" and
// <abbr>); `markup` unchanged when it has no such word.
std::string edit_markup(std::string_view markup, Rng& rng, std::span<const std::string_view> words);

}  // namespace tandem::bench::detail
