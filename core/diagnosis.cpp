// Diagnosis: equipment and management input (parsed and validated here), and findings tied to a
// standard clause or a section of the Zhejiang industrial carbon-peaking plan, each with its
// evidence numbers and the measures it links to. Limits from equipment_standards.json.
#include "diagnosis.hpp"

#include "benchmark.hpp"
#include "selfcheck.hpp"
#include "validate.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

namespace selfcheck {

using nlohmann::json;

// ---------------------------------------------------------------------------------------------
// Parsing and validation

namespace {

enum class Kind { number, integer, boolean, text, any };

struct FieldSpec {
    const char* key;
    Kind kind;
    double lo, hi;
    const char* zh;
    const char* en;
};

constexpr double k_big = 1e12;

// Fields every row may carry.
const std::vector<FieldSpec> k_common = {
    {"name", Kind::text, 0, 0, "名称", "name"},
    {"note", Kind::text, 0, 0, "备注", "note"},
    {"model", Kind::text, 0, 0, "型号", "model"},
    {"year_installed", Kind::integer, 1900, 2100, "投运年份", "year installed"},
    {"hours_per_year", Kind::number, 0, 8784, "年运行小时", "hours per year"},
    {"load_factor", Kind::number, 0, 1.5, "负载率", "load factor"},
    {"on_obsolete_catalogue", Kind::boolean, 0, 0, "列入淘汰目录", "on an obsolete-equipment catalogue"},
};

const std::vector<FieldSpec>& specs_for(const std::string& type) {
    static const std::map<std::string, std::vector<FieldSpec>> m = {
        {"motor",
         {{"rated_kw", Kind::number, 0.05, 1e5, "额定功率", "rated power"},
          {"efficiency_class", Kind::text, 0, 0, "能效等级", "efficiency class"},
          {"series", Kind::text, 0, 0, "系列", "series"},
          {"rewinds", Kind::integer, 0, 50, "重绕次数", "rewinds"},
          {"poles", Kind::integer, 2, 8, "极数", "poles"},
          {"driven_load", Kind::text, 0, 0, "拖动负载", "driven load"},
          {"speed_control", Kind::text, 0, 0, "调速方式", "speed control"},
          {"transmission", Kind::text, 0, 0, "传动方式", "transmission"},
          {"voltage_kv", Kind::number, 0, 1000, "电压", "voltage"}}},
        {"pump",
         {{"rated_kw", Kind::number, 0.05, 1e5, "额定功率", "rated power"},
          {"flow_control", Kind::text, 0, 0, "流量调节方式", "flow control"},
          {"mean_flow_fraction", Kind::number, 0, 1.5, "平均流量占设计流量比例", "mean flow fraction"},
          {"efficiency", Kind::number, 0.05, 1, "效率", "efficiency"},
          {"efficiency_class", Kind::text, 0, 0, "电机能效等级", "motor efficiency class"},
          {"series", Kind::text, 0, 0, "电机系列", "motor series"},
          {"head_m", Kind::number, 0, 1e4, "扬程", "head"},
          {"flow_m3_per_h", Kind::number, 0, 1e7, "流量", "flow"}}},
        {"air_compressor",
         {{"compressor_type", Kind::text, 0, 0, "压缩机型式", "compressor type"},
          {"rated_kw", Kind::number, 0.05, 1e5, "额定功率", "rated power"},
          {"fad_m3_per_min", Kind::number, 0, 1e5, "排气量", "free air delivery"},
          {"pressure_mpa", Kind::number, 0, 5, "排气压力", "discharge pressure"},
          {"required_pressure_mpa", Kind::number, 0, 5, "最高用气压力需求", "highest end-use pressure"},
          {"specific_power_kw_per_m3_min", Kind::number, 1, 50, "比功率", "specific power"},
          {"speed_control", Kind::text, 0, 0, "调速方式", "speed control"},
          {"leak_test", Kind::any, 0, 0, "泄漏检测", "leak test"},
          {"leak_fraction", Kind::number, 0, 1, "泄漏率", "leak fraction"},
          {"energy_grade", Kind::integer, 1, 5, "能效标识等级", "energy-label grade"},
          {"heat_recovery", Kind::boolean, 0, 0, "已有余热回收", "heat recovery in place"}}},
        {"transformer",
         {{"series", Kind::text, 0, 0, "型号系列", "series"},
          {"rated_kva", Kind::number, 5, 1e6, "额定容量", "rated capacity"},
          {"no_load_loss_kw", Kind::number, 0, 1e3, "空载损耗", "no-load loss"},
          {"load_loss_kw", Kind::number, 0, 1e4, "负载损耗", "load loss"},
          {"energy_grade", Kind::integer, 1, 3, "能效等级", "energy grade"}}},
        {"boiler",
         {{"fuel", Kind::text, 0, 0, "燃料", "fuel"},
          {"capacity_t_per_h", Kind::number, 0, 2000, "额定蒸发量", "capacity"},
          {"capacity_mw", Kind::number, 0, 2000, "额定热功率", "capacity"},
          {"efficiency", Kind::number, 0.2, 1.1, "热效率", "efficiency"},
          {"flue_temp_c", Kind::number, 0, 1200, "排烟温度", "flue-gas temperature"},
          {"flue_o2_pct", Kind::number, 0, 21, "烟气含氧量", "flue-gas O2"},
          {"economizer", Kind::boolean, 0, 0, "已有省煤器", "economizer in place"},
          {"annual_tune_up", Kind::boolean, 0, 0, "每年燃烧调整", "annual tune-up"},
          {"fuel_quantity", Kind::number, 0, k_big, "年燃料用量（燃料基准单位）", "annual fuel (carrier base unit)"}}},
        {"furnace",
         {{"fuel", Kind::text, 0, 0, "燃料", "fuel"},
          {"rated_kw", Kind::number, 0, 1e6, "额定功率", "rated power"},
          {"capacity_mw", Kind::number, 0, 2000, "额定热功率", "capacity"},
          {"efficiency", Kind::number, 0.05, 1.1, "热效率", "efficiency"},
          {"exhaust_temp_c", Kind::number, 0, 2000, "排烟温度", "exhaust temperature"},
          {"fuel_quantity", Kind::number, 0, k_big, "年燃料用量（燃料基准单位）", "annual fuel (carrier base unit)"}}},
        {"lighting",
         {{"lamp_type", Kind::text, 0, 0, "灯具类型", "lamp type"},
          {"watts", Kind::number, 0, 1e4, "单灯功率", "watts per lamp"},
          {"fixture", Kind::text, 0, 0, "灯具形式", "fixture form"},
          {"ballast", Kind::text, 0, 0, "镇流器", "ballast"}}},
        {"roof",
         {{"usable_area_m2", Kind::number, 0, 1e7, "可用屋顶面积", "usable roof area"},
          {"structure", Kind::text, 0, 0, "屋面结构", "roof structure"},
          {"shaded", Kind::boolean, 0, 0, "有遮挡", "shaded"},
          {"remaining_life_years", Kind::number, 0, 100, "屋面剩余寿命", "remaining roof life"}}},
        {"pv",
         {{"rated_kw", Kind::number, 0, 1e6, "装机容量（kWp）", "capacity (kWp)"},
          {"annual_kwh", Kind::number, 0, k_big, "年发电量", "annual generation"}}},
        {"storage",
         {{"capacity_kwh", Kind::number, 0, 1e7, "储能容量", "storage capacity"},
          {"power_kw", Kind::number, 0, 1e7, "储能功率", "storage power"},
          {"planned", Kind::boolean, 0, 0, "拟建", "planned"}}},
        {"heat_pump", {{"rated_kw", Kind::number, 0, 1e6, "额定功率", "rated power"}, {"cop", Kind::number, 0, 20, "COP", "COP"}}},
        {"chiller", {{"rated_kw", Kind::number, 0, 1e6, "额定功率", "rated power"}, {"cop", Kind::number, 0, 20, "COP", "COP"}}},
        {"process_heat",
         {{"temperature_c", Kind::number, -50, 2000, "用热温度", "supply temperature"},
          {"heat_source_temp_c", Kind::number, -50, 2000, "热源温度", "heat-source temperature"},
          {"demand_gj_per_year", Kind::number, 0, k_big, "年用热量", "annual heat demand"},
          {"source", Kind::text, 0, 0, "现有热源", "current heat source"}}},
        {"waste_heat",
         {{"medium", Kind::text, 0, 0, "介质（gas/liquid）", "medium (gas/liquid)"},
          {"temperature_c", Kind::number, -50, 2000, "温度", "temperature"},
          {"recoverable_kw", Kind::number, 0, 1e7, "可回收热功率", "recoverable heat"},
          {"sink_available", Kind::boolean, 0, 0, "有同时段用热", "coincident heat sink"},
          {"coincidence", Kind::number, 0, 1, "供需同时率", "coincidence factor"}}},
        {"dyeing",
         {{"process", Kind::text, 0, 0, "染色工艺", "dyeing process"},
          {"fibre", Kind::text, 0, 0, "纤维", "fibre"},
          {"steam_t_per_year", Kind::number, 0, k_big, "染色年蒸汽用量", "dyeing steam per year"},
          {"water_m3_per_year", Kind::number, 0, k_big, "染色年用水量", "dyeing water per year"},
          {"bleaching_temp_c", Kind::number, 0, 200, "漂白温度", "bleaching temperature"},
          {"pretreatment_steam_t_per_year", Kind::number, 0, k_big, "前处理年蒸汽用量", "pretreatment steam per year"}}},
        {"printing",
         {{"method", Kind::text, 0, 0, "印花方式", "printing method"},
          {"metres_per_year", Kind::number, 0, k_big, "年印花米数", "metres per year"},
          {"steam_t_per_year", Kind::number, 0, k_big, "印花年蒸汽用量", "printing steam per year"},
          {"electricity_kwh_per_year", Kind::number, 0, k_big, "印花年用电量", "printing electricity per year"}}},
        {"water",
         {{"use_m3_per_day", Kind::number, 0, 1e8, "日用水量", "water use per day"},
          {"reuse_rate", Kind::number, 0, 1, "水重复利用率", "reuse rate"},
          {"fresh_price_yuan_per_m3", Kind::number, 0, 1000, "新鲜水价", "fresh-water price"},
          {"discharge_price_yuan_per_m3", Kind::number, 0, 1000, "排污价格", "discharge price"},
          {"effluent_temp_c", Kind::number, 0, 100, "废水温度", "effluent temperature"},
          {"fresh_temp_c", Kind::number, 0, 100, "新鲜水温度", "fresh-water temperature"},
          {"operating_days", Kind::integer, 1, 366, "年运行天数", "operating days"}}},
        {"paper_machine",
         {{"dryer_steam_t_per_year", Kind::number, 0, k_big, "烘缸年蒸汽用量", "dryer steam per year"},
          {"press_dryness_pct", Kind::number, 0, 100, "压榨后干度", "post-press dryness"}}},
    };
    static const std::vector<FieldSpec> none;
    std::string t = type == "fan" ? "pump" : type;  // fans take the pump fields
    auto it = m.find(t);
    return it == m.end() ? none : it->second;
}

const FieldSpec* find_spec(const std::vector<FieldSpec>& v, const std::string& key) {
    for (const auto& s : v)
        if (key == s.key) return &s;
    return nullptr;
}

std::string kind_name(const json& v) {
    if (v.is_string()) return "string";
    if (v.is_boolean()) return "boolean";
    if (v.is_number()) return "number";
    if (v.is_array()) return "array";
    if (v.is_object()) return "object";
    return "null";
}

// Unit variants that people type instead of the field we expect: "rated_hp", "rated_w", ...
std::optional<std::string> unit_variant_of(const std::string& key, const std::vector<FieldSpec>& specs) {
    static const char* suffixes[] = {"_hp", "_w", "_mw", "_kva", "_kw", "_t_per_h", "_mpa", "_bar", "_m3_per_h",
                                     "_cfm", "_c", "_f", "_pct", "_percent", "_l_per_s"};
    for (const char* suf : suffixes) {
        std::string s = suf;
        if (key.size() <= s.size() || key.compare(key.size() - s.size(), s.size(), s) != 0) continue;
        std::string stem = key.substr(0, key.size() - s.size());
        for (const auto& spec : specs) {
            std::string k = spec.key;
            if (k != key && k.rfind(stem + "_", 0) == 0 && spec.kind == Kind::number) return k;
        }
    }
    return std::nullopt;
}

void check_field(const FieldSpec& s, const json& v, const std::string& p, json& out, Issues& is) {
    switch (s.kind) {
    case Kind::number:
    case Kind::integer: {
        if (!v.is_number()) {
            std::string got = kind_name(v);
            if (v.is_string())
                is.error(p, "wrong_unit", std::string(s.zh) + "应为数字（单位见字段名），不要带单位文字：“" + v.get<std::string>() + "”",
                         std::string(s.en) + " must be a plain number in the unit of the field name, not text: '" +
                             v.get<std::string>() + "'");
            else
                is.error(p, "wrong_type", std::string(s.zh) + "应为数字，实际为 " + got,
                         std::string(s.en) + " must be a number, got " + got);
            return;
        }
        double d = v.get<double>();
        if (!std::isfinite(d)) {
            is.error(p, "not_finite", std::string(s.zh) + "不是有限数值", std::string(s.en) + " is not finite");
            return;
        }
        if (s.kind == Kind::integer && std::floor(d) != d) {
            is.error(p, "wrong_type", std::string(s.zh) + "应为整数", std::string(s.en) + " must be an integer");
            return;
        }
        if (d < s.lo || d > s.hi) {
            is.error(p, "out_of_range",
                     std::string(s.zh) + "应在 " + num_text(s.lo) + "–" + num_text(s.hi) + " 之间（填写值 " + num_text(d) +
                         "），请检查单位",
                     std::string(s.en) + " must be between " + num_text(s.lo) + " and " + num_text(s.hi) + " (got " +
                         num_text(d) + "); check the unit");
            return;
        }
        out[s.key] = v;
        return;
    }
    case Kind::boolean:
        if (!v.is_boolean()) {
            is.error(p, "wrong_type", std::string(s.zh) + "应为 true/false", std::string(s.en) + " must be true or false");
            return;
        }
        out[s.key] = v;
        return;
    case Kind::text:
        if (!v.is_string()) {
            is.error(p, "wrong_type", std::string(s.zh) + "应为文本", std::string(s.en) + " must be a string");
            return;
        }
        if (utf8_length(v.get<std::string>()) > 200) {
            is.error(p, "string_too_long", std::string(s.zh) + "过长（上限 200 字）", std::string(s.en) + " is too long (limit 200)");
            return;
        }
        out[s.key] = v;
        return;
    case Kind::any:
        if (!(v.is_string() || v.is_boolean() || v.is_number())) {
            is.error(p, "wrong_type", std::string(s.zh) + "应为文本、数字或 true/false",
                     std::string(s.en) + " must be text, a number or true/false");
            return;
        }
        out[s.key] = v;
        return;
    }
}

const std::set<std::string>& known_types() {
    static const std::set<std::string> t = {"motor", "pump", "fan", "air_compressor", "transformer", "boiler",
                                            "furnace", "lighting", "heat_pump", "chiller", "pv", "storage",
                                            "roof", "process_heat", "waste_heat", "dyeing", "printing", "water",
                                            "paper_machine"};
    return t;
}

} // namespace

void parse_equipment(const json& j, const std::string& path, Equipment& out, Issues& issues) {
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
        auto t = row.find("type");
        if (t == row.end() || !t->is_string() || t->get<std::string>().empty()) {
            issues.error(p + "/type", "missing_type", "设备缺少类型 type", "equipment item lacks a type");
            continue;
        }
        item.type = t->get<std::string>();
        const bool known = known_types().count(item.type) > 0;
        if (!known)
            issues.warning(p + "/type", "unknown_equipment_type",
                           "未知设备类型“" + item.type + "”：保留但不参与诊断",
                           "unknown equipment type '" + item.type + "': kept but not diagnosed");
        if (auto c = row.find("count"); c != row.end() && !c->is_null()) {
            if (!c->is_number() || (c->is_number_float() && std::floor(c->get<double>()) != c->get<double>()))
                issues.error(p + "/count", "wrong_type", "台数应为整数", "count must be an integer");
            else if (c->get<double>() < 1 || c->get<double>() > 100000)
                issues.error(p + "/count", "out_of_range", "台数应在 1–100000 之间（填写值 " + num_text(c->get<double>()) + "）",
                             "count must be between 1 and 100000 (got " + num_text(c->get<double>()) + ")");
            else
                item.count = c->get<int>();
        }
        const auto& specs = specs_for(item.type);
        for (auto it = row.begin(); it != row.end(); ++it) {
            const std::string& key = it.key();
            if (key == "type" || key == "count") continue;
            std::string fp = p + "/" + key;
            if (it->is_null()) continue;
            const FieldSpec* s = find_spec(k_common, key);
            if (!s) s = find_spec(specs, key);
            if (s) {
                check_field(*s, it.value(), fp, item.fields, issues);
                if (key == "name" && it->is_string()) item.name = it->get<std::string>();
                continue;
            }
            if (known) {
                if (auto right = unit_variant_of(key, specs)) {
                    issues.error(fp, "wrong_unit", "字段“" + key + "”的单位不对：请换算后填写 " + *right,
                                 "field '" + key + "' has the wrong unit: convert and enter " + *right);
                    continue;
                }
                issues.warning(fp, "unknown_key", "未知字段“" + key + "”将被保留但不参与计算",
                               "unknown field '" + key + "' is kept but not used");
            }
            item.fields[key] = it.value();  // kept for saving again
        }
        out.items.push_back(std::move(item));
    }
}

