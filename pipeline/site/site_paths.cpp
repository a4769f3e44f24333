#include "pipeline/site/site_paths.h"

#include <vector>

#include "cms/core/text.h"
#include "pipeline/site/site.h"

namespace tandem::site {

std::string resource_path(std::string_view id, Lang lang) { return "/" + detail::resource_dir(id, lang); }

}  // namespace tandem::site

namespace tandem::site::detail {

namespace {

std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (start <= path.size()) {
        auto slash = path.find('/', start);
        if (slash == std::string_view::npos) slash = path.size();
        parts.push_back(path.substr(start, slash - start));
        start = slash + 1;
    }
    return parts;  // "a/b/" gives {"a", "b", ""}: the last part is the file name
}

}  // namespace

std::string_view resources_segment(Lang lang) { return lang == Lang::fr ? "ressources" : "resources"; }

std::string_view filter_segment(std::string_view kind, Lang lang) {
    if (lang == Lang::fr) {
        if (kind == "topic") return "sujet";
        if (kind == "scope") return "portee";
    }
    return kind;
}

std::string home_dir(Lang lang) { return std::string(lang_code(lang)) + "/"; }

std::string list_dir(Lang lang) { return home_dir(lang) + std::string(resources_segment(lang)) + "/"; }

std::string resource_dir(std::string_view id, Lang lang) { return list_dir(lang) + std::string(id) + "/"; }

std::string filter_dir(std::string_view kind, std::string_view token, Lang lang) {
    return list_dir(lang) + std::string(filter_segment(kind, lang)) + "/" + std::string(token) + "/";
}

std::string relative_url(std::string_view from_dir, std::string_view to) {
    auto from = split_path(from_dir);
    from.pop_back();  // a folder: its last part is empty
    auto target = split_path(to);
    std::size_t common = 0;
    while (common < from.size() && common + 1 < target.size() && from[common] == target[common]) ++common;
    std::string out;
    for (std::size_t i = common; i < from.size(); ++i) out += "../";
    for (std::size_t i = common; i < target.size(); ++i) {
        out += target[i];
        if (i + 1 < target.size()) out += '/';
    }
    return out.empty() ? "./" : out;
}

std::string absolute_url(std::string_view site_url, std::string_view path) {
    std::string out(site_url);
    if (out.empty() || out.back() != '/') out += '/';
    while (!path.empty() && path.front() == '/') path.remove_prefix(1);
    out += path;
    return out;
}

std::string percent_encode(std::string_view text) {
    static constexpr char k_hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                          c == '.' || c == '_' || c == '~';
        if (unreserved) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += k_hex[c >> 4];
            out += k_hex[c & 15];
        }
    }
    return out;
}

namespace {

bool has_scheme(std::string_view href) {
    auto colon = href.find(':');
    return colon != std::string_view::npos && colon < href.find_first_of("/?#");
}

}  // namespace

bool is_relative_reference(std::string_view href) {
    return !href.empty() && !has_scheme(href) && href.front() != '/' && href.front() != '#' && href.front() != '?';
}

bool is_safe_href(std::string_view href) {
    for (unsigned char c : href)
        if (c <= 0x20 || c == 0x7f) return false;  // browsers strip these, which hides a scheme
    if (href.empty() || href.starts_with("//")) return false;  // protocol-relative: another host
    if (!has_scheme(href)) return true;
    return starts_with_ignoring_ascii_case(href, "http://") || starts_with_ignoring_ascii_case(href, "https://") ||
           starts_with_ignoring_ascii_case(href, "mailto:");
}

std::optional<std::string> rebase_href(std::string_view href, std::string_view from_dir, std::string_view to_dir) {
    auto suffix_at = href.find_first_of("?#");
    std::string_view suffix = suffix_at == std::string_view::npos ? std::string_view{} : href.substr(suffix_at);
    std::string_view path = href.substr(0, suffix_at == std::string_view::npos ? href.size() : suffix_at);
    auto resolved = split_path(from_dir);
    resolved.pop_back();
    auto parts = split_path(path);
    for (std::size_t i = 0; i < parts.size(); ++i) {
        bool last = i + 1 == parts.size();
        if (parts[i] == "..") {
            if (resolved.empty()) return std::nullopt;
            resolved.pop_back();
            if (last) resolved.push_back("");
        } else if (parts[i] == ".") {
            if (last) resolved.push_back("");
        } else {
            resolved.push_back(parts[i]);
        }
    }
    std::string target;
    for (std::size_t i = 0; i < resolved.size(); ++i) {
        target += resolved[i];
        if (i + 1 < resolved.size()) target += '/';
    }
    return relative_url(to_dir, target) + std::string(suffix);
}

}  // namespace tandem::site::detail
