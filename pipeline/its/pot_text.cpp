// extract_pot_text: the template `itstool -i RULES DOC...` prints, for
// `tandem its extract`. The messages are the engine's (messages.cpp); this
// file is only itstool's layout (MessageList.output and Message.format),
// which is not gettext's: no line is ever wrapped, and the header is fixed.

#include <ctime>
#include <memory>

#include "pipeline/its/document.h"
#include "pipeline/its/its.h"
#include "pipeline/its/messages.h"
#include "pipeline/its/resolve.h"
#include "pipeline/its/rules.h"

namespace tandem::its {

namespace {

// Message.escape: only these four. Other control characters (a CR from
// "&#13;" in preserved text) go out as they are, as itstool writes them.
void append_escaped(std::string& out, std::string_view text) {
    for (const char c : text) {
        switch (c) {
            case '\\': out += "\\\\"; break;
            case '"': out += "\\\""; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            default: out += c;
        }
    }
}

bool preserved(const model::Segment& segment) {
    for (const std::string& flag : segment.flags)
        if (flag == "no-wrap") return true;
    return false;
}

void append_message(std::string& out, const FormattedMessage& message) {
    const model::Segment& s = message.segment;
    for (std::size_t i = 0; i < s.comments.size(); ++i) {
        // The line between two notes is a bare "#."; every other comment line,
        // an empty one too, is "#. " and its text.
        if (i < message.separators.size() && message.separators[i]) {
            out += "#.\n";
        } else {
            out += "#. ";
            out += s.comments[i];
            out += '\n';
        }
    }
    // One reference per line, never several on one.
    for (const std::string& reference : s.references) {
        out += "#: ";
        out += reference;
        out += '\n';
    }
    if (!s.flags.empty()) {
        out += "#,";
        for (std::size_t i = 0; i < s.flags.size(); ++i) {
            out += i == 0 ? " " : ", ";
            out += s.flags[i];
        }
        out += '\n';
    }
    // itstool writes the context unescaped: a quote, backslash or newline in
    // it (from a contextRule) makes a file gettext cannot read. Written the
    // same, since this command's promise is itstool's bytes.
    if (s.msgctxt) {
        out += "msgctxt \"";
        out += *s.msgctxt;
        out += "\"\n";
    }
    if (preserved(s)) {
        // One quoted line per line of the text, each but the last ending in
        // \n; the last is written even when empty ("").
        out += "msgid \"\"\n";
        std::size_t start = 0;
        while (true) {
            const std::size_t nl = s.msgid.find('\n', start);
            out += '"';
            append_escaped(out, std::string_view(s.msgid).substr(start, nl == std::string::npos ? std::string::npos : nl - start));
            if (nl == std::string::npos) {
                out += "\"\n";
                break;
            }
            out += "\\n\"\n";
            start = nl + 1;
        }
    } else {
        out += "msgid \"";
        append_escaped(out, s.msgid);
        out += "\"\n";
    }
    out += "msgstr \"\"\n";
}

std::string write_pot_text(std::span<const FormattedMessage> messages, std::string_view creation_date) {
    std::string out =
        "msgid \"\"\n"
        "msgstr \"\"\n"
        "\"Project-Id-Version: PACKAGE VERSION\\n\"\n"
        "\"POT-Creation-Date: ";
    out += creation_date;
    out +=
        "\\n\"\n"
        "\"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\\n\"\n"
        "\"Last-Translator: FULL NAME <EMAIL@ADDRESS>\\n\"\n"
        "\"Language-Team: LANGUAGE <LL@li.org>\\n\"\n"
        "\"MIME-Version: 1.0\\n\"\n"
        "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
        "\"Content-Transfer-Encoding: 8bit\\n\"\n"
        "\n";
    // Every message, the last one too, is followed by an empty line.
    for (const FormattedMessage& message : messages) {
        append_message(out, message);
        out += '\n';
    }
    return out;
}

}  // namespace

Result<std::string> extract_pot_text(std::span<const TemplateDocument> documents, const Rules& rules,
                                     std::string_view creation_date) {
    // itstool keeps one message list for all its documents and writes it at
    // the end, so every document is kept until the messages are merged.
    std::vector<std::unique_ptr<Document>> docs;
    std::vector<MessageList> lists;
    docs.reserve(documents.size());
    lists.reserve(documents.size());
    for (const TemplateDocument& d : documents) {
        auto failed = [&](Error e) -> Result<std::string> {
            if (e.where.file.empty()) e.where.file = std::string(d.reference_path);
            return tl::unexpected(std::move(e));
        };
        auto doc = load_document(d.xml, d.reference_path, rules.set().namespaces, d.options.syntax);
        if (!doc) return failed(doc.error());
        auto facts = resolve_rules(**doc, rules.set());
        if (!facts) return failed(facts.error());
        lists.push_back(generate_messages(**doc, *facts, d.reference_path, WithComments::yes, d.options));
        docs.push_back(std::move(*doc));
    }
    std::vector<DocumentMessages> all;
    all.reserve(documents.size());
    for (std::size_t i = 0; i < documents.size(); ++i) all.push_back({&lists[i], docs[i].get(), documents[i].reference_path});
    return write_pot_text(format_messages(all), creation_date);
}

std::string pot_creation_date(std::chrono::system_clock::time_point when) {
    // itstool prints local time with its offset (time.strftime); Tandem
    // prints UTC, the same text where TZ is UTC.
    const std::time_t t = std::chrono::system_clock::to_time_t(when);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char buf[32];
    const std::size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M+0000", &utc);
    return std::string(buf, n);
}

}  // namespace tandem::its
