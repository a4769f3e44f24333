#include "pipeline/po/libgettextpo.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csetjmp>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <utility>
#include <vector>

namespace tandem::po::detail {

namespace {

// Where the running call's diagnostics go. Only touched with the library lock
// held, so a plain global is enough; the C handler has no user-data pointer.
Diagnostics* g_sink = nullptr;
std::jmp_buf* g_escape = nullptr;

int to_int(std::size_t value) {
    // libgettextpo says (size_t)-1 for "unknown".
    if (value == static_cast<std::size_t>(-1) || value > 0x7fffffff) return 0;
    return static_cast<int>(value);
}

std::string one_line(const char* text) {
    std::string s = text ? text : "";
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    for (char& c : s)
        if (c == '\n') c = ' ';
    return s;
}

void record(int severity, const char* filename, std::size_t lineno, std::size_t column, const char* text) {
    if (g_sink == nullptr) return;
    Diagnostic d;
    d.severity = severity;
    d.text = one_line(text);
    if (filename != nullptr && lineno != static_cast<std::size_t>(-1)) {
        d.line = to_int(lineno);
        d.column = to_int(column);
    }
    g_sink->items.push_back(std::move(d));
}

[[noreturn]] void escape() {
    g_sink->fatal = true;
    std::longjmp(*g_escape, 1);
}

extern "C" void on_xerror(int severity, po_message_t, const char* filename, std::size_t lineno, std::size_t column, int,
                          const char* message_text) {
    record(severity, filename, lineno, column, message_text);
    if (severity == PO_SEVERITY_FATAL_ERROR && g_escape != nullptr) escape();
}

extern "C" void on_xerror2(int severity, po_message_t, const char* filename1, std::size_t lineno1, std::size_t column1,
                           int, const char* message_text1, po_message_t, const char*, std::size_t, std::size_t, int,
                           const char* message_text2) {
    // "duplicate message definition..." + "...this is the location of the first
    // definition": the first message is where the problem is.
    std::string text = one_line(message_text1);
    while (!text.empty() && text.back() == '.') text.pop_back();
    (void)message_text2;
    record(severity, filename1, lineno1, column1, text.c_str());
    if (severity == PO_SEVERITY_FATAL_ERROR && g_escape != nullptr) escape();
}

const po_xerror_handler k_handler = {on_xerror, on_xerror2};

}  // namespace

std::unique_lock<std::mutex> lock_libgettextpo() {
    static std::mutex mutex;
    return std::unique_lock<std::mutex>(mutex);
}

po_xerror_handler_t handler() {
    return &k_handler;
}

const Diagnostic* Diagnostics::first_error() const {
    for (const Diagnostic& d : items)
        if (d.severity != PO_SEVERITY_WARNING) return &d;
    return nullptr;
}

int Diagnostics::error_count() const {
    int n = 0;
    for (const Diagnostic& d : items)
        if (d.severity != PO_SEVERITY_WARNING) ++n;
    return n;
}

bool call_reporting(Diagnostics& out, void (*call)(void* arg), void* arg) {
    // Nothing with a destructor lives in this frame between setjmp and longjmp.
    std::jmp_buf env;
    g_sink = &out;
    g_escape = &env;
    if (setjmp(env) != 0) {
        g_sink = nullptr;
        g_escape = nullptr;
        return false;
    }
    call(arg);
    g_sink = nullptr;
    g_escape = nullptr;
    return true;
}

namespace {

struct ReadCall {
    const char* path;
    po_file_t file;
};

void run_read(void* arg) {
    auto* call = static_cast<ReadCall*>(arg);
    call->file = po_file_read(call->path, handler());
}

struct WriteCall {
    po_file_t file;
    const char* path;
};

void run_write(void* arg) {
    auto* call = static_cast<WriteCall*>(arg);
    po_file_write(call->file, call->path, handler());
}


// The switches behind Decoding::bytes. Each entry is put into the environment,
// switched off (an empty value, which gettext reads as unset), before main()
// and so before any thread; a call then only swaps the string in that entry:
// putenv of a name already present neither allocates nor moves the environment
// array, so a getenv in another thread sees one string or the other, and a
// child process sees the entry switched off unless it starts during a call.
// When the user has set a switch, it is left alone: libgettextpo then reads
// bytes all the time, as it would without Tandem.
char g_input_on[] = "OLD_PO_FILE_INPUT=1";
char g_input_off[] = "OLD_PO_FILE_INPUT=";
char g_output_on[] = "OLD_PO_FILE_OUTPUT=1";
char g_output_off[] = "OLD_PO_FILE_OUTPUT=";

bool claim_switch(const char* name, char* off) {
    const char* value = std::getenv(name);
    if (value != nullptr && *value != '\0') return false;
    return ::putenv(off) == 0;
}

const bool g_input_switch = claim_switch("OLD_PO_FILE_INPUT", g_input_off);
const bool g_output_switch = claim_switch("OLD_PO_FILE_OUTPUT", g_output_off);

// Turns a switch on for one call (with the library lock held) and off again,
// also when libgettextpo escaped through call_reporting.
class SwitchOn {
public:
    SwitchOn(bool wanted, char* on, char* off) : m_off(wanted ? off : nullptr) {
        if (m_off != nullptr) ::putenv(on);
    }
    ~SwitchOn() {
        if (m_off != nullptr) ::putenv(m_off);
    }
    SwitchOn(const SwitchOn&) = delete;
    SwitchOn& operator=(const SwitchOn&) = delete;

private:
    char* m_off;
};

}  // namespace

FilePtr read_file(const char* path, Diagnostics& out, Decoding decoding) {
    const SwitchOn bytes(decoding == Decoding::bytes && g_input_switch, g_input_on, g_input_off);
    ReadCall call{path, nullptr};
    if (!call_reporting(out, run_read, &call)) return nullptr;
    return FilePtr(call.file);
}

bool write_file(po_file_t file, const char* path, Diagnostics& out, Decoding decoding) {
    const SwitchOn bytes(decoding == Decoding::bytes && g_output_switch, g_output_on, g_output_off);
    WriteCall call{file, path};
    return call_reporting(out, run_write, &call);
}

namespace {

bool is_memfd_path(const std::string& path) { return path.rfind("/proc/self/fd/", 0) == 0; }

// A memfd with a path libgettextpo can open, or -1 when there is none (no
// memfd, or no /proc to name it by). A catalog read made one and closed it,
// which was a tenth of the read's time: emptied memfds are kept for reuse.
class MemfdPool {
public:
    int take() {
        {
            std::lock_guard<std::mutex> hold(m_mutex);
            if (!m_idle.empty()) {
                const int fd = m_idle.back();
                m_idle.pop_back();
                return fd;
            }
            if (!m_usable) return -1;
        }
        const int fd = memfd_create("tandem-po", MFD_CLOEXEC);
        if (fd >= 0 && ::access(("/proc/self/fd/" + std::to_string(fd)).c_str(), R_OK | W_OK) == 0) return fd;
        if (fd >= 0) ::close(fd);
        std::lock_guard<std::mutex> hold(m_mutex);
        m_usable = false;
        return -1;
    }
    void give_back(int fd) {
        if (::ftruncate(fd, 0) == 0) {
            std::lock_guard<std::mutex> hold(m_mutex);
            if (m_idle.size() < k_most_idle) {
                m_idle.push_back(fd);
                return;
            }
        }
        ::close(fd);
    }

private:
    static constexpr std::size_t k_most_idle = 8;
    std::mutex m_mutex;
    std::vector<int> m_idle;
    bool m_usable = true;
};

MemfdPool& memfd_pool() {
    static MemfdPool* pool = new MemfdPool();  // never destroyed: scratch files may outlive static destruction
    return *pool;
}

}  // namespace

Result<ScratchFile> ScratchFile::create(std::string_view contents) {
    int fd = memfd_pool().take();
    std::string path;
    if (fd >= 0) path = "/proc/self/fd/" + std::to_string(fd);
    if (fd < 0) {
        std::error_code ec;
        std::string tmpl = (std::filesystem::temp_directory_path(ec) / "tandem-po-XXXXXX").string();
        fd = ::mkostemp(tmpl.data(), O_CLOEXEC);
        if (fd < 0) return fail(ErrorCode::io, std::string("cannot create a scratch file: ") + std::strerror(errno));
        path = tmpl;
    }
    ScratchFile file(fd, path);
    std::size_t done = 0;
    while (done < contents.size()) {
        const ssize_t n = ::pwrite(fd, contents.data() + done, contents.size() - done, static_cast<off_t>(done));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return fail(ErrorCode::io, std::string("cannot write a scratch file: ") + std::strerror(errno));
        done += static_cast<std::size_t>(n);
    }
    return file;
}

ScratchFile::ScratchFile(ScratchFile&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)), m_path(std::move(other.m_path)) {}