void parse_management(const json& j, const std::string& path, Management& out, Issues& issues) {
    if (!j.is_object()) {
        issues.error(path, "wrong_type", "管理信息应为对象", "management must be an object");
        return;
    }
    static const std::vector<FieldSpec> specs = {
        {"energy_manager", Kind::boolean, 0, 0, "能源管理负责人", "energy manager"},
        {"metering_gb17167", Kind::text, 0, 0, "GB 17167 计量器具配备", "GB 17167 metering"},
        {"energy_management_system", Kind::any, 0, 0, "能源管理体系", "energy management system"},
        {"energy_audit_year", Kind::integer, 1990, 2100, "最近能源审计年份", "last energy-audit year"},
        {"online_monitoring", Kind::boolean, 0, 0, "能耗在线监测", "online energy monitoring"},
        {"leak_programme", Kind::boolean, 0, 0, "压缩空气泄漏管理", "leak programme"},
        {"central_heating_available", Kind::boolean, 0, 0, "可接入集中供热", "central heating available"},
        {"gas_main_available", Kind::boolean, 0, 0, "可接入天然气管网", "gas main available"},
        {"tou_user_class", Kind::text, 0, 0, "分时电价用户类别", "TOU user class"},
        {"exporter", Kind::boolean, 0, 0, "出口企业", "exporter"},
    };
    for (auto it = j.begin(); it != j.end(); ++it) {
        std::string fp = path + "/" + it.key();
        if (it->is_null()) continue;
        if (const FieldSpec* s = find_spec(specs, it.key())) {
            check_field(*s, it.value(), fp, out.fields, issues);
            if (it.key() == "metering_gb17167" && it->is_string()) {
                std::string v = it->get<std::string>();
                if (v != "full" && v != "partial" && v != "none")
                    issues.error(fp, "bad_choice", "计量器具配备应为 full、partial 或 none", "metering must be full, partial or none");
            }
            if (it.key() == "tou_user_class" && it->is_string()) {
                std::string v = it->get<std::string>();
                if (v != "large_industry" && v != "general")
                    issues.error(fp, "bad_choice", "分时电价用户类别应为 large_industry 或 general",
                                 "TOU user class must be large_industry or general");
            }
            continue;
        }
        issues.warning(fp, "unknown_key", "未知字段“" + it.key() + "”将被保留但不参与计算",
                       "unknown field '" + it.key() + "' is kept but not used");
        out.fields[it.key()] = it.value();
    }
}

