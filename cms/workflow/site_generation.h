#pragma once
// Internal to cms/workflow/publish: the folders of a published site on disk
// (the layout publish.h documents), written without a sync per file, made
// durable once with syncfs, and swapped in by renaming a symlink.

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "cms/core/result.h"

namespace tandem::workflow {

struct SiteLayout {
    std::filesystem::path out;          // the live path: a symlink
    std::filesystem::path generations;  // <out>.gen
    std::filesystem::path generation(int k) const { return generations / std::to_string(k); }
    std::filesystem::path building(int k) const { return generations / (".building-" + std::to_string(k)); }
    std::filesystem::path state(int k) const { return generations / (std::to_string(k) + ".state"); }
};

SiteLayout site_layout(const std::filesystem::path& out);

// The generation `out` links to, if it is a Tandem site link. Errors:
// invalid (`out` exists and is not a link into <out>.gen).
Result<std::optional<int>> live_generation(const SiteLayout& layout);

// The numbers of the complete generations on disk, ascending.
std::vector<int> generations_on_disk(const SiteLayout& layout);

// Holds <out>.gen/.lock for one publish. Errors: conflict (another holds it), io.
class PublishLock {
public:
    static Result<PublishLock> acquire(const SiteLayout& layout);
    PublishLock(PublishLock&& other) noexcept : m_fd(other.m_fd) { other.m_fd = -1; }
    PublishLock& operator=(PublishLock&&) = delete;
    ~PublishLock();

private:
    explicit PublishLock(int fd) : m_fd(fd) {}
    int m_fd = -1;
};

// Writes the files of one new generation under a folder, remembering every
// path it wrote so the result can be checked before it goes live.
class GenerationWriter {
public:
    explicit GenerationWriter(std::filesystem::path root) : m_root(std::move(root)) {}
    GenerationWriter(const GenerationWriter&) = delete;
    GenerationWriter& operator=(const GenerationWriter&) = delete;
    ~GenerationWriter();
    // `path` is relative to the generation ("en/resources/x/index.html").
    Status write(std::string_view path, std::string_view bytes);
    // The same bytes as `source`, as a hard link, or a copy when `link` is
    // false or the file system refuses the link.
    Status reuse(std::string_view path, const std::filesystem::path& source, bool link);
    bool has(const std::string& path) const { return m_written.count(path) > 0; }
    std::size_t count() const { return m_written.size(); }
    const std::filesystem::path& root() const { return m_root; }

private:
    Status make_parents(std::string_view path);
    // The root folder, opened once: every file and folder is made relative
    // to it (mkdirat, openat, linkat), so the kernel never walks the root's
    // own path again.
    Result<int> root_fd();
    std::filesystem::path m_root;
    int m_root_fd = -1;
    std::unordered_set<std::string> m_made;  // folders known to exist
    std::unordered_set<std::string> m_written;
};

// Makes generation k live: syncs what was written to disk, renames the
// building folder to <out>.gen/<k>, then points <out> at it with a new
// symlink renamed over the old one, and syncs the folders holding both
// names. Until the last rename, the previous generation is what is served.
Status swap_in(const SiteLayout& layout, int k);

// Sets aside, under names no publish builds in (".removing-N"), the leftovers
// of crashed publishes and every generation other than those in `keep`
// (with their state files): renames, so this is quick. Returns their new
// paths, for remove_generations...
std::vector<std::filesystem::path> set_aside_generations(const SiteLayout& layout, const std::set<int>& keep);
// ...which can then run beside the next generation's build: nothing else
// uses those names. Best effort: what remains is set aside again next time.
void remove_generations(const SiteLayout& layout, const std::vector<std::filesystem::path>& doomed);

}  // namespace tandem::workflow
