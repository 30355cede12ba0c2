// Autosave, the library and the two-tab rule (app/storage.cpp) driven by fake platform events: the
// requests the app makes are recorded by tests/app/fake_platform.cpp, and each answer is an Event
// posted and drained exactly as main.cpp does every frame. No browser, SDL or ImGui.
#include "app_state.hpp"
#include "events.hpp"
#include "fake_platform.hpp"
#include "storage.hpp"

#include "selfcheck.hpp"

#include <catch2/catch_test_macros.hpp>

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace selfcheck::app {
const std::vector<std::pair<std::string, std::string>>& embedded_doc_fixtures();  // tests/fixtures/documents
}

using namespace selfcheck;
using namespace selfcheck::app;
using nlohmann::json;
using Kind = platform::Event::Kind;

namespace {
std::string first_sample() {
    for (const auto& [name, text] : embedded_sample_files())
        if (name.size() > 5 && name.compare(name.size() - 5, 5, ".json") == 0) return text;
    return {};
}

// A fresh AppState with the library opened empty (first visit).
AppState& opened_empty() {
    static AppState s;
    fake::reset();
    s = AppState{};
    s.ref = &RefData::builtin();
    storage::start(s);
    platform::post({.kind = Kind::storage_opened, .json = R"({"ok":true,"list":[],"current_id":""})"});
    drain_events();
    storage::dismiss_error();
    return s;
}

void edit_name(AppState& s, const std::string& name) {
    s.document["enterprise"]["name"] = name;
    s.mark_edited();
}
} // namespace

TEST_CASE("answers are handled on a later frame, never inside the request", "[storage][events]") {
    fake::reset();
    static AppState s;
    s.ref = &RefData::builtin();
    storage::start(s);
    REQUIRE(fake::calls().opens == 1);
    REQUIRE(storage::status_json()["status"] == "opening");
    platform::post({.kind = Kind::storage_opened, .json = R"({"ok":true,"list":[],"current_id":""})"});
    REQUIRE(platform::pending_events() == 1);
    REQUIRE(storage::status_json()["status"] == "opening");  // posted, not yet handled
    REQUIRE(drain_events() == 1);
    REQUIRE(storage::status_json()["status"] == "ready");
    REQUIRE(s.screen == Screen::start);  // first visit: the start screen
}

TEST_CASE("an edit is saved after the throttle with the stored revision as base; saved advances it", "[storage]") {
    AppState& s = opened_empty();
    REQUIRE(s.load(first_sample()).ok);
    storage::adopt_loaded(s, "sample");  // a loaded document becomes a new saved self-check at once
    REQUIRE(fake::calls().puts.size() == 1);
    const std::string id = fake::calls().puts[0].id;
    REQUIRE(fake::calls().puts[0].base_rev == 0);  // new entry: nothing stored yet
    platform::post({.kind = Kind::saved, .id = id, .number = 3, .rev = 1});
    drain_events();
    REQUIRE(storage::info().base_rev == 1);
    REQUIRE(storage::info().saved_revision == s.revision);

    edit_name(s, "绍兴测试印染有限公司");
    storage::tick(s);
    REQUIRE(fake::calls().puts.size() == 1);   // throttled: a timer, not a write per keystroke
    REQUIRE(fake::calls().timers.size() == 1);
    REQUIRE(fake::calls().timers[0].ms == 400);
    edit_name(s, "绍兴测试印染有限公司二");
    storage::tick(s);
    REQUIRE(fake::calls().timers.size() == 1);  // one timer for a burst of edits
    fake::fire_timers();
    REQUIRE(fake::calls().puts.size() == 2);
    const fake::Put& p = fake::calls().puts[1];
    REQUIRE(p.id == id);
    REQUIRE(p.base_rev == 1);
    REQUIRE(json::parse(p.text)["enterprise"]["name"] == "绍兴测试印染有限公司二");  // the latest state
    platform::post({.kind = Kind::saved, .id = id, .number = 2, .rev = 2});
    drain_events();
    REQUIRE(storage::info().base_rev == 2);
    REQUIRE(storage::info().saved_revision == s.revision);
}

