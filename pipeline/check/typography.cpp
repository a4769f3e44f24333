// Typography of the target language, on what a reader sees (so never in
// markup or attributes, nor in URLs). French is Canadian usage (OQLF): « … »
// with non-breaking spaces inside, a space before the colon, none before
// ; ! ?. English: no space before : ; ! ? (a leftover of French typography).

#include "pipeline/check/checks.h"

namespace tandem::check {
namespace {

// Everything the typography checks need to know about one character.
struct Around {
    char32_t before = 0;  // 0 at the start
    char32_t after = 0;   // 0 at the end
    std::size_t before_at = 0;
};

Around around(std::string_view text, std::size_t at, std::size_t size) {
    Around a;
    if (at > 0) {
        const CodePoint b = decode_before(text, at);
        a.before = b.value;
        a.before_at = at - b.size;
    }
    if (at + size < text.size()) a.after = decode_utf8(text, at + size).value;
    return a;
}

std::vector<Issue> check_french(const VisibleText& visible) {
    const std::string& text = visible.text;
    const std::vector<Span> urls = find_urls(text);
    std::vector<Issue> issues;
    bool quote_open = false;
    for (std::size_t i = 0; i < text.size();) {
        const CodePoint cp = decode_utf8(text, i);
        const std::size_t at = i;
        i += cp.size;
        if (inside(urls, at)) continue;
        const Around a = around(text, at, cp.size);
        const std::size_t where = visible.source_offset(at);
        switch (cp.value) {
            case U'"':
                // One warning per pair of quotes, at the opening one.
                if (!quote_open)
                    issues.push_back(make_issue(
                        k_typo_guillemets, phrase("straight quotes \"…\": French uses « … » with non-breaking spaces"),
                        where));
                quote_open = !quote_open;
                break;
            case U'«':
                if (!is_nbsp(a.after))
                    issues.push_back(
                        make_issue(k_typo_guillemets,
                                   phrase("« needs a non-breaking space (U+00A0 or U+202F) after it"), where));
                break;
            case U'»':
                if (!is_nbsp(a.before))
                    issues.push_back(make_issue(
                        k_typo_guillemets, phrase("» needs a non-breaking space (U+00A0 or U+202F) before it"), where));
                break;
            case U':':
                // 10:30 and 1:2 are not punctuation; "scheme://" is a URL
                // find_urls did not know.
                if (is_digit(a.before) && is_digit(a.after)) break;
                if (a.after == U'/' && text.compare(at + 1, 2, "//") == 0) break;
                if (a.before != 0 && !is_space(a.before))
                    issues.push_back(make_issue(
                        k_typo_colon, phrase("French puts a non-breaking space (U+00A0) before a colon"), where));
                else if (a.before == U' ')  // a line may break there and leave the colon alone
                    issues.push_back(make_issue(
                        k_typo_colon,
                        phrase("French puts a non-breaking space (U+00A0), not an ordinary space, before a colon"),
                        where));
                break;
            case U';':
            case U'!':
            case U'?':
                if (a.before != 0 && is_space(a.before))
                    issues.push_back(make_issue(k_typo_space_before,
                                                phrase("no space before {mark} in Canadian French (OQLF usage)",
                                                       {{"mark", std::string(1, static_cast<char>(cp.value))}}),
                                                visible.source_offset(a.before_at)));
                break;
            default: break;
        }
    }
    return issues;
}

std::vector<Issue> check_english(const VisibleText& visible) {
    const std::string& text = visible.text;
    const std::vector<Span> urls = find_urls(text);
    std::vector<Issue> issues;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if ((c != ':' && c != ';' && c != '!' && c != '?') || inside(urls, i) || i == 0) continue;
        const Around a = around(text, i, 1);
        if (is_space(a.before))
            issues.push_back(make_issue(k_typo_space_before,
                                        phrase("no space before {mark} in English", {{"mark", std::string(1, c)}}),
                                        visible.source_offset(a.before_at)));
    }
    return issues;
}

}  // namespace

std::vector<Issue> check_typography(const PairText& text) {
    return text.pair.target_lang == Lang::fr ? check_french(text.translation) : check_english(text.translation);
}

}  // namespace tandem::check
