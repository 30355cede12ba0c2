// Reference data: every number the calculations use, loaded from assets/data/*.json (embedded into
// the binary at build time so the CLI, node and the browser read identical bytes).
// File format: {"dataset", "version", "title_zh", "title_en", "records": [{"id", "value", "unit",
// "source", "source_en", "year", "confidence", ...}]}. Parsing is strict: a missing key is an error.
#pragma once
#include "issues.hpp"
#include "units.hpp"

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace selfcheck {

struct RefRecord {
    std::string id;
    std::optional<double> value;  // absent only in datasets whose records are lists (regions, industries)
    std::string unit;
    std::string source;     // citation in Chinese
    std::string source_en;  // the same citation in English (empty only in data from elsewhere, e.g. a receiver)
    std::optional<int> year;
    std::string confidence;  // "C" confirmed, "S" secondary, "M" recalled, "X" constructed, "user", "estimate"
    nlohmann::json raw;      // the whole record, for module-specific fields
};

// Transparent hash so an unordered_map keyed by std::string is searched with a string_view.
struct StringViewHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

struct Dataset {
    std::string name;
    std::string version;
    std::vector<RefRecord> records;
    nlohmann::json raw;  // whole file
    // id -> position in records. Hashed (not ordered): the measures and diagnosis look records up
    // by id hundreds of times per assessment; found by string_view without building a string.
    std::unordered_map<std::string, std::size_t, StringViewHash, std::equal_to<>> index;
    const RefRecord* find(std::string_view id) const;
};

// Which records a typed view was built from: the dataset, where its records lie and how many. A view
// whose stamp no longer matches (a copied RefData, a dataset swapped in without reindex()) is built
// again for the call instead of pointing at records that moved.
struct DatasetStamp {
    const Dataset* dataset = nullptr;
    const RefRecord* records = nullptr;
    std::size_t count = 0;
    static DatasetStamp of(const Dataset* d) { return d ? DatasetStamp{d, d->records.data(), d->records.size()} : DatasetStamp{}; }
    bool matches(const Dataset* d) const {
        const DatasetStamp now = of(d);
        return dataset == now.dataset && records == now.records && count == now.count;
    }
};

// The member `key` of a JSON object, or `fallback` when absent; a reference, never a copy (unlike
// json::value(), which copies a whole object or array per call).
const nlohmann::json& json_member_or(const nlohmann::json& j, const char* key, const nlohmann::json& fallback);
// Shared empty values for json_member_or().
const nlohmann::json& json_empty_object();
const nlohmann::json& json_empty_array();

struct Carrier {
    std::string id, name_zh, name_en;
    std::string group;  // "coal" | "oil" | "gas" | "electricity" | "heat" | "other"
    BaseUnit base_unit = BaseUnit::kg;
    double kgce_per_base = 0;                // GB/T 2589 coefficient, kgce per base unit
    std::optional<double> ncv_kj_per_base;   // default net calorific value
    std::optional<double> carbon_tc_per_tj;  // carbon content (fuels)
    std::optional<double> oxidation;         // oxidation rate (fuels)
    std::optional<double> density_kg_per_l;  // for litres
    bool heat_units_as_heat = false;         // GJ/MJ given for steam or hot water -> convert as heat
    bool fossil = true;
    std::string source, source_en, confidence;
};

// Typed views of datasets, declared by the modules that read them (built by RefData::reindex).
struct EnergyTiers;  // energy.hpp
struct GridFactors;  // emissions.hpp
struct CarbonCuts;   // intensity.hpp
struct IndustryAverages;  // intensity.hpp
struct ProductLimits;     // intensity.hpp
struct CoalRates;    // energy.hpp
struct PlanTargets;  // trend.hpp
struct SteamConstants;  // steam.hpp
struct GreenFactoryDefs;    // green_factory.hpp
struct EquipmentStandards;  // diagnosis.hpp
struct MeasureLibrary;      // measures.hpp
struct NameIndex;           // names.hpp

struct RefData {
    std::map<std::string, Dataset, std::less<>> datasets;  // by dataset name
    std::map<std::string, Carrier> carriers;  // by carrier id
    // Views derived from `datasets` by reindex(); never null after load(). They point into
    // `datasets` (records by address): rebuild them whenever a dataset is replaced.
    std::shared_ptr<const EnergyTiers> energy_tiers;
    std::shared_ptr<const GridFactors> grid_factors;
    std::shared_ptr<const CarbonCuts> carbon_cuts;
    std::shared_ptr<const IndustryAverages> industry_averages;
    std::shared_ptr<const ProductLimits> product_limits;
    std::shared_ptr<const CoalRates> coal_rates;
    std::shared_ptr<const PlanTargets> plan_targets;
    std::shared_ptr<const SteamConstants> steam_constants;
    Issues load_issues;                       // problems found while loading (should be empty)
    // How many of load_issues came from reading the files (the rest from reindex()), so reindex()
    // can run again after `datasets` changes without piling up the same issues.
    std::size_t file_issue_count = 0;
    // Typed views of the datasets, built by reindex() (each checks it still matches the records it
    // was built from: a copy of a RefData or a swapped dataset falls back to building it per call).
    std::shared_ptr<const GreenFactoryDefs> green_factory_defs;
    std::shared_ptr<const EquipmentStandards> equipment_standards;
    std::shared_ptr<const MeasureLibrary> measure_library;
    std::shared_ptr<const NameIndex> names;  // regions and industries as users write them
    std::shared_ptr<const std::map<std::string, std::string>> data_versions;  // versions()

    const Dataset* dataset(std::string_view name) const;
    const RefRecord* record(std::string_view dataset, std::string_view id) const;
    // Value of a required constant; throws std::logic_error if the data lacks it (a build defect,
    // caught by the data tests).
    double constant(std::string_view id) const;

    std::map<std::string, std::string> versions() const;
    // versions() as built by reindex() (every assessment's result points at it); built for the call
    // where a dataset or its version changed since.
    std::shared_ptr<const std::map<std::string, std::string>> shared_versions() const;

    RefData() = default;
    // A copy rebuilds its views: a copied view would point into the records of the original.
    RefData(const RefData& other);
    RefData& operator=(const RefData& other);
    RefData(RefData&&) = default;  // map nodes move with the tree: the records keep their addresses
    RefData& operator=(RefData&&) = default;

    // Rebuilds every view derived from `datasets` (the carrier index, typed parameter views) and
    // replaces the issues those views reported. load() calls it at its end; call it again after
    // changing `datasets` (tests/fuzz/fuzz_refdata swaps datasets in and out of one RefData).
    void reindex();

    // Load from (file name, text) pairs. Adds load_issues for every defect.
    static RefData load(const std::vector<std::pair<std::string, std::string>>& files);
    // The data embedded at build time (assets/data/*.json); loaded once, thread-safe.
    static const RefData& builtin();
};

// Embedded files (generated at build time): name -> JSON text.
const std::vector<std::pair<std::string, std::string>>& embedded_data_files();
// Sample factories embedded for training mode and tests: file name -> JSON text.
const std::vector<std::pair<std::string, std::string>>& embedded_sample_files();

} // namespace selfcheck
