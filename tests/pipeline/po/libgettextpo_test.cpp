// The adapter's own promises: a fatal error from libgettextpo comes back as a
// value instead of ending the process, and the library stays usable after it.

#include "pipeline/po/libgettextpo.h"

#include <gtest/gtest.h>

#include "pipeline/po/catalog.h"

namespace tandem::po::detail {
namespace {

TEST(Libgettextpo, AFatalErrorIsReportedAndTheLibraryStaysUsable) {
    {
        auto lock = lock_libgettextpo();
        auto in = ScratchFile::create("msgid \"a\"\nmsgstr \"b\"\n");
        ASSERT_TRUE(in.has_value());
        Diagnostics read_diags;
        FilePtr file = read_file(in->path(), read_diags);
        ASSERT_TRUE(file);
        Diagnostics diags;
        // libgettextpo says "cannot create output file" as a fatal error, and
        // its handler must not return.
        EXPECT_FALSE(write_file(file.get(), "/nonexistent-folder/out.po", diags));
        EXPECT_TRUE(diags.fatal);
        ASSERT_NE(diags.first_error(), nullptr);
        EXPECT_NE(diags.first_error()->text.find("cannot create output file"), std::string::npos);
    }
    const auto catalog = read_catalog("msgid \"a\"\nmsgstr \"b\"\n", "after.po");
    ASSERT_TRUE(catalog.has_value());
    EXPECT_EQ(write_catalog(*catalog).value(), "msgid \"a\"\nmsgstr \"b\"\n");
}

TEST(ScratchFile, HoldsWhatWasWrittenAndWhatLibgettextpoWrites) {
    auto file = ScratchFile::create("hello");
    ASSERT_TRUE(file.has_value());
    EXPECT_EQ(file->contents().value(), "hello");
}

}  // namespace
}  // namespace tandem::po::detail
