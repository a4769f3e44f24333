#include "tests/pipeline/tm/support/corpus_segments.h"

#include <algorithm>
#include <cctype>

namespace tandem::tm::test_support {

namespace {

std::string collapse(std::string_view text) {
    std::string out;
    for (const char c : text) {
        const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
        if (space) {
            if (!out.empty() && out.back() != ' ') out += ' ';
        } else {
            out += c;
        }
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

}  // namespace

std::vector<std::string> corpus_segments(std::string_view xml, Elements elements) {
    static constexpr std::string_view k_all[] = {"p", "li", "h", "title"};
    const std::size_t names = elements == Elements::all ? 4 : 1;
    std::vector<std::string> out;
    std::size_t at = 0;
    while ((at = xml.find('<', at)) != std::string_view::npos) {
        const std::size_t name_begin = at + 1;
        std::size_t name_end = name_begin;
        while (name_end < xml.size() &&
               (std::isalnum(static_cast<unsigned char>(xml[name_end])) || xml[name_end] == ':'))
            ++name_end;
        const std::string_view name = xml.substr(name_begin, name_end - name_begin);
        if (std::find(k_all, k_all + names, name) == k_all + names) {
            at = name_begin;
            continue;
        }
        const std::size_t open_end = xml.find('>', name_end);
        if (open_end == std::string_view::npos) break;
        if (xml[open_end - 1] == '/') {  // <p/>: no content
            at = open_end + 1;
            continue;
        }
        const std::string close = "</" + std::string(name) + ">";
        const std::size_t close_at = xml.find(close, open_end);
        if (close_at == std::string_view::npos) break;
        out.push_back(collapse(xml.substr(open_end + 1, close_at - open_end - 1)));
        at = close_at + close.size();
    }
    return out;
}

}  // namespace tandem::tm::test_support
