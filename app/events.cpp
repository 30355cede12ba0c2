#include "events.hpp"

#include "platform/fonts.hpp"
#include "storage.hpp"
#include "ui/screens.hpp"
#include "upload.hpp"

#include <nlohmann/json.hpp>

namespace selfcheck::app {

using nlohmann::json;
using Kind = platform::Event::Kind;

namespace {
json parse_or(const std::string& text, json fallback) {
    json j = json::parse(text, nullptr, false);
    return j.is_discarded() ? fallback : j;
}
} // namespace

void handle_event(const platform::Event& e) {
    switch (e.kind) {
    case Kind::storage_opened:
        storage::on_opened(parse_or(e.json, json{{"ok", false}, {"error", "bad answer"}}), e.text);
        break;
    case Kind::saved: storage::on_saved(e.id, e.number, e.rev); break;
    case Kind::storage_error: storage::on_error(e.code, e.text); break;
    case Kind::conflict: storage::on_conflict(e.id, e.rev); break;
    case Kind::changed_elsewhere: storage::on_changed_elsewhere(e.id, e.rev); break;
    case Kind::list: storage::on_list(parse_or(e.json, json::array())); break;
    case Kind::loaded: storage::on_got(e.id, e.text, e.ok, e.rev); break;
    case Kind::cleared: storage::on_cleared(e.ok); break;
    case Kind::file_opened:
        if (e.code == "bills") ui::on_bills_file(e.name, e.text);  // ui/bills_import.cpp
        else storage::on_file_opened(e.name, e.text);
        break;
    case Kind::file_error:
        if (e.code == "bills") ui::on_bills_file_error(e.name, e.number);
        else storage::on_file_error(e.name, e.number);
        break;
    case Kind::upload_list: upload::on_list(parse_or(e.json, json::array())); break;
    case Kind::config: upload::on_config(parse_or(e.json, json::object())); break;
    case Kind::font_fetched: fonts::on_fallback_font(e.ok, e.text, e.number); break;
    }
}

int drain_events() {
    int n = 0;
    platform::Event e;
    while (platform::poll_event(e)) {
        handle_event(e);
        ++n;
    }
    return n;
}

} // namespace selfcheck::app