nlohmann::json equipment_to_json(const Equipment& e) {
    json a = json::array();
    for (const auto& item : e.items) {
        json o = item.fields;
        o["type"] = item.type;
        o["count"] = item.count;
        if (!item.name.empty()) o["name"] = item.name;
        a.push_back(std::move(o));
    }
    return a;
}

nlohmann::json management_to_json(const Management& m) { return m.fields; }

nlohmann::json finding_to_json(const Finding& f) {
    return {{"id", f.id},
            {"severity", f.severity},
            {"clause", f.clause},
            {"message_zh", f.message_zh},
            {"message_en", f.message_en},
            {"measures", f.measures},
            {"evidence", f.evidence}};
}

// ---------------------------------------------------------------------------------------------
// Helpers shared with measures.cpp

namespace detail {

std::optional<double> field_num(const EquipmentItem& e, const char* key) {
    auto it = e.fields.find(key);
    if (it == e.fields.end() || !it->is_number()) return std::nullopt;
    return it->get<double>();
}
std::string field_str(const EquipmentItem& e, const char* key) {
    auto it = e.fields.find(key);
    return it != e.fields.end() && it->is_string() ? it->get<std::string>() : std::string();
}
std::optional<bool> field_bool(const EquipmentItem& e, const char* key) {
    auto it = e.fields.find(key);
    if (it == e.fields.end() || !it->is_boolean()) return std::nullopt;
    return it->get<bool>();
}
std::optional<bool> mgmt_bool(const Management& m, const char* key) {
    auto it = m.fields.find(key);
    if (it == m.fields.end()) return std::nullopt;
    if (it->is_boolean()) return it->get<bool>();
    if (it->is_string()) return !(it->get<std::string>().empty() || it->get<std::string>() == "none");
    return std::nullopt;
}
std::string mgmt_str(const Management& m, const char* key) {
    auto it = m.fields.find(key);
    return it != m.fields.end() && it->is_string() ? it->get<std::string>() : std::string();
}
std::optional<double> mgmt_num(const Management& m, const char* key) {
    auto it = m.fields.find(key);
    if (it == m.fields.end() || !it->is_number()) return std::nullopt;
    return it->get<double>();
}

std::string upper(std::string s) {
    for (auto& c : s)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return s;
}

const Record* std_record(const RefData& ref, const char* id) {
    if (const Record* r = ref.record("equipment_standards", id)) return r;
    return ref.record("measures", id);
}

std::string motor_class(const EquipmentItem& e, const RefData& ref) {
    std::string c = upper(field_str(e, "efficiency_class"));
    if (c.size() == 3 && c[0] == 'I' && c[1] == 'E' && c[2] >= '1' && c[2] <= '5') return c;
    std::string s = upper(field_str(e, "series"));
    if (s.empty()) return {};
    if (const Record* r = std_record(ref, "motor_series_class")) {
        const json& m = r->raw.value("map", json::object());
        // longest matching prefix: "YE3-280S" -> YE3
        std::string best, cls;
        for (auto it = m.begin(); it != m.end(); ++it)
            if (s.rfind(it.key(), 0) == 0 && it.key().size() > best.size()) {
                best = it.key();
                cls = it->get<std::string>();
            }
        return cls;
    }
    return {};
}

std::optional<double> motor_efficiency(const RefData& ref, const std::string& cls, double kw) {
    std::string table = cls == "IE5" ? "IE4" : cls;
    const Record* r = std_record(ref, ("motor_efficiency/" + table).c_str());
    if (!r) return std::nullopt;
    const json& xs = r->raw.at("kw");
    const json& ys = r->raw.at("efficiency_pct");
    if (!xs.is_array() || xs.empty() || xs.size() != ys.size()) return std::nullopt;
    double eta;
    if (kw <= xs.front().get<double>()) eta = ys.front().get<double>();
    else if (kw >= xs.back().get<double>()) eta = ys.back().get<double>();
    else {
        eta = ys.back().get<double>();
        for (std::size_t i = 1; i < xs.size(); ++i) {
            double x0 = xs[i - 1].get<double>(), x1 = xs[i].get<double>();
            if (kw <= x1) {
                double y0 = ys[i - 1].get<double>(), y1 = ys[i].get<double>();
                eta = y0 + (y1 - y0) * (kw - x0) / (x1 - x0);
                break;
            }
        }
    }
    eta /= 100.0;
    if (cls == "IE5") {
        const Record* l = std_record(ref, "motor_ie5_loss_reduction");
        double red = l && l->value ? *l->value : 0;
        eta = 1 - (1 - eta) * (1 - red);
    }
    return eta;
}

bool is_pump_or_fan(const EquipmentItem& e) {
    if (e.type == "pump" || e.type == "fan") return true;
    if (e.type != "motor") return false;
    std::string d = field_str(e, "driven_load");
    return d == "pump" || d == "fan" || d == "blower";
}

std::optional<double> electric_kwh(const EquipmentItem& e, const RefData& ref) {
    auto kw = field_num(e, "rated_kw");
    auto h = field_num(e, "hours_per_year");
    if (e.type == "lighting") {
        auto w = field_num(e, "watts");
        if (!w || !h) return std::nullopt;
        return *w / 1000.0 * *h * e.count;
    }
    if (!kw || !h) return std::nullopt;
    auto lf = field_num(e, "load_factor");
    if (!lf) return std::nullopt;
    double kwh = *kw * *lf * *h * e.count;
    if (e.type == "motor") {
        // load factor of a motor = shaft power / rated power (measures.md §3.1 worked example)
        std::string cls = motor_class(e, ref);
        if (auto eta = cls.empty() ? std::nullopt : motor_efficiency(ref, cls, *kw)) kwh /= *eta;
    }
    return kwh;
}

bool is_coal(const std::string& c) { return c == "raw_coal" || c == "washed_coal" || c == "coke"; }

double boiler_efficiency(const EquipmentItem& e, const RefData& ref, const std::string& carrier) {
    if (auto eta = field_num(e, "efficiency")) return *eta;
    const char* id = "boiler/default_oil_efficiency";
    if (is_coal(carrier)) id = "boiler/default_coal_efficiency";
    else if (carrier == "natural_gas" || carrier == "lpg" || carrier == "refinery_gas") id = "boiler/default_gas_efficiency";
    const Record* r = ref.record("measures", id);
    return r && r->value ? *r->value : 0.75;
}

std::optional<double> boiler_capacity_t_per_h(const EquipmentItem& e, const RefData& ref) {
    if (auto c = field_num(e, "capacity_t_per_h")) return *c;
    if (auto mw = field_num(e, "capacity_mw")) {
        const Record* r = ref.record("measures", "boiler/mw_per_t_per_h");
        if (r && r->value && *r->value > 0) return *mw / *r->value;  // 1 t/h ≈ 0.7 MW (rating convention)
    }
    return std::nullopt;
}

std::optional<FuelUse> boiler_fuel(const Input& in, const Result& res, const RefData&, std::size_t index) {
    if (index >= in.equipment.items.size()) return std::nullopt;
    const EquipmentItem& e = in.equipment.items[index];
    std::string fuel = field_str(e, "fuel");
    if (fuel.empty()) return std::nullopt;
    FuelUse u;
    u.carrier = fuel;
    if (auto q = field_num(e, "fuel_quantity")) {
        u.base_quantity = *q;
        return u;
    }
    double site = 0;
    for (const auto& c : res.energy.by_carrier)
        if (c.carrier == fuel && !c.feedstock) site += c.base_quantity;
    if (site <= 0) return std::nullopt;
    auto weight = [](const EquipmentItem& x) {
        double cap = field_num(x, "capacity_t_per_h").value_or(field_num(x, "capacity_mw").value_or(
            field_num(x, "rated_kw").value_or(1)));
        return cap * field_num(x, "hours_per_year").value_or(1) * field_num(x, "load_factor").value_or(1) * x.count;
    };
    double total = 0;
    for (const auto& x : in.equipment.items)
        if ((x.type == "boiler" || x.type == "furnace") && field_str(x, "fuel") == fuel && !field_num(x, "fuel_quantity"))
            total += weight(x);
    if (total <= 0) return std::nullopt;
    u.base_quantity = site * weight(e) / total;
    u.from_site_energy = true;
    return u;
}

} // namespace detail

