#include <filesystem>

#include "cms/store/git.h"

namespace tandem::store {

Result<std::size_t> pack_loose_objects(const Store& store) {
    auto handle = Handle::borrow(store);
    if (!handle) return tl::unexpected(handle.error());
    const auto objects = store.shared().path / "objects";
    std::vector<std::pair<git_oid, std::filesystem::path>> loose;
    std::error_code ec;
    for (const auto& fan : std::filesystem::directory_iterator(objects, ec)) {
        const std::string prefix = fan.path().filename().string();
        if (prefix.size() != 2 || !fan.is_directory()) continue;
        for (const auto& file : std::filesystem::directory_iterator(fan.path(), ec)) {
            const std::string hex = prefix + file.path().filename().string();
            git_oid oid;
            if (hex.size() == GIT_OID_HEXSZ && git_oid_fromstr(&oid, hex.c_str()) == 0) loose.emplace_back(oid, file.path());
        }
    }
    if (loose.empty()) return std::size_t{0};
    git_packbuilder* raw = nullptr;
    int rc = git_packbuilder_new(&raw, handle->repo());
    if (rc != 0) return tl::unexpected(from_git(rc, "cannot start a pack"));
    PackPtr builder(raw);
    for (const auto& [oid, path] : loose) {
        rc = git_packbuilder_insert(raw, &oid, nullptr);
        if (rc != 0) return tl::unexpected(from_git(rc, "cannot pack " + oid_hex(oid)));
    }
    const auto pack_dir = objects / "pack";
    rc = git_packbuilder_write(raw, pack_dir.c_str(), 0, nullptr, nullptr);
    if (rc != 0) return tl::unexpected(from_git(rc, "cannot write the pack"));
    // Only now, with the pack and its index durable on disk, drop the loose copies.
    for (const auto& [oid, path] : loose) std::filesystem::remove(path, ec);
    git_odb* odb = nullptr;
    if (git_repository_odb(&odb, handle->repo()) == 0) {
        git_odb_refresh(odb);
        git_odb_free(odb);
    }
    return loose.size();
}

Result<std::size_t> pack_if_needed(const Store& store, std::size_t threshold) {
    // Object ids are uniform: the count in one fan-out folder times 256 is a
    // good estimate of all loose objects, at the cost of one directory read.
    std::size_t sample = 0;
    std::error_code ec;
    for (auto it = std::filesystem::directory_iterator(store.shared().path / "objects" / "17", ec);
         !ec && it != std::filesystem::directory_iterator(); it.increment(ec))
        ++sample;
    if (sample * 256 <= threshold) return std::size_t{0};
    return pack_loose_objects(store);
}

}  // namespace tandem::store
