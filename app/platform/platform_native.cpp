// Native desktop platform: SDL2 + OpenGL 3.0, render on demand by blocking in SDL_WaitEvent.
#include "platform/platform.hpp"

#include <SDL.h>

#include <fstream>

namespace selfcheck::app::platform {
namespace {
std::uint64_t g_last_activity = 0;
}

const char* prepare_gl() {
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 2);
    return "#version 150";
}

float pixel_ratio() { return 1.0f; }

std::string asset_path(const char* relative) {
    std::string base;
    if (char* p = SDL_GetBasePath()) {
        base = p;
        SDL_free(p);
    }
    return base + relative;
}

void install(SDL_Window*, AppState*) {}

void wake() { g_last_activity = SDL_GetTicks64(); }
std::uint64_t last_activity_ms() { return g_last_activity; }

void run(FrameStatus (*frame)()) {
    wake();
    for (;;) {
        FrameStatus s = frame();
        if (s == FrameStatus::Quit) return;
        if (s == FrameStatus::Idle) {
            SDL_WaitEvent(nullptr);  // blocks without consuming the event
            wake();
        }
    }
}

void after_render() {}
void first_frame_presented() {}

void save_file(const std::string& name, const std::string& bytes, const char*) {
    std::ofstream(name, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

void open_url(const std::string& url) { SDL_OpenURL(url.c_str()); }

} // namespace selfcheck::app::platform
