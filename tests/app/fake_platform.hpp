// A scripted platform for app tests without a browser, SDL or ImGui: every request the app makes is
// recorded, nothing answers by itself. A test answers by posting platform::Events (as the browser's
// platform.js would) and draining them with drain_events(), as main.cpp does each frame.
#pragma once
#include "platform/platform.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace fake {

struct Put {
    std::string id, meta, text;
    std::int64_t base_rev = 0;
};
struct Timer {
    int ms = 0;
    void (*fn)(void*) = nullptr;
    void* arg = nullptr;
};
struct Calls {
    int opens = 0;
    std::vector<Put> puts;
    std::vector<std::string> gets, set_current, enqueued, settings;
    std::vector<std::pair<std::string, std::string>> files_saved;  // name, bytes
    std::vector<Timer> timers;
    int wakes = 0;
    double now_ms = 1'700'000'000'000.0;
    int uuids = 0;
};
Calls& calls();
void reset();
void fire_timers();  // runs the timers armed so far (call_later), as the browser would later

} // namespace fake
