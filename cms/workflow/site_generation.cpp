#include "cms/workflow/site_generation.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <charconv>
#include <cstring>

namespace fs = std::filesystem;

namespace tandem::workflow {

namespace {

Error io_error(const std::string& what) { return Error{ErrorCode::io, what + ": " + std::strerror(errno), {}}; }

std::optional<int> number_of(std::string_view name) {
    int k = 0;
    auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), k);
    if (ec != std::errc() || end != name.data() + name.size() || k <= 0) return std::nullopt;
    return k;
}

Status write_all(int fd, std::string_view bytes, const std::string& path) {
    while (!bytes.empty()) {
        const auto n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            return tl::unexpected(io_error("cannot write " + path));
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return {};
}

Status sync_folder(const fs::path& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return tl::unexpected(io_error("cannot open " + dir.string()));
    const int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0) return tl::unexpected(io_error("cannot sync " + dir.string()));
    return {};
}

// Removes the folder `name` under the folder `parent` with everything in
// it, from the entry types readdir gives, so nothing is stat'ed: a
// generation holds two folders and two files per resource. Best effort.
void remove_folder(int parent, const char* name) {
    const int fd = ::openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return;
    if (DIR* dir = ::fdopendir(fd)) {
        while (const dirent* entry = ::readdir(dir)) {
            const std::string_view child = entry->d_name;
            if (child == "." || child == "..") continue;
            if (entry->d_type == DT_DIR) remove_folder(fd, entry->d_name);
            else if (::unlinkat(fd, entry->d_name, 0) != 0 && errno == EISDIR) remove_folder(fd, entry->d_name);
        }
        ::closedir(dir);  // closes fd
    } else {
        ::close(fd);
    }
    ::unlinkat(parent, name, AT_REMOVEDIR);
}

}  // namespace

SiteLayout site_layout(const fs::path& out) {
    const fs::path clean = out.lexically_normal().has_filename() ? out.lexically_normal() : out.lexically_normal().parent_path();
    return SiteLayout{clean, fs::path(clean.string() + ".gen")};
}

Result<std::optional<int>> live_generation(const SiteLayout& layout) {
    std::error_code ec;
    const auto status = fs::symlink_status(layout.out, ec);
    if (ec || status.type() == fs::file_type::not_found) return std::optional<int>();
    const auto not_ours = [&] {
        return fail(ErrorCode::invalid, layout.out.string() + " exists and is not a site Tandem manages (a symlink into " +
                                            layout.generations.filename().string() + "/); move it away or publish elsewhere with --out");
    };
    if (status.type() != fs::file_type::symlink) return not_ours();
    const fs::path target = fs::read_symlink(layout.out, ec);
    if (ec || target.parent_path() != layout.generations.filename()) return not_ours();
    const auto k = number_of(target.filename().string());
    if (!k) return not_ours();
    return std::optional<int>(*k);
}

std::vector<int> generations_on_disk(const SiteLayout& layout) {
    std::vector<int> out;
    std::error_code ec;
    for (auto it = fs::directory_iterator(layout.generations, ec); !ec && it != fs::directory_iterator(); it.increment(ec))
        if (auto k = number_of(it->path().filename().string()); k && it->is_directory(ec)) out.push_back(*k);
    std::sort(out.begin(), out.end());
    return out;
}

Result<PublishLock> PublishLock::acquire(const SiteLayout& layout) {
    std::error_code ec;
    fs::create_directories(layout.generations, ec);
    if (ec) return fail(ErrorCode::io, "cannot create " + layout.generations.string() + ": " + ec.message());
    const auto file = layout.generations / ".lock";
    const int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return tl::unexpected(io_error("cannot open " + file.string()));
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        ::close(fd);
        return fail(ErrorCode::conflict, "another publish of " + layout.out.string() + " is running; try again when it is done");
    }
    return PublishLock(fd);
}

PublishLock::~PublishLock() {
    if (m_fd >= 0) ::close(m_fd);  // closing releases the lock
}

GenerationWriter::~GenerationWriter() {
    if (m_root_fd >= 0) ::close(m_root_fd);
}

