#pragma once
// The access log's writer: request threads hand it a line and go on; one
// thread of its own writes the lines out, in order. A request never waits on
// the log's file, which on a disk can stall for as long as a journal commit
// takes (a save's sync makes one).

#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace tandem::server {

class AccessLog {
public:
    // `sink` gets one line at a time; without one, batches of lines go to
    // standard error, one write each.
    explicit AccessLog(std::function<void(std::string_view line)> sink);
    ~AccessLog();  // writes what is left, then stops
    AccessLog(const AccessLog&) = delete;
    AccessLog& operator=(const AccessLog&) = delete;

    // Queues one line (without its newline). Waits only when the writer is
    // far behind (k_max_pending bytes queued), so no line is ever dropped.
    void write(std::string line);

private:
    static constexpr std::size_t k_max_pending = 16 << 20;
    void run();
    std::function<void(std::string_view)> m_sink;
    std::mutex m_mutex;
    std::condition_variable m_wake;      // lines are queued, or stopping
    std::condition_variable m_drained;   // room in the queue again
    std::vector<std::string> m_pending;
    std::size_t m_pending_bytes = 0;
    bool m_stopping = false;
    std::thread m_thread;
};

}  // namespace tandem::server
