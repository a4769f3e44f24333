#pragma once
// The content repository's glossaries and catalogs, for the check tests.

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "cms/core/text.h"
#include "pipeline/check/check.h"
#include "pipeline/po/catalog.h"

namespace tandem::check::testing {

inline std::filesystem::path content_repo() { return std::filesystem::path(TANDEM_SOURCE_DIR) / "content-repo"; }

inline po::Catalog read_seed_catalog(const std::filesystem::path& path) {
    const Result<std::string> bytes = read_file(path);
    EXPECT_TRUE(bytes) << path;
    if (!bytes) return {};
    Result<po::Catalog> catalog = po::read_catalog(*bytes, path.string());
    EXPECT_TRUE(catalog) << (catalog ? "" : describe(catalog.error()));
    return catalog ? std::move(*catalog) : po::Catalog{};
}

// glossary/fr.po (English terms → French) or glossary/en.po (French → English).
inline const Glossary& seed_glossary(Lang target) {
    static const Glossary fr = load_glossary(read_seed_catalog(content_repo() / "glossary" / "fr.po"));
    static const Glossary en = load_glossary(read_seed_catalog(content_repo() / "glossary" / "en.po"));
    return target == Lang::fr ? fr : en;
}

}  // namespace tandem::check::testing
