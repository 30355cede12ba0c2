// Bills import: a CSV/TSV/XLSX table (or pasted cells) -> recognised columns -> bill months and
// monthly energy -> a preview of every change -> the merged document. Nothing is applied by this
// file: the caller shows the preview and writes `merged` only when the user confirms.
#include "bills/bills.hpp"

#include "bills/decode.hpp"
#include "texts.hpp"
#include "selfcheck.hpp"
#include "validate.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>

namespace selfcheck::bills {

using nlohmann::json;

namespace {

constexpr std::size_t k_max_import_bytes = 8u << 20;
constexpr std::size_t k_max_rows = 1000;

std::string trim(std::string s) {
    auto sp = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && sp(s.back())) s.pop_back();
    std::size_t b = 0;
    while (b < s.size() && sp(s[b])) ++b;
    s.erase(0, b);
    // ideographic space and non-breaking space at either end
    for (const char* ws : {"\xE3\x80\x80", "\xC2\xA0"}) {
        std::string_view w(ws);
        while (s.size() >= w.size() && s.compare(0, w.size(), w) == 0) s.erase(0, w.size());
        while (s.size() >= w.size() && s.compare(s.size() - w.size(), w.size(), w) == 0) s.erase(s.size() - w.size());
    }
    return s;
}

// Header/alias normal form: no spaces, ASCII lower case, full-width brackets and slash as ASCII,
// "·" and "." between unit parts kept.
std::string norm(std::string_view in) {
    std::string s;
    for (std::size_t i = 0; i < in.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(in[i]);
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
        if (c == 0xEF && i + 2 < in.size() && static_cast<unsigned char>(in[i + 1]) == 0xBC) {
            unsigned char c3 = static_cast<unsigned char>(in[i + 2]);
            if (c3 == 0x88) { s += '('; i += 2; continue; }  // （
            if (c3 == 0x89) { s += ')'; i += 2; continue; }  // ）
            if (c3 == 0x8F) { s += '/'; i += 2; continue; }  // ／
            if (c3 == 0xBB) { s += '['; i += 2; continue; }  // ［
            if (c3 == 0xBD) { s += ']'; i += 2; continue; }  // ］
        }
        if (c == 0xE3 && i + 2 < in.size() && static_cast<unsigned char>(in[i + 1]) == 0x80 &&
            static_cast<unsigned char>(in[i + 2]) == 0x80) { i += 2; continue; }  // ideographic space
        s += static_cast<char>(c < 0x80 ? std::tolower(c) : c);
    }
    return s;
}

struct ColumnDef {
    std::string id, target, dimension;
    std::vector<std::string> aliases;  // normalised
};
struct UnitDef {
    std::string id, dimension;
    double factor = 1;
    std::vector<std::string> aliases;
};
struct Vocabulary {
    std::vector<ColumnDef> columns;
    std::vector<UnitDef> units;
    std::vector<std::string> mode_capacity, mode_demand, skip_rows, month_names;
};

std::vector<std::string> aliases_of(const RefRecord& r) {
    std::vector<std::string> out;
    if (auto a = r.raw.find("aliases"); a != r.raw.end() && a->is_array())
        for (const auto& s : *a)
            if (s.is_string()) out.push_back(norm(s.get<std::string>()));
    return out;
}

Vocabulary vocabulary(const RefData& ref) {
    Vocabulary v;
    const Dataset* d = ref.dataset("bill_columns");
    if (!d) return v;
    for (const auto& r : d->records) {
        std::string kind = json_string_or(r.raw, "kind");
        if (kind == "column") v.columns.push_back({r.id, json_string_or(r.raw, "target"), json_string_or(r.raw, "dimension"), aliases_of(r)});
        else if (kind == "unit") v.units.push_back({r.id, json_string_or(r.raw, "dimension"), r.raw.value("factor", 1.0), aliases_of(r)});
        else if (r.id == "mode/capacity") v.mode_capacity = aliases_of(r);
        else if (r.id == "mode/demand") v.mode_demand = aliases_of(r);
        else if (kind == "skip_row") v.skip_rows = aliases_of(r);
        else if (kind == "month_names") v.month_names = aliases_of(r);
    }
    return v;
}

std::size_t cp_len(std::string_view s) { return utf8_length(s); }

// One header: the column definition and the unit it names.
ColumnMap recognise(const Vocabulary& v, const std::string& header, int col) {
    ColumnMap m;
    m.column = col;
    m.header = header;
    std::string h = norm(header), base = h, unit;
    // unit in the last (...) or [...]
    for (char open : {'(', '['}) {
        char close = open == '(' ? ')' : ']';
        std::size_t o = h.rfind(open);
        if (o != std::string::npos && o > 0) {
            std::size_t c = h.find(close, o);
            unit = h.substr(o + 1, (c == std::string::npos ? h.size() : c) - o - 1);
            base = h.substr(0, o);
            break;
        }
    }
    // or a unit written straight after the name ("<name>kWh", "<name>/kWh", "<charge> in 10k yuan"; the words are in bill_columns.json)
    const UnitDef* unit_def = nullptr;
    if (unit.empty()) {
        std::size_t best = 0;
        for (const auto& u : v.units)
            for (const auto& a : u.aliases)
                if (a.size() > best && base.size() > a.size() && base.compare(base.size() - a.size(), a.size(), a) == 0) {
                    // a unit suffix only when what is left is still a name
                    std::string rest = base.substr(0, base.size() - a.size());
                    if (!rest.empty() && rest.back() == '/') rest.pop_back();
                    bool known = false;
                    for (const auto& c : v.columns)
                        for (const auto& ca : c.aliases)
                            if (ca == rest) known = true;
                    if (known) best = a.size(), unit_def = &u, unit = a;
                }
        if (unit_def) {
            base.erase(base.size() - unit.size());
            if (!base.empty() && base.back() == '/') base.pop_back();
        }
    }
    if (!unit.empty() && !unit_def)
        for (const auto& u : v.units)
            for (const auto& a : u.aliases)
                if (a == unit) unit_def = &u;
    // name: exact alias, else the longest alias (2+ characters) the name contains
    const ColumnDef* def = nullptr;
    for (const auto& c : v.columns)
        for (const auto& a : c.aliases)
            if (a == base) def = &c;
    if (!def) {
        std::size_t best = 0;
        for (const auto& c : v.columns)
            for (const auto& a : c.aliases)
                if (cp_len(a) >= 2 && cp_len(a) > best && base.find(a) != std::string::npos) best = cp_len(a), def = &c;
    }
    if (!def) return m;
    m.unit = unit;
    if (unit_def) {
        if (unit_def->dimension != def->dimension) {
            m.target.clear();
            m.unit = "!" + unit;  // named unit does not fit the column
            return m;
        }
        m.factor = unit_def->factor;
    } else if (!unit.empty() && def->dimension != "none") {
        m.unit = "!" + unit;
        return m;
    }
    m.target = def->target;
    return m;
}

// A number as written in a spreadsheet: "12,345.6", " 1 234 ", "92%", "(123)" is not accepted.
std::optional<double> parse_number(const std::string& cell, bool percent_ok) {
    std::string s;
    bool pct = false;
    for (char c : trim(cell)) {
        if (c == ',' || c == ' ') continue;
        if (c == '%') {
            pct = true;
            continue;
        }
        s += c;
    }
    if (s.empty()) return std::nullopt;
    char* end = nullptr;
    double d = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size() || !std::isfinite(d)) return std::nullopt;
    if (pct) {
        if (!percent_ok) return std::nullopt;
        d /= 100;
    }
    return d;
}