// ---------------------------------------------------------------------------------------------
// Findings

namespace {

using namespace detail;

std::string fmt(double v, int digits = 1) {
    char b[64];
    std::snprintf(b, sizeof b, "%.*f", digits, v);
    return b;
}

struct Diag {
    const Input& in;
    const Result& res;
    const RefData& ref;
    std::vector<Finding> out;

    void add(std::string id, std::string sev, std::string clause, std::string zh, std::string en,
             std::vector<std::string> measures, json evidence = json::object()) {
        Finding f;
        f.id = std::move(id);
        f.severity = std::move(sev);
        f.clause = std::move(clause);
        f.message_zh = std::move(zh);
        f.message_en = std::move(en);
        f.measures = std::move(measures);
        f.evidence = std::move(evidence);
        out.push_back(std::move(f));
    }
    std::string clause_of(const char* id, const char* fallback) const {
        const Record* r = std_record(ref, id);
        return r ? r->raw.value("clause", std::string(fallback)) : std::string(fallback);
    }
    double param(const char* id, double fallback) const {
        const Record* r = std_record(ref, id);
        return r && r->value ? *r->value : fallback;
    }
};

std::string row_label(const EquipmentItem& e, std::size_t i) {
    return "#" + std::to_string(i) + (e.name.empty() ? std::string() : " " + e.name);
}

const char* k_plan = "《浙江省工业领域碳达峰实施方案》(2023)";

void motors(Diag& d) {
    const auto& items = d.in.equipment.items;
    int below = 0, unknown = 0, obsolete = 0, oversized = 0, rewound = 0;
    double below_kw = 0;
    json ev = json::array(), ev_unknown = json::array(), ev_over = json::array();
    std::vector<std::string> below_links = {"motor_upgrade"};
    bool pump_fan_below = false;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto& e = items[i];
        if (e.type != "motor") continue;
        std::string cls = motor_class(e, d.ref);
        double kw = field_num(e, "rated_kw").value_or(0);
        if (field_bool(e, "on_obsolete_catalogue").value_or(false)) {
            obsolete += e.count;
        }
        if (cls.empty()) {
            unknown += e.count;
            ev_unknown.push_back(i);
        } else if (cls == "IE1" || cls == "IE2") {
            below += e.count;
            below_kw += kw * e.count;
            ev.push_back({{"row", i}, {"class", cls}, {"rated_kw", kw}, {"count", e.count}});
            pump_fan_below |= is_pump_or_fan(e);
        }
        if (auto lf = field_num(e, "load_factor"); lf && *lf < d.param("motor_system/oversized_load_factor", 0.4)) {
            oversized += e.count;
            ev_over.push_back({{"row", i}, {"load_factor", *lf}});
        }
        if (field_num(e, "rewinds").value_or(0) >= 1) rewound += e.count;
    }
    std::string clause = d.clause_of("motor_grade_map", "GB 18613-2020");
    if (pump_fan_below) below_links.push_back("vsd_pump_fan");
    if (below > 0)
        d.add("motor_below_ie3", "high", "GB 18613-2020 能效限定值（3级 = IE3）; " + clause,
              std::to_string(below) + " 台电机（合计 " + fmt(below_kw, 0) +
                  " kW）能效低于 IE3（GB 18613-2020 三级能效限定值），此类电机已不得生产销售，建议到期或故障时更换为 IE4 及以上" +
                  (rewound ? "；其中 " + std::to_string(rewound) + " 台曾重绕，效率进一步下降" : ""),
              std::to_string(below) + " motors (" + fmt(below_kw, 0) +
                  " kW in total) are below IE3, the GB 18613-2020 grade-3 minimum; such motors may no longer be made or sold — replace with IE4 or better at failure or now" +
                  (rewound ? "; " + std::to_string(rewound) + " have been rewound, which lowers efficiency further" : ""),
              below_links, {{"motors", ev}, {"count", below}, {"rated_kw_total", below_kw}});
    if (obsolete > 0)
        d.add("motor_obsolete_catalogue", "high",
              "《高耗能落后机电设备(产品)淘汰目录》第一至四批（工信部）; 《产业结构调整指导目录（2024年本）》淘汰类",
              std::to_string(obsolete) + " 台电机列入高耗能落后机电设备淘汰目录，须在期限内淘汰更换",
              std::to_string(obsolete) + " motors are on the obsolete-equipment catalogues and must be replaced within the deadline",
              {"motor_upgrade"}, {{"count", obsolete}});
    if (oversized > 0)
        d.add("motor_oversized", "medium", "measures.md §2 #1b（电机系统优化：负载率 <40% 视为选型过大）",
              std::to_string(oversized) + " 台电机负载率低于 40%，选型偏大、运行效率低",
              std::to_string(oversized) + " motors run below 40% load: oversized and inefficient",
              {"motor_system"}, {{"motors", ev_over}});
    if (unknown > 0)
        d.add("motor_class_unknown", "info", "GB 18613-2020",
              std::to_string(unknown) + " 台电机未填写能效等级（efficiency_class）或系列（series），无法判断是否低于 IE3",
              std::to_string(unknown) + " motors lack efficiency_class or series, so they cannot be checked against IE3",
              {}, {{"rows", ev_unknown}, {"needs", json::array({"efficiency_class", "series"})}});
}