TEST_CASE("quota exceeded: told at once in both languages, the edit stays, export works, next edit retries", "[storage][failure]") {
    AppState& s = opened_empty();
    REQUIRE(s.load(first_sample()).ok);
    storage::adopt_loaded(s, "sample");
    const std::string id = fake::calls().puts.at(0).id;
    platform::post({.kind = Kind::saved, .id = id, .rev = 1});
    drain_events();

    edit_name(s, "配额已满时的修改");
    storage::flush();  // e.g. the tab was hidden
    REQUIRE(fake::calls().puts.size() == 2);
    platform::post({.kind = Kind::storage_error, .code = "quota", .text = "QuotaExceededError: full"});
    drain_events();
    const std::string err = storage::info().error;
    REQUIRE(err.find("存储空间已满") != std::string::npos);
    REQUIRE(err.find("storage is full") != std::string::npos);
    REQUIRE(storage::info().error_code == "quota");
    REQUIRE(s.document["enterprise"]["name"] == "配额已满时的修改");  // still in memory
    REQUIRE(storage::info().saved_revision != s.revision);

    // No retry loop for the same revision ...
    storage::tick(s);
    REQUIRE(fake::calls().timers.empty());
    // ... but export still works ...
    storage::export_json(s);
    REQUIRE(fake::calls().files_saved.size() == 1);
    REQUIRE(json::parse(fake::calls().files_saved[0].second)["enterprise"]["name"] == "配额已满时的修改");
    // ... and a flush (tab hidden) or the next edit tries again, from the same stored revision.
    storage::flush();
    REQUIRE(fake::calls().puts.size() == 3);
    REQUIRE(fake::calls().puts[2].base_rev == 1);
}

TEST_CASE("a write aborted half-way and unavailable storage are told in both languages", "[storage][failure]") {
    AppState& s = opened_empty();
    REQUIRE(s.load(first_sample()).ok);
    storage::adopt_loaded(s, "sample");
    platform::post({.kind = Kind::storage_error, .code = "aborted", .text = "AbortError"});
    drain_events();
    REQUIRE(storage::info().error.find("保存中途失败") != std::string::npos);
    REQUIRE(storage::info().error.find("failed part-way") != std::string::npos);

    fake::reset();
    static AppState t;
    t.ref = &RefData::builtin();
    storage::start(t);
    platform::post({.kind = Kind::storage_opened, .json = R"({"ok":false,"error":"SecurityError: denied"})"});
    drain_events();
    REQUIRE(storage::status_json()["status"] == "unavailable");
    REQUIRE(storage::info().error.find("无法保存数据") != std::string::npos);
    REQUIRE(storage::info().error.find("cannot save data") != std::string::npos);
    REQUIRE(storage::info().error.find("SecurityError") != std::string::npos);
    REQUIRE(t.load(first_sample()).ok);
    edit_name(t, "无存储时的修改");
    storage::tick(t);
    REQUIRE(fake::calls().puts.empty());  // nothing to write to; the edit stays in memory
    REQUIRE(t.document["enterprise"]["name"] == "无存储时的修改");
}

TEST_CASE("two tabs: a newer revision elsewhere pauses autosave; reload or save as copy, never overwrite", "[storage][tabs]") {
    AppState& s = opened_empty();
    REQUIRE(s.load(first_sample()).ok);
    storage::adopt_loaded(s, "sample");
    const std::string id = fake::calls().puts.at(0).id;
    platform::post({.kind = Kind::saved, .id = id, .rev = 1});
    drain_events();

    // Our own save echoed back by the channel (rev 1 == base): ignored.
    platform::post({.kind = Kind::changed_elsewhere, .id = id, .rev = 1});
    drain_events();
    REQUIRE_FALSE(storage::info().changed_elsewhere);
    // Another self-check changed elsewhere: not ours.
    platform::post({.kind = Kind::changed_elsewhere, .id = "other", .rev = 9});
    drain_events();
    REQUIRE_FALSE(storage::info().changed_elsewhere);

    // The other tab saved rev 2 of this one.
    platform::post({.kind = Kind::changed_elsewhere, .id = id, .rev = 2});
    drain_events();
    REQUIRE(storage::info().changed_elsewhere);
    edit_name(s, "本页的修改");
    storage::tick(s);
    storage::flush();
    REQUIRE(fake::calls().timers.empty());
    REQUIRE(fake::calls().puts.size() == 1);  // nothing written over the other tab's version

    SECTION("save as copy: a new entry from revision 0, the other tab's version stays") {
        storage::save_as_copy(s);
        REQUIRE(fake::calls().puts.size() == 2);  // one write for the copy (named at once)
        const fake::Put& p = fake::calls().puts.back();
        REQUIRE(p.id != id);
        REQUIRE(p.base_rev == 0);
        REQUIRE(json::parse(p.text)["enterprise"]["name"] == "本页的修改");
        REQUIRE(json::parse(p.meta)["name"].get<std::string>().find("（副本）") != std::string::npos);
        REQUIRE_FALSE(storage::info().changed_elsewhere);
        REQUIRE(storage::info().current_id == p.id);
    }
    SECTION("reload: the stored version replaces this tab's, with its revision") {
        storage::reload_latest(s);
        REQUIRE(fake::calls().gets == std::vector<std::string>{id});
        json other = s.document;
        other["enterprise"]["name"] = "另一页的修改";
        platform::post({.kind = Kind::loaded, .ok = true, .id = id, .text = other.dump(), .rev = 2});
        drain_events();
        REQUIRE(s.document["enterprise"]["name"] == "另一页的修改");
        REQUIRE(storage::info().base_rev == 2);
        REQUIRE_FALSE(storage::info().changed_elsewhere);
        edit_name(s, "之后的修改");
        storage::tick(s);
        fake::fire_timers();
        REQUIRE(fake::calls().puts.back().base_rev == 2);
    }
}

