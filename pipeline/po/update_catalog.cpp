// make_template and update_catalog: msgmerge --previous, as plain functions
// over values.

#include <algorithm>
#include <array>
#include <map>
#include <tuple>
#include <unordered_map>

#include "pipeline/po/catalog.h"
#include "pipeline/po/fuzzy_index.h"

namespace tandem::po {

namespace {

struct Key {
    bool has_msgctxt;
    std::string_view msgctxt;
    std::string_view msgid;
    bool operator==(const Key&) const = default;
};

struct KeyHash {
    std::size_t operator()(const Key& k) const {
        const std::size_t a = std::hash<std::string_view>{}(k.msgctxt);
        const std::size_t b = std::hash<std::string_view>{}(k.msgid);
        return a * 31 + b + (k.has_msgctxt ? 0x9e3779b97f4a7c15ULL : 0);
    }
};

Key key_of(const std::optional<std::string>& msgctxt, const std::string& msgid) {
    return Key{msgctxt.has_value(), msgctxt ? std::string_view(*msgctxt) : std::string_view(), msgid};
}

template <class T>
void append_new(std::vector<T>& into, const std::vector<T>& from) {
    for (const T& item : from)
        if (std::find(into.begin(), into.end(), item) == into.end()) into.push_back(item);
}

// One untranslated message per distinct (msgctxt, msgid), in first-seen order;
// a repeated segment adds its references, comments and flags, as xgettext and
// itstool do for a string that occurs twice.
std::vector<Message> template_messages(std::span<const model::Segment> segments) {
    std::vector<Message> messages;
    std::unordered_map<Key, std::size_t, KeyHash> seen;
    messages.reserve(segments.size());
    for (const model::Segment& segment : segments) {
        if (segment.msgid.empty() && !segment.msgctxt) continue;  // that would be the header
        const auto found = seen.find(key_of(segment.msgctxt, segment.msgid));
        if (found != seen.end()) {
            Message& m = messages[found->second];
            append_new(m.references, segment.references);
            append_new(m.extracted_comments, segment.comments);
            append_new(m.flags, segment.flags);
            continue;
        }
        Message m;
        m.msgctxt = segment.msgctxt;
        m.msgid = segment.msgid;
        m.extracted_comments = segment.comments;
        append_new(m.references, segment.references);
        m.flags = segment.flags;
        messages.push_back(std::move(m));
        // Keys view the strings of `segments`, which outlive this loop.
        seen.emplace(key_of(segment.msgctxt, segment.msgid), messages.size() - 1);
    }
    return messages;
}

// "range: 1..3" -> {1, 3}
std::optional<std::pair<long, long>> range_of(const Message& m) {
    for (const std::string& flag : m.flags) {
        if (flag.rfind("range:", 0) != 0) continue;
        const std::size_t dots = flag.find("..");
        if (dots == std::string::npos) continue;
        try {
            return std::pair<long, long>{std::stol(flag.substr(6, dots - 6)), std::stol(flag.substr(dots + 2))};
        } catch (...) {
            continue;
        }
    }
    return std::nullopt;
}

const std::string& first_msgstr(const Message& m) {
    static const std::string empty;
    if (m.msgid_plural) return m.msgstr_plural.empty() ? empty : m.msgstr_plural.front();
    return m.msgstr;
}

// msgmerge's message_merge for a singular new message: the new message's own
// fields, the old one's translation, translator comments and fuzzy mark.
Message merge(const Message& old, const Message& fresh, bool force_fuzzy) {
    Message m = fresh;
    m.msgstr = first_msgstr(old);
    m.translator_comments = old.translator_comments;
    m.fuzzy = old.fuzzy || force_fuzzy;
    // An old plural message now singular keeps its first form, for review.
    if (old.msgid_plural) m.fuzzy = true;
    // An old translation that relied on a numeric range the new message no
    // longer promises needs review too.
    if (!m.fuzzy) {
        if (const auto old_range = range_of(old)) {
            const auto new_range = range_of(fresh);
            if (!new_range || new_range->first < old_range->first || new_range->second > old_range->second)
                m.fuzzy = true;
        }
    }
    // The msgid that led to this translation: the old msgid, or for an old fuzzy
    // message the msgid its translation was made for.
    if (old.fuzzy) {
        m.previous_msgctxt = old.previous_msgctxt;
        m.previous_msgid = old.previous_msgid;
        m.previous_msgid_plural = old.previous_msgid_plural;
    } else {
        m.previous_msgctxt = old.msgctxt;
        m.previous_msgid = old.msgid;
        m.previous_msgid_plural = old.msgid_plural;
    }
    m.obsolete = false;
    m.line = 0;
    return m;
}

// msgmerge rewrites the header it keeps: the fields it knows first, in its
// order and spelling, then the others as they were; and a Language field,
// guessed from Language-Team, when there is none.
constexpr std::array<std::string_view, 10> k_known_fields = {"Project-Id-Version:", "Report-Msgid-Bugs-To:",
                                                             "POT-Creation-Date:",  "PO-Revision-Date:",
                                                             "Last-Translator:",    "Language-Team:",
                                                             "Language:",           "MIME-Version:",
                                                             "Content-Type:",       "Content-Transfer-Encoding:"};
constexpr std::size_t k_language_team = 5;
constexpr std::size_t k_language = 6;

// English language names as Language-Team gives them (a subset of gettext's table).
constexpr std::array<std::pair<std::string_view, std::string_view>, 42> k_languages = {{
    {"Afrikaans", "af"}, {"Arabic", "ar"},    {"Basque", "eu"},     {"Belarusian", "be"}, {"Bulgarian", "bg"},
    {"Catalan", "ca"},   {"Chinese", "zh"},   {"Croatian", "hr"},   {"Czech", "cs"},      {"Danish", "da"},
    {"Dutch", "nl"},     {"English", "en"},   {"Esperanto", "eo"},  {"Estonian", "et"},   {"Finnish", "fi"},
    {"French", "fr"},    {"Galician", "gl"},  {"German", "de"},     {"Greek", "el"},      {"Hebrew", "he"},
    {"Hindi", "hi"},     {"Hungarian", "hu"}, {"Indonesian", "id"}, {"Irish", "ga"},      {"Italian", "it"},
    {"Japanese", "ja"},  {"Korean", "ko"},    {"Latvian", "lv"},    {"Lithuanian", "lt"}, {"Malay", "ms"},
    {"Persian", "fa"},   {"Polish", "pl"},    {"Portuguese", "pt"}, {"Romanian", "ro"},   {"Russian", "ru"},
    {"Serbian", "sr"},   {"Slovak", "sk"},    {"Slovenian", "sl"},  {"Spanish", "es"},    {"Swedish", "sv"},
    {"Turkish", "tr"},   {"Ukrainian", "uk"},
}};

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        char a = text[i], b = prefix[i];
        if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
        if (b >= 'A' && b <= 'Z') b = static_cast<char>(b - 'A' + 'a');
        if (a != b) return false;
    }
    return true;
}

