#include "bench/corpus/text_edit.h"

#include <cstdint>
#include <tuple>
#include <utility>

namespace tandem::bench::detail {
namespace {

bool is_name_char(char c) {
    return c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '/' && c != '>';
}

// The end of the construct starting at markup[i] == '<' (one past its last
// byte), or npos when it never closes. Quoted attribute values may hold '>'.
std::size_t end_of_tag(std::string_view markup, std::size_t i) {
    if (markup.substr(i, 4) == "<!--") {
        const auto end = markup.find("-->", i + 4);
        return end == std::string_view::npos ? end : end + 3;
    }
    if (markup.substr(i, 9) == "<![CDATA[") {
        const auto end = markup.find("]]>", i + 9);
        return end == std::string_view::npos ? end : end + 3;
    }
    char quote = 0;
    for (std::size_t k = i + 1; k < markup.size(); ++k) {
        const char c = markup[k];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '>') {
            return k + 1;
        }
    }
    return std::string_view::npos;
}

// The length of a reference (&name; or &#123; or &#x1F;) at markup[i] == '&', or 0.
std::size_t reference_length(std::string_view markup, std::size_t i) {
    std::size_t k = i + 1;
    if (k < markup.size() && markup[k] == '#') ++k;
    const std::size_t first = k;
    while (k < markup.size() && k - i < 32) {
        const char c = markup[k];
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum) break;
        ++k;
    }
    if (k == first || k >= markup.size() || markup[k] != ';') return 0;
    return k + 1 - i;
}

bool says_translate_no(std::string_view tag) {
    for (const std::string_view form : {std::string_view("translate=\"no\""), std::string_view("translate='no'")}) {
        const auto at = tag.find(form);
        if (at != std::string_view::npos && at > 0 && (tag[at - 1] == ':' || tag[at - 1] == ' ')) return true;
    }
    return false;
}

struct Open {
    std::string_view name;
    bool translate;
    bool abbr;
};

// The code point of the UTF-8 sequence at text[i] and its length; {0, 1} when malformed.
std::pair<std::uint32_t, std::size_t> decode(std::string_view text, std::size_t i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) return {c, 1};
    std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
    if (len == 0 || i + len > text.size()) return {0, 1};
    std::uint32_t cp = c & (0x7F >> len);
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    return {cp, len};
}

bool is_letter(std::uint32_t cp) {
    if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) return true;
    return cp >= 0xC0 && cp <= 0x17F && cp != 0xD7 && cp != 0xF7;
}

std::string with_case_of(std::string_view original, std::string_view word) {
    std::string out(word);
    if (!original.empty() && original[0] >= 'A' && original[0] <= 'Z' && !out.empty() && out[0] >= 'a' && out[0] <= 'z')
        out[0] = static_cast<char>(out[0] - 'a' + 'A');
    return out;
}

}  // namespace

std::vector<TextRun> text_runs(std::string_view markup) {
    std::vector<TextRun> runs;
    std::vector<Open> open;
    bool translate = true;
    bool in_abbr = false;
    std::size_t run_start = 0;
    auto flush = [&](std::size_t end) {
        if (end > run_start) runs.push_back({run_start, end, translate, in_abbr});
    };
    auto refresh = [&] {
        translate = true;
        in_abbr = false;
        for (const auto& o : open) {
            translate = translate && o.translate;
            in_abbr = in_abbr || o.abbr;
        }
    };
    std::size_t i = 0;
    while (i < markup.size()) {
        const char c = markup[i];
        if (c == '&') {
            const auto len = reference_length(markup, i);
            if (len == 0) {
                ++i;
                continue;
            }
            flush(i);
            i += len;
            run_start = i;
            continue;
        }
        if (c != '<') {
            ++i;
            continue;
        }
        const auto end = end_of_tag(markup, i);
        if (end == std::string_view::npos) {  // a stray '<' is text
            ++i;
            continue;
        }
        flush(i);
        const std::string_view tag = markup.substr(i, end - i);
        if (tag.size() > 2 && tag[1] == '/') {
            if (!open.empty()) open.pop_back();
            refresh();
        } else if (tag[1] != '!' && tag[1] != '?' && tag[tag.size() - 2] != '/') {
            std::size_t n = 1;
            while (n < tag.size() && is_name_char(tag[n])) ++n;
            const std::string_view name = tag.substr(1, n - 1);
            const auto colon = name.find(':');
            const std::string_view local = colon == std::string_view::npos ? name : name.substr(colon + 1);
            open.push_back({name, !says_translate_no(tag), local == "abbr"});
            refresh();
        }
        i = end;
        run_start = i;
    }
    flush(markup.size());
    return runs;
}

