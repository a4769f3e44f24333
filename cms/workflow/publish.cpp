#include "cms/workflow/publish.h"

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <future>
#include <fstream>
#include <map>
#include <cstdio>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "cms/core/text.h"
#include "cms/workflow/catalogs.h"
#include "cms/workflow/publish_state.h"
#include "cms/workflow/site_generation.h"
#include "pipeline/po/catalog.h"

namespace fs = std::filesystem;

namespace tandem::workflow {

namespace {

constexpr std::string_view k_tag_prefix = "published/";
constexpr std::string_view k_unilingual_trailer = "\nUnilingual: yes\n";
constexpr std::string_view k_published_by = "Published-by: ";
constexpr std::string_view k_site_url = "Site-URL: ";
// Bumped whenever the renderer's output for the same input changes, so a
// newer Tandem never reuses pages an older one rendered.
// 2: pages link only to what the release publishes.
constexpr std::string_view k_render_version = "tandem-site-render 2";
constexpr Lang k_langs[] = {Lang::en, Lang::fr};

// The files every generation must have besides its resource pages.
constexpr const char* k_required_files[] = {"index.html",           "robots.txt",           "sitemap.xml",
                                            "feeds/resources.atom", "feeds/resources.json", "en/feed.atom",
                                            "fr/feed.atom",         "en/index.html",        "fr/index.html"};

// FNV-1a, 64 bits: a cache key for "was this rendered from the same
// templates and settings", not a security boundary.
class Fingerprint {
public:
    void add(std::string_view bytes) {
        for (unsigned char c : bytes) m_hash = (m_hash ^ c) * 1099511628211ULL;
        m_hash = (m_hash ^ 0xff) * 1099511628211ULL;  // field separator: ("ab","c") differs from ("a","bc")
    }
    std::string hex() const {
        char buf[17];
        std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(m_hash));
        return buf;
    }

private:
    std::uint64_t m_hash = 14695981039346656037ULL;
};

std::optional<int> publication_number(std::string_view tag) {
    if (tag.substr(0, k_tag_prefix.size()) != k_tag_prefix) return std::nullopt;
    const auto digits = tag.substr(k_tag_prefix.size());
    int n = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (ec != std::errc() || end != digits.data() + digits.size() || n <= 0) return std::nullopt;
    return n;
}

std::string tag_name(int number) { return std::string(k_tag_prefix) + std::to_string(number); }

// "/en/resources/<id>/" → "en/resources/<id>/"
std::string page_dir(std::string_view id, Lang lang) { return site::resource_path(id, lang).substr(1); }

std::string settings_key(const SiteTheme& theme, const site::SiteSettings& settings) {
    Fingerprint f;
    for (std::string_view part : {k_render_version, std::string_view(TANDEM_VERSION), std::string_view(theme.fingerprint),
                                  std::string_view(settings.site_url), std::string_view(settings.tag_authority),
                                  std::string_view(settings.home_resource)})
        f.add(part);
    return f.hex();
}

// Walks the release's first-parent line: who was approved first and last,
// and whether the latest approval was unilingual. Only the commits since
// the live generation's are read when its revision is on the line.
Result<std::map<std::string, ReleaseHistory>> release_history(const Context& ctx, const store::Revision& revision,
                                                              const SiteState* live) {
    auto line = store::first_parent_line(ctx.store, revision,
                                         live ? std::optional<store::Revision>(live->revision) : std::nullopt);
    if (!line) return tl::unexpected(line.error());
    std::map<std::string, ReleaseHistory> history;
    if (live && line->reached_since) history = live->history;
    for (const auto& c : line->commits)
        for (const auto& id : c.resources) {
            auto [it, fresh] = history.try_emplace(id, ReleaseHistory{c.commit.time, c.commit.time, false});
            it->second.last = c.commit.time;
            it->second.unilingual = c.commit.message.find(k_unilingual_trailer) != std::string::npos;
        }
    return history;
}

Result<std::optional<SiteState>> read_live_state(const SiteLayout& layout, const std::optional<int>& live,
                                                 const std::string& fingerprint) {
    if (!live) return std::optional<SiteState>();
    auto bytes = read_file(layout.state(*live));
    if (!bytes) return std::optional<SiteState>();  // a cache: without it, everything is rendered
    auto state = read_state(*bytes);
    if (!state || state->fingerprint != fingerprint) return std::optional<SiteState>();
    return std::optional<SiteState>(std::move(*state));
}

const store::FolderFile* find_file(const std::vector<store::FolderFile>& files, std::string_view name) {
    for (const auto& f : files)
        if (f.name == name) return &f;
    return nullptr;
}

// Both pages of one resource and its attachments, rendered and not yet written.
struct RenderedResource {
    PublishedResource resource;
    std::vector<std::pair<std::string, std::string>> pages;  // path in the site, bytes
    std::vector<store::FolderFile> attachments;              // "files/…"
};

// Renders both pages of one resource; touches no file, so two can run at once.
// The pages link only to what `published` holds; their summaries keep only
// the attachments that are there, so the feeds link nothing else either.
Result<RenderedResource> render_resource(const Context& ctx, const SiteTheme& theme, const site::SiteSettings& settings,
                                         const store::ResourceTree& resource, const ReleaseHistory& history,
                                         const site::PublishedSet& published) {
    auto files = store::read_folder(ctx.store, resource.tree);
    if (!files) return tl::unexpected(files.error());
    const std::string folder = "resources/" + resource.id + "/";
    const auto* source = find_file(*files, "resource.xml");
    if (!source) return fail(ErrorCode::invalid, folder + " on release has no resource.xml");
    // The source page's summary also tells the document's language: one parse.
    auto source_summary = site::summarize(source->content, Lang::en);
    if (source_summary && source_summary->source_lang != Lang::en)
        source_summary = site::summarize(source->content, source_summary->source_lang);
    if (!source_summary) return tl::unexpected(source_summary.error());
    const Lang source_lang = source_summary->source_lang;

    RenderedResource out{PublishedResource{resource.id, resource.tree, {}, {}}, {}, {}};
    for (Lang lang : k_langs) {
        std::string xml = source->content;
        bool translated = true;
        if (lang != source_lang && history.unilingual) {
            translated = false;  // the page shows the source and says the translation is coming
        } else if (lang != source_lang) {
            po::Catalog catalog;
            const std::string name = catalog_name(source_lang);
            if (const auto* text = find_file(*files, name)) {
                auto parsed = po::read_catalog(text->content, folder + name);
                if (!parsed) return fail(ErrorCode::corrupt, "the catalog on release does not parse: " + describe(parsed.error()));
                catalog = std::move(*parsed);
            }
            auto merged = translate_document(ctx, source->content, catalog, lang);
            if (!merged) return tl::unexpected(merged.error());
            xml = std::move(merged->xml);
        }
        auto summary = lang == source_lang ? std::move(source_summary) : site::summarize(xml, lang);
        if (!summary) return tl::unexpected(summary.error());
        summary->id = resource.id;
        summary->lang = lang;
        summary->source_lang = source_lang;
        summary->translated = translated;
        summary->published = history.first;
        summary->updated = history.last;
        site::ResourcePage page{*summary, std::move(xml), {{Lang::en, true}, {Lang::fr, true}}, &published};
        auto html = site::render_resource_page(theme.theme, settings, page);
        if (!html) return tl::unexpected(html.error());
        page.summary.files = site::published_files(page.summary, published);
        out.pages.emplace_back(page_dir(resource.id, lang) + "index.html", std::move(*html));
        out.resource.pages.push_back(std::move(page.summary));
    }
    for (auto& f : *files)
        if (f.name.rfind("files/", 0) == 0) {
            out.resource.files.push_back(f.name);
            out.attachments.push_back(std::move(f));
        }
    return out;
}

// Writes a rendered resource into the generation. Attachments are written
// once: the other language's page links to the same bytes.
Status write_resource(const RenderedResource& rendered, GenerationWriter& writer) {
    for (const auto& [path, bytes] : rendered.pages)
        if (auto ok = writer.write(path, bytes); !ok) return ok;
    const std::string& id = rendered.resource.id;
    for (const auto& f : rendered.attachments) {
        const std::string first = page_dir(id, Lang::en) + f.name;
        if (auto ok = writer.write(first, f.content); !ok) return ok;
        if (auto ok = writer.reuse(page_dir(id, Lang::fr) + f.name, writer.root() / first, true); !ok) return ok;
    }
    return {};
}

Status reuse_resource(const PublishedResource& resource, const fs::path& live_root, bool link, GenerationWriter& writer) {
    for (Lang lang : k_langs) {
        const std::string dir = page_dir(resource.id, lang);
        if (auto ok = writer.reuse(dir + "index.html", live_root / (dir + "index.html"), link); !ok) return ok;
        for (const auto& name : resource.files)
            if (auto ok = writer.reuse(dir + name, live_root / (dir + name), link); !ok) return ok;
    }
    return {};
}

// What the release publishes, known before any page is rendered: each
// resource with the attachments of its folder. A folder the live generation
// has with the same tree has the same attachments; the others are listed
// (names only: nothing is read).
Result<site::PublishedSet> published_set(const Context& ctx, const std::vector<store::ResourceTree>& trees,
                                         const std::unordered_map<std::string, const PublishedResource*>& before) {
    site::PublishedSet published;
    for (const auto& resource : trees) {
        auto& attachments = published.attachments[resource.id];
        if (const auto was = before.find(resource.id); was != before.end() && was->second->tree == resource.tree) {
            attachments = was->second->files;
            continue;
        }
        auto names = store::list_folder(ctx.store, resource.tree);
        if (!names) return tl::unexpected(names.error());
        for (auto& name : *names)
            if (name.starts_with("files/")) attachments.push_back(std::move(name));
    }
    return published;
}

// The resources that appeared, went or changed their attachments since the
// live generation: a page linking to one of them links differently now.
std::unordered_set<std::string> moved_resources(const SiteState& live, const site::PublishedSet& published) {
    std::unordered_set<std::string> moved;
    std::unordered_set<std::string_view> were;
    for (const auto& r : live.resources) {
        were.insert(r.id);
        const auto now = published.attachments.find(r.id);
        if (now == published.attachments.end() || now->second != r.files) moved.insert(r.id);
    }
    for (const auto& [id, attachments] : published.attachments)
        if (!were.count(id)) moved.insert(id);
    return moved;
}

bool links_to_any(const PublishedResource& resource, const std::unordered_set<std::string>& ids) {
    for (const auto& page : resource.pages)
        for (const auto& id : page.links)
            if (ids.count(id)) return true;
    return false;
}

// The new generation has every page it should before it may go live.
Status check_generation(const GenerationWriter& writer, const std::vector<PublishedResource>& resources) {
    for (const auto& r : resources)
        for (Lang lang : k_langs)
            if (!writer.has(page_dir(r.id, lang) + "index.html"))
                return fail(ErrorCode::io, "the new site lacks the " + std::string(lang_code(lang)) + " page of " + r.id);
    for (const char* required : k_required_files) {
        struct stat st {};
        const auto path = writer.root() / required;
        if (!writer.has(required) || ::stat(path.c_str(), &st) != 0 || st.st_size == 0)
            return fail(ErrorCode::io, std::string("the new site lacks ") + required);
    }
    return {};
}

struct Target {
    store::Revision revision;
    int number = 0;
    bool tag = false;  // a new publication (publish) or an old one shown again (rollback)
};

Result<Publication> publish_target(const Context& ctx, const SiteTheme& theme, const PublishOptions& options,
                                   const Target& target) {
    const SiteLayout layout = site_layout(options.out);
    auto live = live_generation(layout);
    if (!live) return tl::unexpected(live.error());
    auto lock = PublishLock::acquire(layout);
    if (!lock) return tl::unexpected(lock.error());
    // Every generation but the live one goes (the one live before it, kept by
    // the last publish, and leftovers of a crashed one), on a thread of its
    // own beside the build: removing 20,000 page folders was a third of an
    // incremental publish. The new generation's number is above them all.
    auto on_disk = generations_on_disk(layout);
    const auto doomed = set_aside_generations(layout, *live ? std::set<int>{**live} : std::set<int>{});
    std::jthread remover([&layout, &doomed] { remove_generations(layout, doomed); });

    const std::string fingerprint = settings_key(theme, options.settings);
    auto previous = read_live_state(layout, *live, fingerprint);
    if (!previous) return tl::unexpected(previous.error());
    const SiteState* reusable = (*previous && !options.full) ? &**previous : nullptr;

    auto history = release_history(ctx, target.revision, previous->has_value() ? &**previous : nullptr);
    if (!history) return tl::unexpected(history.error());
    auto trees = store::list_resource_trees(ctx.store, target.revision);
    if (!trees) return tl::unexpected(trees.error());
    auto release_commit = store::read_commit(ctx.store, target.revision);
    if (!release_commit) return tl::unexpected(release_commit.error());

    const int k = std::max(on_disk.empty() ? 0 : on_disk.back(), live->value_or(0)) + 1;
    std::error_code ec;
    fs::create_directories(layout.building(k), ec);
    if (ec) return fail(ErrorCode::io, "cannot create " + layout.building(k).string() + ": " + ec.message());
    // A publish that fails leaves no half-built folder behind (one that a
    // crash leaves is pruned by the next publish). Once swapped in, the
    // folder has its generation's name and this finds nothing to remove.
    struct RemoveOnExit {
        fs::path path;
        ~RemoveOnExit() {
            std::error_code ignored;
            fs::remove_all(path, ignored);
        }
    } half_built{layout.building(k)};
    GenerationWriter writer(layout.building(k));

    std::unordered_map<std::string, const PublishedResource*> before;
    if (reusable)
        for (const auto& r : reusable->resources) before.emplace(r.id, &r);
    const auto live_root = live->has_value() ? layout.generation(**live) : fs::path();
    auto published = published_set(ctx, *trees, before);
    if (!published) return tl::unexpected(published.error());
    const auto moved = reusable ? moved_resources(*reusable, *published) : std::unordered_set<std::string>();

    SiteState next;
    next.number = target.number;
    next.previous_generation = live->value_or(0);
    next.revision = target.revision;
    next.fingerprint = fingerprint;
    next.history = std::move(*history);
    next.resources.reserve(trees->size());
    Publication publication;
    publication.number = target.number;
    publication.revision = target.revision;
    PublishProgress progress{0, trees->size()};
    // Resources are rendered in batches, each on two threads, while this
    // thread writes the batch before it in order: the generation is the same
    // whatever the timing, writing overlaps rendering, and two batches bound
    // what is held in memory.
    constexpr std::size_t k_batch = 64;
    struct Batch {
        std::size_t start = 0, end = 0;
        std::vector<const ReleaseHistory*> histories;
        std::vector<const PublishedResource*> reused;  // per resource: its pages as they are live, or null
        std::vector<std::size_t> to_render;
        std::vector<std::optional<Result<RenderedResource>>> rendered;
    };
    const auto plan = [&](std::size_t start) {  // this thread only: next.history grows here
        Batch batch;
        batch.start = start;
        batch.end = std::min(start + k_batch, trees->size());
        for (std::size_t i = batch.start; i < batch.end; ++i) {
            const auto& resource = (*trees)[i];
            const ReleaseHistory& h = next.history[resource.id];
            const auto was = before.find(resource.id);
            // A page is reused only when everything it was rendered from is the
            // same: the folder's tree, its approval times and unilingual flag,
            // the theme and the settings (the fingerprint), and what its links
            // lead to.
            const bool same = was != before.end() && was->second->tree == resource.tree &&
                              reusable->history.count(resource.id) && reusable->history.at(resource.id) == h &&
                              !links_to_any(*was->second, moved);
            batch.histories.push_back(&h);
            batch.reused.push_back(same ? was->second : nullptr);
            if (!same) batch.to_render.push_back(i);
        }
        batch.rendered.resize(batch.end - batch.start);
        return batch;
    };
    const auto render = [&](Batch& batch) {
        // Resources are taken in turn by k_renderers threads: one more than
        // the 2 cores, as each spends a fifth of its time waiting for
        // libgettextpo's lock.
        constexpr std::size_t k_renderers = 3;
        std::atomic<std::size_t> next_to_take{0};
        const auto take_and_render = [&] {
            for (std::size_t k = next_to_take++; k < batch.to_render.size(); k = next_to_take++) {
                const std::size_t i = batch.to_render[k];
                batch.rendered[i - batch.start] =
                    render_resource(ctx, theme, options.settings, (*trees)[i], *batch.histories[i - batch.start], *published);
            }
        };
        std::vector<std::future<void>> helpers;
        for (std::size_t h = 1; h < std::min(k_renderers, batch.to_render.size()); ++h)
            helpers.push_back(std::async(std::launch::async, take_and_render));
        take_and_render();
        for (auto& helper : helpers) helper.get();
    };
    Batch upcoming = plan(0);
    // Declared after `upcoming`, so an early return waits for the rendering
    // before the batch it fills goes away.
    std::future<void> rendering = std::async(std::launch::async, render, std::ref(upcoming));
    for (std::size_t start = 0; start < trees->size(); start += k_batch) {
        rendering.get();
        Batch batch = std::move(upcoming);
        if (batch.end < trees->size()) {
            upcoming = plan(batch.end);
            rendering = std::async(std::launch::async, render, std::ref(upcoming));
        }
        for (std::size_t i = batch.start; i < batch.end; ++i) {
            const auto& resource = (*trees)[i];
            if (const PublishedResource* was = batch.reused[i - batch.start]) {
                if (auto ok = reuse_resource(*was, live_root, options.reuse == Reuse::link, writer); !ok)
                    return tl::unexpected(ok.error());
                next.resources.push_back(*was);
            } else {
                auto& result = *batch.rendered[i - batch.start];
                Status written = result ? write_resource(*result, writer) : Status(tl::unexpected(result.error()));
                if (!written) {
                    Error e = written.error();
                    e.message = "resource " + resource.id + ": " + e.message;
                    return tl::unexpected(e);
                }
                next.resources.push_back(std::move(result->resource));
                publication.rendered += 2;
            }
            ++progress.done;
            if (options.progress) options.progress(progress);
        }
    }

    // The indexes and feeds depend on every page: always rendered, from the summaries.
    std::vector<site::PageSummary> pages;
    pages.reserve(next.resources.size() * 2);
    for (const auto& r : next.resources) pages.insert(pages.end(), r.pages.begin(), r.pages.end());
    // A resource the release line touched that is not on the release any
    // more was withdrawn: its pages become tombstones in the feeds.
    std::unordered_set<std::string> present;
    for (const auto& r : *trees) present.insert(r.id);
    std::vector<site::Tombstone> tombstones;
    for (const auto& [id, h] : next.history)
        if (!present.count(id))
            for (Lang lang : k_langs) tombstones.push_back({id, lang, h.last});
    const auto write_index = [&writer](site::SiteFile&& file) { return writer.write(file.path, file.bytes); };
    if (auto ok = site::write_indexes(theme.theme, options.settings, pages, tombstones, release_commit->time, write_index); !ok)
        return tl::unexpected(ok.error());
    for (const auto& file : site::static_files(theme.theme))
        if (auto ok = writer.write(file.path, file.bytes); !ok) return tl::unexpected(ok.error());
    if (auto ok = check_generation(writer, next.resources); !ok) return tl::unexpected(ok.error());

    // The state goes beside the generation before it goes live (the syncfs
    // in swap_in covers it), so a live generation always has its state.
    if (auto ok = write_file_atomic(layout.state(k), write_state(next), Durable::no); !ok) return tl::unexpected(ok.error());

    // The tag is written before the swap: a crash between the two leaves a
    // tag naming a release that is not live yet (republished by the next
    // publish or a rollback), never a live site without its tag.
    if (target.tag) {
        std::string message = "Publication " + std::to_string(target.number) + "\n\n" + std::string(k_published_by) +
                              options.publisher.name + " <" + options.publisher.email + ">\n" +
                              std::string(k_site_url) + options.settings.site_url + "\n" +
                              "Resources: " + std::to_string(next.resources.size()) + "\n";
        auto tag = store::create_tag(ctx.store, tag_name(target.number), target.revision, options.publisher, message);
        if (!tag) return tl::unexpected(tag.error());
    }
    if (auto swapped = swap_in(layout, k); !swapped) {
        if (target.tag) (void)store::delete_tag(ctx.store, tag_name(target.number));
        return tl::unexpected(swapped.error());
    }
    // The generation live until now stays until the next publish: a reader
    // in the middle of a page still finds it, and its files are the next
    // publish's to link.

    publication.resources = next.resources.size();
    publication.pages = next.resources.size() * 2;
    publication.files = writer.count();
    publication.tombstones = tombstones.size();
    publication.generation = layout.generation(k);
    return publication;
}

}  // namespace

