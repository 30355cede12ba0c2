// The platform's event queue (both platforms): answers from the host wait here until main.cpp
// drains them at the start of a frame, so no callback ever runs inside the request that caused it.
#include "platform/platform.hpp"

#include <deque>
#include <utility>

namespace selfcheck::app::platform {
namespace {
std::deque<Event>& queue() {
    static std::deque<Event> q;
    return q;
}
} // namespace

void post(Event e) {
    queue().push_back(std::move(e));
    wake();
}

bool poll_event(Event& out) {
    if (queue().empty()) return false;
    out = std::move(queue().front());
    queue().pop_front();
    return true;
}

std::size_t pending_events() { return queue().size(); }

} // namespace selfcheck::app::platform
