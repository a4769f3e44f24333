#pragma once
// How the command line prints: errors (text or JSON on stderr), tables, times.

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "cms/core/result.h"
#include "cms/model/outline.h"
#include "cms/store/store.h"

namespace tandem::cli {

// Prints the error on stderr ("tandem: file:line:col: message", or a JSON
// object {"error":{"code","message","file","line","column"}} with --json)
// and returns its exit code.
int report(const Error& error, bool json);

// A plain text table with aligned columns (widths counted in characters).
class Table {
public:
    explicit Table(std::vector<std::string> header) : m_rows{std::move(header)} {}
    void add(std::vector<std::string> row) { m_rows.push_back(std::move(row)); }
    void print(std::ostream& out) const;

private:
    std::vector<std::vector<std::string>> m_rows;
};

// "2026-11-28 13:55:51 UTC"
std::string format_time(long long seconds);

// A number and its noun, agreeing as English does: "1 resource", "0 resources",
// "2 resources". The command line speaks English only; the web app says
// counted things through its own catalogs.
std::string format_count(std::size_t count, std::string_view singular, std::string_view plural);

void print_outline_diff(std::ostream& out, const model::OutlineDiff& diff);

// Prints a commit's revision (or {"revision","changed"} with --json), or the
// error; returns the exit code.
int print_commit(const Result<store::CommitResult>& result, bool json);

// Reads a file, or standard input for "-".
Result<std::string> read_input(const std::string& file);

}  // namespace tandem::cli