Result<int> GenerationWriter::root_fd() {
    if (m_root_fd < 0) {
        m_root_fd = ::open(m_root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (m_root_fd < 0) return tl::unexpected(io_error("cannot open " + m_root.string()));
    }
    return m_root_fd;
}

Status GenerationWriter::make_parents(std::string_view path) {
    auto root = root_fd();
    if (!root) return tl::unexpected(root.error());
    // Folders are made once each, top down, without the stat calls of
    // create_directories: a site has one folder per page.
    for (auto slash = path.find('/'); slash != std::string_view::npos; slash = path.find('/', slash + 1)) {
        std::string folder(path.substr(0, slash));
        if (m_made.count(folder)) continue;
        if (::mkdirat(*root, folder.c_str(), 0755) != 0 && errno != EEXIST)
            return tl::unexpected(io_error("cannot create " + (m_root / folder).string()));
        m_made.insert(std::move(folder));
    }
    return {};
}

Status GenerationWriter::write(std::string_view path, std::string_view bytes) {
    if (path.empty() || path.front() == '/' || path.find("..") != std::string_view::npos)
        return fail(ErrorCode::invalid, "not a path inside the site: " + std::string(path));
    std::string relative(path);
    if (m_written.count(relative))
        return fail(ErrorCode::invalid, "two files of the site would have the same path: " + relative);
    if (auto ok = make_parents(path); !ok) return ok;
    const int fd = ::openat(m_root_fd, relative.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return tl::unexpected(io_error("cannot create " + (m_root / relative).string()));
    auto written = write_all(fd, bytes, (m_root / relative).string());
    if (::close(fd) != 0 && written) written = tl::unexpected(io_error("cannot write " + (m_root / relative).string()));
    if (!written) return written;
    m_written.insert(std::move(relative));
    return {};
}

Status GenerationWriter::reuse(std::string_view path, const fs::path& source, bool link) {
    if (auto ok = make_parents(path); !ok) return ok;
    std::string relative(path);
    if (link && ::linkat(AT_FDCWD, source.c_str(), m_root_fd, relative.c_str(), 0) == 0) {
        m_written.insert(std::move(relative));
        return {};
    }
    const int in = ::open(source.c_str(), O_RDONLY | O_CLOEXEC);
    if (in < 0) return tl::unexpected(io_error("cannot read " + source.string()));
    std::string bytes;
    char buffer[1 << 16];
    for (;;) {
        const auto n = ::read(in, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            ::close(in);
            return tl::unexpected(io_error("cannot read " + source.string()));
        }
        if (n == 0) break;
        bytes.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(in);
    return write(path, bytes);
}

Status swap_in(const SiteLayout& layout, int k) {
    // Everything written so far reaches the disk before any name makes it
    // live: one syncfs instead of an fsync per file.
    {
        const int fd = ::open(layout.generations.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0) return tl::unexpected(io_error("cannot open " + layout.generations.string()));
        const int rc = ::syncfs(fd);
        ::close(fd);
        if (rc != 0) return tl::unexpected(io_error("cannot sync " + layout.generations.string()));
    }
    if (::rename(layout.building(k).c_str(), layout.generation(k).c_str()) != 0)
        return tl::unexpected(io_error("cannot move the new generation into place"));
    if (auto ok = sync_folder(layout.generations); !ok) return ok;

    // rename(2) over the old symlink is atomic: a reader resolves the old
    // generation or the new one.
    const fs::path link_tmp = layout.out.string() + ".new-link";
    const fs::path target = layout.generations.filename() / std::to_string(k);
    ::unlink(link_tmp.c_str());
    if (::symlink(target.c_str(), link_tmp.c_str()) != 0) return tl::unexpected(io_error("cannot create " + link_tmp.string()));
    if (::rename(link_tmp.c_str(), layout.out.c_str()) != 0) {
        auto error = io_error("cannot point " + layout.out.string() + " at the new generation");
        ::unlink(link_tmp.c_str());
        return tl::unexpected(error);
    }
    const auto parent = layout.out.has_parent_path() ? layout.out.parent_path() : fs::path(".");
    return sync_folder(parent);
}

std::vector<fs::path> set_aside_generations(const SiteLayout& layout, const std::set<int>& keep) {
    std::error_code ec;
    std::vector<fs::path> doomed;
    for (auto it = fs::directory_iterator(layout.generations, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.rfind(".building-", 0) == 0 || name.rfind(".removing-", 0) == 0) {
            doomed.push_back(it->path());
            continue;
        }
        const auto dot = name.find(".state");
        const auto k = number_of(dot == std::string::npos ? name : name.substr(0, dot));
        if (k && !keep.count(*k)) doomed.push_back(it->path());
    }
    // A leftover ".building-N" may bear the very name the next build takes.
    std::vector<fs::path> aside;
    for (std::size_t i = 0; i < doomed.size(); ++i) {
        if (doomed[i].filename().string().rfind(".removing-", 0) == 0) {
            aside.push_back(doomed[i]);
            continue;
        }
        for (int n = 0; n < 1000; ++n) {
            const fs::path to = layout.generations / (".removing-" + std::to_string(::getpid()) + "-" + std::to_string(i) + "-" +
                                                      std::to_string(n));
            if (::renameat2(AT_FDCWD, doomed[i].c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) {
                aside.push_back(to);
                break;
            }
            if (errno != EEXIST) break;
        }
    }
    return aside;
}

void remove_generations(const SiteLayout& layout, const std::vector<fs::path>& doomed) {
    const int parent = ::open(layout.generations.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (parent < 0) return;
    for (const auto& path : doomed)
        if (::unlinkat(parent, path.filename().c_str(), 0) != 0 && errno == EISDIR) remove_folder(parent, path.filename().c_str());
    ::close(parent);
}

}  // namespace tandem::workflow
