#pragma once
// The libgettextpo adapter, private to pipeline/po: the only header that names
// po_file_t. read_catalog.cpp and write_catalog.cpp use it; nothing outside this
// folder may include it.
//
// libgettextpo (gettext 0.21) keeps global state: po_file_read/po_file_write
// install the caller's error handler in global variables, the PO lexer and the
// printer use file-static state, and po_format_list() fills a static cache. So
// every use of the library happens while holding the one lock returned by
// lock_libgettextpo(); Tandem's PO functions are then safe to call from several
// threads at once (they serialize inside libgettextpo only).

#include <gettext-po.h>

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "cms/core/result.h"

namespace tandem::po::detail {

[[nodiscard]] std::unique_lock<std::mutex> lock_libgettextpo();

struct FileDeleter {
    void operator()(po_file_t file) const { po_file_free(file); }
};
using FilePtr = std::unique_ptr<std::remove_pointer_t<po_file_t>, FileDeleter>;

struct IteratorDeleter {
    void operator()(po_message_iterator_t it) const { po_message_iterator_free(it); }
};
using IteratorPtr = std::unique_ptr<std::remove_pointer_t<po_message_iterator_t>, IteratorDeleter>;

// One problem libgettextpo reported. line/column are 0 when unknown.
struct Diagnostic {
    int severity = PO_SEVERITY_WARNING;
    std::string text;
    int line = 0;
    int column = 0;
};

// Collects what libgettextpo reports while a call runs.
struct Diagnostics {
    std::vector<Diagnostic> items;
    bool fatal = false;  // the call was abandoned (see call_reporting)

    // The first error or fatal error, if any (warnings are not failures).
    const Diagnostic* first_error() const;
    int error_count() const;
};

// Runs `call(arg)` with libgettextpo's diagnostics going to `out`; `call` passes
// handler() to the library. Returns false when libgettextpo reported a fatal
// error: its contract says the handler must not return then, so the handler
// longjmps back here, skipping only libgettextpo's own C frames (what they had
// allocated, and a FILE they had opened, leak; the globals they had set are set
// again by the next call). `call` must therefore not own any C++ object with a
// destructor. Hold lock_libgettextpo() around it.
bool call_reporting(Diagnostics& out, void (*call)(void* arg), void* arg);
po_xerror_handler_t handler();

// How libgettextpo splits text into characters. gettext 0.21 decodes every
// character of a catalog with a charset through one iconv() call, in its lexer
// (po-lex.c, mbfile_getc) and in its printer (write-po.c, wrap): more than half
// the time of a read or a write. Its own switches OLD_PO_FILE_INPUT and
// OLD_PO_FILE_OUTPUT (environment variables, read on every use) make it take
// bytes one by one instead. For text that is valid UTF-8 (or ASCII) the result
// is the same byte for byte: no byte of a UTF-8 multibyte character is a quote,
// a backslash or a newline, and the line breaker (libunistring) reads UTF-8
// itself. What differs is what libgettextpo reports: columns on lines with
// non-ASCII text, and invalid multibyte sequences, which it no longer sees. So
// `bytes` is only for text already known to be valid UTF-8 or ASCII, and a
// caller that gets a diagnostic it must report reads again per_charset.
enum class Decoding { per_charset, bytes };

// po_file_read and po_file_write through call_reporting. read_file returns null
// when libgettextpo gave up; write_file returns false then.
FilePtr read_file(const char* path, Diagnostics& out, Decoding decoding = Decoding::per_charset);
bool write_file(po_file_t file, const char* path, Diagnostics& out, Decoding decoding = Decoding::per_charset);

// An anonymous in-memory file (memfd; a deleted temporary file when memfd is
// unavailable) with a path that libgettextpo can open: it reads and writes
// files by name only. Errors: io.
class ScratchFile {
public:
    static Result<ScratchFile> create(std::string_view contents);
    ScratchFile(ScratchFile&& other) noexcept;
    ScratchFile& operator=(ScratchFile&&) = delete;
    ~ScratchFile();

    const char* path() const { return m_path.c_str(); }
    Result<std::string> contents() const;

private:
    ScratchFile(int fd, std::string path) : m_fd(fd), m_path(std::move(path)) {}
    int m_fd = -1;
    std::string m_path;
};

// po_header_field and po_file_domain_header return malloc'ed strings (or NULL)
// that the caller frees: copied out, then freed.
std::optional<std::string> take_string(char* owned);
// po_message_comments and po_message_extracted_comments return "" or a fresh
// "line\nline\n" string that the library never frees (a known leak in 0.21):
// split into lines, then freed when it is fresh.
std::vector<std::string> take_comment_lines(const char* text);

}  // namespace tandem::po::detail
