// Native desktop platform: SDL2 + OpenGL 3.0, render on demand by blocking in SDL_WaitEvent.
#include "platform/platform.hpp"

#include "platform/fonts.hpp"
#include "storage.hpp"
#include "upload.hpp"

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

bool open_html(const std::string& html, const std::string& file_name) {
    save_file(file_name, html, "text/html");
    return SDL_OpenURL(("file://" + std::filesystem::absolute(file_name).string()).c_str()) == 0;
}

// Natively there is no file dialog without a toolkit: SELFCHECK_IMPORT=path picks the file.
void request_open_file() {
    const char* path = std::getenv("SELFCHECK_IMPORT");
    if (!path) {
        storage::on_file_error("(SELFCHECK_IMPORT not set)", 0);
        return;
    }
    std::ifstream f(path, std::ios::binary);
    std::ostringstream s;
    s << f.rdbuf();
    storage::on_file_opened(std::filesystem::path(path).filename().string(), s.str());
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

// The native app is for development: the library lives in memory for the session.
namespace {
struct Stored {
    nlohmann::json meta;
    std::string text;
};
std::map<std::string, Stored> g_docs;
std::optional<std::pair<std::string, Stored>> g_deleted;
nlohmann::json list_json() {
    nlohmann::json l = nlohmann::json::array();
    for (const auto& [id, d] : g_docs) l.push_back(d.meta);
    return l;
}
} // namespace
void storage_open() { storage::on_opened({{"ok", true}, {"list", list_json()}, {"current_id", ""}}, ""); }
void storage_put(const std::string& id, const std::string& meta_json, const std::string& text) {
    g_docs[id] = {nlohmann::json::parse(meta_json), text};
    storage::on_saved(id, 0);
}
void storage_get(const std::string& id) {
    auto it = g_docs.find(id);
    storage::on_got(id, it == g_docs.end() ? "" : it->second.text, it != g_docs.end());
}
void storage_update_meta(const std::string& id, const std::string& meta_json) {
    if (auto it = g_docs.find(id); it != g_docs.end()) it->second.meta.update(nlohmann::json::parse(meta_json));
    storage::on_list(list_json());
}
void storage_duplicate(const std::string& id, const std::string& new_id, const std::string& new_name) {
    if (auto it = g_docs.find(id); it != g_docs.end()) {
        Stored c = it->second;
        c.meta["id"] = new_id;
        c.meta["name"] = new_name;
        c.meta["custom_name"] = true;
        g_docs[new_id] = c;
    }
    storage::on_list(list_json());
}
void storage_delete(const std::string& id) {
    if (auto it = g_docs.find(id); it != g_docs.end()) {
        g_deleted = *it;
        g_docs.erase(it);
    }
    storage::on_list(list_json());
}
void storage_undo_delete() {
    if (g_deleted) g_docs.insert(*g_deleted);
    g_deleted.reset();
    storage::on_list(list_json());
}
void storage_set_current(const std::string&) {}
void settings_put(const std::string&) {}
void clear_local_data() {
    g_docs.clear();
    g_deleted.reset();
    storage::on_cleared(true);
}
void upload_enqueue(const std::string&) {
    upload::on_list(nlohmann::json::array({{{"submission_id", "-"}, {"status", "failed"},
                                            {"errors", {{{"path", ""}, {"message_zh", "桌面开发版不上报"},
                                                         {"message_en", "the desktop build does not upload"}}}}}}));
}
void upload_retry(const std::string&) {}
void upload_remove(const std::string&) { upload::on_list(nlohmann::json::array()); }
void fetch_fallback_font() {
    const std::string p = asset_path("fonts/fallback.otf");
    const bool ok = std::filesystem::exists(p);
    fonts::on_fallback_font(ok, ok ? p : "no " + p, ok ? static_cast<double>(std::filesystem::file_size(p)) : 0);
}

} // namespace selfcheck::app::platform
