// Header fields, with the semantics of libgettextpo's po_header_field and
// po_header_set_field (done here on std::string: no library state involved).

#include <cstddef>

#include "pipeline/po/catalog.h"

namespace tandem::po {

namespace {

struct FieldValue {
    std::size_t start = std::string::npos;  // first byte of the value
    std::size_t end = 0;                    // the newline after it, or the end
};

FieldValue find_field(std::string_view header, std::string_view key) {
    std::size_t line = 0;
    while (line <= header.size()) {
        if (header.compare(line, key.size(), key) == 0 && line + key.size() < header.size() &&
            header[line + key.size()] == ':') {
            FieldValue v;
            v.start = line + key.size() + 1;
            if (v.start < header.size() && header[v.start] == ' ') ++v.start;
            const std::size_t nl = header.find('\n', v.start);
            v.end = nl == std::string_view::npos ? header.size() : nl;
            return v;
        }
        const std::size_t nl = header.find('\n', line);
        if (nl == std::string_view::npos) break;
        line = nl + 1;
    }
    return {};
}

}  // namespace

std::optional<std::string> header_field(const Catalog& catalog, std::string_view key) {
    const FieldValue v = find_field(catalog.header, key);
    if (v.start == std::string::npos) return std::nullopt;
    return catalog.header.substr(v.start, v.end - v.start);
}

void set_header_field(Catalog& catalog, std::string_view key, std::string_view value) {
    catalog.has_header = true;
    const FieldValue v = find_field(catalog.header, key);
    if (v.start != std::string::npos) {
        catalog.header.replace(v.start, v.end - v.start, value);
        return;
    }
    if (!catalog.header.empty() && catalog.header.back() != '\n') catalog.header += '\n';
    catalog.header.append(key).append(": ").append(value).append("\n");
}

}  // namespace tandem::po