TEST_CASE("a save refused by the revision check is a conflict, not an error", "[storage][tabs]") {
    AppState& s = opened_empty();
    REQUIRE(s.load(first_sample()).ok);
    storage::adopt_loaded(s, "sample");
    const std::string id = fake::calls().puts.at(0).id;
    platform::post({.kind = Kind::conflict, .id = id, .rev = 4});
    drain_events();
    REQUIRE(storage::info().changed_elsewhere);
    REQUIRE(storage::info().elsewhere_rev == 4);
    REQUIRE(storage::info().error.empty());
}

TEST_CASE("a restored document keeps unknown keys and a newer version verbatim", "[storage][schema]") {
    fake::reset();
    static AppState s;
    s.ref = &RefData::builtin();
    storage::start(s);
    json doc = json::parse(first_sample());
    doc["version"] = 99;
    doc["added_by_a_newer_version"] = {{"keep", {1, 2, 3}}};
    json answer = {{"ok", true}, {"current_id", "d1"}, {"current_rev", 7},
                   {"list", json::array({{{"id", "d1"}, {"name", "x"}, {"rev", 7}}})}};
    platform::post({.kind = Kind::storage_opened, .text = doc.dump(), .json = answer.dump()});
    drain_events();
    REQUIRE(s.document == doc);  // kept as it was, not truncated to what this version knows
    REQUIRE(s.screen == Screen::profile);  // the restored self-check opens where work goes on, not the start screen
    // a restored sample copy asks "keep as my own?" at its next edit, not on opening
    REQUIRE(s.sample_prompt_after_revision == s.revision);
    REQUIRE_FALSE(s.sample_prompt_dismissed);
    REQUIRE(storage::info().base_rev == 7);
    REQUIRE(s.error_count() > 0);  // the core says it is from a newer version
    storage::tick(s);
    storage::flush();
    REQUIRE(fake::calls().puts.empty());  // and nothing rewrote it
}

TEST_CASE("AppState assesses once per change, not per frame", "[app_state]") {
    AppState s;
    s.ref = &RefData::builtin();
    REQUIRE(s.load(first_sample()).ok);
    const auto n = s.assessments;
    for (int i = 0; i < 100; ++i) s.update();  // 100 idle frames
    REQUIRE(s.assessments == n);
    const std::string before = s.result_text();
    json& q = s.document["energy"][0]["quantity"];
    q = q.get<double>() * 2;  // a number the result depends on
    s.mark_edited();
    s.update();
    s.update();
    REQUIRE(s.assessments == n + 1);
    // The in-memory assessment equals the CLI's text path on the same document.
    AssessOutcome cli = assess_text(s.document.dump(), *s.ref);
    REQUIRE(s.result_text() == dump_compact(cli.output));
    REQUIRE(before != s.result_text());
}

// Fixtures written by other versions (tests/fixtures/README.md).
TEST_CASE("document fixtures: version 1 opens with its unknown key kept; a newer version is refused, not truncated", "[schema]") {
    std::string v1, v99;
    for (const auto& [name, text] : embedded_doc_fixtures()) {
        if (name == "v1_dyeing.json") v1 = text;
        if (name == "v99_future.json") v99 = text;
    }
    REQUIRE_FALSE(v1.empty());
    REQUIRE_FALSE(v99.empty());
    AppState s;
    s.ref = &RefData::builtin();
    LoadOutcome lo = s.load(v1);
    REQUIRE(lo.ok);
    REQUIRE(s.document == json::parse(v1));  // every key, the unknown one included
    REQUIRE(s.document["x_note_from_a_user_tool"]["list"] == json::array({1, 2, 3}));
    const json before = s.document;
    LoadOutcome f = s.load(v99);
    REQUIRE_FALSE(f.ok);
    REQUIRE(f.errors.size() == 1);
    REQUIRE(f.errors[0]["path"] == "/version");
    REQUIRE(s.document == before);  // the open one is not replaced by a file it cannot read
}
