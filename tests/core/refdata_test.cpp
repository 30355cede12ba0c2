// Every reference data file loads cleanly: ids unique, sources and confidence tags present,
// values plausible; fuel parameters reproduce the published per-unit emission factors.
#include "test_util.hpp"

#include "emissions.hpp"
#include "intensity.hpp"
#include "trend.hpp"
#include "validate.hpp"

#include <cctype>
#include <functional>
#include <set>
#include <string>
#include <vector>

using namespace selfcheck;
using namespace selfcheck::test;

TEST_CASE("built-in reference data loads without any issue", "[refdata]") {
    const RefData& r = ref();
    for (const auto& i : r.load_issues.items) UNSCOPED_INFO(i.path << ": " << i.message_en);
    CHECK(r.load_issues.items.empty());
    for (const char* name : {"constants", "energy_carriers", "grid_factors", "carbon_efficiency", "energy_tiers",
                             "industries", "regions", "product_limits", "industry_averages"})
        CHECK(r.dataset(name) != nullptr);
}

TEST_CASE("every record has a known confidence tag and a version", "[refdata]") {
    const std::set<std::string> tags = {"C", "S", "M", "X", "estimate", "user", "gap"};
    for (const auto& [name, d] : ref().datasets) {
        INFO(name);
        CHECK_FALSE(d.version.empty());
        for (const auto& rec : d.records) {
            INFO(rec.id);
            CHECK(tags.count(rec.confidence) == 1);
            CHECK_FALSE(rec.source.empty());
            if (rec.value) CHECK_FALSE(rec.unit.empty());
        }
    }
}

namespace {
// A citation a user cannot follow: an internal note file ("measures.md"), a note section sign ("§4.1"),
// a tag of the internal notes' reference list ("[S R28]", "[K]", "[V]") or a path into ../shared.
std::string internal_citation(const std::string& s) {
    for (const char* bad : {".md", "§", "[S R", "[S]", "[K", "[V]", "../shared", "shared/reference"})
        if (s.find(bad) != std::string::npos) return bad;
    return {};
}

// Every string anywhere in a data file (sources, clauses, notes in both languages) is shown to users.
void collect_internal_citations(const nlohmann::json& j, const std::string& path,
                                std::vector<std::string>& hits) {
    if (j.is_object()) {
        for (auto it = j.begin(); it != j.end(); ++it) collect_internal_citations(*it, path + "/" + it.key(), hits);
    } else if (j.is_array()) {
        for (std::size_t i = 0; i < j.size(); ++i) collect_internal_citations(j[i], path + "/" + std::to_string(i), hits);
    } else if (j.is_string()) {
        const std::string s = j.get<std::string>();
        if (!internal_citation(s).empty()) hits.push_back(path + ": " + s);
    }
}
}  // namespace

TEST_CASE("the citation check recognises internal note references", "[refdata]") {
    // The forms the data used to carry (issue 18 item 12) must be caught...
    CHECK(internal_citation("measures.md §4.1: 8% social discount rate [S R28]") == ".md");
    CHECK(internal_citation("按行业经验 §2 #1a") == "§");
    CHECK(internal_citation("YE3 price ≈150–350 ¥/kW [K,V]") == "[K");
    CHECK(internal_citation("leaks 20–30% [S R4]") == "[S R");
    CHECK(internal_citation("see ../shared/reference/domain") == "../shared");
    // ...and a followable citation must pass.
    CHECK(internal_citation("国家发展改革委、建设部《建设项目经济评价方法与参数》（第三版，2006）社会折现率 8%").empty());
    CHECK(internal_citation("GB/T 2589-2020 综合能耗计算通则 附录 A").empty());
    std::vector<std::string> hits;
    collect_internal_citations(nlohmann::json::parse(R"({"records":[{"id":"a","source":"ok"},{"id":"b","note_zh":"见 domain.md"}]})"),
                               "t", hits);
    REQUIRE(hits.size() == 1);
    CHECK(hits[0] == "t/records/1/note_zh: 见 domain.md");
}

