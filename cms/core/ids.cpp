#include "cms/core/ids.h"

namespace tandem {

namespace {

// The folders the site renderer puts beside resource pages (the filter pages
// of /en/resources/ and /fr/ressources/) or at the site root, where a
// resource page of that name would shadow them or be shadowed.
constexpr std::string_view k_site_folders[] = {"type", "topic", "scope", "sujet", "portee", "index", "feeds", "static"};

Status check_words(std::string_view id, std::string_view noun) {
    auto bad = [&](const std::string& why) {
        return fail(ErrorCode::invalid, "invalid " + std::string(noun) + " \"" + std::string(id.substr(0, 80)) +
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

}  // namespace

Status check_resource_id(std::string_view id) {
    if (auto ok = check_words(id, "resource id"); !ok) return ok;
    for (std::string_view reserved : k_site_folders)
        if (id == reserved)
            return fail(ErrorCode::invalid, "invalid resource id \"" + std::string(id) +
                                                "\": the published site uses that name for its own pages");
    return {};
}

Status check_token(std::string_view token) { return check_words(token, "token"); }

std::optional<Lang> parse_lang(std::string_view code) {
    if (code == "en") return Lang::en;
    if (code == "fr") return Lang::fr;
    return std::nullopt;
}

const char* lang_code(Lang lang) { return lang == Lang::en ? "en" : "fr"; }

Lang other_lang(Lang lang) { return lang == Lang::en ? Lang::fr : Lang::en; }

}  // namespace tandem
