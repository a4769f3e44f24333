#pragma once
// Test support: deterministic merge cases for update_catalog, the kind of change
// a campaign document goes through between two source revisions.

#include <cstdint>
#include <vector>

#include "cms/model/segment.h"
#include "pipeline/po/catalog.h"

namespace tandem::po::testing {

struct MergeCase {
    Catalog old;                           // a French catalog of about `size` messages
    std::vector<model::Segment> segments;  // the new source revision
};

// From the same seed, the same case on every machine (own PRNG, no <random>
// distributions). Of the old messages, about 10% are changed by small edits,
// 5% rewritten heavily, 5% removed, 3% moved to another msgctxt; 7% new
// segments are added, a third of the obsolete ones come back, and a few
// segments repeat. Old messages are translated, fuzzy (some with a previous
// msgid), untranslated or obsolete; some msgids are 1-3 characters long, some
// hold non-ASCII letters, some carry no-wrap.
MergeCase make_merge_case(std::uint64_t seed, int size);

}  // namespace tandem::po::testing