struct MonthCell {
    int month = 0;
    int year = 0;
};

// "1", "01", "1<month>", "2024-01", "2024/1", "2024<year>1<month>", "202401", "Jan", "January 2024", an Excel
// date serial (days since 1899-12-30) or the month names of bill_columns.json (January..December in Chinese).
std::optional<MonthCell> parse_month(const Vocabulary& v, const std::string& cell) {
    std::string s = norm(trim(cell));
    if (s.empty()) return std::nullopt;
    for (int k = 11; k >= 0; --k)  // "December" before "February": the Chinese name of 12 contains that of 2
        if (static_cast<std::size_t>(k) < v.month_names.size() && s.find(v.month_names[k]) != std::string::npos)
            return MonthCell{k + 1, 0};
    static const char* en[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    std::vector<std::string> runs;
    std::string run;
    for (char c : s) {
        if (c >= '0' && c <= '9') run += c;
        else if (!run.empty()) runs.push_back(run), run.clear();
    }
    if (!run.empty()) runs.push_back(run);
    for (int k = 0; k < 12; ++k)
        if (s.find(en[k]) != std::string::npos) {
            int y = 0;
            for (const auto& r : runs)
                if (r.size() == 4) y = std::atoi(r.c_str());
            return MonthCell{k + 1, y};
        }
    // an Excel serial date (a number cell with a date format)
    if (auto d = parse_number(s, false); d && *d >= 367 && *d < 80000 && runs.size() <= 2) {
        long days = static_cast<long>(std::floor(*d));
        // civil-from-days (H. Hinnant), epoch 1899-12-30 = day -25569 from 1970-01-01
        long z = days - 25569 + 719468;
        long era = (z >= 0 ? z : z - 146096) / 146097;
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
        int y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
        return MonthCell{m, y};
    }
    if (runs.size() == 1) {
        const std::string& r = runs[0];
        if (r.size() == 6 && (r[0] == '1' || r[0] == '2')) {
            int m = std::atoi(r.substr(4).c_str());
            if (m >= 1 && m <= 12) return MonthCell{m, std::atoi(r.substr(0, 4).c_str())};
        }
        int m = std::atoi(r.c_str());
        if (r.size() <= 2 && m >= 1 && m <= 12) return MonthCell{m, 0};
        return std::nullopt;
    }
    if (runs.size() >= 2) {
        if (runs[0].size() == 4) {
            int m = std::atoi(runs[1].c_str());
            if (runs[1].size() <= 2 && m >= 1 && m <= 12) return MonthCell{m, std::atoi(runs[0].c_str())};
        }
        if (runs.back().size() == 4) {  // "01/2024"
            int m = std::atoi(runs[0].c_str());
            if (runs[0].size() <= 2 && m >= 1 && m <= 12) return MonthCell{m, std::atoi(runs.back().c_str())};
        }
    }
    return std::nullopt;
}

bool is_skip_row(const Vocabulary& v, const std::string& cell) {
    std::string s = norm(cell);
    for (const auto& a : v.skip_rows)
        if (!a.empty() && s.find(a) != std::string::npos) return true;
    return false;
}

const FieldSpec* spec_of(const std::string& key) {
    for (const auto& f : month_fields())
        if (key == f.key) return &f;
    return nullptr;
}

void bad(ImportPreview& p, int row, int col, const std::string& code, std::string_view key, std::initializer_list<texts::Arg> args) {
    texts::Text t = texts::get(key, args);
    p.bad_rows.push_back({row, col, code, t.zh, t.en});
}

std::string col_letter(int c) {
    std::string s;
    for (int n = c + 1; n > 0; n = (n - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (n - 1) % 26));
    return s;
}

texts::Arg field_label(const std::string& target) {
    texts::Text t = texts::get("bills.field." + (target.rfind("energy:", 0) == 0 ? target.substr(7) : target));
    return texts::Arg("field", t.zh, t.en);
}

// ---- merge ----------------------------------------------------------------------------------

void set_change(ImportPreview& p, json& slot, const std::string& path, const json& value, int month, const std::string& field) {
    if (slot == value) return;
    p.changes.push_back({path, slot, value, month, field});
    slot = value;
}

void merge_bills(ImportPreview& p, json& doc) {
    if (p.months.empty()) return;
    bool any = false;
    for (const auto& m : p.months)
        if (!m.v.empty() || !m.billing_mode.empty()) any = true;
    if (!any) return;
    if (!doc.contains("bills") || !doc["bills"].is_object()) {
        p.changes.push_back({"/bills", nullptr, json::object()});
        doc["bills"] = json::object();
    }
    json& e = doc["bills"]["electricity"];
    if (!e.is_object()) e = json::object();
    json& months = e["months"];
    if (!months.is_array()) months = json::array();
    for (const auto& m : p.months) {
        if (m.v.empty() && m.billing_mode.empty()) continue;
        std::size_t idx = months.size();
        for (std::size_t i = 0; i < months.size(); ++i)
            if (months[i].is_object() && months[i].value("month", 0) == m.month) idx = i;
        if (idx == months.size()) {
            months.push_back({{"month", m.month}});
            p.changes.push_back({"/bills/electricity/months/" + std::to_string(idx) + "/month", nullptr, m.month, m.month, "month"});
        }
        json& row = months[idx];
        const std::string base = "/bills/electricity/months/" + std::to_string(idx) + "/";
        for (const auto& [k, val] : m.v) {
            json& slot = row[k];
            set_change(p, slot, base + k, val, m.month, k);
        }
        if (!m.billing_mode.empty()) set_change(p, row["billing_mode"], base + "billing_mode", m.billing_mode, m.month, "billing_mode");
    }
}

void merge_energy(ImportPreview& p, json& doc, const std::string& carrier, Unit unit,
                  const std::array<std::optional<double>, 12>& vals) {
    int given = 0;
    for (const auto& x : vals) given += x.has_value();
    if (!given) return;
    if (!doc.contains("energy") || !doc["energy"].is_array()) doc["energy"] = json::array();
    json& rows = doc["energy"];
    std::size_t idx = rows.size();
    for (std::size_t i = 0; i < rows.size(); ++i)
        if (rows[i].is_object() && rows[i].value("carrier", "") == carrier) {
            idx = i;
            break;
        }
    const std::string field = carrier == "electricity" ? "kwh" : carrier;
    texts::Arg what = field_label(field);
    if (idx == rows.size()) {
        if (given < 12) {
            texts::warning(p.issues, "", "partial_year_not_applied", "bills.partial_year_new_row",
                           {what, texts::Arg("n", std::to_string(given))});
            return;
        }
        json m = json::array();
        double sum = 0;
        for (const auto& x : vals) m.push_back(*x), sum += *x;
        json row = {{"carrier", carrier}, {"quantity", sum}, {"unit", std::string(unit_id(unit))}, {"monthly", m}};
        p.changes.push_back({"/energy/" + std::to_string(idx), nullptr, row, 0, carrier});
        rows.push_back(row);
        return;
    }
    json& row = rows[idx];
    const std::string base = "/energy/" + std::to_string(idx);
    // values in the row's own unit
    double k = 1;
    if (auto ru = parse_unit(row.value("unit", std::string()))) {
        auto f_in = to_base_factor(unit, unit == Unit::kWh ? BaseUnit::kWh : unit == Unit::m3 ? BaseUnit::m3 : BaseUnit::kg);
        auto f_row = to_base_factor(*ru, unit == Unit::kWh ? BaseUnit::kWh : unit == Unit::m3 ? BaseUnit::m3 : BaseUnit::kg);
        if (f_in && f_row && *f_row > 0) k = *f_in / *f_row;
        else {
            texts::warning(p.issues, base + "/unit", "unit_not_convertible", "bills.unit_not_convertible", {what});
            return;
        }
    }
    bool had_monthly = row.contains("monthly") && row["monthly"].is_array() && row["monthly"].size() == 12;
    if (!had_monthly && given < 12) {
        texts::warning(p.issues, base, "partial_year_not_applied", "bills.partial_year_existing_row",
                       {what, texts::Arg("n", std::to_string(given))});
        return;
    }
    json m = had_monthly ? row["monthly"] : json::array({0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    for (std::size_t i = 0; i < 12; ++i)
        if (vals[i]) {
            double v = *vals[i] * k;
            if (!had_monthly || !m[i].is_number() || std::fabs(m[i].get<double>() - v) > 1e-9 * std::max(1.0, std::fabs(v))) {
                // one change per month: the preview names the months (a new monthly array: before is null)
                p.changes.push_back({base + "/monthly/" + std::to_string(i), had_monthly ? m[i] : json(nullptr), v,
                                     static_cast<int>(i) + 1, field});
                m[i] = v;
            }
        }
    double sum = 0;
    for (const auto& x : m) sum += x.is_number() ? x.get<double>() : 0;
    row["monthly"] = m;
    set_change(p, row["quantity"], base + "/quantity", sum, 0, carrier);
}

} // namespace

ImportPreview preview_import(std::string_view bytes, const json& doc_in, const RefData& ref) {
    ImportPreview p;
    if (bytes.size() > k_max_import_bytes) {
        texts::error(p.issues, "", "import_too_large", "bills.too_large",
                     {texts::Arg("kb", std::to_string(bytes.size() / 1024)), texts::Arg("limit", std::to_string(k_max_import_bytes / 1024))});
        return p;
    }
    Table t;
    if (looks_like_zip(bytes)) {
        XlsxResult x = read_xlsx(bytes);
        if (!x.table) {
            texts::error(p.issues, "", "xlsx_unreadable", x.error);
            return p;
        }
        t = std::move(*x.table);
        p.source_format = "XLSX";
    } else {
        DecodedText d = decode_text(bytes);
        if (d.bad_bytes)
            texts::warning(p.issues, "", "undecodable_bytes", "bills.bad_bytes", {texts::Arg("n", std::to_string(d.bad_bytes))});
        t = parse_delimited(d.utf8);
        p.source_format = std::string(d.utf8.find('\t') != std::string::npos ? "TSV " : "CSV ") + encoding_name(d.encoding);
    }
    if (t.rows.size() > k_max_rows) {
        texts::error(p.issues, "", "import_too_many_rows", "bills.too_many_rows", {texts::Arg("limit", std::to_string(k_max_rows))});
        return p;
    }
    const Vocabulary v = vocabulary(ref);
    // header: the first of the first 10 rows with a month column and at least one other
    std::size_t header = t.rows.size();
    std::vector<ColumnMap> cols;
    for (std::size_t r = 0; r < t.rows.size() && r < 10; ++r) {
        std::vector<ColumnMap> c;
        bool month = false;
        int known = 0;
        for (std::size_t k = 0; k < t.rows[r].size(); ++k) {
            c.push_back(recognise(v, t.rows[r][k], static_cast<int>(k)));
            if (c.back().target == "month") month = true;
            else if (!c.back().target.empty()) ++known;
        }
        if (month && known >= 1) {
            header = r;
            cols = std::move(c);
            break;
        }
    }
    if (header == t.rows.size()) {
        texts::error(p.issues, "", "no_header", t.rows.empty() ? "bills.empty" : "bills.no_header");
        return p;
    }
    p.header_row = t.row_numbers[header];
    // duplicate targets: the first column wins, later ones are listed as not used
    std::set<std::string> taken;
    for (auto& c : cols) {
        if (!c.unit.empty() && c.unit[0] == '!') {
            bad(p, p.header_row, c.column, "unit_mismatch", "bills.unit_mismatch",
                {texts::Arg("col", col_letter(c.column)), texts::Arg("header", c.header), texts::Arg("unit", c.unit.substr(1))});
            c.unit = c.unit.substr(1);
            continue;
        }
        if (c.target.empty()) continue;
        if (!taken.insert(c.target).second) {
            texts::warning(p.issues, "", "duplicate_column", "bills.duplicate_column",
                           {texts::Arg("col", col_letter(c.column)), texts::Arg("header", c.header)});
            c.target.clear();
        }
    }
    p.columns = cols;
    if (!p.bad_rows.empty()) return p;  // a header the user must fix first

    const int doc_year = json_at(doc_in, {"enterprise", "year"}) && json_at(doc_in, {"enterprise", "year"})->is_number_integer()
                             ? json_at(doc_in, {"enterprise", "year"})->get<int>() : 0;
    std::set<int> seen_months;
    std::set<int> other_years;
    int month_col = 0;
    for (const auto& c : cols)
        if (c.target == "month") month_col = c.column;
    for (std::size_t r = header + 1; r < t.rows.size(); ++r) {
        const auto& row = t.rows[r];
        const int rn = t.row_numbers[r];
        const std::string mcell = static_cast<std::size_t>(month_col) < row.size() ? row[month_col] : std::string();
        auto mc = parse_month(v, mcell);
        if (!mc) {
            if (is_skip_row(v, mcell)) continue;  // a total row
            bad(p, rn, month_col, "bad_month", "bills.row_bad_month", {texts::Arg("row", std::to_string(rn)), texts::Arg("text", mcell)});
            continue;
        }
        if (mc->year && doc_year && mc->year != doc_year) other_years.insert(mc->year);
        if (!seen_months.insert(mc->month).second) {
            bad(p, rn, month_col, "duplicate_month", "bills.row_duplicate_month",
                {texts::Arg("row", std::to_string(rn)), texts::Arg("month", std::to_string(mc->month))});
            continue;
        }
        BillMonth m;
        m.month = mc->month;
        std::map<std::string, double> energy;
        bool row_ok = true;
        for (const auto& c : cols) {
            if (c.target.empty() || c.target == "month" || static_cast<std::size_t>(c.column) >= row.size()) continue;
            const std::string cell = trim(row[c.column]);
            if (cell.empty()) continue;
            const texts::Arg rowa("row", std::to_string(rn)), cola("col", col_letter(c.column));
            if (c.target == "billing_mode") {
                std::string s = norm(cell);
                auto in = [&](const std::vector<std::string>& l) { return std::find(l.begin(), l.end(), s) != l.end(); };
                if (in(v.mode_capacity)) m.billing_mode = "capacity";
                else if (in(v.mode_demand)) m.billing_mode = "demand";
                else {
                    bad(p, rn, c.column, "bad_mode", "bills.row_bad_mode", {rowa, cola, texts::Arg("text", cell)});
                    row_ok = false;
                }
                continue;
            }
            auto num = parse_number(cell, c.target == "power_factor");
            if (!num) {
                bad(p, rn, c.column, "not_number", "bills.row_not_number", {rowa, cola, field_label(c.target), texts::Arg("text", cell)});
                row_ok = false;
                continue;
            }
            double val = *num * c.factor;
            if (c.target == "power_factor" && val >= 20 && val <= 100) val /= 100;  // written as 92 meaning 0.92
            if (c.target.rfind("energy:", 0) == 0) {
                if (val < 0 || val > 1e12) {
                    bad(p, rn, c.column, "out_of_range", "bills.row_out_of_range", {rowa, cola, field_label(c.target), texts::Arg("text", cell)});
                    row_ok = false;
                } else {
                    energy[c.target.substr(7)] = val;
                }
                continue;
            }
            const FieldSpec* f = spec_of(c.target);
            if (!f || val < f->lo || val > f->hi || (c.target == "power_factor" && val == 0)) {
                bad(p, rn, c.column, "out_of_range", "bills.row_out_of_range", {rowa, cola, field_label(c.target), texts::Arg("text", cell)});
                row_ok = false;
                continue;
            }
            m.v[c.target] = val;
        }
        if (!row_ok) {
            seen_months.erase(m.month);
            continue;
        }
        // monthly energy: electricity from the total, else from the four periods
        std::optional<double> kwh = m.get("kwh");
        if (!kwh && (m.get("peak_kwh") || m.get("flat_kwh") || m.get("valley_kwh")))
            kwh = m.get("sharp_kwh").value_or(0) + m.get("peak_kwh").value_or(0) + m.get("flat_kwh").value_or(0) +
                  m.get("valley_kwh").value_or(0);
        if (kwh) p.energy["electricity"][static_cast<std::size_t>(m.month - 1)] = *kwh;
        for (const auto& [carrier, val] : energy) p.energy[carrier][static_cast<std::size_t>(m.month - 1)] = val;
        p.months.push_back(std::move(m));
    }
    for (int y : other_years)
        texts::warning(p.issues, "", "other_year", "bills.other_year", {texts::Arg("year", std::to_string(y)), texts::Arg("doc_year", std::to_string(doc_year))});
    if (p.months.empty() && p.bad_rows.empty()) texts::error(p.issues, "", "no_rows", "bills.no_rows");
    std::sort(p.months.begin(), p.months.end(), [](const BillMonth& a, const BillMonth& b) { return a.month < b.month; });

    // merge
    p.merged = doc_in.is_object() ? doc_in : json::object();
    merge_bills(p, p.merged);
    for (const auto& [carrier, vals] : p.energy)
        merge_energy(p, p.merged, carrier, carrier == "electricity" ? Unit::kWh : carrier == "natural_gas" ? Unit::m3 : Unit::t, vals);
    // the merged document is checked as a whole: errors the import brings in are the import's
    // errors (those the document already had, e.g. a field not yet filled in, are not)
    std::set<std::pair<std::string, std::string>> before;
    if (doc_in.is_object())
        for (const auto& i : parse_document_json(doc_in, ref).issues.items)
            if (i.severity == Severity::error) before.insert({i.path, i.code});
    ParseOutcome check = parse_document_json(p.merged, ref);
    for (const auto& i : check.issues.items)
        if (i.severity == Severity::error && !before.count({i.path, i.code})) p.issues.items.push_back(i);
    return p;
}

json preview_to_json(const ImportPreview& p) {
    json cols = json::array();
    for (const auto& c : p.columns) {
        json j = {{"column", c.column}, {"letter", col_letter(c.column)}, {"header", c.header}, {"target", c.target}};
        if (!c.unit.empty()) j["unit"] = c.unit;
        if (c.factor != 1) j["factor"] = c.factor;
        if (!c.target.empty()) {
            texts::Text t = texts::get("bills.field." + (c.target.rfind("energy:", 0) == 0 ? c.target.substr(7) : c.target));
            j["label_zh"] = t.zh;
            j["label_en"] = t.en;
        }
        cols.push_back(std::move(j));
    }
    json bad = json::array();
    for (const auto& b : p.bad_rows)
        bad.push_back({{"row", b.row}, {"column", b.column >= 0 ? json(col_letter(b.column)) : json(nullptr)}, {"code", b.code},
                       {"message_zh", b.message_zh}, {"message_en", b.message_en}});
    json changes = json::array();
    for (const auto& c : p.changes) {
        json j = {{"path", c.path}, {"before", c.before}, {"after", c.after}, {"month", c.month}};
        if (!c.field.empty()) {
            texts::Text t = texts::get("bills.field." + c.field);
            j["label_zh"] = t.zh;
            j["label_en"] = t.en;
        }
        changes.push_back(std::move(j));
    }
    json months = json::array();
    for (const auto& m : p.months) months.push_back(m.month);
    json out = errors_to_json(p.issues);
    out["format"] = p.source_format;
    out["header_row"] = p.header_row;
    out["columns"] = std::move(cols);
    out["months"] = std::move(months);
    out["bad_rows"] = std::move(bad);
    out["changes"] = std::move(changes);
    return out;
}

} // namespace selfcheck::bills