void pumps_fans(Diag& d) {
    const auto& items = d.in.equipment.items;
    json ev = json::array();
    double kw_total = 0;
    int n = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto& e = items[i];
        if (!is_pump_or_fan(e)) continue;
        std::string fc = field_str(e, "flow_control");
        std::string sc = field_str(e, "speed_control");
        bool throttled = fc == "throttle" || fc == "damper" || fc == "bypass" || fc == "inlet_vanes" || fc == "on_off";
        if (e.type == "motor" && fc.empty()) throttled = sc == "none";
        if (!throttled) continue;
        n += e.count;
        kw_total += field_num(e, "rated_kw").value_or(0) * e.count;
        ev.push_back({{"row", i}, {"flow_control", fc.empty() ? sc : fc}, {"rated_kw", field_num(e, "rated_kw").value_or(0)}});
    }
    if (n > 0)
        d.add("pump_fan_throttled", "medium", std::string(k_plan) + " 三(三)2（推广电机（水泵、风机、空压机）系统节能）; measures.md §2 #2a",
              std::to_string(n) + " 台水泵/风机（" + fmt(kw_total, 0) + " kW）靠阀门、挡板或启停调节流量，节流损失大，适合变频调速",
              std::to_string(n) + " pumps/fans (" + fmt(kw_total, 0) +
                  " kW) control flow by throttle, damper or on/off: large throttling losses, candidates for variable-speed drives",
              {"vsd_pump_fan", "pump_fan_replace"}, {{"rows", ev}, {"rated_kw_total", kw_total}});
}

