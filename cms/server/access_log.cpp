#include "cms/server/access_log.h"

#include <unistd.h>

namespace tandem::server {

namespace {

void write_all(int fd, std::string_view text) {
    while (!text.empty()) {
        const auto n = ::write(fd, text.data(), text.size());
        if (n <= 0) return;  // nowhere to report a failing log; requests go on
        text.remove_prefix(static_cast<std::size_t>(n));
    }
}

}  // namespace

AccessLog::AccessLog(std::function<void(std::string_view)> sink) : m_sink(std::move(sink)) {
    m_thread = std::thread([this] { run(); });
}

AccessLog::~AccessLog() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_thread.join();
}

void AccessLog::write(std::string line) {
    std::unique_lock lock(m_mutex);
    m_drained.wait(lock, [this] { return m_pending_bytes < k_max_pending; });
    m_pending_bytes += line.size() + 1;
    m_pending.push_back(std::move(line));
    lock.unlock();
    m_wake.notify_one();
}

void AccessLog::run() {
    std::vector<std::string> batch;
    std::string text;
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_pending.empty(); });
            if (m_pending.empty()) return;  // stopping, and everything is out
            batch.swap(m_pending);
            m_pending_bytes = 0;
        }
        m_drained.notify_all();
        if (m_sink) {
            for (const auto& line : batch) m_sink(line);
        } else {
            text.clear();
            for (const auto& line : batch) text.append(line).push_back('\n');
            write_all(STDERR_FILENO, text);
        }
        batch.clear();
    }
}

}  // namespace tandem::server
