// The state file: fields one after the other, a number as decimal digits and
// a string as its length, ':' and its bytes, each ending in '\n'. No quoting
// rules and no parser library: 20,000 page summaries read in a few
// milliseconds, which is what an incremental publish can afford.

#include "cms/workflow/publish_state.h"

#include <charconv>

namespace tandem::workflow {

namespace {

// 2: page summaries carry the resources each page links to.
constexpr std::string_view k_magic = "tandem-site-state 2\n";

class Writer {
public:
    void number(std::int64_t value) { m_out += std::to_string(value) + '\n'; }
    void text(std::string_view value) {
        m_out += std::to_string(value.size());
        m_out += ':';
        m_out += value;
        m_out += '\n';
    }
    void optional_text(const std::optional<std::string>& value) {
        number(value ? 1 : 0);
        if (value) text(*value);
    }
    void optional_number(const std::optional<int>& value) {
        number(value ? 1 : 0);
        if (value) number(*value);
    }
    std::string take() { return std::move(m_out); }

private:
    std::string m_out{k_magic};
};

class Reader {
public:
    explicit Reader(std::string_view bytes) : m_bytes(bytes) {}
    bool ok() const { return m_ok; }
    std::int64_t number() { return digits('\n'); }
    std::string text() {
        const auto size = digits(':');
        if (!m_ok || size < 0 || static_cast<std::size_t>(size) + 1 > m_bytes.size() - m_at) return bad(), std::string();
        std::string value(m_bytes.substr(m_at, static_cast<std::size_t>(size)));
        m_at += static_cast<std::size_t>(size);
        if (m_bytes[m_at] != '\n') return bad(), std::string();
        ++m_at;
        return value;
    }
    std::optional<std::string> optional_text() {
        if (number() == 0) return std::nullopt;
        return text();
    }
    std::optional<int> optional_number() {
        if (number() == 0) return std::nullopt;
        return static_cast<int>(number());
    }
    // Decimal digits up to `terminator`, which is consumed.
    std::int64_t digits(char terminator) {
        std::int64_t value = 0;
        const auto* first = m_bytes.data() + m_at;
        const auto* last = m_bytes.data() + m_bytes.size();
        auto [end, ec] = std::from_chars(first, last, value);
        if (ec != std::errc() || end == last || *end != terminator) return bad();
        m_at = static_cast<std::size_t>(end - m_bytes.data()) + 1;
        return value;
    }
    std::int64_t bad() {
        m_ok = false;
        m_at = m_bytes.size();
        return 0;
    }
    bool expect(std::string_view literal) {
        if (m_bytes.substr(m_at, literal.size()) != literal) return bad(), false;
        m_at += literal.size();
        return true;
    }
    bool at_end() const { return m_at == m_bytes.size(); }

private:
    std::string_view m_bytes;
    std::size_t m_at = 0;
    bool m_ok = true;
};

Lang lang_of(std::int64_t value) { return value == 1 ? Lang::fr : Lang::en; }
std::int64_t lang_number(Lang lang) { return lang == Lang::fr ? 1 : 0; }

void write_summary(Writer& w, const site::PageSummary& p) {
    w.text(p.id);
    w.number(lang_number(p.lang));
    w.number(lang_number(p.source_lang));
    w.text(p.title);
    w.text(p.summary);
    w.text(p.type);
    w.number(static_cast<std::int64_t>(p.topics.size()));
    for (const auto& t : p.topics) w.text(t);
    w.optional_text(p.scope);
    w.text(p.audience);
    w.optional_text(p.date);
    w.optional_number(p.pages);
    w.number(static_cast<std::int64_t>(p.files.size()));
    for (const auto& f : p.files) {
        w.text(f.href);
        w.number(lang_number(f.lang));
        w.text(f.format);
        w.optional_number(f.pages);
    }
    w.number(p.translated ? 1 : 0);
    w.number(p.published);
    w.number(p.updated);
    w.number(static_cast<std::int64_t>(p.links.size()));
    for (const auto& id : p.links) w.text(id);
}

site::PageSummary read_summary(Reader& r) {
    site::PageSummary p;
    p.id = r.text();
    p.lang = lang_of(r.number());
    p.source_lang = lang_of(r.number());
    p.title = r.text();
    p.summary = r.text();
    p.type = r.text();
    for (auto n = r.number(); r.ok() && n > 0; --n) p.topics.push_back(r.text());
    p.scope = r.optional_text();
    p.audience = r.text();
    p.date = r.optional_text();
    p.pages = r.optional_number();
    for (auto n = r.number(); r.ok() && n > 0; --n) {
        site::PageSummary::File f;
        f.href = r.text();
        f.lang = lang_of(r.number());
        f.format = r.text();
        f.pages = r.optional_number();
        p.files.push_back(std::move(f));
    }
    p.translated = r.number() == 1;
    p.published = r.number();
    p.updated = r.number();
    for (auto n = r.number(); r.ok() && n > 0; --n) p.links.push_back(r.text());
    return p;
}

}  // namespace

std::string write_state(const SiteState& state) {
    Writer w;
    w.number(state.number);
    w.number(state.previous_generation);
    w.text(state.revision);
    w.text(state.fingerprint);
    w.number(static_cast<std::int64_t>(state.resources.size()));
    for (const auto& r : state.resources) {
        w.text(r.id);
        w.text(r.tree);
        w.number(static_cast<std::int64_t>(r.files.size()));
        for (const auto& f : r.files) w.text(f);
        w.number(static_cast<std::int64_t>(r.pages.size()));
        for (const auto& p : r.pages) write_summary(w, p);
    }
    w.number(static_cast<std::int64_t>(state.history.size()));
    for (const auto& [id, h] : state.history) {
        w.text(id);
        w.number(h.first);
        w.number(h.last);
        w.number(h.unilingual ? 1 : 0);
    }
    w.text("end");
    return w.take();
}

Result<SiteState> read_state(std::string_view bytes) {
    Reader r(bytes);
    SiteState state;
    if (r.expect(k_magic)) {
        state.number = static_cast<int>(r.number());
        state.previous_generation = static_cast<int>(r.number());
        state.revision = r.text();
        state.fingerprint = r.text();
        for (auto n = r.number(); r.ok() && n > 0; --n) {
            PublishedResource resource;
            resource.id = r.text();
            resource.tree = r.text();
            for (auto m = r.number(); r.ok() && m > 0; --m) resource.files.push_back(r.text());
            for (auto m = r.number(); r.ok() && m > 0; --m) resource.pages.push_back(read_summary(r));
            state.resources.push_back(std::move(resource));
        }
        for (auto n = r.number(); r.ok() && n > 0; --n) {
            std::string id = r.text();
            ReleaseHistory h;
            h.first = r.number();
            h.last = r.number();
            h.unilingual = r.number() == 1;
            state.history.emplace(std::move(id), h);
        }
        if (r.text() != "end" || !r.at_end()) r.bad();
    }
    if (!r.ok()) return fail(ErrorCode::corrupt, "not a site state this version of Tandem writes");
    return state;
}

}  // namespace tandem::workflow