void compressors(Diag& d) {
    const auto& items = d.in.equipment.items;
    const Record* bench = std_record(d.ref, "compressor_specific_power_benchmarks");
    const double screen = bench ? bench->raw.value("screen", 7.5) : 7.5;
    const std::string clause = bench ? bench->raw.value("clause", std::string("GB 19153-2019")) : "GB 19153-2019";
    json high = json::array(), no_leak = json::array(), pressure = json::array();
    int n_comp = 0;
    bool leak_prog = mgmt_bool(d.in.management, "leak_programme").value_or(false);
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto& e = items[i];
        if (e.type != "air_compressor") continue;
        n_comp += e.count;
        auto sp = field_num(e, "specific_power_kw_per_m3_min");
        if (!sp) {
            auto kw = field_num(e, "rated_kw"), fad = field_num(e, "fad_m3_per_min");
            if (kw && fad && *fad > 0) sp = *kw / *fad;
        }
        auto grade = field_num(e, "energy_grade");
        if ((sp && *sp > screen) || (grade && *grade > 3))
            high.push_back({{"row", i}, {"specific_power_kw_per_m3_min", sp ? json(*sp) : json(nullptr)},
                            {"pressure_mpa", field_num(e, "pressure_mpa").value_or(0)}});
        std::string lt;
        auto lit = e.fields.find("leak_test");
        if (lit != e.fields.end() && lit->is_string()) lt = lit->get<std::string>();
        bool tested = lit != e.fields.end() && ((lit->is_boolean() && lit->get<bool>()) ||
                                                (lit->is_string() && lt != "none" && lt != "never" && !lt.empty()) ||
                                                lit->is_number());
        if (!tested && !leak_prog) no_leak.push_back(i);
        auto p = field_num(e, "pressure_mpa"), req = field_num(e, "required_pressure_mpa");
        if (p && req && *p - *req > d.param("air_pressure/min_excess_mpa", 0.05))
            pressure.push_back({{"row", i}, {"pressure_mpa", *p}, {"required_pressure_mpa", *req}});
    }
    if (!high.empty())
        d.add("compressor_specific_power_high", "medium", clause,
              std::to_string(high.size()) + " 组空压机比功率高于 " + fmt(screen, 1) +
                  " kW/(m³/min)（0.7–0.8 MPa 筛查基准；GB 19153-2019 按型式与功率分档的三级限值表未收录，请核对铭牌能效标识等级）",
              std::to_string(high.size()) + " compressor groups exceed the screening benchmark of " + fmt(screen, 1) +
                  " kW/(m³/min) at 0.7–0.8 MPa (the GB 19153-2019 grade-3 tables by type and size are not on file: check the energy label on the nameplate)",
              {"air_vsd", "central_air"}, {{"rows", high}, {"screen_kw_per_m3_min", screen}});
    if (!no_leak.empty())
        d.add("compressed_air_no_leak_management", "medium", "measures.md §2 #3a（泄漏通常占产气量 20–30%）",
              "空压系统近 12 个月未做泄漏检测且无泄漏管理制度；泄漏通常占产气量 20–30%",
              "no leak survey in the last 12 months and no leak programme; leaks are commonly 20–30% of compressor output",
              {"air_leak"}, {{"rows", no_leak}});
    if (!pressure.empty())
        d.add("compressed_air_pressure_excess", "low", "measures.md §2 #3b（每降低 0.1 MPa 约节电 7%）",
              "空压机排气压力高于最高用气需求 0.05 MPa 以上", "compressor discharge pressure exceeds the highest end-use need by more than 0.05 MPa",
              {"air_pressure"}, {{"rows", pressure}});
    else if (n_comp > 0) {
        bool any_req = false;
        for (const auto& e : items)
            if (e.type == "air_compressor" && field_num(e, "required_pressure_mpa")) any_req = true;
        if (!any_req)
            d.add("compressed_air_pressure_unknown", "info", "measures.md §2 #3b",
                  "未填写最高用气压力需求（required_pressure_mpa），无法评估降压节电潜力",
                  "the highest end-use pressure (required_pressure_mpa) is not given, so pressure reduction cannot be assessed",
                  {"air_pressure"}, {{"needs", json::array({"required_pressure_mpa"})}});
    }
}

void transformers(Diag& d) {
    const auto& items = d.in.equipment.items;
    const Record* ser = std_record(d.ref, "transformer_series");
    std::set<std::string> below;
    if (ser)
        for (const auto& s : ser->raw.value("below_current", json::array())) below.insert(s.get<std::string>());
    std::string clause = ser ? ser->raw.value("clause", std::string("GB 20052-2024")) : "GB 20052-2024";
    json old = json::array(), light = json::array(), listed = json::array();
    int light_units = 0;
    const double light_lf = d.param("transformer_upgrade/light_load", 0.3);
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto& e = items[i];
        if (e.type != "transformer") continue;
        std::string s = upper(field_str(e, "series"));
        std::string base = s.substr(0, s.find_first_of("-_ "));
        json row = {{"row", i}, {"series", s}, {"rated_kva", field_num(e, "rated_kva").value_or(0)}, {"count", e.count}};
        // Only a unit on MIIT's obsolete catalogue must go; an operating older series is "below
        // the current efficiency grades" of GB 20052-2024 (which governs new products).
        if (field_bool(e, "on_obsolete_catalogue").value_or(false)) listed.push_back(row);
        else if (below.count(base)) old.push_back(row);
        if (auto lf = field_num(e, "load_factor"); lf && *lf < light_lf) {
            light.push_back({{"row", i}, {"load_factor", *lf}, {"count", e.count}});
            light_units += e.count;
        }
    }
    auto text = [&](const char* key, std::size_t n) {
        std::string t = ser ? ser->raw.value(key, std::string()) : std::string();
        auto at = t.find("{n}");
        if (at != std::string::npos) t.replace(at, 3, std::to_string(n));
        return t;
    };
    if (!listed.empty())
        d.add("transformer_phase_out", "high", ser ? ser->raw.value("phase_out_clause", clause) : clause,
              text("finding_phase_out_zh", listed.size()), text("finding_phase_out_en", listed.size()), {"transformer_upgrade"},
              {{"rows", listed}});
    if (!old.empty())
        d.add("transformer_below_grades", "medium", clause, text("finding_below_grades_zh", old.size()),
              text("finding_below_grades_en", old.size()), {"transformer_upgrade"}, {{"rows", old}});
    if (!light.empty())
        d.add("transformer_light_load", "low", "measures.md §2 #4（平均负载率 <30%）; GB/T 13462",
              std::to_string(light_units) + " 台变压器平均负载率低于 30%，空载损耗占比高",
              std::to_string(light_units) + " transformers run below 30% mean load: no-load losses dominate",
              light_units >= 2 ? std::vector<std::string>{"transformer_consolidate", "transformer_upgrade"}
                               : std::vector<std::string>{"transformer_upgrade"},
              {{"rows", light}});
}