TEST_CASE("every source and note in the embedded data names something a user can follow", "[refdata]") {
    const RefData& r = ref();
    REQUIRE(r.datasets.size() >= 13);
    std::size_t records = 0;
    for (const auto& [name, d] : r.datasets) {
        for (const auto& rec : d.records) {
            ++records;
            INFO(name << " / " << rec.id << ": " << rec.source);
            CHECK(internal_citation(rec.source).empty());
        }
        std::vector<std::string> hits;
        collect_internal_citations(d.raw, name, hits);  // header fields (note_zh, note_en, ...)
        for (const auto& rec : d.records) collect_internal_citations(rec.raw, name + "/" + rec.id, hits);
        for (const auto& h : hits) UNSCOPED_INFO(h);
        CHECK(hits.empty());
    }
    CHECK(records > 500);  // measures alone holds 190 records; the check must have looked at them
}

namespace {
// One code point of UTF-8 text at s[i]; advances i. Malformed bytes come back as themselves.
char32_t next_code_point(const std::string& s, std::size_t& i) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = b(i);
    int n = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : 0;
    if (i + n >= s.size() + (n ? 0 : 1)) n = 0;
    char32_t cp = n == 0 ? c : n == 1 ? (c & 0x1F) : n == 2 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k <= n; ++k) cp = (cp << 6) | (b(i + k) & 0x3F);
    i += 1 + n;
    return cp;
}

// Chinese characters and CJK/full-width punctuation (《》，；（）、〔〕 ...): none belongs in an English citation.
bool has_cjk(const std::string& s) {
    for (std::size_t i = 0; i < s.size();) {
        char32_t cp = next_code_point(s, i);
        if ((cp >= 0x3000 && cp <= 0x303F) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
            (cp >= 0xFF00 && cp <= 0xFFEF))
            return true;
    }
    return false;
}

// Why a Chinese citation is not one a Chinese reader can follow, or "" if it is: a run of three or
// more English words outside a quoted title (《…》 or “…”), a snake_case key, or a repository/file
// reference. Tokens with digits, dots or slashes (GB/T, kJ/kWh, CO2, URLs) are not words.
std::string zh_citation_problem(const std::string& s) {
    for (const char* bad : {"adgo07", "vquill", "ECQuota", ".py", ".json", ".csv", "github", "tools/"})
        if (s.find(bad) != std::string::npos) return std::string("file reference ") + bad;
    std::string t;  // s without quoted titles
    for (std::size_t i = 0; i < s.size();) {
        std::size_t open = std::string::npos;
        std::string close;
        for (auto [o, c] : {std::pair<const char*, const char*>{"《", "》"}, {"“", "”"}})
            if (s.compare(i, std::string(o).size(), o) == 0) {
                open = i + std::string(o).size();
                close = c;
            }
        if (open != std::string::npos) {
            std::size_t e = s.find(close, open);
            if (e != std::string::npos) {
                t += ' ';
                i = e + close.size();
                continue;
            }
        }
        t += s[i++];
    }
    int run = 0;
    std::string words;
    for (std::size_t i = 0; i < t.size();) {
        if (t[i] == ' ') {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < t.size() && t[j] != ' ' && static_cast<unsigned char>(t[j]) < 0x80) ++j;
        if (j == i) {  // a non-ASCII character ends a run
            next_code_point(t, i);
            run = 0;
            words.clear();
            continue;
        }
        std::string tok = t.substr(i, j - i);
        i = j;
        while (!tok.empty() && std::string("(),;:").find(tok.front()) != std::string::npos) tok.erase(0, 1);
        while (!tok.empty() && std::string("(),;:").find(tok.back()) != std::string::npos) tok.pop_back();
        bool word = !tok.empty() && std::isalpha(static_cast<unsigned char>(tok[0]));
        for (char ch : tok)
            if (!std::isalpha(static_cast<unsigned char>(ch)) && ch != '\'' && ch != '-') word = false;
        // snake_case (lower_lower) outside a URL path: a key of the program, not a citation
        bool snake = false;
        if (tok.find('/') == std::string::npos)
            for (std::size_t k = 1; k + 1 < tok.size(); ++k)
                if (tok[k] == '_' && std::islower(static_cast<unsigned char>(tok[k - 1])) &&
                    std::islower(static_cast<unsigned char>(tok[k + 1])))
                    snake = true;
        if (snake) return "key name " + tok;
        if (!word) {
            run = 0;
            words.clear();
            continue;
        }
        words += (words.empty() ? "" : " ") + tok;
        if (++run >= 3) return "English words outside a title: " + words;
    }
    return {};
}

