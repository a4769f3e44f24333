#include "cms/cli/output.h"

#include <nlohmann/json.hpp>

#include <ctime>
#include <iostream>
#include <iterator>

#include "cms/core/text.h"

namespace tandem::cli {

namespace {

std::size_t display_width(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

}  // namespace

int report(const Error& error, bool json) {
    if (json) {
        nlohmann::json e{{"code", code_name(error.code)}, {"message", error.message}};
        if (!error.where.file.empty()) e["file"] = error.where.file;
        if (error.where.line > 0) e["line"] = error.where.line;
        if (error.where.column > 0) e["column"] = error.where.column;
        std::cerr << nlohmann::json{{"error", e}}.dump() << "\n";
    } else {
        std::cerr << "tandem: " << describe(error) << "\n";
    }
    return exit_code(error.code);
}

void Table::print(std::ostream& out) const {
    std::vector<std::size_t> widths;
    for (const auto& row : m_rows)
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (widths.size() <= i) widths.push_back(0);
            widths[i] = std::max(widths[i], display_width(row[i]));
        }
    for (const auto& row : m_rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            out << row[i];
            if (i + 1 < row.size()) out << std::string(widths[i] - display_width(row[i]) + 2, ' ');
        }
        out << "\n";
    }
}

std::string format_time(long long seconds) {
    const std::time_t t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", &tm);
    return buf;
}

std::string format_count(std::size_t count, std::string_view singular, std::string_view plural) {
    return std::to_string(count) + " " + std::string(count == 1 ? singular : plural);
}

void print_outline_diff(std::ostream& out, const model::OutlineDiff& diff) {
    if (diff.empty()) {
        out << "No change in the document's text.\n";
        return;
    }
    for (const auto& s : diff.sections)
        out << "section " << (s.section.empty() ? "(head)" : s.section) << ": " << model::change_kind_name(s.kind) << "\n";
    for (const auto& b : diff.blocks) {
        out << "  " << model::change_kind_name(b.kind) << " " << b.block_kind << " in "
            << (b.section.empty() ? "(head)" : b.section) << "\n";
        if (!b.before.empty()) out << "    - " << b.before << "\n";
        if (!b.after.empty()) out << "    + " << b.after << "\n";
    }
    out << "\n";
}

int print_commit(const Result<store::CommitResult>& result, bool json) {
    if (!result) return report(result.error(), json);
    if (json) {
        std::cout << nlohmann::json{{"revision", result->revision}, {"changed", result->changed}}.dump(2) << "\n";
    } else {
        std::cout << result->revision << (result->changed ? "" : " (unchanged)") << "\n";
    }
    return 0;
}

Result<std::string> read_input(const std::string& file) {
    if (file != "-") return read_file(file);
    return std::string((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
}

}  // namespace tandem::cli
