#include "cms/core/word_diff.h"

namespace tandem {

namespace {

// Words keep their trailing whitespace so the pieces join back into the text;
// a tag (<em>, </a>, <_:span-1/>) is one word.
std::vector<std::string> words_of(std::string_view text) {
    std::vector<std::string> words;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t j = i;
        if (text[i] == '<') {
            const auto close = text.find('>', i);
            j = close == std::string_view::npos ? text.size() : close + 1;
        } else {
            while (j < text.size() && text[j] != ' ' && text[j] != '\n' && text[j] != '\t' && text[j] != '<') ++j;
        }
        while (j < text.size() && (text[j] == ' ' || text[j] == '\n' || text[j] == '\t')) ++j;
        if (j == i) ++j;
        words.emplace_back(text.substr(i, j - i));
        i = j;
    }
    return words;
}

std::string trimmed(const std::string& word) {
    auto end = word.find_last_not_of(" \n\t");
    return end == std::string::npos ? std::string() : word.substr(0, end + 1);
}

void push(std::vector<DiffPiece>& out, DiffOp op, const std::string& text) {
    if (!out.empty() && out.back().op == op) {
        out.back().text += text;
    } else {
        out.push_back({op, text});
    }
}

}  // namespace

std::vector<DiffPiece> word_diff(std::string_view before, std::string_view after) {
    const auto a = words_of(before), b = words_of(after);
    const std::size_t n = a.size(), m = b.size();
    // Segments are short (tens of words): the quadratic table is fine.
    std::vector<std::vector<unsigned>> lcs(n + 1, std::vector<unsigned>(m + 1, 0));
    for (std::size_t i = n; i-- > 0;)
        for (std::size_t j = m; j-- > 0;)
            lcs[i][j] = trimmed(a[i]) == trimmed(b[j]) ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    std::vector<DiffPiece> out;
    std::size_t i = 0, j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && trimmed(a[i]) == trimmed(b[j])) {
            push(out, DiffOp::equal, b[j]);
            ++i, ++j;
        } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
            push(out, DiffOp::removed, a[i++]);  // removals first: "[-old-]{+new+}" reads naturally
        } else {
            push(out, DiffOp::added, b[j++]);
        }
    }
    return out;
}

const char* diff_op_name(DiffOp op) {
    switch (op) {
        case DiffOp::equal: return "equal";
        case DiffOp::removed: return "removed";
        case DiffOp::added: return "added";
    }
    return "equal";
}

}  // namespace tandem
