#include "refdata.hpp"
#include "diagnosis.hpp"
#include "green_factory.hpp"
#include "measures.hpp"
#include "texts.hpp"

#include "emissions.hpp"
#include "energy.hpp"
#include "intensity.hpp"
#include "names.hpp"
#include "steam.hpp"
#include "trend.hpp"

#include "validate.hpp"

#include <algorithm>
#include <mutex>
#include <stdexcept>

namespace selfcheck {

using nlohmann::json;

const RefRecord* Dataset::find(std::string_view id) const {
    auto it = index.find(id);
    return it == index.end() ? nullptr : &records[it->second];
}

const nlohmann::json& json_member_or(const nlohmann::json& j, const char* key, const nlohmann::json& fallback) {
    if (!j.is_object()) return fallback;
    auto it = j.find(key);
    return it == j.end() ? fallback : *it;
}
const nlohmann::json& json_empty_object() {
    static const nlohmann::json o = nlohmann::json::object();
    return o;
}
const nlohmann::json& json_empty_array() {
    static const nlohmann::json a = nlohmann::json::array();
    return a;
}

const Dataset* RefData::dataset(std::string_view name) const {
    auto it = datasets.find(name);
    return it == datasets.end() ? nullptr : &it->second;
}

const RefRecord* RefData::record(std::string_view ds, std::string_view id) const {
    const Dataset* d = dataset(ds);
    return d ? d->find(id) : nullptr;
}

double RefData::constant(std::string_view id) const {
    const RefRecord* r = record("constants", id);
    if (!r || !r->value) throw std::logic_error("reference constant missing: " + std::string(id));
    return *r->value;
}

std::map<std::string, std::string> RefData::versions() const {
    std::map<std::string, std::string> v;
    for (const auto& [name, d] : datasets) v[name] = d.version;
    return v;
}

std::shared_ptr<const std::map<std::string, std::string>> RefData::shared_versions() const {
    auto same = [](const auto& dataset, const auto& version) {
        return dataset.first == version.first && dataset.second.version == version.second;
    };
    if (data_versions && std::equal(datasets.begin(), datasets.end(), data_versions->begin(), data_versions->end(), same))
        return data_versions;
    return std::make_shared<const std::map<std::string, std::string>>(versions());
}

namespace {


std::optional<double> num_opt(const json& j, const char* key) {
    auto it = j.find(key);
    if (it != j.end() && it->is_number()) return it->get<double>();
    return std::nullopt;
}

// Data files are a few levels deep; a downloaded one (a receiver's industry_averages) could be
// nested a million levels, and copying or destroying such a json recurses until the stack
// overflows (found by tests/fuzz/fuzz_refdata). Scanned before parsing, like io/document.cpp does.
constexpr int k_max_data_depth = 64;

void load_dataset(const std::string& file, const std::string& text, RefData& out) {
    Issues& is = out.load_issues;
    if (json_max_nesting(text) > k_max_data_depth) {
        texts::error(is, file, "data_too_deep", "data.too_deep");
        return;
    }
    json doc = json::parse(text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
        texts::error(is, file, "data_not_json", "data.not_json");
        return;
    }
    Dataset d;
    d.name = json_string_or(doc, "dataset");
    d.version = json_string_or(doc, "version");
    if (d.name.empty() || d.version.empty())
        texts::error(is, file, "data_header", "data.header");
    auto recs = doc.find("records");
    if (recs == doc.end() || !recs->is_array()) {
        texts::error(is, file, "data_records", "data.records");
        return;
    }
    for (std::size_t i = 0; i < recs->size(); ++i) {
        const json& r = (*recs)[i];
        std::string p = file + "/records/" + std::to_string(i);
        if (!r.is_object()) {
            texts::error(is, p, "data_record", "data.record");
            continue;
        }
        RefRecord rec;
        rec.id = json_string_or(r, "id");
        rec.source = json_string_or(r, "source");
        rec.source_en = json_string_or(r, "source_en");
        rec.confidence = json_string_or(r, "confidence");
        rec.unit = json_string_or(r, "unit");
        rec.value = num_opt(r, "value");
        if (auto y = r.find("year"); y != r.end() && y->is_number_integer()) rec.year = y->get<int>();
        if (rec.id.empty()) texts::error(is, p, "data_id", "data.id");
        if (rec.source.empty()) texts::error(is, p, "data_source", "data.source");
        if (rec.confidence.empty()) texts::error(is, p, "data_confidence", "data.confidence");
        if (r.contains("value") && (!rec.value || rec.unit.empty()))
            texts::error(is, p, "data_value", "data.value");
        if (!d.index.emplace(rec.id, d.records.size()).second)
            texts::error(is, p, "data_duplicate_id", "data.duplicate_id");
        rec.raw = r;
        d.records.push_back(std::move(rec));
    }
    d.raw = std::move(doc);
    d.raw.erase("records");  // records live in d.records; keep header fields only
    out.datasets[d.name] = std::move(d);
}

void index_carriers(RefData& out) {
    out.carriers.clear();
    const Dataset* d = out.dataset("energy_carriers");
    if (!d) return;
    for (const auto& r : d->records) {
        Carrier c;
        c.id = r.id;
        c.name_zh = json_string_or(r.raw, "name_zh");
        c.name_en = json_string_or(r.raw, "name_en");
        c.group = json_string_or(r.raw, "group");
        auto bu = parse_base_unit(json_string_or(r.raw, "base_unit"));
        std::string p = "energy_carriers/" + r.id;
        if (!bu || !r.value) {
            texts::error(out.load_issues, p, "data_carrier", "data.carrier");
            continue;
        }
        c.base_unit = *bu;
        c.kgce_per_base = *r.value;
        c.ncv_kj_per_base = num_opt(r.raw, "ncv_kj_per_unit");
        c.density_kg_per_l = num_opt(r.raw, "density_kg_per_l");
        if (auto h = r.raw.find("heat_units_as_heat"); h != r.raw.end() && h->is_boolean()) c.heat_units_as_heat = *h;
        if (auto e = r.raw.find("emission"); e != r.raw.end() && e->is_object()) {
            c.carbon_tc_per_tj = num_opt(*e, "carbon_content_tc_per_tj");
            c.oxidation = num_opt(*e, "oxidation");
            if (!c.carbon_tc_per_tj || !c.oxidation || !c.ncv_kj_per_base || json_string_or(*e, "source").empty())
                texts::error(out.load_issues, p, "data_emission", "data.emission");
        }
        c.fossil = c.group != "electricity" && c.group != "heat";
        c.source = r.source;
        c.source_en = r.source_en;
        c.confidence = r.confidence;
        out.carriers[c.id] = std::move(c);
    }
}

} // namespace

RefData RefData::load(const std::vector<std::pair<std::string, std::string>>& files) {
    RefData out;
    for (const auto& [name, text] : files) load_dataset(name, text, out);
    out.file_issue_count = out.load_issues.items.size();
    out.reindex();
    return out;
}

RefData::RefData(const RefData& other)
    : datasets(other.datasets), load_issues(other.load_issues), file_issue_count(other.file_issue_count) {
    reindex();
}

RefData& RefData::operator=(const RefData& other) {
    if (this != &other) *this = RefData(other);
    return *this;
}

void RefData::reindex() {
    if (load_issues.items.size() > file_issue_count) load_issues.items.resize(file_issue_count);
    index_carriers(*this);
    energy_tiers = build_energy_tiers(*this);
    grid_factors = build_grid_factors(*this);
    carbon_cuts = build_carbon_cuts(*this);
    industry_averages = build_industry_averages(*this);
    product_limits = build_product_limits(*this);
    coal_rates = build_coal_rates(*this);
    plan_targets = build_plan_targets(*this);
    steam_constants = build_steam_constants(*this);
    green_factory_defs = build_green_factory_defs(*this);
    equipment_standards = build_equipment_standards(*this);
    measure_library = build_measure_library(*this);
    names = build_name_index(*this);
    data_versions = std::make_shared<const std::map<std::string, std::string>>(versions());
}

const RefData& RefData::builtin() {
    static const RefData data = load(embedded_data_files());
    return data;
}

} // namespace selfcheck
