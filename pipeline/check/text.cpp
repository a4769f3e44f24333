// The checks on what a reader sees: URLs, numbers, white space at the ends,
// final punctuation, a source left as is.

#include <algorithm>
#include <set>
#include <string>

#include "pipeline/check/checks.h"

namespace tandem::check {
namespace {

// ---- numbers ---------------------------------------------------------------

struct Number {
    std::string value;  // canonical: digits, leading zeros dropped, "." before the decimals
    Span span;
};

bool digit_at(std::string_view text, std::size_t at) { return at < text.size() && text[at] >= '0' && text[at] <= '9'; }

std::size_t digits_from(std::string_view text, std::size_t at) {
    std::size_t end = at;
    while (digit_at(text, end)) ++end;
    return end;
}

// Whether a group of exactly three digits starts at `at` (and no fourth).
bool group_of_three(std::string_view text, std::size_t at) { return digits_from(text, at) == at + 3; }

// Thousands: "1,000" (English), "1 000" with a space, NBSP, narrow NBSP or
// thin space (both languages: French and SI usage). Decimals: "2.5" in
// English, "2,5" in French (and "2.5", which French readers read the same).
// A comma in French is always a decimal mark, so "1,000" in a French
// translation reads as one, not a thousand — a difference worth a warning.
Number read_number(std::string_view text, std::size_t begin, Lang lang) {
    std::size_t end = digits_from(text, begin);
    std::string integer(text.substr(begin, end - begin));
    const bool short_first = end - begin <= 3;
    while (end < text.size() && short_first) {
        const CodePoint sep = decode_utf8(text, end);
        const bool group_sep = (lang == Lang::en && sep.value == U',') || sep.value == U' ' || sep.value == 0xA0 ||
                               sep.value == 0x202F || sep.value == 0x2009;
        if (!group_sep || !group_of_three(text, end + sep.size)) break;
        integer.append(text.substr(end + sep.size, 3));
        end += sep.size + 3;
    }
    std::string decimals;
    if (end + 1 < text.size() && digit_at(text, end + 1)) {
        const char mark = text[end];
        if (mark == '.' || (mark == ',' && lang == Lang::fr)) {
            const std::size_t stop = digits_from(text, end + 1);
            decimals.assign(text.substr(end + 1, stop - end - 1));
            end = stop;
        }
    }
    const std::size_t nonzero = integer.find_first_not_of('0');
    std::string value = nonzero == std::string::npos ? "0" : integer.substr(nonzero);
    if (!decimals.empty()) value += "." + decimals;
    return {value, {begin, end}};
}

std::vector<Number> numbers_in(std::string_view text, Lang lang) {
    const std::vector<Span> urls = find_urls(text);
    std::vector<Number> numbers;
    for (std::size_t i = 0; i < text.size();) {
        if (!digit_at(text, i) || inside(urls, i)) {
            ++i;
            continue;
        }
        Number n = read_number(text, i, lang);
        i = n.span.end;
        numbers.push_back(std::move(n));
    }
    return numbers;
}

// ---- white space and punctuation --------------------------------------------

// The white space at one end of a segment, each kind of space as ' ' and line
// breaks as '\n' (a space and a non-breaking space are the same to a reader
// of the ends; a line break is not).
std::string end_space(std::string_view text, bool leading) {
    std::string run;
    if (leading) {
        for (std::size_t i = 0; i < text.size();) {
            const CodePoint cp = decode_utf8(text, i);
            if (!is_space(cp.value)) break;
            run += cp.value == U'\n' ? '\n' : ' ';
            i += cp.size;
        }
    } else {
        for (std::size_t i = text.size(); i > 0;) {
            const CodePoint cp = decode_before(text, i);
            if (!is_space(cp.value)) break;
            run.insert(run.begin(), cp.value == U'\n' ? '\n' : ' ');
            i -= cp.size;
        }
    }
    return run;
}

// A run of white space as a reader can see it: ␣ a space, ↵ a line break.
std::string shown_space(const std::string& run) {
    std::string out;
    for (char c : run) out += c == '\n' ? "↵" : "␣";
    return out;
}

// What differs between two runs of white space at one end of the segments.
// `start` picks the phrases of the start, else of the end.
Phrase space_difference(const std::string& source, const std::string& translation, bool start) {
    const PhraseValues values = {{"source", shown_space(source)}, {"translation", shown_space(translation)}};
    if (source.empty())
        return start ? phrase("the translation begins with white space ({translation}) and the source does not", values)
                     : phrase("the translation ends with white space ({translation}) and the source does not", values);
    if (translation.empty())
        return start ? phrase("the source begins with white space ({source}) and the translation does not", values)
                     : phrase("the source ends with white space ({source}) and the translation does not", values);
    return start ? phrase("the source begins with {source} and the translation with {translation}", values)
                 : phrase("the source ends with {source} and the translation with {translation}", values);
}

bool closer(char32_t cp) {
    return cp == U')' || cp == U']' || cp == U'}' || cp == U'»' || cp == U'›' || cp == U'”' || cp == U'’' ||
           cp == U'"' || cp == U'\'';
}

struct Ending {
    std::string mark;  // ".", "…", "!", "?", ":", ";" or "" for none
    std::size_t at = 0;  // where it is in the visible text
};

// The final punctuation, behind closing quotes and brackets and spaces
// (French puts a space before some marks): "(pdf)." ends with ".",
// "« … »." with ".", "le CCR :" with ":".
Ending ending_of(std::string_view text) {
    std::size_t i = text.size();
    while (i > 0) {
        const CodePoint cp = decode_before(text, i);
        if (!is_space(cp.value) && !closer(cp.value)) break;
        i -= cp.size;
    }
    if (i == 0) return {"", 0};
    const CodePoint last = decode_before(text, i);
    const std::size_t at = i - last.size;
    switch (last.value) {
        case U'.':
            if (at >= 2 && text.substr(at - 2, 3) == "...") return {"…", at - 2};
            return {".", at};
        case U'…': return {"…", at};
        case U'!': return {"!", at};
        case U'?': return {"?", at};
        case U':': return {":", at};
        case U';': return {";", at};
        default: return {"", i};
    }
}


}  // namespace

std::vector<Issue> check_urls(const PairText& text) {
    std::set<std::string> theirs;
    for (const Span& s : find_urls(text.translation.text))
        theirs.insert(text.translation.text.substr(s.begin, s.end - s.begin));
    std::vector<Issue> issues;
    std::set<std::string> reported;
    for (const Span& s : find_urls(text.source.text)) {
        const std::string url = text.source.text.substr(s.begin, s.end - s.begin);
        if (theirs.count(url) || !reported.insert(url).second) continue;
        issues.push_back(make_issue(k_url_changed, phrase("the source's {url} is not in the translation", {{"url", url}})));
    }
    return issues;
}

std::vector<Issue> check_numbers(const PairText& text) {
    const std::vector<Number> ours = numbers_in(text.source.text, text.pair.source_lang);
    const std::vector<Number> theirs = numbers_in(text.translation.text, text.pair.target_lang);
    std::set<std::string> our_values;
    std::set<std::string> their_values;
    for (const Number& n : ours) our_values.insert(n.value);
    for (const Number& n : theirs) their_values.insert(n.value);
    std::vector<Issue> issues;
    std::set<std::string> reported;
    for (const Number& n : ours)
        if (!their_values.count(n.value) && reported.insert(n.value).second)
            issues.push_back(make_issue(
                k_number_changed,
                phrase("the source's number {number} is not in the translation",
                       {{"number", text.source.text.substr(n.span.begin, n.span.end - n.span.begin)}})));
    for (const Number& n : theirs)
        if (!our_values.count(n.value) && reported.insert("+" + n.value).second)
            issues.push_back(make_issue(
                k_number_changed,
                phrase("the translation's number {number} is not in the source",
                       {{"number", text.translation.text.substr(n.span.begin, n.span.end - n.span.begin)}}),
                text.translation.source_offset(n.span.begin)));
    return issues;
}

std::vector<Issue> check_whitespace(const PairText& text) {
    std::vector<Issue> issues;
    const std::string_view source = text.pair.source;
    const std::string_view translation = text.pair.translation;
    const std::string lead_s = end_space(source, true);
    const std::string lead_t = end_space(translation, true);
    if (lead_s != lead_t)
        issues.push_back(make_issue(k_whitespace_leading, space_difference(lead_s, lead_t, true), 0));
    // A segment of white space only has the same run at both ends: say it once.
    if (lead_s.size() == source.size() && lead_t.size() == translation.size()) return issues;
    const std::string trail_s = end_space(source, false);
    const std::string trail_t = end_space(translation, false);
    if (trail_s != trail_t)
        issues.push_back(make_issue(k_whitespace_trailing, space_difference(trail_s, trail_t, false),
                                    translation.size() - [&] {
                                        std::size_t bytes = 0;  // the run's size in bytes, not characters
                                        for (std::size_t i = translation.size(); i > 0;) {
                                            const CodePoint cp = decode_before(translation, i);
                                            if (!is_space(cp.value)) break;
                                            bytes += cp.size;
                                            i -= cp.size;
                                        }
                                        return bytes;
                                    }()));
    return issues;
}

std::vector<Issue> check_end_punctuation(const PairText& text) {
    const Ending ours = ending_of(text.source.text);
    const Ending theirs = ending_of(text.translation.text);
    if (ours.mark == theirs.mark) return {};
    const PhraseValues marks = {{"source", ours.mark}, {"translation", theirs.mark}};
    Phrase difference = ours.mark.empty()    ? phrase("the translation ends with “{translation}” and the source with no punctuation", marks)
                        : theirs.mark.empty() ? phrase("the source ends with “{source}” and the translation with no punctuation", marks)
                                              : phrase("the source ends with “{source}” and the translation with “{translation}”", marks);
    return {make_issue(k_end_punctuation, std::move(difference), text.translation.source_offset(theirs.at))};
}

std::vector<Issue> check_untranslated(const PairText& text) {
    if (text.pair.source != text.pair.translation) return {};
    // Markup, numbers, URLs and one-word names are the same in both languages.
    const std::vector<Span> urls = find_urls(text.source.text);
    int words = 0;
    for (const Word& w : split_words(text.source.text)) {
        if (inside(urls, w.span.begin)) continue;
        std::size_t letters = 0;
        bool only_letters = true;
        for (std::size_t i = 0; i < w.folded.size();) {
            const CodePoint cp = decode_utf8(w.folded, i);
            if (is_letter(cp.value)) ++letters;
            else only_letters = false;
            i += cp.size;
        }
        if (only_letters && letters >= 2) ++words;
    }
    if (words < 2) return {};
    return {make_issue(k_untranslated_looking, phrase("the translation is the source, unchanged"), 0)};
}

}  // namespace tandem::check
