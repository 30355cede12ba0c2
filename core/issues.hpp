// Problems found in a document or a data file: each one a value with a JSON path, a severity and a
// message in Chinese and English. Never thrown; collected and returned.
#pragma once
#include <string>
#include <vector>

namespace selfcheck {

enum class Severity { error, warning };

struct Issue {
    std::string path;  // JSON pointer-like path, e.g. "/energy/2/quantity"
    Severity severity = Severity::error;
    std::string code;  // stable machine id, e.g. "negative_quantity"
    std::string message_zh;
    std::string message_en;
};

struct Issues {
    std::vector<Issue> items;
    void error(std::string path, std::string code, std::string zh, std::string en) {
        items.push_back({std::move(path), Severity::error, std::move(code), std::move(zh), std::move(en)});
    }
    void warning(std::string path, std::string code, std::string zh, std::string en) {
        items.push_back({std::move(path), Severity::warning, std::move(code), std::move(zh), std::move(en)});
    }
    bool has_errors() const {
        for (const auto& i : items)
            if (i.severity == Severity::error) return true;
        return false;
    }
};

} // namespace selfcheck
