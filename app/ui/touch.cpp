#include "ui/touch.hpp"

#include "platform/platform.hpp"
#include "ui/layout.hpp"

#include "imgui.h"
#include "imgui_internal.h"

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#endif

namespace selfcheck::app::ui::touch {
namespace {

enum class State { idle, pending, scrolling, long_pressed };

constexpr float k_slop = 10.0f;           // CSS px a finger may wander and still tap
constexpr double k_long_press_ms = 450;   // held this long without moving: hover help
constexpr float k_friction_s = 0.325f;    // inertia time constant (as iOS/Android lists)
constexpr float k_min_fling = 40.0f;      // px/s below which inertia stops

State g_state = State::idle;
SDL_FingerID g_finger = 0;
int g_fingers = 0;
ImVec2 g_p0, g_last, g_pending_delta;
double g_t0 = 0, g_last_t = 0;
ImVec2 g_vel;                      // px/s
bool g_axis_x = false;             // this drag scrolls sideways
ImGuiID g_target = 0;              // window scrolled by this drag
bool g_inertia = false;
double g_inertia_t = 0;
int g_mouse_away_in = 0;           // frames until the pointer leaves after a tap
float g_inset = 0;
long g_taps = 0, g_drags = 0, g_long_presses = 0;

struct Field {
    ImRect r;
    bool numeric;
};
// The text fields drawn by the frame being built; between frames (when the page asks, from its
// event handlers) the fields of the last drawn frame, where the user sees them.
std::vector<Field> g_fields;
std::string g_status;

double now_ms() { return static_cast<double>(SDL_GetTicks64()); }

ImVec2 to_px(float nx, float ny) {
    const ImVec2 ds = ImGui::GetIO().DisplaySize;
    return ImVec2(nx * ds.x, ny * ds.y);
}

// The top-most window under p (as ImGui's own hover test), then the nearest one that scrolls.
ImGuiWindow* window_at(ImVec2 p) {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    for (int i = g.Windows.Size - 1; i >= 0; --i) {
        ImGuiWindow* w = g.Windows[i];
        if (!w->WasActive || w->Hidden || (w->Flags & ImGuiWindowFlags_NoMouseInputs)) continue;
        if (w->OuterRectClipped.Contains(p)) return w;
    }
    return nullptr;
}
ImGuiWindow* scrollable(ImGuiWindow* w, bool x) {
    for (; w; w = w->ParentWindow) {
        if (w->Flags & ImGuiWindowFlags_NoScrollWithMouse) continue;
        if (x ? w->ScrollMax.x > 0 : w->ScrollMax.y > 0) return w;
    }
    return nullptr;
}

// Scroll the dragged region; what it cannot take (it is at its end) goes on to the region around
// it, as browsers chain scrolling, so a finger on an inner list or table still moves the screen.
void scroll_by(ImVec2 d) {
    ImGuiWindow* w = g_target ? ImGui::FindWindowByID(g_target) : nullptr;
    float rest = g_axis_x ? -d.x : -d.y;
    while (w && std::fabs(rest) > 0.01f) {
        const float target = g_axis_x ? w->ScrollTarget.x : w->ScrollTarget.y;
        const float base = target != FLT_MAX ? target : (g_axis_x ? w->Scroll.x : w->Scroll.y);
        const float max = g_axis_x ? w->ScrollMax.x : w->ScrollMax.y;
        const float to = ImClamp(base + rest, 0.0f, max);
        if (to != base) {
            if (g_axis_x) ImGui::SetScrollX(w, to);
            else ImGui::SetScrollY(w, to);
        }
        rest -= to - base;
        w = scrollable(w->ParentWindow, g_axis_x);
    }
}

void pointer_away() {
    ImGuiIO& io = ImGui::GetIO();
    io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
}

// The finger has moved `d` from where it landed: from now on it scrolls the region under the landing
// point (sideways only when the move is mostly sideways and that region scrolls sideways).
void start_scroll(ImVec2 d, ImVec2 p, double t) {
    ImGuiWindow* under = window_at(g_p0);
    g_axis_x = std::fabs(d.x) > std::fabs(d.y) * 1.2f && scrollable(under, true);
    ImGuiWindow* w = scrollable(under, g_axis_x);
    g_target = w ? w->ID : 0;
    g_state = State::scrolling;
    ++g_drags;
    g_pending_delta = d;
    g_last = p;
    g_last_t = t;
}
} // namespace

bool filter_event(const SDL_Event& e) {
    // SDL turns touches into mouse events too (which == SDL_TOUCH_MOUSEID): the gestures below
    // decide what reaches ImGui instead.
    if ((e.type == SDL_MOUSEMOTION && e.motion.which == SDL_TOUCH_MOUSEID) ||
        ((e.type == SDL_MOUSEBUTTONDOWN || e.type == SDL_MOUSEBUTTONUP) && e.button.which == SDL_TOUCH_MOUSEID) ||
        (e.type == SDL_MOUSEWHEEL && e.wheel.which == SDL_TOUCH_MOUSEID))
        return true;
    if (e.type != SDL_FINGERDOWN && e.type != SDL_FINGERMOTION && e.type != SDL_FINGERUP) return false;
    set_touch_ui(true);
    ImGuiIO& io = ImGui::GetIO();
    const ImVec2 p = to_px(e.tfinger.x, e.tfinger.y);
    const double t = now_ms();
    if (e.type == SDL_FINGERDOWN) {
        ++g_fingers;
        if (g_fingers > 1) {  // a second finger (pinch): no tap, no scroll; text size is a setting
            if (g_state == State::scrolling) g_inertia = false;
            g_state = State::idle;
            return true;
        }
        g_finger = e.tfinger.fingerId;
        g_state = State::pending;
        g_p0 = g_last = p;
        g_t0 = g_last_t = t;
        g_vel = ImVec2(0, 0);
        g_pending_delta = ImVec2(0, 0);
        g_inertia = false;  // a touch stops a fling
        g_mouse_away_in = 0;
        pointer_away();     // nothing hovered until we know what this touch is
        platform::wake();
        return true;
    }
    if (e.tfinger.fingerId != g_finger) {
        if (e.type == SDL_FINGERUP && g_fingers > 0) --g_fingers;
        return true;
    }
    if (e.type == SDL_FINGERMOTION) {
        if (g_state == State::pending) {
            const ImVec2 d(p.x - g_p0.x, p.y - g_p0.y);
            if (d.x * d.x + d.y * d.y > k_slop * k_slop) {
                start_scroll(d, p, t);  // the slop counts: the content follows the finger from where it touched
            }
        } else if (g_state == State::scrolling) {
            const ImVec2 d(p.x - g_last.x, p.y - g_last.y);
            const double dt = std::max(1.0, t - g_last_t) / 1000.0;
            g_vel = ImVec2(0.7f * g_vel.x + 0.3f * static_cast<float>(d.x / dt), 0.7f * g_vel.y + 0.3f * static_cast<float>(d.y / dt));
            g_pending_delta = ImVec2(g_pending_delta.x + d.x, g_pending_delta.y + d.y);
            g_last = p;
            g_last_t = t;
        } else if (g_state == State::long_pressed) {
            const ImVec2 d(p.x - g_p0.x, p.y - g_p0.y);
            if (d.x * d.x + d.y * d.y > 4 * k_slop * k_slop) {
                // A finger that moves on after a long press (or after a slow frame made it look like
                // one) scrolls: the help goes away and the content follows the finger.
                pointer_away();
                start_scroll(d, p, t);
            } else {
                io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
                io.AddMousePosEvent(p.x, p.y);  // slide the help along
            }
        }
        platform::wake();
        return true;
    }
    // SDL_FINGERUP
    if (g_fingers > 0) --g_fingers;
    if (g_state == State::pending) {
        // A tap: press and release where the finger was (ImGui trickles them over two frames).
        io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
        io.AddMousePosEvent(g_p0.x, g_p0.y);
        io.AddMouseButtonEvent(0, true);
        io.AddMouseButtonEvent(0, false);
        g_mouse_away_in = 4;
        ++g_taps;
    } else if (g_state == State::scrolling) {
        if (t - g_last_t > 80) g_vel = ImVec2(0, 0);  // the finger stopped before lifting
        const float v = g_axis_x ? g_vel.x : g_vel.y;
        g_inertia = std::fabs(v) > k_min_fling && g_target != 0;
        g_inertia_t = t;
    }
    // long_pressed: the help stays up until the next touch
    g_state = State::idle;
    platform::wake();
    return true;
}

void before_frame() {
    const double t = now_ms();
    ImGuiIO& io = ImGui::GetIO();
    g_fields.clear();
    if (g_state == State::pending) {
        if (t - g_t0 >= k_long_press_ms) {
            g_state = State::long_pressed;
            ++g_long_presses;
            io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
            io.AddMousePosEvent(g_p0.x, g_p0.y);  // hover: the (?) help and value tooltips appear
        }
        platform::wake();
    }
    if (g_state == State::scrolling) {
        if (g_pending_delta.x != 0 || g_pending_delta.y != 0) scroll_by(g_pending_delta);
        g_pending_delta = ImVec2(0, 0);
        platform::wake();
    }
    if (g_inertia) {
        const double dt = std::min(0.05, (t - g_inertia_t) / 1000.0);
        g_inertia_t = t;
        const float k = static_cast<float>(std::exp(-dt / k_friction_s));
        g_vel = ImVec2(g_vel.x * k, g_vel.y * k);
        scroll_by(ImVec2(g_vel.x * static_cast<float>(dt), g_vel.y * static_cast<float>(dt)));
        ImGuiWindow* w = g_target ? ImGui::FindWindowByID(g_target) : nullptr;
        const float v = g_axis_x ? g_vel.x : g_vel.y;
        const bool at_end = !w || (g_axis_x ? (w->ScrollTarget.x <= 0 || w->ScrollTarget.x >= w->ScrollMax.x)
                                            : (w->ScrollTarget.y <= 0 || w->ScrollTarget.y >= w->ScrollMax.y));
        if (std::fabs(v) < k_min_fling || at_end) g_inertia = false;
        platform::wake();
    }
    if (g_mouse_away_in > 0 && --g_mouse_away_in == 0) {
        // After a tap nothing stays hovered, except an open text field keeps its caret.
        pointer_away();
    }
    if (g_mouse_away_in > 0) platform::wake();
}

void note_text_field(bool numeric) {
    const ImRect r(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    if (ImGui::IsItemVisible()) g_fields.push_back({r, numeric});
#ifdef __EMSCRIPTEN__
    if (ImGui::IsItemActivated())
        EM_ASM({ const ime = document.getElementById('ime'); if (ime) ime.inputMode = $0 ? 'decimal' : 'text'; }, numeric ? 1 : 0);
#endif
    if (!ImGui::IsItemActive()) return;
    // Keep the field above the on-screen keyboard (and inside its scrolling region).
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    const float bottom = std::min(w->InnerClipRect.Max.y, ImGui::GetIO().DisplaySize.y - g_inset) - 8;
    const float top = w->InnerClipRect.Min.y + 4;
    ImGuiWindow* sw = scrollable(w, false);
    if (!sw) return;
    if (r.Max.y > bottom && bottom > top) {
        ImGui::SetScrollY(sw, ImMin(sw->ScrollMax.y + (r.Max.y - bottom), sw->Scroll.y + (r.Max.y - bottom)));
        platform::wake();
    } else if (r.Min.y < top) {
        ImGui::SetScrollY(sw, ImMax(0.0f, sw->Scroll.y - (top - r.Min.y)));
        platform::wake();
    }
}

float keyboard_inset() { return g_inset; }

const char* status_json() {
    char buf[384];
    // scroll_y: how far the region the last drag moved is scrolled (-1 before any drag)
    const ImGuiWindow* w = g_target ? ImGui::FindWindowByID(g_target) : nullptr;
    std::snprintf(buf, sizeof buf,
                  "{\"touch_ui\":%s,\"taps\":%ld,\"drags\":%ld,\"long_presses\":%ld,\"inertia\":%s,\"keyboard_inset\":%.1f,\"fields\":%d,"
                  "\"scroll_y\":%.1f}",
                  touch_ui() ? "true" : "false", g_taps, g_drags, g_long_presses, g_inertia ? "true" : "false",
                  static_cast<double>(g_inset), static_cast<int>(g_fields.size()), w ? static_cast<double>(w->Scroll.y) : -1.0);
    g_status = buf;
    return g_status.c_str();
}

} // namespace selfcheck::app::ui::touch

#ifdef __EMSCRIPTEN__
extern "C" {
// web/touch.js: the on-screen keyboard covers `px` CSS px at the bottom of the view.
EMSCRIPTEN_KEEPALIVE void app_keyboard_inset(double px) {
    selfcheck::app::ui::touch::g_inset = static_cast<float>(px > 0 ? px : 0);
    selfcheck::app::platform::wake();
}
// web/touch.js, inside a touchend handler: is (x, y) on a text field? 0 no, 1 text, 2 number. The
// page then focuses #ime synchronously, so phones raise their keyboard (a focus from a later
// animation frame is not a user gesture).
EMSCRIPTEN_KEEPALIVE int app_field_at(double x, double y) {
    for (const auto& f : selfcheck::app::ui::touch::g_fields)
        if (f.r.Contains(ImVec2(static_cast<float>(x), static_cast<float>(y)))) return f.numeric ? 2 : 1;
    return 0;
}
// window.selfcheck.touch() (gesture counters) is exported in app/automation.cpp.
}
#endif