std::vector<Word> find_words(std::string_view text) {
    std::vector<Word> words;
    std::size_t i = 0;
    while (i < text.size()) {
        auto [cp, len] = decode(text, i);
        if (!is_letter(cp)) {
            i += len;
            continue;
        }
        const std::size_t begin = i;
        std::size_t letters = 0;
        while (i < text.size()) {
            std::tie(cp, len) = decode(text, i);
            if (!is_letter(cp)) break;
            ++letters;
            i += len;
        }
        if (letters >= 2) words.push_back({begin, i});
    }
    return words;
}

std::string edit_word(std::string_view text, Word word, Rng& rng, std::span<const std::string_view> words) {
    const std::string_view original = text.substr(word.begin, word.end - word.begin);
    std::string out;
    out.reserve(text.size() + 16);
    const std::uint32_t kind = rng.below(100);
    if (kind < 20) {  // insert a word before
        out.append(text.substr(0, word.begin));
        // At a sentence start the new word takes the capital: "Measures" →
        // "Often measures"; acronyms ("CCR") keep theirs.
        const bool sentence_start = word.begin == 0 || text.substr(0, word.begin).ends_with(". ");
        const bool capitalized =
            original[0] >= 'A' && original[0] <= 'Z' &&
            original.substr(1).find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") == std::string_view::npos;
        out += sentence_start ? with_case_of(original, rng.pick(words)) : std::string(rng.pick(words));
        out += ' ';
        if (sentence_start && capitalized) {
            out += static_cast<char>(original[0] - 'A' + 'a');
            out.append(original.substr(1));
        } else {
            out.append(original);
        }
        out.append(text.substr(word.end));
        return out;
    }
    if (kind < 35) {  // remove the word and one space next to it
        std::size_t begin = word.begin;
        std::size_t end = word.end;
        if (end < text.size() && text[end] == ' ')
            ++end;
        else if (begin > 0 && text[begin - 1] == ' ')
            --begin;
        if (end - begin < text.size()) {  // never empty the text: fall through to a replacement
            out.append(text.substr(0, begin));
            out.append(text.substr(end));
            return out;
        }
    }
    const std::uint32_t k = rng.below(static_cast<std::uint32_t>(words.size()));
    std::string replacement = with_case_of(original, words[k]);
    if (replacement == original) replacement = with_case_of(original, words[(k + 1) % words.size()]);
    if (replacement == original) replacement += replacement;  // a one-word list: still a change
    out.append(text.substr(0, word.begin));
    out += replacement;
    out.append(text.substr(word.end));
    return out;
}

std::string edit_markup(std::string_view markup, Rng& rng, std::span<const std::string_view> words) {
    struct Candidate {
        TextRun run;
        Word word;
    };
    std::vector<Candidate> candidates;
    for (const auto& run : text_runs(markup)) {
        if (!run.translate || run.in_abbr) continue;
        for (const auto& word : find_words(markup.substr(run.begin, run.end - run.begin)))
            candidates.push_back({run, word});
    }
    if (candidates.empty()) return std::string(markup);
    const auto& chosen = candidates[rng.below(static_cast<std::uint32_t>(candidates.size()))];
    std::string out(markup.substr(0, chosen.run.begin));
    out += edit_word(markup.substr(chosen.run.begin, chosen.run.end - chosen.run.begin), chosen.word, rng, words);
    out.append(markup.substr(chosen.run.end));
    return out;
}

}  // namespace tandem::bench::detail