void boilers(Diag& d) {
    const auto& items = d.in.equipment.items;
    const Record* ret = std_record(d.ref, "coal_boiler_retirement");
    const double max_cap = ret && ret->value ? *ret->value : 35;
    std::set<std::string> plan_industries;
    if (ret)
        for (const auto& s : ret->raw.value("industries", json::array())) plan_industries.insert(s.get<std::string>());
    const std::string ind = d.in.enterprise.industry;
    const bool plan_industry = ind.size() >= 3 && plan_industries.count(ind.substr(0, 3));
    const bool textile = ind.rfind("C17", 0) == 0;
    const bool central = mgmt_bool(d.in.management, "central_heating_available").value_or(false);
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto& e = items[i];
        if (e.type != "boiler") continue;
        std::string fuel = field_str(e, "fuel");
        auto cap = boiler_capacity_t_per_h(e, d.ref);
        json ev = {{"row", i}, {"fuel", fuel}, {"capacity_t_per_h", cap ? json(*cap) : json(nullptr)}};
        if (is_coal(fuel)) {
            std::vector<std::string> links = {"central_steam", "coal_to_gas", "coal_to_electric", "heat_pump"};
            if (cap && *cap <= max_cap && plan_industry)
                d.add("coal_boiler_plan_retirement", "high", ret ? ret->raw.value("clause", std::string()) : std::string(),
                      "燃煤锅炉 " + row_label(e, i) + "（" + fmt(*cap, 0) + " t/h ≤ 35 t/h）属于造纸/化纤行业 2025 年前须全面淘汰的 35 蒸吨及以下燃煤供热锅炉；应改用集中供热或煤改气/电",
                      "coal boiler " + row_label(e, i) + " (" + fmt(*cap, 0) +
                          " t/h ≤ 35 t/h) is one of the coal heating boilers of 35 t/h and below that paper and chemical-fibre firms must retire by 2025; switch to central heating or gas/electric",
                      links, ev);
            else if (textile || central)
                d.add("coal_boiler_clean_substitution", textile ? "high" : "medium",
                      std::string(k_plan) + (textile ? " 三(六)7（纺织：推行集中供热、供气，实施煤改电、煤改气）" : " 三(二)4（加大燃煤锅炉淘汰力度，推动园区集中供热）"),
                      "燃煤锅炉 " + row_label(e, i) + (central ? "：可接入集中供热，" : "：") + "按方案应推进集中供热或煤改气/煤改电",
                      "coal boiler " + row_label(e, i) + (central ? ": central heating is available; " : ": ") +
                          "the plan asks for central heating or coal-to-gas/electric",
                      links, ev);
            else if (!cap)
                d.add("coal_boiler_capacity_unknown", "info", ret ? ret->raw.value("clause", std::string()) : std::string(),
                      "燃煤锅炉 " + row_label(e, i) + " 未填写额定蒸发量（capacity_t_per_h），无法判断是否属于 35 蒸吨及以下淘汰范围",
                      "coal boiler " + row_label(e, i) + " lacks capacity_t_per_h, so the ≤35 t/h retirement rule cannot be checked",
                      links, {{"row", i}, {"needs", json::array({"capacity_t_per_h"})}});
        } else if (central && !fuel.empty() && fuel != "electricity") {
            d.add("boiler_central_heating_available", "low", std::string(k_plan) + " 三(二)4（推动工业园区开展集中供热、供气）",
                  "自备锅炉 " + row_label(e, i) + " 所在地可接入集中供热，可评估停用自备锅炉",
                  "central heating is available at the site of boiler " + row_label(e, i) + "; consider shutting the own boiler",
                  {"central_steam"}, ev);
        }
        auto flue = field_num(e, "flue_temp_c");
        auto o2 = field_num(e, "flue_o2_pct");
        bool econ = field_bool(e, "economizer").value_or(false);
        if (flue && *flue > d.param("boiler_economizer/stack_temp_trigger", 150) && !econ)
            d.add("boiler_flue_temperature_high", *flue > d.param("boiler_tuneup/stack_temp_trigger", 180) ? "medium" : "low",
                  "measures.md §2 #5a/#5b（排烟温度 >150 °C 未装省煤器；>180 °C 需燃烧调整）",
                  "锅炉 " + row_label(e, i) + " 排烟温度 " + fmt(*flue, 0) + " °C，未装省煤器，约每降低 22 °C 可提高效率 1%",
                  "boiler " + row_label(e, i) + " stack temperature is " + fmt(*flue, 0) +
                      " °C without an economizer; about 1% efficiency per 22 °C of stack-temperature drop",
                  {"boiler_economizer", "boiler_tuneup"}, {{"row", i}, {"flue_temp_c", *flue}});
        if (o2 && *o2 > d.param("boiler_tuneup/o2_trigger", 4))
            d.add("boiler_excess_air", "low", "measures.md §2 #5a",
                  "锅炉 " + row_label(e, i) + " 烟气含氧量 " + fmt(*o2, 1) + "%，过量空气偏大",
                  "boiler " + row_label(e, i) + " flue O2 is " + fmt(*o2, 1) + "%: too much excess air",
                  {"boiler_tuneup"}, {{"row", i}, {"flue_o2_pct", *o2}});
        if (!flue && !field_num(e, "efficiency"))
            d.add("boiler_data_needed", "info", "measures.md §2 #5a/#5b",
                  "锅炉 " + row_label(e, i) + " 未填写热效率（efficiency）和排烟温度（flue_temp_c），节能潜力按默认值估算",
                  "boiler " + row_label(e, i) + " lacks efficiency and flue_temp_c; savings use default values",
                  {"boiler_tuneup", "boiler_economizer"}, {{"row", i}, {"needs", json::array({"efficiency", "flue_temp_c"})}});
    }
}

void lighting(Diag& d) {
    const auto& items = d.in.equipment.items;
    int n = 0;
    double kw = 0;
    json ev = json::array();
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto& e = items[i];
        if (e.type != "lighting") continue;
        std::string t = field_str(e, "lamp_type");
        if (t.empty() || t == "led" || t == "LED") continue;
        n += e.count;
        kw += field_num(e, "watts").value_or(0) * e.count / 1000.0;
        ev.push_back({{"row", i}, {"lamp_type", t}});
    }
    if (n > 0)
        d.add("lighting_not_led", "low", "measures.md §2 #10a",
              std::to_string(n) + " 盏灯具（" + fmt(kw, 1) + " kW）仍为荧光灯/金卤灯等传统光源，LED 可节电 40–70%",
              std::to_string(n) + " lamps (" + fmt(kw, 1) + " kW) are fluorescent, metal-halide or similar; LED saves 40–70%",
              {"led_lighting"}, {{"rows", ev}});
}

void management(Diag& d) {
    const Management& m = d.in.management;
    const std::string tier = d.res.energy.budget_tier;
    const bool budgeted = tier == "ge5000" || tier == "1000to5000";
    const std::string metering = mgmt_str(m, "metering_gb17167");
    auto manager = mgmt_bool(m, "energy_manager");
    auto ems = mgmt_bool(m, "energy_management_system");
    std::string tier_clause = d.res.energy.budget_tier_clause.empty() ? std::string(k_plan) + " 三(二)2" : d.res.energy.budget_tier_clause;
    json ev = {{"total_tce", d.res.energy.total_tce}, {"budget_tier", tier}};
    if (m.fields.empty() || m.fields.size() == 0) {
        d.add("management_data_needed", "info", std::string(k_plan) + " 三(二)2",
              "未填写能源管理信息（energy_manager、metering_gb17167、energy_management_system、energy_audit_year），无法检查管理要求",
              "no management data (energy_manager, metering_gb17167, energy_management_system, energy_audit_year): management duties cannot be checked",
              {"energy_management_system"}, {{"needs", json::array({"energy_manager", "metering_gb17167", "energy_management_system", "energy_audit_year"})}});
        return;
    }
    if (budgeted && (metering == "none" || metering == "partial"))
        d.add("metering_incomplete", metering == "none" ? "high" : "medium",
              tier_clause + "; GB 17167 用能单位能源计量器具配备和管理通则",
              "年综合能耗 " + fmt(d.res.energy.total_tce, 0) + " tce，属用能预算管理企业，方案要求健全能源计量体系；当前 GB 17167 计量器具配备为“" +
                  (metering == "none" ? "无" : "部分") + "”",
              "annual energy " + fmt(d.res.energy.total_tce, 0) +
                  " tce puts the firm under energy-budget management, where the plan requires a complete metering system; GB 17167 metering is '" + metering + "'",
              {"energy_management_system"}, ev);
    if (budgeted && manager && !*manager)
        d.add("no_energy_manager", "medium", tier_clause + "; 《重点用能单位节能管理办法》(2018)",
              "用能预算管理企业未设能源管理负责人", "no energy manager in a firm under energy-budget management",
              {"energy_management_system"}, ev);
    if (budgeted && ems && !*ems)
        d.add("no_energy_management_system", "medium", tier_clause + "（推动企业建立健全能源管理体系）; GB/T 23331",
              "未建立能源管理体系（GB/T 23331）", "no energy management system (GB/T 23331)", {"energy_management_system"}, ev);
    auto audit = mgmt_num(m, "energy_audit_year");
    if (budgeted && !audit)
        d.add("no_energy_audit", "low", tier_clause + "（组织开展能源审计）",
              "未填写最近一次能源审计年份（energy_audit_year），方案要求组织开展能源审计",
              "no energy audit year given (energy_audit_year); the plan asks firms to carry out energy audits",
              {"energy_management_system"}, ev);
    if (d.res.energy.key_energy_unit && !mgmt_bool(m, "online_monitoring").value_or(false))
        d.add("key_unit_no_online_monitoring", "high", d.res.energy.key_unit_clause,
              "重点用能单位须接入能耗在线监测", "key energy-using units must report to online energy monitoring",
              {"energy_management_system"}, ev);
}

