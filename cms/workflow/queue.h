#pragma once
// The translators' queues: per target language, the resources that need a
// translator (untranslated, fuzzy or failing segments), in the order the
// publishers set. Priorities, due dates and claims are plans about people,
// not content, so they live in the data folder (<data>/queue.json), never in
// the content repository. Callers that change the plan from several threads
// serialize read-change-write themselves (the server holds one mutex).

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cms/core/ids.h"
#include "cms/workflow/workflow.h"

namespace tandem::workflow {

using UnixSeconds = std::int64_t;

inline constexpr UnixSeconds k_claim_seconds = 2 * 60 * 60;

// What the publishers and translators decided about one resource in one queue.
struct QueuePlanEntry {
    int priority = 0;                      // higher first
    std::optional<std::string> due;        // "YYYY-MM-DD"
    std::optional<std::string> claimed_by; // a user name
    UnixSeconds claim_expires = 0;
};

struct QueuePlan {
    std::map<std::pair<Lang, std::string>, QueuePlanEntry> entries;  // by target language and resource id
};

std::filesystem::path queue_plan_path(const std::filesystem::path& data_dir);

// An absent file is an empty plan. Errors: corrupt, io.
Result<QueuePlan> read_queue_plan(const std::filesystem::path& path);
// Atomic replace. Errors: io.
Status write_queue_plan(const std::filesystem::path& path, const QueuePlan& plan);

struct QueueItem {
    std::string id;
    std::string title;
    int untranslated = 0;
    int fuzzy = 0;
    int failing = 0;
    int words_left = 0;  // source words of the untranslated and fuzzy segments
    int priority = 0;
    std::optional<std::string> due;
    std::optional<std::string> claimed_by;  // only while the claim runs
    UnixSeconds claim_expires = 0;
    UnixSeconds changed = 0;  // the resource's last change on main
};

// The resources translated into `lang` at the tip of main that have
// untranslated, fuzzy or failing segments, by priority (higher first), then
// due date (earlier first, none last), then age (oldest change first), then
// id. Claims that expired by `now` are not shown. Errors: corrupt, io.
Result<std::vector<QueueItem>> translator_queue(const Context& ctx, Lang lang, const QueuePlan& plan, UnixSeconds now);

// Claims the resource's translation into `lang` for `user` until now +
// k_claim_seconds; the claimer may claim again to renew. Only a resource in
// the `lang` queue may be claimed, or renewed: one with no untranslated,
// fuzzy or failing segment into `lang` at the tip of main is refused, as one
// whose source language is `lang` is. Errors: not_found (no such resource on
// main), invalid (lang is its source language, or there is nothing to
// translate into lang: it is not in that queue), conflict (someone else's
// claim runs: the message names them).
Result<QueuePlanEntry> claim_resource(const Context& ctx, QueuePlan& plan, Lang lang, std::string_view id,
                                      std::string_view user, UnixSeconds now);

// Whether `user` may save the resource's translation into `lang` now: not
// while someone else's claim runs (claims keep two translators off one
// resource). Errors: conflict (naming the claimer and when the claim ends).
Status check_claim(const QueuePlan& plan, Lang lang, std::string_view id, std::string_view user, UnixSeconds now);

// Who releases a claim: its claimer, or a publisher who may end anyone's
// (an abandoned claim, or one of someone who left).
enum class ClaimRelease { own, anyones };

// Ends the user's claim (nothing to do when there is none). Errors:
// conflict (someone else's claim runs and `who` is ClaimRelease::own).
Status release_claim(QueuePlan& plan, Lang lang, std::string_view id, std::string_view user, UnixSeconds now,
                     ClaimRelease who = ClaimRelease::own);

// Sets the publisher's priority and due date ("YYYY-MM-DD" or none).
// Errors: not_found, invalid (lang, or a date that is not a calendar date).
Status set_queue_priority(const Context& ctx, QueuePlan& plan, Lang lang, std::string_view id, int priority,
                          std::optional<std::string> due);

}  // namespace tandem::workflow
