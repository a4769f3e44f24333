// markup-mismatch and unsafe-markup: what merge-back would refuse, as the
// ITS engine decides it (its::markup_issues), so a translator is never told
// "fine" for a translation the published page would drop.

#include "pipeline/check/checks.h"
#include "pipeline/its/its.h"

namespace tandem::check {

std::vector<Issue> check_markup(const SegmentPair& pair) {
    std::vector<Issue> issues;
    for (its::MarkupIssue& problem : its::markup_issues(pair.source, pair.translation)) {
        const std::string_view code =
            problem.reason == its::RejectReason::unsafe_markup ? k_unsafe_markup : k_markup_mismatch;
        issues.push_back(make_issue(code, std::move(problem.phrase), problem.offset));
    }
    return issues;
}

}  // namespace tandem::check