ScratchFile::~ScratchFile() {
    if (m_fd < 0) return;
    if (is_memfd_path(m_path)) {
        memfd_pool().give_back(m_fd);
        return;
    }
    ::unlink(m_path.c_str());
    ::close(m_fd);
}

Result<std::string> ScratchFile::contents() const {
    struct stat st {};
    if (::fstat(m_fd, &st) != 0)
        return fail(ErrorCode::io, std::string("cannot stat a scratch file: ") + std::strerror(errno));
    std::string out(static_cast<std::size_t>(st.st_size), '\0');
    std::size_t done = 0;
    while (done < out.size()) {
        const ssize_t n = ::pread(m_fd, out.data() + done, out.size() - done, static_cast<off_t>(done));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return fail(ErrorCode::io, std::string("cannot read a scratch file: ") + std::strerror(errno));
        if (n == 0) break;
        done += static_cast<std::size_t>(n);
    }
    out.resize(done);
    return out;
}

std::optional<std::string> take_string(char* owned) {
    if (owned == nullptr) return std::nullopt;
    std::string s(owned);
    std::free(owned);
    return s;
}

std::vector<std::string> take_comment_lines(const char* text) {
    std::vector<std::string> lines;
    if (text == nullptr || *text == '\0') return lines;  // the static "" of "no comments"
    std::string_view rest(text);
    while (!rest.empty()) {
        const std::size_t nl = rest.find('\n');
        lines.emplace_back(rest.substr(0, nl));
        if (nl == std::string_view::npos) break;
        rest.remove_prefix(nl + 1);
    }
#if LIBGETTEXTPO_VERSION >= 0x001500 && LIBGETTEXTPO_VERSION < 0x001700
    // gettext 0.21 and 0.22 join the comment list into fresh memory on every
    // call and never free it (gettext-po.c: "FIXME: memory leak").
    std::free(const_cast<char*>(text));
#endif
    return lines;
}

}  // namespace tandem::po::detail