std::string language_from_team(std::string_view team) {
    // `team` is the field's value with its newline, as msgmerge sees it.
    while (!team.empty() && (team.front() == ' ' || team.front() == '\t')) team.remove_prefix(1);
    while (!team.empty() && (team.back() == ' ' || team.back() == '\t')) team.remove_suffix(1);
    std::size_t i = team.size();
    while (i > 0 && team[i - 1] != ' ' && team[i - 1] != '\t') --i;
    if (i < team.size() && (team[i] == '<' || team.back() == '>' || team.find('@') != std::string_view::npos ||
                            team.find('/') != std::string_view::npos)) {
        while (i > 0 && (team[i - 1] == ' ' || team[i - 1] == '\t')) --i;
        team = team.substr(0, i);
    }
    for (const auto& [name, code] : k_languages)
        if (name == team) {
            std::string value(1, ' ');
            value.append(code).push_back('\n');
            return value;
        }
    return " \n";
}

std::string merge_header(std::string_view header) {
    std::array<std::optional<std::string>, k_known_fields.size()> known;
    std::string unknown;
    while (!header.empty()) {
        const std::size_t nl = header.find('\n');
        std::string line(header.substr(0, nl));
        line += '\n';
        header.remove_prefix(nl == std::string_view::npos ? header.size() : nl + 1);
        std::size_t field = 0;
        while (field < k_known_fields.size() && !starts_with_ignoring_case(line, k_known_fields[field])) ++field;
        if (field < k_known_fields.size())
            known[field] = line.substr(k_known_fields[field].size());
        else
            unknown += line;
    }
    if (!known[k_language] && known[k_language_team]) known[k_language] = language_from_team(*known[k_language_team]);
    std::string merged;
    for (std::size_t field = 0; field < k_known_fields.size(); ++field)
        if (known[field]) merged.append(k_known_fields[field]).append(*known[field]);
    return merged + unknown;
}

}  // namespace

