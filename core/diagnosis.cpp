// Diagnosis: findings from equipment and management data, each tied to a standard clause.
// (Placeholder implementation: parsing keeps the rows; rules arrive with the diagnosis issue.)
#include "selfcheck.hpp"

namespace selfcheck {

void parse_equipment(const nlohmann::json& j, const std::string& path, Equipment& out, Issues& issues) {
    if (!j.is_array()) {
        issues.error(path, "wrong_type", "设备清单应为数组", "equipment must be an array");
        return;
    }
    for (std::size_t i = 0; i < j.size(); ++i) {
        const auto& row = j[i];
        std::string p = path + "/" + std::to_string(i);
        if (!row.is_object()) {
            issues.error(p, "wrong_type", "每台设备应为对象", "each equipment item must be an object");
            continue;
        }
        EquipmentItem item;
        if (auto t = row.find("type"); t != row.end() && t->is_string()) item.type = t->get<std::string>();
        if (auto c = row.find("count"); c != row.end() && c->is_number_integer()) item.count = c->get<int>();
        if (auto n = row.find("name"); n != row.end() && n->is_string()) item.name = n->get<std::string>();
        for (auto it = row.begin(); it != row.end(); ++it)
            if (it.key() != "type" && it.key() != "count" && it.key() != "name") item.fields[it.key()] = it.value();
        out.items.push_back(std::move(item));
    }
}

void parse_management(const nlohmann::json& j, const std::string& path, Management& out, Issues& issues) {
    if (!j.is_object()) {
        issues.error(path, "wrong_type", "管理信息应为对象", "management must be an object");
        return;
    }
    out.fields = j;
}

nlohmann::json equipment_to_json(const Equipment& e) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& item : e.items) {
        nlohmann::json o = item.fields;
        o["type"] = item.type;
        o["count"] = item.count;
        if (!item.name.empty()) o["name"] = item.name;
        a.push_back(std::move(o));
    }
    return a;
}

nlohmann::json management_to_json(const Management& m) { return m.fields; }

nlohmann::json finding_to_json(const Finding& f) {
    return {{"id", f.id},         {"severity", f.severity},     {"clause", f.clause},
            {"message_zh", f.message_zh}, {"message_en", f.message_en}, {"measures", f.measures},
            {"evidence", f.evidence}};
}

std::vector<Finding> diagnose(const Input&, const Result&, const RefData&) { return {}; }

} // namespace selfcheck
