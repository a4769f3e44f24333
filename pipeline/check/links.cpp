// link-target-changed: a translation may change where a link goes (a French
// page links to the French version), so the markup check lets an href
// change; a link to a site or a mail address the source never links to is
// what a reviewer must see, since nothing else in the page shows it.

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>

#include "cms/core/text.h"
#include "pipeline/check/checks.h"

namespace tandem::check {

namespace {

constexpr std::string_view k_wrapper_open = "<segment>";

// Where a link leads, as far as trust goes: the host of an absolute web link
// ("example.org"), the address of a mailto: link, nothing for a link within
// the site (relative, fragment, path from the root).
std::optional<std::string> destination(std::string_view href) {
    std::string out;
    if (starts_with_ignoring_ascii_case(href, "mailto:")) {
        out = std::string(href.substr(7, href.find('?') == std::string_view::npos ? std::string_view::npos : href.find('?') - 7));
    } else if (starts_with_ignoring_ascii_case(href, "http://") || starts_with_ignoring_ascii_case(href, "https://") ||
               href.starts_with("//")) {
        std::string_view rest = href.substr(href.find("//") + 2);
        rest = rest.substr(0, rest.find_first_of("/?#"));
        if (const auto at = rest.rfind('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
        out = std::string(rest);
    } else if (href.find(':') != std::string_view::npos && href.find(':') < href.find_first_of("/?#")) {
        out = std::string(href.substr(0, href.find(':') + 1));  // another scheme: the markup check's business
    } else {
        return std::nullopt;
    }
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

struct Link {
    std::string destination;
    std::size_t offset = 0;  // of the <a> in the segment
};

// The links of a segment that leave the site; nothing when it does not parse
// (the markup check says so).
std::vector<Link> outside_links(std::string_view segment) {
    std::string wrapped;
    wrapped.reserve(segment.size() + 2 * k_wrapper_open.size() + 1);
    wrapped.append(k_wrapper_open).append(segment).append("</segment>");
    pugi::xml_document doc;
    if (!doc.load_buffer(wrapped.data(), wrapped.size(), pugi::parse_default, pugi::encoding_utf8))
        return {};
    std::vector<Link> links;
    for (const pugi::xpath_node& node : doc.select_nodes("//a[@href]")) {
        const auto where = static_cast<std::size_t>(std::max<std::ptrdiff_t>(node.node().offset_debug(), 0));
        if (auto to = destination(node.node().attribute("href").value()))
            links.push_back({std::move(*to), where > k_wrapper_open.size() ? where - k_wrapper_open.size() - 1 : 0});
    }
    return links;
}

}  // namespace

std::vector<Issue> check_link_targets(const SegmentPair& pair) {
    std::set<std::string> ours;
    for (const Link& link : outside_links(pair.source)) ours.insert(link.destination);
    std::vector<Issue> issues;
    std::set<std::string> reported;
    for (const Link& link : outside_links(pair.translation)) {
        if (ours.count(link.destination) || !reported.insert(link.destination).second) continue;
        std::string sources;
        for (const std::string& destination : ours) sources += (sources.empty() ? "" : ", ") + destination;
        const PhraseValues values = {{"destination", link.destination}, {"sources", sources}};
        Phrase message =
            ours.empty() ? phrase("the translation links to {destination}, which the source does not link to", values)
                         : phrase("the translation links to {destination}, which the source does not link to (the "
                                  "source links to {sources})",
                                  values);
        issues.push_back(make_issue(k_link_target_changed, std::move(message), link.offset));
    }
    return issues;
}

}  // namespace tandem::check