Catalog make_template(std::span<const model::Segment> segments, std::string_view project) {
    Catalog catalog;
    catalog.has_header = true;
    catalog.header = "Project-Id-Version: " + std::string(project) +
                     "\n"
                     "MIME-Version: 1.0\n"
                     "Content-Type: text/plain; charset=UTF-8\n"
                     "Content-Transfer-Encoding: 8bit\n";
    catalog.messages = template_messages(segments);
    return catalog;
}

Catalog update_catalog(const Catalog& old, std::span<const model::Segment> segments) {
    Catalog result;
    result.has_header = old.has_header;
    if (old.has_header) {
        result.header = merge_header(old.header);
        result.header_comments = old.header_comments;
        result.header_fuzzy = old.header_fuzzy;
    }

    // Exact matches first (obsolete messages included: they come back to life),
    // then one fuzzy search for the messages left over, against every old
    // translated message (one already matched exactly may serve again, as in
    // msgmerge).
    std::unordered_map<Key, std::size_t, KeyHash> exact;
    exact.reserve(old.messages.size());
    for (std::size_t i = 0; i < old.messages.size(); ++i)
        exact.emplace(key_of(old.messages[i].msgctxt, old.messages[i].msgid), i);

    const std::vector<Message> fresh = template_messages(segments);
    constexpr std::size_t k_none = static_cast<std::size_t>(-1);
    std::vector<std::size_t> exact_match(fresh.size(), k_none);
    std::vector<detail::FuzzyQuery> queries;
    std::vector<std::size_t> queried;  // the fresh message of each query
    for (std::size_t k = 0; k < fresh.size(); ++k) {
        if (const auto found = exact.find(key_of(fresh[k].msgctxt, fresh[k].msgid)); found != exact.end()) {
            exact_match[k] = found->second;
        } else {
            queries.push_back(detail::FuzzyQuery{&fresh[k].msgctxt, fresh[k].msgid});
            queried.push_back(k);
        }
    }
    std::vector<std::size_t> fuzzy_match(fresh.size(), k_none);
    const auto similar = detail::find_fuzzy_matches(old.messages, queries);
    for (std::size_t q = 0; q < queries.size(); ++q)
        if (similar[q]) fuzzy_match[queried[q]] = *similar[q];

    std::vector<bool> used(old.messages.size(), false);
    result.messages.reserve(fresh.size() + old.messages.size());
    for (std::size_t k = 0; k < fresh.size(); ++k) {
        if (exact_match[k] != k_none) {
            result.messages.push_back(merge(old.messages[exact_match[k]], fresh[k], false));
            used[exact_match[k]] = true;
        } else if (fuzzy_match[k] != k_none) {
            result.messages.push_back(merge(old.messages[fuzzy_match[k]], fresh[k], true));
            used[fuzzy_match[k]] = true;
        } else {
            result.messages.push_back(fresh[k]);
        }
    }

    // The previous msgid only means something on a fuzzy translation.
    for (Message& m : result.messages)
        if (!m.fuzzy || first_msgstr(m).empty()) {
            m.previous_msgctxt.reset();
            m.previous_msgid.reset();
            m.previous_msgid_plural.reset();
        }

    // What no segment used stays, obsolete, in its old order; msgmerge keeps an
    // untranslated one too, but gettext never writes it, so it is left out here.
    for (std::size_t i = 0; i < old.messages.size(); ++i) {
        if (used[i] || first_msgstr(old.messages[i]).empty()) continue;
        Message m = old.messages[i];
        m.extracted_comments.clear();
        m.references.clear();
        m.obsolete = true;
        m.line = 0;
        result.messages.push_back(std::move(m));
    }
    return result;
}

}  // namespace tandem::po
