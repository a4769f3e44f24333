#include <algorithm>

#include "pipeline/check/checks.h"

namespace tandem::check {

Issue make_issue(std::string_view code, Phrase message, std::optional<std::size_t> offset) {
    const bool error = code == k_markup_mismatch || code == k_unsafe_markup || code == k_bidi_control;
    std::string text = english(message);
    return Issue{std::string(code), error ? Severity::error : Severity::warning, std::move(text), std::move(message),
                 offset};
}

std::vector<Issue> check_segment(const SegmentPair& pair, const CheckOptions& options) {
    if (pair.translation.empty()) return {};
    const PairText text{pair, visible_text(pair.source), visible_text(pair.translation)};

    std::vector<Issue> issues = check_markup(pair);
    const auto append = [&issues](std::vector<Issue> more) {
        issues.insert(issues.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
    };
    append(check_characters(pair));
    append(check_urls(text));
    append(check_link_targets(pair));
    append(check_numbers(text));
    append(check_whitespace(text));
    append(check_end_punctuation(text));
    append(check_untranslated(text));
    if (options.glossary) append(check_glossary(text, *options.glossary));
    append(check_typography(text));

    std::erase_if(issues, [&](const Issue& issue) {
        return std::find(options.disabled.begin(), options.disabled.end(), issue.code) != options.disabled.end();
    });
    // The documented order: by code as k_all_codes lists them, then by offset
    // (issues without one first), then as the check found them.
    const auto rank = [](const Issue& issue) {
        return std::find(k_all_codes.begin(), k_all_codes.end(), issue.code) - k_all_codes.begin();
    };
    std::stable_sort(issues.begin(), issues.end(), [&](const Issue& a, const Issue& b) {
        if (rank(a) != rank(b)) return rank(a) < rank(b);
        return a.offset < b.offset;  // nullopt sorts first
    });
    return issues;
}

bool blocks_approval(const Issue& issue) { return issue.severity == Severity::error; }

const char* severity_name(Severity severity) { return severity == Severity::error ? "error" : "warning"; }

}  // namespace tandem::check
