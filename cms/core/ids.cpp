#include "cms/core/ids.h"

namespace tandem {

Status check_resource_id(std::string_view id) {
    auto bad = [&](const std::string& why) {
        return fail(ErrorCode::invalid, "invalid resource id \"" + std::string(id.substr(0, 80)) +
                                            "\": " + why);
    };
    if (id.empty()) return bad("it is empty");
    if (id.size() > k_max_id_length)
        return bad("it is longer than " + std::to_string(k_max_id_length) + " characters");
    bool after_hyphen = true;  // no leading hyphen
    for (char c : id) {
        if (c == '-') {
            if (after_hyphen) return bad("hyphens must join words (no leading or double hyphen)");
            after_hyphen = true;
        } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            after_hyphen = false;
        } else {
            return bad("only lowercase letters, digits and hyphens are allowed");
        }
    }
    if (after_hyphen) return bad("it ends with a hyphen");
    return {};
}

std::optional<Lang> parse_lang(std::string_view code) {
    if (code == "en") return Lang::en;
    if (code == "fr") return Lang::fr;
    return std::nullopt;
}

const char* lang_code(Lang lang) { return lang == Lang::en ? "en" : "fr"; }

Lang other_lang(Lang lang) { return lang == Lang::en ? Lang::fr : Lang::en; }

}  // namespace tandem
