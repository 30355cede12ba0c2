#include "app_state.hpp"

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
        ++revision;
        assessed_revision = revision;
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
AssessOutcome assess_document(const json& doc, const RefData& ref) {
    AssessOutcome out;
    ParseOutcome p = parse_document_json(doc, ref);
    if (!p.input) {
        out.output = errors_to_json(p.issues);
        return out;
    }
    Result r = assess(*p.input, ref);
    std::vector<Issue> input_warnings;
    for (const auto& i : p.issues.items)
        if (i.severity == Severity::warning) input_warnings.push_back(i);
    r.warnings.insert(r.warnings.begin(), input_warnings.begin(), input_warnings.end());
    out.output = result_to_json(r);
    out.ok = true;
    return out;
}
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
    } catch (const std::exception& e) {
        output = {{"errors", json::array({{{"path", ""}, {"message_zh", std::string("内部错误：") + e.what()},
                                           {"message_en", std::string("internal error: ") + e.what()}}})}};
        result_ok = false;
    }
    return true;
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
