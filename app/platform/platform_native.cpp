// Native desktop platform: SDL2 + OpenGL 3.0, render on demand by blocking in SDL_WaitEvent.
// The in-memory library answers like IndexedDB does: by an Event on the next frame.
#include "platform/platform.hpp"

#include <SDL.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <sstream>

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

void install(SDL_Window*) {}
void show_no_gpu(const std::string& detail) {
    SDL_ShowSimpleMessageBox(SDL_MESSAGEBOX_ERROR, "SelfCheck",
                             ("无法创建 OpenGL 3 窗口 / cannot create an OpenGL 3 context: " + detail).c_str(), nullptr);
}

void wake() { g_last_activity = SDL_GetTicks64(); }
std::uint64_t last_activity_ms() { return g_last_activity; }
bool idle() { return false; }

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

bool open_html(const std::string& html, const std::string& file_name) {
    save_file(file_name, html, "text/html");
    return SDL_OpenURL(("file://" + std::filesystem::absolute(file_name).string()).c_str()) == 0;
}

// Natively there is no file dialog without a toolkit: SELFCHECK_IMPORT=path picks a document,
// SELFCHECK_IMPORT_BILLS=path a spreadsheet of monthly bills.
void request_open_file(FileFor purpose) {
    const bool bills = purpose == FileFor::bills;
    const char* var = bills ? "SELFCHECK_IMPORT_BILLS" : "SELFCHECK_IMPORT";
    const std::string code = bills ? "bills" : "document";
    const char* path = std::getenv(var);
    if (!path) {
        post({.kind = Event::Kind::file_error, .name = std::string("(") + var + " not set)", .code = code});
        return;
    }
    std::ifstream f(path, std::ios::binary);
    std::ostringstream s;
    s << f.rdbuf();
    post({.kind = Event::Kind::file_opened, .name = std::filesystem::path(path).filename().string(), .code = code, .text = s.str()});
}

std::string uuid_v4() {
    std::random_device rd;
    unsigned char b[16];
    for (auto& x : b) x = static_cast<unsigned char>(rd());
    b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
    b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
    char out[37];
    std::snprintf(out, sizeof out, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                  b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
    return out;
}

std::string now_iso8601() {
    std::time_t t = std::time(nullptr);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    return buf;
}
std::string today_local() {
    std::time_t t = std::time(nullptr);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", std::localtime(&t));
    return buf;
}
double now_ms() {
    return static_cast<double>(
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count());
}
void call_later(int, void (*fn)(void*), void* arg) { fn(arg); }

// The native app is for development: the library lives in memory for the session, with the same
// revision rule as the browser's (a put based on an old revision is refused).
namespace {
struct Stored {
    nlohmann::json meta;
    std::string text;
    std::int64_t rev = 0;
};
std::map<std::string, Stored> g_docs;
std::optional<std::pair<std::string, Stored>> g_deleted;
std::string g_current;
std::string list_json() {
    nlohmann::json l = nlohmann::json::array();
    for (const auto& [id, d] : g_docs) {
        nlohmann::json m = d.meta;
        m["rev"] = d.rev;
        l.push_back(m);
    }
    return l.dump();
}
void post_list() { post({.kind = Event::Kind::list, .json = list_json()}); }
} // namespace
void storage_open() {
    nlohmann::json a = {{"ok", true}, {"list", nlohmann::json::parse(list_json())}, {"current_id", ""}};
    std::string text;
    if (auto it = g_docs.find(g_current); it != g_docs.end()) {
        a["current_id"] = g_current;
        a["current_rev"] = it->second.rev;
        text = it->second.text;
    }
    post({.kind = Event::Kind::storage_opened, .text = text, .json = a.dump()});
}
void storage_put(const std::string& id, const std::string& meta_json, const std::string& text, std::int64_t base_rev) {
    // One process, one writer: a stored revision above base_rev is this app's own earlier save whose
    // answer is still queued, never another tab's.
    auto it = g_docs.find(id);
    const std::int64_t stored = it == g_docs.end() ? 0 : it->second.rev;
    if (stored < base_rev) {
        post({.kind = Event::Kind::conflict, .id = id, .rev = stored});
        return;
    }
    g_docs[id] = {nlohmann::json::parse(meta_json), text, stored + 1};
    g_current = id;
    post({.kind = Event::Kind::saved, .id = id, .number = 0, .rev = stored + 1});
}
void storage_get(const std::string& id) {
    auto it = g_docs.find(id);
    const bool found = it != g_docs.end();
    post({.kind = Event::Kind::loaded, .ok = found, .id = id, .text = found ? it->second.text : "",
          .rev = found ? it->second.rev : 0});
}
void storage_update_meta(const std::string& id, const std::string& meta_json) {
    if (auto it = g_docs.find(id); it != g_docs.end()) it->second.meta.update(nlohmann::json::parse(meta_json));
    post_list();
}
void storage_duplicate(const std::string& id, const std::string& new_id, const std::string& new_name) {
    if (auto it = g_docs.find(id); it != g_docs.end()) {
        Stored c = it->second;
        c.meta["id"] = new_id;
        c.meta["name"] = new_name;
        c.meta["custom_name"] = true;
        c.rev = 1;
        g_docs[new_id] = c;
    }
    post_list();
}
void storage_delete(const std::string& id) {
    if (auto it = g_docs.find(id); it != g_docs.end()) {
        g_deleted = *it;
        g_docs.erase(it);
    }
    post_list();
}
void storage_undo_delete() {
    if (g_deleted) g_docs.insert(*g_deleted);
    g_deleted.reset();
    post_list();
}
void storage_set_current(const std::string& id) { g_current = id; }
void settings_put(const std::string&) {}
void clear_local_data() {
    g_docs.clear();
    g_deleted.reset();
    g_current.clear();
    post({.kind = Event::Kind::cleared, .ok = true});
}
void upload_enqueue(const std::string&) {
    post({.kind = Event::Kind::upload_list,
          .json = nlohmann::json::array({{{"submission_id", "-"}, {"status", "failed"},
                                          {"errors", {{{"path", ""}, {"message_zh", "桌面开发版不上报"},
                                                       {"message_en", "the desktop build does not upload"}}}}}})
                      .dump()});
}
void upload_retry(const std::string&) {}
void upload_remove(const std::string&) { post({.kind = Event::Kind::upload_list, .json = "[]"}); }
void fetch_fallback_font() {
    const std::string p = asset_path("fonts/fallback.otf");
    const bool ok = std::filesystem::exists(p);
    post({.kind = Event::Kind::font_fetched, .ok = ok, .text = ok ? p : "no " + p,
          .number = ok ? static_cast<double>(std::filesystem::file_size(p)) : 0});
}

} // namespace selfcheck::app::platform