fs::path default_site_path(const fs::path& data_dir) { return data_dir / "site"; }

Result<SiteTheme> load_site_theme(const fs::path& templates_dir, const fs::path& locales_dir) {
    auto theme = site::load_theme(templates_dir, locales_dir);
    if (!theme) return tl::unexpected(theme.error());
    Fingerprint f;
    std::vector<fs::path> inputs;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(templates_dir, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
        if (it->is_regular_file(ec)) inputs.push_back(it->path());
    for (Lang lang : k_langs) inputs.push_back(locales_dir / lang_code(lang) / "site.mo");
    std::sort(inputs.begin(), inputs.end());
    for (const auto& path : inputs) {
        f.add(path.lexically_relative(templates_dir).generic_string());
        auto bytes = read_file(path);
        f.add(bytes ? *bytes : std::string("(absent)"));
    }
    return SiteTheme{std::move(*theme), f.hex()};
}

namespace {

// The site address a publication was made for (its tag's Site-URL trailer).
std::optional<std::string> site_url_of(const store::Tag& tag) {
    const auto at = tag.message.find(k_site_url);
    if (at == std::string::npos) return std::nullopt;
    const auto start = at + k_site_url.size();
    return tag.message.substr(start, tag.message.find('\n', start) - start);
}

// The newest publication's tag, if any.
Result<std::optional<store::Tag>> last_publication(const Context& ctx) {
    auto tags = store::list_tags(ctx.store, k_tag_prefix);
    if (!tags) return tl::unexpected(tags.error());
    std::optional<store::Tag> last;
    int number = 0;
    for (auto& t : *tags)
        if (auto n = publication_number(t.name); n && *n > number) {
            number = *n;
            last = std::move(t);
        }
    return last;
}

}  // namespace

Result<std::string> current_site_url(const Context& ctx) {
    auto last = last_publication(ctx);
    if (!last) return tl::unexpected(last.error());
    if (*last)
        if (auto url = site_url_of(**last)) return *url;
    return site::SiteSettings{}.site_url;
}

Result<Publication> publish_release(const Context& ctx, const SiteTheme& theme, const PublishOptions& options) {
    PublishOptions with_url = options;
    if (with_url.settings.site_url.empty()) {
        auto url = current_site_url(ctx);
        if (!url) return tl::unexpected(url.error());
        with_url.settings.site_url = *url;
    }
    auto tip = store::branch_tip(ctx.store, store::k_release);
    if (!tip) return tl::unexpected(tip.error());
    if (!*tip) return fail(ErrorCode::not_found, phrase("the release branch has no commits: nothing to publish"));
    auto last = last_publication(ctx);
    if (!last) return tl::unexpected(last.error());
    const int number = *last ? publication_number((*last)->name).value_or(0) : 0;
    return publish_target(ctx, theme, with_url, Target{**tip, number + 1, true});
}

Result<Publication> rollback_release(const Context& ctx, const SiteTheme& theme, int number, const PublishOptions& options) {
    if (number <= 0) return fail(ErrorCode::invalid, "a publication number is 1 or more, not " + std::to_string(number));
    auto tags = store::list_tags(ctx.store, tag_name(number));
    if (!tags) return tl::unexpected(tags.error());
    const auto tag = std::find_if(tags->begin(), tags->end(), [&](const store::Tag& t) { return t.name == tag_name(number); });
    if (tag == tags->end()) return fail(ErrorCode::not_found, "no publication " + std::to_string(number) + " (tag " + tag_name(number) + ")");
    // The same site as then: its URL comes from the publication unless the caller names one.
    PublishOptions same = options;
    if (same.settings.site_url.empty()) same.settings.site_url = site_url_of(*tag).value_or(site::SiteSettings{}.site_url);
    return publish_target(ctx, theme, same, Target{tag->target, number, false});
}

Result<std::vector<Release>> list_releases(const Context& ctx, const fs::path& out) {
    auto tags = store::list_tags(ctx.store, k_tag_prefix);
    if (!tags) return tl::unexpected(tags.error());
    const SiteLayout layout = site_layout(out);
    std::optional<int> live_number;
    if (auto live = live_generation(layout); live && *live) {
        // The state's first field is the publication number: read just its head.
        std::ifstream in(layout.state(**live), std::ios::binary);
        std::string head(64, '\0');
        in.read(head.data(), static_cast<std::streamsize>(head.size()));
        head.resize(static_cast<std::size_t>(in.gcount()));
        if (const auto newline = head.find('\n'); newline != std::string::npos) {
            int n = 0;
            const char* first = head.data() + newline + 1;
            if (std::from_chars(first, head.data() + head.size(), n).ec == std::errc()) live_number = n;
        }
    }
    std::vector<Release> out_list;
    for (const auto& t : *tags) {
        const auto n = publication_number(t.name);
        if (!n) continue;
        Release r{*n, t.target, t.time, {}, live_number == *n};
        if (const auto at = t.message.find(k_published_by); at != std::string::npos) {
            const auto start = at + k_published_by.size();
            r.publisher = t.message.substr(start, t.message.find('\n', start) - start);
        }
        out_list.push_back(std::move(r));
    }
    std::sort(out_list.begin(), out_list.end(), [](const Release& a, const Release& b) { return a.number > b.number; });
    return out_list;
}

}  // namespace tandem::workflow
