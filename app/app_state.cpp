#include "app_state.hpp"

#include "validate.hpp"

#include <exception>

namespace selfcheck::app {

using nlohmann::json;

std::string dump_compact(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

static json error_list(const json& output) {
    if (output.is_object() && output.contains("errors") && output["errors"].is_array()) return output["errors"];
    return json::array();
}

LoadOutcome AppState::load(std::string_view text, std::string_view name) {
    LoadOutcome lo;
    try {
        AssessOutcome out = assess_text(text, *ref);
        if (!out.ok) {
            lo.errors = error_list(out.output);
            return lo;  // keep the current document and result
        }
        document = json::parse(text);
        output = std::move(out.output);
        last_result = output;
        result_ok = true;
        edited = false;
        source_name = std::string(name);
        sample_owned = false;
        sample_prompt_dismissed = false;
        focus_path.clear();
        ++revision;
        assessed_revision = revision;
        sample_prompt_after_revision = revision;
        ++loads;
        lo.ok = true;
    } catch (const std::exception& e) {  // the one boundary: nothing escapes into the UI loop
        lo.errors = json::array({{{"path", ""}, {"message_zh", std::string("内部错误：") + e.what()},
                                  {"message_en", std::string("internal error: ") + e.what()}}});
    }
    return lo;
}

namespace {
// assess_text without the text: the document is already parsed, so an edit costs one validation and
// one assessment, not a dump and a re-parse of the whole document (same output, same warnings).
AssessOutcome assess_document(const json& doc, const RefData& ref) { return assess_parsed(parse_document_json(doc, ref), ref); }
} // namespace

bool AppState::update() {
    // Runs only when the document changed (mark_edited / load bump `revision`), never per frame.
    if (!edited || assessed_revision == revision) {
        edited = false;
        return false;
    }
    edited = false;
    assessed_revision = revision;
    ++assessments;
    try {
        AssessOutcome out = assess_document(document, *ref);
        output = std::move(out.output);
        result_ok = out.ok;
        if (result_ok) last_result = output;
        else if (!last_result.is_object() || !(json_at(last_result, {"energy", "total_tce"}) &&
                                               json_at(last_result, {"energy", "total_tce"})->is_number() &&
                                               json_at(last_result, {"energy", "total_tce"})->get<double>() > 0))
            last_result = nullptr;  // a blank document's zeros were never a valid figure: nothing to keep
    } catch (const std::exception& e) {
        output = {{"errors", json::array({{{"path", ""}, {"message_zh", std::string("内部错误：") + e.what()},
                                           {"message_en", std::string("internal error: ") + e.what()}}})}};
        result_ok = false;
    }
    return true;
}

bool AppState::is_sample() const {
    if (source_name.empty()) return false;  // keeping a sample as one's own clears its source
    for (const auto& [file, text] : embedded_sample_files())
        if (file == source_name) return true;
    return false;
}

bool AppState::figures_valid() const {
    if (!has_document() || !has_result()) return false;
    const json* t = json_at(result(), {"energy", "total_tce"});
    return t && t->is_number() && t->get<double>() > 0;
}

const char* AppState::why_no_figures() const {
    if (!has_document()) return "figures.no_document";
    if (!has_result()) return error_count() ? "figures.fix_errors" : "figures.no_result";
    return "figures.no_energy";
}

std::string AppState::result_text() const { return dump_compact(output); }

std::vector<const json*> AppState::issues_at(std::string_view path, bool exact) const {
    std::vector<const json*> out;
    auto scan = [&](const json& list) {
        if (!list.is_array()) return;
        for (const json& e : list) {
            if (!e.is_object() || !e.contains("path") || !e["path"].is_string()) continue;
            const std::string& p = e["path"].get_ref<const std::string&>();
            const bool hit = p == path || (!exact && p.size() > path.size() && p.compare(0, path.size(), path) == 0 &&
                                           p[path.size()] == '/');
            if (hit) out.push_back(&e);
        }
    };
    if (output.is_object()) {
        if (output.contains("errors")) scan(output["errors"]);
        if (output.contains("warnings")) scan(output["warnings"]);
    }
    return out;
}

int AppState::error_count() const {
    if (!output.is_object() || !output.contains("errors") || !output["errors"].is_array()) return 0;
    return static_cast<int>(output["errors"].size());
}

} // namespace selfcheck::app
