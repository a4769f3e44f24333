#pragma once
// What the workflow already worked out from content, kept by the process (a
// server's threads share it through their Context): values keyed by git tree
// ids, so an entry can never go stale, only unused. Internal to cms/workflow.

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "cms/workflow/catalogs.h"

namespace tandem::workflow {

struct Memo {
    // A map that outgrows this is dropped rather than trimmed: it refills
    // from what is asked next.
    static constexpr std::size_t k_most = 200000;

    std::mutex mutex;
    std::string glossaries;                                          // the glossary texts `status_by_tree` assumes
    std::unordered_map<std::string, CatalogStatus> status_by_tree;   // resource folder tree id → its status
    std::unordered_map<std::string, model::ResourceInfo> info_by_tree;  // resource folder tree id → its document's info
};

std::shared_ptr<Memo> new_memo();

}  // namespace tandem::workflow