// Every object in the data that carries "source" (records and nested parts such as fuel emission
// parameters) carries "source_en" beside it.
void collect_citation_problems(const nlohmann::json& j, const std::string& path, std::vector<std::string>& hits) {
    if (j.is_object()) {
        if (auto s = j.find("source"); s != j.end()) {
            std::string zh = s->is_string() ? s->get<std::string>() : std::string();
            auto e = j.find("source_en");
            std::string en = e != j.end() && e->is_string() ? e->get<std::string>() : std::string();
            if (zh.empty()) hits.push_back(path + ": no source");
            if (en.empty()) hits.push_back(path + ": no source_en");
            if (has_cjk(en)) hits.push_back(path + ": Chinese in source_en: " + en);
            if (std::string p = zh_citation_problem(zh); !p.empty()) hits.push_back(path + ": " + p + " in: " + zh);
        }
        for (auto it = j.begin(); it != j.end(); ++it) {
            // A clause ("clause", "phase_out_clause", "clause_zh") is shown with the source in the Chinese
            // UI and report: the same rule holds.
            const std::string& k = it.key();
            if (it->is_string() && k != "clause_en" && k.find("clause") != std::string::npos)
                if (std::string p = zh_citation_problem(it->get<std::string>()); !p.empty())
                    hits.push_back(path + "/" + k + ": " + p + " in: " + it->get<std::string>());
            collect_citation_problems(*it, path + "/" + k, hits);
        }
    } else if (j.is_array()) {
        for (std::size_t i = 0; i < j.size(); ++i) collect_citation_problems(j[i], path + "/" + std::to_string(i), hits);
    }
}
}  // namespace

TEST_CASE("the bilingual citation check catches English notes and file references", "[refdata]") {
    // Forms the data carried before issue 18 (each must be caught)...
    CHECK_FALSE(zh_citation_problem("GB 36889-2025 化学纤维单位产品能源消耗限额; levels transcribed by adgo07/ECQuota-Insight "
                                    "(tools/build_*.py, data/catalog.json) from the official PDF tables").empty());
    CHECK_FALSE(zh_citation_problem("GB/T 2589-2020 综合能耗计算通则 Annex A (values as in the 2008 Annex A, widely quoted "
                                    "unchanged; 2020 table not retrieved)").empty());
    CHECK_FALSE(zh_citation_problem("MEE/NBS 公告2024年第12号 (2021 data), regional/provincial table as reproduced in public "
                                    "repository").empty());
    CHECK(zh_citation_problem("SelfCheck 情景参数（用户可在 bills.electricity.load_shift_share 中填写）") ==
          "key name bills.electricity.load_shift_share");
    CHECK(zh_citation_problem("美国 Business Energy Advisor 资料") == "English words outside a title: Business Energy Advisor");
    // ...while a quoted English title, a standard number, units and a URL pass.
    CHECK(zh_citation_problem("美国“Business Energy Advisor”资料 OMA-16《Optimizing Compressed Air Systems》").empty());
    CHECK(zh_citation_problem("GB/T 2589-2020《综合能耗计算通则》附录 A：电力（当量值）3600 kJ/kWh = 0.1229 kgce/kWh").empty());
    CHECK(zh_citation_problem("Tocci 等《Small Scale Organic Rankine Cycle (ORC): A Techno-Economic Review》，Energies 10(4):413").empty());
    CHECK(has_cjk("GB 3100-1993《国际单位制》"));
    CHECK(has_cjk("Fa Gai Ban Jia Ge〔2016〕"));  // full-width brackets only
    CHECK_FALSE(has_cjk("MEE/NBS Announcement No. 12 of 2024 (2021 data), 0.5703 tCO2/MWh, 10⁻³ GJ, 35 t/h ↔ 24.5 MW"));
}

