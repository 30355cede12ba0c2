// SelfCheck app entry point (native desktop and browser): SDL2 window + OpenGL, Dear ImGui with the
// build-time CJK font subset, AppState with no open document (the start screen), render on demand.
#include "app_state.hpp"
#include "automation.hpp"
#include "events.hpp"
#include "i18n.hpp"
#include "platform/fonts.hpp"
#include "platform/platform.hpp"
#include "storage.hpp"
#include "test_hooks.hpp"
#include "ui/screens.hpp"
#include "ui/layout.hpp"
#include "ui/text_capture.hpp"
#include "ui/touch.hpp"

#include "imgui.h"
#include "imgui_internal.h"  // InputEventsQueue: idle only when ImGui has no input left to trickle
#include "imgui_impl_opengl3.h"
#include "imgui_impl_sdl2.h"

#include <SDL.h>
#include <SDL_opengl.h>

#include <cstddef>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <vector>

using namespace selfcheck::app;

namespace {
SDL_Window* g_window = nullptr;
SDL_GLContext g_gl = nullptr;
AppState g_state;
bool g_first_frame = true;
bool g_quit = false;

// Frames keep coming for this long after the last input, so ImGui can settle (it trickles input
// events over frames, and hover/active states need a frame or two).
constexpr std::uint64_t k_idle_after_ms = 250;
// ... and for at least this many frames: a slow or background tab gets an animation frame only now
// and then (or none), so 250 ms can pass within a frame or two, while a click needs several frames to
// settle (ImGui trickles a tap -- move, press, release -- over three frames, the new screen is drawn on
// the next, and a window that appears -- a popup, the "changed in another tab" banner -- is hidden on
// its first). A slow phone (or a software-GL test browser) can take longer than 250 ms per frame.
constexpr int k_min_frames_after_activity = 6;
std::uint64_t g_seen_activity = 0;
int g_frames_since_activity = 0;


// A press that arrives in the same frame as the move onto its widget waits for the next frame.
// ImGui trickles a release after a press, but not a press after a move: a tab (and any item that
// allows overlap) takes a press only when it was hovered on the previous frame, so a move and a press
// delivered together -- a quick click on a loaded machine, a pen, a test driver -- hovered the tab and
// lost the click (seen in e2e: the tab showed hovered, the kind did not change).
std::vector<SDL_Event> g_deferred_events;

platform::FrameStatus frame() {
    SDL_Event e;
    bool had_events = false;
    std::vector<SDL_Event> batch;
    batch.swap(g_deferred_events);
    while (SDL_PollEvent(&e)) batch.push_back(e);
    bool moved = false;
    for (std::size_t i = 0; i < batch.size(); ++i) {
        SDL_Event& ev = batch[i];
        if (ev.type == SDL_MOUSEBUTTONDOWN && moved) {
            g_deferred_events.assign(batch.begin() + static_cast<std::ptrdiff_t>(i), batch.end());
            break;
        }
        had_events = true;
        if (ui::touch::filter_event(ev)) continue;  // touch gestures (scroll, tap, long press)
        if (ev.type == SDL_MOUSEMOTION) moved = true;
        ImGui_ImplSDL2_ProcessEvent(&ev);
        if (ev.type == SDL_QUIT) g_quit = true;
        if (ev.type == SDL_WINDOWEVENT && ev.window.event == SDL_WINDOWEVENT_CLOSE &&
            ev.window.windowID == SDL_GetWindowID(g_window))
            g_quit = true;
    }
    if (!g_deferred_events.empty()) platform::wake();
    if (g_quit) return platform::FrameStatus::Quit;
    if (had_events) platform::wake();
    drain_events();  // storage, upload, file and font answers from the platform (wake the loop)
    const std::uint64_t activity = platform::last_activity_ms();
    if (activity != g_seen_activity) {
        g_seen_activity = activity;
        g_frames_since_activity = 0;
    }
    // Idle only once the last input has been through enough frames and ImGui's input queue is empty.
    if (!g_first_frame && SDL_GetTicks64() - activity > k_idle_after_ms && g_frames_since_activity >= k_min_frames_after_activity &&
        ImGui::GetCurrentContext()->InputEventsQueue.Size == 0 && g_deferred_events.empty())
        return platform::FrameStatus::Idle;
    ++g_frames_since_activity;

    fonts::rebuild_if_needed();  // glyphs from the fallback font (before NewFrame)
    ui::touch::before_frame();
    ui::layout_before_frame();   // theme, touch sizes, text size setting
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    ImGui::NewFrame();
    hooks_begin_frame();

    ui::draw_app(g_state);  // sidebar + current screen + tour (ui/navigation.cpp)
    ui::draw_platform_overlays(g_state);  // autosave tick, import/delete dialogs, storage errors

    ImGui::Render();
    ui::capture_texts();  // window.selfcheck.texts()
    platform::after_render();
    ImGuiIO& io = ImGui::GetIO();
    glViewport(0, 0, static_cast<int>(io.DisplaySize.x * io.DisplayFramebufferScale.x),
               static_cast<int>(io.DisplaySize.y * io.DisplayFramebufferScale.y));
    glClearColor(0.96f, 0.96f, 0.97f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    SDL_GL_SwapWindow(g_window);
    hooks_end_frame();

    if (g_first_frame) {
        g_first_frame = false;
        io.Fonts->ClearTexData();  // the atlas is on the GPU now; free the CPU copies
        platform::first_frame_presented();
    }
    if (g_state.update()) platform::wake();  // an edit changed the result: draw it
    return platform::FrameStatus::Rendered;
}
} // namespace

int main(int, char**) {
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
        std::fprintf(stderr, "selfcheck_app: SDL_Init: %s\n", SDL_GetError());
        return 1;
    }
    const char* glsl = platform::prepare_gl();
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    g_window = SDL_CreateWindow(tr("app.title"), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, 1280, 800,
                                SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    if (!g_window) {
        std::fprintf(stderr, "selfcheck_app: SDL_CreateWindow: %s\n", SDL_GetError());
        platform::show_no_gpu(SDL_GetError());
        return 1;
    }
    g_gl = SDL_GL_CreateContext(g_window);
    if (!g_gl) {
        // No WebGL 2 (blocked driver, policy, headless browser): say so and what to do, and keep
        // the saved self-checks exportable, instead of "loading" forever.
        std::fprintf(stderr, "selfcheck_app: SDL_GL_CreateContext: %s\n", SDL_GetError());
        platform::show_no_gpu(SDL_GetError());
        return 1;
    }
    SDL_GL_MakeCurrent(g_window, g_gl);
    SDL_GL_SetSwapInterval(1);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;                  // layout is code, not a file
    io.ConfigInputTextCursorBlink = false;     // blinking would need frames while idle
    ImGui_ImplSDL2_InitForOpenGL(g_window, g_gl);
    ImGui_ImplOpenGL3_Init(glsl);
    platform::install(g_window);
    automation::install(&g_state);
    fonts::load(io);  // UI subset; fallback font merged in later when a character is missing

    g_state.ref = &selfcheck::RefData::builtin();
    // No document until the user starts one, opens a saved one, imports or opens a sample.
    storage::start(g_state);  // reopens the self-check that was open (replaces the sample)

    platform::run(frame);  // natively returns on quit; on the web returns at once
    return 0;
}
