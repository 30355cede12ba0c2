// The page hooks behind window.selfcheck (DESIGN.md: ready, load, result, frames, items; beyond it:
// document, storage, uploads, fonts) in one place. Web only; natively install() does nothing.
#pragma once

namespace selfcheck::app {
struct AppState;
namespace automation {
void install(AppState* state);
AppState* state();
} // namespace automation
} // namespace selfcheck::app