TEST_CASE("every source in the embedded data has a Chinese and an English citation; clauses read as Chinese",
          "[refdata]") {
    std::size_t files = 0;
    std::vector<std::string> hits;
    for (const auto& [name, text] : embedded_data_files()) {
        ++files;
        collect_citation_problems(nlohmann::json::parse(text), name, hits);
    }
    CHECK(files >= 13);
    for (const auto& h : hits) UNSCOPED_INFO(h);
    CHECK(hits.empty());
}

TEST_CASE("loader rejects defective data files", "[refdata]") {
    RefData bad = RefData::load({{"x.json", R"({"dataset":"x","version":"1","records":[{"id":"a","value":1}]})"},
                                 {"y.json", "not json"},
                                 {"z.json", R"({"dataset":"z","version":"1","records":[{"id":"a","value":1,"unit":"t","source":"s","confidence":"C"},{"id":"a","value":2,"unit":"t","source":"s","confidence":"C"}]})"}});
    // x: no unit, no source, no confidence; y: not JSON; z: duplicate id.
    CHECK(has_issue(bad.load_issues, "data_value"));
    CHECK(has_issue(bad.load_issues, "data_source"));
    CHECK(has_issue(bad.load_issues, "data_confidence"));
    CHECK(has_issue(bad.load_issues, "data_not_json"));
    CHECK(has_issue(bad.load_issues, "data_duplicate_id"));
}

TEST_CASE("carrier coefficients match GB/T 2589 and lie in plausible ranges", "[refdata]") {
    const auto& c = ref().carriers;
    REQUIRE(c.count("electricity"));
    // GB/T 2589 Annex A: electricity (当量值) 3600 kJ/kWh / 29307.6 kJ/kgce = 0.1228 -> published 0.1229.
    CHECK_THAT(c.at("electricity").kgce_per_base, WithinAbs(0.1229, 1e-12));
    // Raw coal 20908 kJ/kg / 29307.6 = 0.71339 -> published 0.7143 (5000 kcal / 7000 kcal = 0.7143).
    CHECK_THAT(c.at("raw_coal").kgce_per_base, WithinAbs(0.7143, 1e-12));
    for (const auto& [id, car] : c) {
        INFO(id);
        CHECK(car.kgce_per_base > 0);
        CHECK(car.kgce_per_base < 50);
        // Coefficient and calorific value agree within 1% (both from the same Annex A row).
        if (car.ncv_kj_per_base && car.group != "electricity" && car.group != "heat")
            CHECK_THAT(*car.ncv_kj_per_base / 29307.6, WithinRel(car.kgce_per_base, 0.01));
    }
}

TEST_CASE("fuel parameters reproduce the published emission factor per unit", "[refdata]") {
    // book118 reference table, tCO2 per tonne (EF = NCV[GJ/t] x CC[tC/TJ] / 1000 x OF x 44/12):
    // raw coal 20.908 x 26.37e-3 x 0.94 x 44/12 = 1.9003; coke 28.435 x 29.5e-3 x 0.93 x 44/12 = 2.8604;
    // diesel 42.652 x 20.2e-3 x 0.98 x 44/12 = 3.0959; LPG 50.179 x 17.2e-3 x 0.98 x 44/12 = 3.1013;
    // fuel oil 41.816 x 21.1e-3 x 0.98 x 44/12 = 3.1705; gasoline 43.070 x 18.9e-3 x 0.98 x 44/12 = 2.9251.
    const std::pair<const char*, double> published[] = {{"raw_coal", 1.9003}, {"coke", 2.8604}, {"diesel", 3.0959},
                                                        {"lpg", 3.1013},      {"fuel_oil", 3.1705}, {"gasoline", 2.9251}};
    for (const auto& [id, ef] : published) {
        INFO(id);
        const Carrier& c = ref().carriers.at(id);
        double per_t = 1000 * *c.ncv_kj_per_base * 1e-9 * *c.carbon_tc_per_tj * *c.oxidation * 44.0 / 12.0;
        CHECK_THAT(per_t, WithinAbs(ef, 0.0006));
    }
}

