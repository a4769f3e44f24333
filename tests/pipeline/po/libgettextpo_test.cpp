// The adapter's own promises: a fatal error from libgettextpo comes back as a
// value instead of ending the process, and the library stays usable after it.

#include "pipeline/po/libgettextpo.h"

#include <gtest/gtest.h>

#include <cstdlib>

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

// Decoding::bytes turns libgettextpo's own switches on for one call only, also
// when the call ends in a fatal error: otherwise a later per-charset read (a
// legacy charset, a diagnostic to report) would be taken byte by byte too.
TEST(Libgettextpo, ByteDecodingIsSwitchedOffAfterEveryCall) {
    auto switched_on = [](const char* name) {
        const char* value = std::getenv(name);
        return value != nullptr && *value != '\0';
    };
    if (switched_on("OLD_PO_FILE_INPUT") || switched_on("OLD_PO_FILE_OUTPUT"))
        GTEST_SKIP() << "the environment sets OLD_PO_FILE_INPUT or OLD_PO_FILE_OUTPUT";
    {
        auto lock = lock_libgettextpo();
        auto in = ScratchFile::create("msgid \"a\"\nmsgstr \"b\"\n");
        ASSERT_TRUE(in.has_value());
        Diagnostics read_diags;
        FilePtr file = read_file(in->path(), read_diags, Decoding::bytes);
        ASSERT_TRUE(file);
        EXPECT_FALSE(switched_on("OLD_PO_FILE_INPUT"));
        Diagnostics diags;
        EXPECT_FALSE(write_file(file.get(), "/nonexistent-folder/out.po", diags, Decoding::bytes));
        EXPECT_TRUE(diags.fatal);
        EXPECT_FALSE(switched_on("OLD_PO_FILE_OUTPUT"));
    }
    ASSERT_TRUE(read_catalog("msgid \"a\"\nmsgstr \"b\"\n", "x.po").has_value());
    ASSERT_TRUE(write_catalog(Catalog{}).has_value());
    EXPECT_FALSE(switched_on("OLD_PO_FILE_INPUT"));
    EXPECT_FALSE(switched_on("OLD_PO_FILE_OUTPUT"));
}

TEST(ScratchFile, HoldsWhatWasWrittenAndWhatLibgettextpoWrites) {
    auto file = ScratchFile::create("hello");
    ASSERT_TRUE(file.has_value());
    EXPECT_EQ(file->contents().value(), "hello");
}

}  // namespace
}  // namespace tandem::po::detail
