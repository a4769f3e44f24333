#include "cms/server/access_log.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <thread>
#include <vector>

namespace tandem::server {
namespace {

TEST(AccessLog, EveryLineFromManyThreadsIsWrittenOnceInEachThreadsOrder) {
    std::vector<std::string> written;  // only the log's own thread appends
    {
        AccessLog log([&written](std::string_view line) { written.emplace_back(line); });
        std::vector<std::thread> threads;
        for (int t = 0; t < 8; ++t)
            threads.emplace_back([&log, t] {
                for (int i = 0; i < 2000; ++i) log.write(std::to_string(t) + " " + std::to_string(i));
            });
        for (auto& thread : threads) thread.join();
    }  // the destructor writes what is still queued
    ASSERT_EQ(written.size(), 8u * 2000u);
    std::map<int, int> next;  // thread → the number its next line must carry
    for (const auto& line : written) {
        const int t = std::stoi(line.substr(0, line.find(' ')));
        const int i = std::stoi(line.substr(line.find(' ') + 1));
        EXPECT_EQ(i, next[t]) << line;
        next[t] = i + 1;
    }
}

TEST(AccessLog, AWriterThatStallsDoesNotLoseLinesWhenTheQueueFills) {
    // A sink slower than the writers: lines wait in the queue (the writers
    // wait only past its limit), and all arrive.
    std::vector<std::string> written;
    const std::string big(1 << 20, 'x');
    {
        AccessLog log([&written](std::string_view line) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
            written.emplace_back(line.substr(0, 8));
        });
        for (int i = 0; i < 40; ++i) log.write(std::to_string(i + 10000000) + big);
    }
    ASSERT_EQ(written.size(), 40u);
    EXPECT_EQ(written.front(), "10000000");
    EXPECT_EQ(written.back(), "10000039");
}

}  // namespace
}  // namespace tandem::server