TEST_CASE("grid factors are official MEE/NBS values with the right years", "[refdata]") {
    // domain.md §3.3: national 2021 0.5568, 2022 0.5366, 2023 0.5306 (C).
    CHECK_THAT(*ref().record("grid_factors", "2021/national")->value, WithinAbs(0.5568, 1e-12));
    CHECK_THAT(*ref().record("grid_factors", "2022/national")->value, WithinAbs(0.5366, 1e-12));
    CHECK_THAT(*ref().record("grid_factors", "2023/national")->value, WithinAbs(0.5306, 1e-12));
    for (const auto& r : ref().dataset("grid_factors")->records) {
        INFO(r.id);
        CHECK(r.year.has_value());
        // A published factor whose value was not retrieved is a 'gap' record without a value.
        if (r.confidence == "gap") {
            CHECK_FALSE(r.value.has_value());
            continue;
        }
        CHECK(r.value.has_value());
        CHECK(*r.value > 0.05);
        CHECK(*r.value < 1.5);
        CHECK(r.year.has_value());
    }
}

TEST_CASE("regions and industries are consistent lists", "[refdata]") {
    int cities = 0, counties = 0;
    for (const auto& r : ref().dataset("regions")->records) {
        std::string kind = r.raw.value("kind", "");
        if (kind == "city") ++cities;
        if (kind == "county") {
            ++counties;
            INFO(r.id);
            CHECK(is_known_region(ref(), r.raw.value("city", ""), "city"));
        }
    }
    CHECK(cities == 11);  // Zhejiang has 11 prefecture-level cities
    CHECK(counties == 90);
    CHECK(ref().record("industries", "C17") != nullptr);
    CHECK(ref().record("industries", "C39") != nullptr);
}

TEST_CASE("every source in a sample's result has its English citation beside it", "[refdata]") {
    // Walk the whole result: factors, products, targets, measures, green-factory parts, bill measures.
    std::function<void(const nlohmann::json&, const std::string&, std::vector<std::string>&, int&)> walk =
        [&](const nlohmann::json& j, const std::string& path, std::vector<std::string>& hits, int& n) {
            if (j.is_object()) {
                for (const char* base : {"source", "industry_average_source"}) {
                    auto s = j.find(base);
                    if (s == j.end() || !s->is_string() || s->get<std::string>().empty()) continue;
                    ++n;
                    auto e = j.find(std::string(base) + "_en");
                    if (e == j.end() || !e->is_string() || e->get<std::string>().empty())
                        hits.push_back(path + "/" + base + ": no English citation beside " + s->get<std::string>());
                    else if (has_cjk(e->get<std::string>()))
                        hits.push_back(path + "/" + base + "_en: Chinese in " + e->get<std::string>());
                }
                for (auto it = j.begin(); it != j.end(); ++it) walk(*it, path + "/" + it.key(), hits, n);
            } else if (j.is_array()) {
                for (std::size_t i = 0; i < j.size(); ++i) walk(j[i], path + "/" + std::to_string(i), hits, n);
            }
        };
    std::size_t samples = 0;
    for (const auto& [name, text] : embedded_sample_files()) {
        AssessOutcome out = assess_text(text, ref());
        if (!out.ok) continue;
        ++samples;
        std::vector<std::string> hits;
        int n = 0;
        walk(out.output, name, hits, n);
        INFO(name);
        CHECK(n >= 5);  // factors_used alone cites several records
        for (const auto& h : hits) UNSCOPED_INFO(h);
        CHECK(hits.empty());
    }
    CHECK(samples >= 9);
}

