#pragma once
// Internal to cms/workflow/publish: what a site generation was rendered from,
// written beside it so the next publish re-renders only what changed. It is
// a cache: a state that is missing or does not read means a full render.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cms/core/result.h"
#include "pipeline/site/site.h"

namespace tandem::workflow {

// A resource's life on the release branch, from its first-parent line.
struct ReleaseHistory {
    std::int64_t first = 0;   // the first commit that touched it (its first approval)
    std::int64_t last = 0;    // the last one (its latest approval, or its withdrawal)
    bool unilingual = false;  // the last one was a unilingual approval
    bool operator==(const ReleaseHistory&) const = default;
};

struct PublishedResource {
    std::string id;
    std::string tree;                        // the folder's tree id on release
    std::vector<std::string> files;          // attachment names copied beside both pages ("files/x.pdf")
    std::vector<site::PageSummary> pages;    // one per language
};

struct SiteState {
    int number = 0;                // the publication the generation shows
    int previous_generation = 0;   // the generation it replaced (0: none), kept by pruning
    std::string revision;          // the release commit
    std::string fingerprint;       // theme, settings and renderer version
    std::vector<PublishedResource> resources;       // sorted by id
    std::map<std::string, ReleaseHistory> history;  // every resource the release line ever touched
};

std::string write_state(const SiteState& state);

// Errors: corrupt (not a state this version writes).
Result<SiteState> read_state(std::string_view bytes);

}  // namespace tandem::workflow
