// The few services the app needs from its host, one implementation per platform:
// platform_web.cpp (Emscripten: browser, WebGL2, DOM bridges) and platform_native.cpp (SDL2
// desktop, OpenGL 3). CMake compiles exactly one of them; no #ifdefs in the rest of the app.
#pragma once
#include <cstdint>
#include <string>

struct SDL_Window;

namespace selfcheck::app {
struct AppState;
}

namespace selfcheck::app::platform {

// --- window and rendering
// Sets the SDL GL attributes before the window is created; returns ImGui's GLSL version string.
const char* prepare_gl();
// Device pixel ratio: fonts are rasterized at size x ratio and drawn at 1/ratio (sharp on HiDPI).
float pixel_ratio();
// Path of a build-time asset (e.g. "fonts/ui.otf"): MEMFS on the web, next to the binary natively.
std::string asset_path(const char* relative);
// Called once after the ImGui backends are initialised: IME bridge, clipboard, test hooks.
void install(SDL_Window* window, AppState* state);

// --- render on demand
// frame() returns Idle when nothing happened for a while; the platform then stops calling it
// until wake() (input events wake it automatically).
enum class FrameStatus { Rendered, Idle, Quit };
void run(FrameStatus (*frame)());
void wake();                       // request frames: async completion, test hook, timer
std::uint64_t last_activity_ms();  // SDL_GetTicks64() of the last wake()
void after_render();               // per frame, after ImGui::Render(): IME element position
void first_frame_presented();      // resolves window.selfcheck.ready on the web

// --- services for screens
// Offer bytes to the user as a file: a browser download, or a file in the working directory.
void save_file(const std::string& name, const std::string& bytes, const char* mime_type);
void open_url(const std::string& url);
// Wipe everything this app stored locally (saved self-checks, settings). The UI confirms first.
void clear_local_data();

} // namespace selfcheck::app::platform