TEST_CASE("RefData::reindex rebuilds the typed views from the datasets; a copy has its own", "[refdata]") {
    RefData data = RefData::load(embedded_data_files());
    REQUIRE(data.load_issues.items.empty());
    REQUIRE(data.energy_tiers);
    // Built-in energy_tiers.json: budget tiers at 1,000 and 5,000 tce; 4,000 tce is the middle tier.
    CHECK(budget_tier_for(4000, data) == BudgetTier::from1000to5000);

    // A replacement energy_tiers with the upper cut at 3,000 tce: the view still says 5,000 until
    // reindex(), then 4,000 >= 3,000 is the top tier.
    RefData one = RefData::load({{"tiers.json", R"({"dataset":"energy_tiers","version":"t","records":[
        {"id":"budget_tier/upper","value":3000,"unit":"tce","source":"s","confidence":"X"},
        {"id":"budget_tier/lower","value":1000,"unit":"tce","source":"s","confidence":"X"}]})"}});
    REQUIRE(one.load_issues.items.empty());
    std::swap(data.datasets["energy_tiers"], one.datasets["energy_tiers"]);
    CHECK(budget_tier_for(4000, data) == BudgetTier::from1000to5000);
    data.reindex();
    CHECK(budget_tier_for(4000, data) == BudgetTier::ge5000);
    // The key-unit records are absent from the replacement: thresholds 0, clauses empty.
    CHECK(data.energy_tiers->key == 0);
    CHECK(data.energy_tiers->key_clause.empty());

    // A copy's views point into the copy's own records, not the original's.
    RefData copy = data;
    REQUIRE(copy.grid_factors);
    CHECK(copy.grid_factors != data.grid_factors);
    const Dataset* g = copy.dataset("grid_factors");
    REQUIRE(g);
    REQUIRE_FALSE(copy.grid_factors->entries.empty());
    for (const auto& e : copy.grid_factors->entries) {
        CHECK(e.record >= g->records.data());
        CHECK(e.record < g->records.data() + g->records.size());
    }
    CHECK(budget_tier_for(4000, copy) == BudgetTier::ge5000);
}

TEST_CASE("RefData::reindex replaces the issues of the views instead of adding them again", "[refdata]") {
    // One carrier without a base unit: one data_carrier issue from the carrier index.
    RefData bad = RefData::load({{"c.json", R"({"dataset":"energy_carriers","version":"t","records":[
        {"id":"x","value":1,"unit":"kgce/kg","source":"s","confidence":"X"}]})"}});
    auto count = [&] {
        int n = 0;
        for (const auto& i : bad.load_issues.items) n += i.code == "data_carrier";
        return n;
    };
    CHECK(count() == 1);
    CHECK(bad.load_issues.items.size() == 1);
    bad.reindex();
    bad.reindex();
    CHECK(count() == 1);
    CHECK(bad.load_issues.items.size() == 1);
    CHECK(bad.carriers.empty());
}

