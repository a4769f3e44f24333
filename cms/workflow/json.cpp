#include "cms/workflow/json.h"

namespace tandem::workflow {

using nlohmann::json;

json outline_json(const model::OutlineDiff& diff) {
    json sections = json::array(), blocks = json::array();
    for (const auto& s : diff.sections) sections.push_back({{"change", model::change_kind_name(s.kind)}, {"section", s.section}});
    for (const auto& b : diff.blocks)
        blocks.push_back({{"change", model::change_kind_name(b.kind)},
                          {"section", b.section},
                          {"kind", b.block_kind},
                          {"before", b.before},
                          {"after", b.after}});
    return {{"sections", sections}, {"blocks", blocks}};
}

void add_phrase(json& object, const Phrase& phrase) {
    if (phrase.pattern.empty()) return;
    object["template"] = phrase.pattern;
    json values = json::object();
    for (const auto& [slot, value] : phrase.values) values[slot] = value;
    object["values"] = values;
    if (!phrase.plural.empty()) {
        object["plural"] = phrase.plural;
        object["count"] = phrase.count;
    }
}

json obstacle_json(const Obstacle& obstacle) {
    json out{{"message", obstacle.message}};
    if (obstacle.line > 0) out["line"] = obstacle.line;
    if (!obstacle.code.empty()) out["code"] = obstacle.code;
    add_phrase(out, obstacle.phrase);
    return out;
}

json parity_json(const Parity& parity) {
    json missing = json::array();
    for (const auto& m : parity.missing) missing.push_back(obstacle_json(m));
    return {{"ready", parity.ready},
            {"missing", missing},
            {"translated", parity.stats.translated},
            {"fuzzy", parity.stats.fuzzy},
            {"untranslated", parity.stats.untranslated},
            {"failing", parity.failing}};
}

json pending_json(const std::vector<PendingApproval>& items) {
    json out = json::array();
    for (const auto& item : items)
        out.push_back({{"id", item.id},
                       {"title", item.title},
                       {"revision", item.revision},
                       {"approved", item.approved ? json(*item.approved) : json(nullptr)},
                       {"withdrawn_on_main", item.withdrawn_on_main},
                       {"parity", parity_json(item.parity)},
                       {"changes", outline_json(item.changes)}});
    return out;
}

}  // namespace tandem::workflow
