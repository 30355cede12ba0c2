// Upload and outbox (app/upload.cpp) driven by fake platform events: nothing is queued before the
// user confirms the exact previewed bytes, a stale preview cannot be sent, and the outbox shown is
// whatever the platform reports (pending -> accepted, with the receiver's receipt).
#include "app_state.hpp"
#include "events.hpp"
#include "fake_platform.hpp"
#include "upload.hpp"

#include "selfcheck.hpp"

#include <catch2/catch_test_macros.hpp>

#include <nlohmann/json.hpp>
#include <string>

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
} // namespace

TEST_CASE("receiver URL: config preset, the user's setting wins, endpoint appended once", "[upload]") {
    fake::reset();
    platform::post({.kind = Kind::config, .json = R"({"receiver_url":"https://park.example.org/"})"});
    drain_events();
    REQUIRE(upload::receiver_url() == "https://park.example.org/");
    REQUIRE(upload::receiver_url_from_config());
    REQUIRE(upload::endpoint(upload::receiver_url()) == "https://park.example.org/api/v1/submissions");
    REQUIRE(upload::endpoint("http://x/api/v1/submissions") == "http://x/api/v1/submissions");
    upload::set_receiver_url("http://127.0.0.1:8080");
    REQUIRE(upload::receiver_url() == "http://127.0.0.1:8080");
    REQUIRE_FALSE(upload::receiver_url_from_config());
    REQUIRE(fake::calls().settings.size() == 1);
    REQUIRE(json::parse(fake::calls().settings[0])["receiver_url"] == "http://127.0.0.1:8080");
}

TEST_CASE("preview, confirm, outbox states from the platform", "[upload]") {
    fake::reset();
    AppState s;
    s.ref = &RefData::builtin();
    REQUIRE(s.load(first_sample()).ok);
    upload::set_receiver_url("");
    platform::post({.kind = Kind::config, .json = R"({"receiver_url":""})"});  // no deployment preset
    drain_events();

    SECTION("no receiver: an error, nothing queued") {
        upload::prepare(s);
        REQUIRE(upload::draft().active);
        REQUIRE_FALSE(upload::draft().ok);
        REQUIRE(upload::draft().errors.size() == 1);
        upload::confirm(s, "d1", "name");
        REQUIRE(fake::calls().enqueued.empty());
    }
    SECTION("a preview made stale by an edit cannot be sent") {
        upload::set_receiver_url("http://127.0.0.1:9");
        upload::prepare(s);
        REQUIRE(upload::draft().ok);
        s.document["enterprise"]["name"] = "预览后又修改";
        s.mark_edited();
        REQUIRE_FALSE(upload::draft_current(s));
        upload::confirm(s, "d1", "name");
        REQUIRE(fake::calls().enqueued.empty());
    }
    SECTION("confirmed: exactly the previewed bytes go into the outbox; the list follows the platform") {
        upload::set_receiver_url("http://127.0.0.1:9");
        upload::prepare(s);
        REQUIRE(upload::draft().ok);
        const std::string body = upload::draft().body;
        const std::string sid = upload::draft().submission_id;
        REQUIRE(json::parse(body)["submission_id"] == sid);
        REQUIRE(fake::calls().enqueued.empty());  // nothing before the confirmation
        upload::confirm(s, "d1", "绍兴某印染");
        REQUIRE(fake::calls().enqueued.size() == 1);
        const json rec = json::parse(fake::calls().enqueued[0]);
        REQUIRE(rec["body"] == body);
        REQUIRE(rec["url"] == "http://127.0.0.1:9/api/v1/submissions");
        REQUIRE(rec["submission_id"] == sid);
        REQUIRE_FALSE(upload::draft().active);

        json pending = json::array({{{"submission_id", sid}, {"status", "pending"}, {"attempts", 1}, {"http_status", 0}}});
        platform::post({.kind = Kind::upload_list, .json = pending.dump()});
        REQUIRE(upload::records().empty());  // not before the frame drains the queue
        drain_events();
        REQUIRE(upload::records().size() == 1);
        REQUIRE(upload::records()[0].status == "pending");
        REQUIRE(upload::records()[0].http_status == 0);

        json accepted = json::array({{{"submission_id", sid}, {"status", "accepted"}, {"attempts", 2},
                                      {"http_status", 201}, {"receipt", {{"status", "accepted"}}}}});
        platform::post({.kind = Kind::upload_list, .json = accepted.dump()});
        drain_events();
        REQUIRE(upload::records()[0].status == "accepted");
        REQUIRE(upload::records()[0].attempts == 2);
        REQUIRE(upload::status_json()["records"][0]["receipt"]["status"] == "accepted");
    }
}

TEST_CASE("a malformed platform answer does not crash and leaves an empty list", "[upload]") {
    fake::reset();
    platform::post({.kind = Kind::upload_list, .json = "not json"});
    drain_events();
    REQUIRE(upload::records().empty());
}