TEST_CASE("product limits, industry averages, coal rates and plan targets are read once into views", "[refdata]") {
    RefData d = RefData::load({
        {"pl.json", R"({"dataset":"product_limits","version":"t","records":[
            {"id":"p","source":"s","confidence":"X","standard":7,"unit":"kgce/t","product_unit":"t",
             "level1":100,"level2":"120","in_force":"2024-10-01"}]})"},
        {"ia.json", R"({"dataset":"industry_averages","version":"t","records":[
            {"id":"a1","value":2.0,"unit":"tCO2/10k_yuan","year":2021,"industry":"C17","source":"s","confidence":"X"},
            {"id":"a2","value":1.5,"unit":"tCO2/10k_yuan","year":2023,"industry":"C17","source":"s","confidence":"X"},
            {"id":"a3","value":0,"unit":"tCO2/10k_yuan","year":2024,"industry":"C17","source":"s","confidence":"X"},
            {"id":"a4","value":3,"unit":"tCO2/10k_yuan","year":2022,"industry":17,"source":"s","confidence":"X"}]})"},
        {"c.json", R"({"dataset":"constants","version":"t","records":[
            {"id":"supply_coal_rate/2022","value":290,"unit":"gce/kWh","year":2022,"source":"s","confidence":"X"},
            {"id":"supply_coal_rate/2020","value":300,"unit":"gce/kWh","year":2020,"source":"s","confidence":"X"},
            {"id":"generation_coal_rate/2021","value":305,"unit":"gce/kWh","year":2021,"source":"s","confidence":"X"},
            {"id":"generation_coal_rate/2023","year":2023,"source":"s","confidence":"X","message_zh":"z","message_en":"e"}]})"},
        {"pt.json", R"({"dataset":"plan_targets","version":"t","records":[
            {"id":"message/needs_two_years","source":"s","confidence":"X","text_zh":"z","text_en":"e"},
            {"id":"energy_intensity_2025","value":-0.16,"unit":"ratio","source":"s","confidence":"X",
             "metric":"tce_per_10k_yuan_value_added","base_year":"2020","target_year":2026,"aim":-0.18}]})"}});
    REQUIRE(d.load_issues.items.empty());

    // A field of the wrong type reads as absent (a number as the standard, a string as level 2).
    REQUIRE(d.product_limits);
    const ProductLimit* p = d.product_limits->find("p");
    REQUIRE(p);
    CHECK(p->record == d.record("product_limits", "p"));
    CHECK(p->standard.empty());
    CHECK(p->unit == "kgce/t");
    CHECK(p->in_force == "2024-10-01");
    CHECK(p->level1 == 100.0);
    CHECK_FALSE(p->level2);
    CHECK(d.product_limits->find("q") == nullptr);

    // C171 has no average of its own: the division C17's latest year not after 2022 is 2021 (a1);
    // a3 (value 0) and a4 (industry not a string) are never chosen; year 0 takes the latest, 2023.
    CHECK(industry_average_for(d, "C171", 2022) == d.record("industry_averages", "a1"));
    CHECK(industry_average_for(d, "C17", 0) == d.record("industry_averages", "a2"));
    CHECK(industry_average_for(d, "C17", 2020) == nullptr);

    // Supply rates 2020 and 2022 (file order 2022 first): 2021 takes 2020, 2019 the earliest (2020),
    // 0 the latest (2022). The 2023 generation record has no value: only 2021 is a rate, and it is the note.
    CHECK(supply_coal_rate_for(d, 2021) == d.record("constants", "supply_coal_rate/2020"));
    CHECK(supply_coal_rate_for(d, 2019) == d.record("constants", "supply_coal_rate/2020"));
    CHECK(supply_coal_rate_for(d, 0) == d.record("constants", "supply_coal_rate/2022"));
    CHECK(generation_coal_rate_for(d, 2030) == d.record("constants", "generation_coal_rate/2021"));
    REQUIRE(d.coal_rates);
    CHECK(d.coal_rates->generation_gap_note == d.record("constants", "generation_coal_rate/2023"));

    // The message record is no target; a base year given as text keeps the default 2020.
    REQUIRE(d.plan_targets);
    REQUIRE(d.plan_targets->targets.size() == 1);
    const PlanTarget& t = d.plan_targets->targets[0];
    CHECK(t.record == d.record("plan_targets", "energy_intensity_2025"));
    CHECK(t.metric == "tce_per_10k_yuan_value_added");
    CHECK(t.base_year == 2020);
    CHECK(t.target_year == 2026);
    CHECK(t.aim == -0.18);
}

TEST_CASE("every result points at the data versions built once per load; a changed version is said", "[refdata]") {
    RefData data = RefData::load(embedded_data_files());
    REQUIRE(data.data_versions);
    CHECK(*data.data_versions == data.versions());
    CHECK(data.shared_versions() == data.data_versions);  // the same map, not a copy
    const Result r = assess(parse_ok(doc()), data);
    CHECK(r.data_versions == data.data_versions);
    // A dataset's version changed without reindex(): built for the call with the new version.
    data.datasets.at("steam").version = "changed";
    const auto now = data.shared_versions();
    CHECK(now != data.data_versions);
    CHECK(now->at("steam") == "changed");
    data.reindex();
    CHECK(data.shared_versions() == data.data_versions);
    CHECK(data.data_versions->at("steam") == "changed");
}
