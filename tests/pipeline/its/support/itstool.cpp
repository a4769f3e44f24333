#include "tests/pipeline/its/support/itstool.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace tandem::its::test {

bool itstool_available() {
    static const bool available = [] {
        return std::filesystem::exists("/usr/bin/itstool") && run("itstool --version").status == 0 &&
               run("msgfmt --version").status == 0 && run("xmllint --version 2>&1").status == 0;
    }();
    return available;
}

namespace {

// Reads a C-quoted PO string starting at `s[i]` == '"'.
std::string unquote(std::string_view s, std::size_t& i) {
    std::string out;
    ++i;
    while (i < s.size() && s[i] != '"') {
        char c = s[i++];
        if (c == '\\' && i < s.size()) {
            const char e = s[i++];
            switch (e) {
                case 'n': c = '\n'; break;
                case 't': c = '\t'; break;
                case 'r': c = '\r'; break;
                case '"': c = '"'; break;
                case '\\': c = '\\'; break;
                default: c = e;
            }
        }
        out += c;
    }
    ++i;
    return out;
}

std::string quote_po(std::string_view s) {
    std::string out = "\"";
    for (const char c : s) {
        switch (c) {
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            case '\r': out += "\\r"; break;
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            default: out += c;
        }
    }
    return out + "\"";
}

}  // namespace

std::vector<PoEntry> parse_po(std::string_view text) {
    std::vector<PoEntry> out;
    PoEntry cur;
    enum class Last { none, ctxt, id, str } last = Last::none;
    std::string* field = nullptr;
    bool any = false;
    auto flush = [&] {
        if (any && !(cur.msgid.empty() && !cur.msgctxt)) out.push_back(cur);
        cur = PoEntry();
        field = nullptr;
        last = Last::none;
        any = false;
    };
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t nl = text.find('\n', start);
        if (nl == std::string_view::npos) nl = text.size();
        const std::string_view line = text.substr(start, nl - start);
        start = nl + 1;
        if (line.empty()) continue;
        if (line.rfind("#.", 0) == 0) {
            if (field) flush();
            std::string_view c = line.substr(2);
            if (!c.empty() && c[0] == ' ') c.remove_prefix(1);
            cur.comments.emplace_back(c);
            any = true;
        } else if (line.rfind("#:", 0) == 0) {
            if (field) flush();
            std::istringstream refs{std::string(line.substr(2))};
            std::string ref;
            while (refs >> ref) cur.references.push_back(ref);
            any = true;
        } else if (line.rfind("#,", 0) == 0) {
            if (field) flush();
            std::string flags(line.substr(2));
            std::size_t p = 0;
            while (p < flags.size()) {
                std::size_t comma = flags.find(',', p);
                if (comma == std::string::npos) comma = flags.size();
                std::string f = flags.substr(p, comma - p);
                while (!f.empty() && f.front() == ' ') f.erase(0, 1);
                while (!f.empty() && f.back() == ' ') f.pop_back();
                if (!f.empty()) cur.flags.push_back(f);
                p = comma + 1;
            }
            any = true;
        } else if (line.rfind("#", 0) == 0) {
            continue;
        } else if (line.rfind("msgctxt ", 0) == 0) {
            if (field) flush();
            std::size_t i = 8;
            cur.msgctxt = unquote(line, i);
            field = &*cur.msgctxt;
            last = Last::ctxt;
            any = true;
        } else if (line.rfind("msgid ", 0) == 0) {
            if (last == Last::id || last == Last::str) flush();
            std::size_t i = 6;
            cur.msgid = unquote(line, i);
            field = &cur.msgid;
            last = Last::id;
            any = true;
        } else if (line.rfind("msgstr ", 0) == 0) {
            std::size_t i = 7;
            cur.msgstr = unquote(line, i);
            field = &cur.msgstr;
            last = Last::str;
        } else if (line[0] == '"' && field) {
            std::size_t i = 0;
            *field += unquote(line, i);
        }
    }
    flush();
    return out;
}

std::string write_po(const std::vector<PoEntry>& entries) {
    std::string out =
        "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
        "\"Content-Transfer-Encoding: 8bit\\n\"\n\"Language: fr\\n\"\n\n";
    for (const PoEntry& e : entries) {
        for (const std::string& c : e.comments) out += c.empty() ? "#.\n" : "#. " + c + "\n";
        for (const std::string& r : e.references) out += "#: " + r + "\n";
        if (!e.flags.empty()) {
            out += "#,";
            for (std::size_t i = 0; i < e.flags.size(); ++i) out += (i ? ", " : " ") + e.flags[i];
            out += "\n";
        }
        if (e.msgctxt) out += "msgctxt " + quote_po(*e.msgctxt) + "\n";
        out += "msgid " + quote_po(e.msgid) + "\n";
        out += "msgstr " + quote_po(e.msgstr) + "\n\n";
    }
    return out;
}

std::vector<PoEntry> from_segments(const std::vector<model::Segment>& segments) {
    std::vector<PoEntry> out;
    for (const model::Segment& s : segments)
        out.push_back(PoEntry{s.msgctxt, s.msgid, "", s.comments, s.references, s.flags});
    return out;
}

Output run(const std::string& command) {
    Output result;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) return result;
    char buf[65536];
    std::size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) result.out.append(buf, n);
    const int status = ::pclose(pipe);
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

std::string quote(std::string_view arg) {
    std::string out = "'";
    for (const char c : arg) {
        if (c == '\'') out += "'\\''";
        else out += c;
    }
    return out + "'";
}

std::filesystem::path fresh_dir(std::string_view name) {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("tandem-its-" + std::string(name) + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

std::string slurp(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

void spit(const std::filesystem::path& path, std::string_view bytes) {
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string canonical_xml(const std::filesystem::path& file) {
    const Output out = run("xmllint --c14n " + quote(file.string()) + " 2>/dev/null");
    return out.status == 0 ? out.out : std::string();
}

std::filesystem::path source_dir() { return TANDEM_SOURCE_DIR; }
std::filesystem::path data_dir() { return source_dir() / "tests/pipeline/its/data"; }

namespace {

std::string show(const PoEntry& e) {
    std::string out;
    for (const auto& c : e.comments) out += "  #. " + c + "\n";
    for (const auto& r : e.references) out += "  #: " + r + "\n";
    for (const auto& f : e.flags) out += "  #, " + f + "\n";
    if (e.msgctxt) out += "  msgctxt " + quote_po(*e.msgctxt) + "\n";
    out += "  msgid " + quote_po(e.msgid) + "\n";
    return out;
}

bool same(const PoEntry& a, const PoEntry& b) {
    return a.msgctxt == b.msgctxt && a.msgid == b.msgid && a.comments == b.comments && a.references == b.references &&
           a.flags == b.flags;
}

}  // namespace

std::string compare_entries(const std::vector<PoEntry>& expected, const std::vector<PoEntry>& actual) {
    std::string out;
    const std::size_t n = std::max(expected.size(), actual.size());
    for (std::size_t i = 0; i < n; ++i) {
        if (i < expected.size() && i < actual.size() && same(expected[i], actual[i])) continue;
        out += "entry " + std::to_string(i) + ":\n itstool:\n" + (i < expected.size() ? show(expected[i]) : "  (none)\n") +
               " tandem:\n" + (i < actual.size() ? show(actual[i]) : "  (none)\n");
        if (out.size() > 4000) break;
    }
    return out;
}

}  // namespace tandem::its::test
