// Dispatch of the platform's events (app/platform/platform.hpp) to storage, upload and fonts.
// main.cpp calls drain_events() once per frame, before drawing; tests call it after posting fakes.
#pragma once
#include "platform/platform.hpp"

namespace selfcheck::app {

void handle_event(const platform::Event& e);
int drain_events();  // handles every queued event; returns how many

} // namespace selfcheck::app
