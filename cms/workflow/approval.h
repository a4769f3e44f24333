#pragma once
// Approval: what reaches the public is what a publisher copied onto the
// `release` branch, one resource folder at a time, after the bilingual
// parity gate.

#include <optional>
#include <string>
#include <vector>

#include "cms/workflow/workflow.h"
#include "pipeline/po/catalog_stats.h"

namespace tandem::workflow {

// One thing that stands in the way of an approval, for the publisher.
struct Obstacle {
    std::string message;  // English
    Phrase phrase;        // the message as a phrase, when it is one (a schema error from libxml2 is not)
    int line = 0;         // in the catalog; 0 when it is about the whole catalog
    std::string code;     // the failing check's code, if a check fails
};

// "line 12: markup-mismatch: the source's <em> is missing", leaving out what is unknown.
std::string describe(const Obstacle& obstacle);

// Whether a revision of a resource may be approved: every segment
// translated, none fuzzy, no check that blocks approval failing.
struct Parity {
    bool ready = false;
    std::vector<Obstacle> missing;  // what stands in the way
    po::CatalogStats stats;
    int failing = 0;
};

// Errors: not_found, corrupt.
Result<Parity> check_parity(const Context& ctx, std::string_view id, std::string_view rev = "main");

struct ApproveRequest {
    std::string id;
    std::string rev = "main";   // the revision to approve
    store::Author author;       // the publisher
    std::string note;
    bool force_unilingual = false;  // emergencies: needs a note; the page says the translation is coming
};

// A commit on `release` that makes resources/<id>/ exactly as it is at `rev`,
// authored by the publisher, with Approved-by, Source-Revision and the
// catalog's counts as trailers. Errors: invalid (the parity gate refuses:
// the message lists what is missing; or a forced approval without a note),
// not_found.
Result<store::CommitResult> approve_resource(const Context& ctx, const ApproveRequest& request);

// Removes a resource from `release` (it leaves the site; the feed keeps a
// tombstone). Errors: not_found (not on release).
Result<store::CommitResult> withdraw_release(const Context& ctx, std::string_view id, const store::Author& author,
                                             std::string note);

struct PendingApproval {
    std::string id;
    std::string title;
    store::Revision revision;                  // the last change on main
    std::optional<store::Revision> approved;   // the Source-Revision of the last approval, if any
    bool withdrawn_on_main = false;            // on release but no longer on main
    Parity parity;
    model::OutlineDiff changes;                // since the last approval (everything for a new resource)
};

// The publisher's queue: resources whose folder on main differs from the one
// on release, ready ones first, then by id.
Result<std::vector<PendingApproval>> pending_approvals(const Context& ctx);

}  // namespace tandem::workflow