void carbon_and_products(Diag& d) {
    const auto& ce = d.res.carbon_efficiency;
    std::vector<std::string> co2_links = {"energy_management_system", "pv_rooftop", "green_power", "central_steam",
                                          "heat_pump", "coal_to_gas", "motor_upgrade", "vsd_pump_fan", "air_leak"};
    if (ce.grade && *ce.grade >= 4)
        d.add("carbon_efficiency_grade_poor", *ce.grade == 5 ? "high" : "medium", ce.clause,
              "碳效等级为 " + std::to_string(*ce.grade) + " 级（K = " + fmt(ce.index.value_or(0), 2) + "），属碳效较差企业，应优先实施降碳措施",
              "carbon-efficiency grade " + std::to_string(*ce.grade) + " (K = " + fmt(ce.index.value_or(0), 2) +
                  "): a poor carbon-efficiency firm; carbon-reduction measures come first",
              co2_links, {{"grade", *ce.grade}, {"index", ce.index.value_or(0)}});
    if (ce.level == "high")
        d.add("carbon_level_high", "medium", ce.clause,
              "碳排放强度 " + fmt(ce.intensity.value_or(0), 2) + " tCO₂/万元增加值，属高碳排放水平",
              "carbon intensity " + fmt(ce.intensity.value_or(0), 2) + " tCO2 per 10k yuan value added: high-carbon level",
              co2_links, {{"intensity", ce.intensity.value_or(0)}});
    for (const auto& p : d.res.products) {
        std::vector<std::string> links = {"energy_management_system", "motor_upgrade", "vsd_pump_fan", "waste_heat",
                                          "boiler_economizer", "heat_pump", "paper_shoe_press", "textile_cpb"};
        if (p.status == "above_level3")
            d.add("product_above_limit", "high", p.standard + " 能耗限定值（3级）; " + k_plan + " 三(二)3（超过单位产品能耗限额标准用能的责令限期整改；不能整改的依法责令停业整顿或关闭）",
                  p.name + " 单位产品能耗 " + fmt(p.kgce_per_unit.value_or(0), 1) + " 超过限定值 " + fmt(p.level3.value_or(0), 1) +
                      "，须限期整改或退出",
                  p.name + " unit energy " + fmt(p.kgce_per_unit.value_or(0), 1) + " exceeds the limit " + fmt(p.level3.value_or(0), 1) +
                      ": must be retrofitted within a deadline or exit",
                  links, {{"product", p.name}, {"kgce_per_unit", p.kgce_per_unit.value_or(0)}, {"level3", p.level3.value_or(0)}});
        else if (p.status == "level3")
            d.add("product_between_levels", "medium", p.standard,
                  p.name + " 单位产品能耗 " + fmt(p.kgce_per_unit.value_or(0), 1) + " 达到限定值但未达 2 级（" + fmt(p.level2.value_or(0), 1) + "）",
                  p.name + " unit energy " + fmt(p.kgce_per_unit.value_or(0), 1) + " meets the limit but not grade 2 (" +
                      fmt(p.level2.value_or(0), 1) + ")",
                  links, {{"product", p.name}, {"kgce_per_unit", p.kgce_per_unit.value_or(0)}, {"level2", p.level2.value_or(0)}});
    }
}

void electrification(Diag& d) {
    const auto& e = d.res.energy;
    if (!e.electrification_rate) return;
    double fossil_heat = 0;
    for (const auto& [g, share] : e.mix)
        if (g == "coal" || g == "oil") fossil_heat += share;
    const Record* ref = std_record(d.ref, "electrification_reference");
    double target = ref && ref->value ? *ref->value : 0.5;
    if (*e.electrification_rate < target && fossil_heat > 0.05)
        d.add("low_electrification", "medium",
              std::string(k_plan) + " 三(二)4（引导企业实施煤改电、煤改气、油改电，提升工业终端用能电气化水平）; " +
                  (ref ? ref->raw.value("clause", std::string()) : std::string()),
              "终端电气化率 " + fmt(*e.electrification_rate * 100, 0) + "%，煤/油占能源消费 " + fmt(fossil_heat * 100, 0) +
                  "%，方案要求煤改电、煤改气",
              "electrification is " + fmt(*e.electrification_rate * 100, 0) + "% with coal/oil at " + fmt(fossil_heat * 100, 0) +
                  "% of energy; the plan asks for coal-to-electric and coal-to-gas",
              {"heat_pump", "coal_to_electric", "coal_to_gas", "central_steam"},
              {{"electrification_rate", *e.electrification_rate}, {"coal_oil_share", fossil_heat}, {"reference", target}});
}

void textile_water(Diag& d) {
    const auto& items = d.in.equipment.items;
    const Record* t = d.ref.record("measures", "water_reuse/target_rate");
    double target = t && t->value ? *t->value : 0.5;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto& e = items[i];
        if (e.type != "water") continue;
        auto r = field_num(e, "reuse_rate");
        if (r && *r < target && d.in.enterprise.industry.rfind("C17", 0) == 0)
            d.add("water_reuse_below_plan", "medium", t ? t->source : std::string(k_plan),
                  "水重复利用率 " + fmt(*r * 100, 0) + "%，低于方案 2025 年印染行业 50% 目标",
                  "water reuse rate " + fmt(*r * 100, 0) + "% is below the plan's 2025 target of 50% for dyeing",
                  {"water_reuse"}, {{"row", i}, {"reuse_rate", *r}});
    }
}

void data_gaps(Diag& d) {
    if (d.in.equipment.items.empty())
        d.add("equipment_data_needed", "info", "measures.md §2",
              "未填写设备清单（equipment）：填写电机、水泵风机、空压机、变压器、锅炉、照明和屋顶后可诊断设备并测算技改措施",
              "no equipment list: add motors, pumps/fans, compressors, transformers, boilers, lighting and roof to diagnose equipment and cost measures",
              {"energy_management_system", "green_power"}, {{"needs", json::array({"equipment"})}});
}

} // namespace

std::vector<Finding> diagnose(const Input& in, const Result& partial, const RefData& ref) {
    Diag d{in, partial, ref, {}};
    try {
        motors(d);
        pumps_fans(d);
        compressors(d);
        transformers(d);
        boilers(d);
        lighting(d);
        management(d);
        carbon_and_products(d);
        electrification(d);
        textile_water(d);
        data_gaps(d);
    } catch (const std::exception&) {
        // A malformed reference record must not take the assessment down; the data tests catch it.
    }
    return d.out;
}

} // namespace selfcheck
