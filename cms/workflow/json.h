#pragma once
// The JSON shapes of workflow values, written once for the command line's
// --json and the HTTP API, so a script sees the same fields from both.

#include <nlohmann/json.hpp>

#include <vector>

#include "cms/workflow/approval.h"

namespace tandem::workflow {

// {"sections": [{"change","section"}], "blocks": [{"change","section","kind","before","after"}]}
nlohmann::json outline_json(const model::OutlineDiff& diff);

// Adds a phrase's fields to `object` (which has its English "message"):
// "template" (the msgid of the interface catalogs), "values" ({slot: value}),
// and for a counted phrase "plural" and "count". Nothing for an empty phrase.
void add_phrase(nlohmann::json& object, const Phrase& phrase);

// {"message", "line"?, "code"?, and the phrase's fields}
nlohmann::json obstacle_json(const Obstacle& obstacle);

// {"ready","missing" (obstacle_json each),"translated","fuzzy","untranslated","failing"}
nlohmann::json parity_json(const Parity& parity);

// [{"id","title","revision","approved","withdrawn_on_main","parity","changes"}], as `tandem pending --json`.
nlohmann::json pending_json(const std::vector<PendingApproval>& items);

}  // namespace tandem::workflow
