// Bills import: encodings (UTF-8 with/without BOM, GBK made here byte by byte, UTF-16), header
// recognition in Chinese and English with units, XLSX (a ZIP written here), bad rows with row
// numbers, the preview of changes and a merge that loses nothing.
#include "bills/bills.hpp"
#include "bills/decode.hpp"
#include "test_util.hpp"

#include <cstring>

using namespace selfcheck;
using namespace selfcheck::test;
using namespace selfcheck::bills;

namespace {
const ColumnMap* col(const ImportPreview& p, const std::string& target) {
    for (const auto& c : p.columns)
        if (c.target == target) return &c;
    return nullptr;
}
json base_doc() {
    return doc(json::array({{{"carrier", "electricity"}, {"quantity", 1200000}, {"unit", "kWh"}},
                            {{"carrier", "raw_coal"}, {"quantity", 100}, {"unit", "t"}}}));
}
std::string twelve_months_csv() {
    std::string s = "月份,用电量(kWh),尖峰电量(kWh),峰电量(kWh),平电量(kWh),谷电量(kWh),最大需量(kW),变压器容量(kVA),"
                    "基本电费计费方式,容量电价(元/kVA·月),需量电价(元/kW·月),功率因数,电费(元),天然气(m³)\n";
    for (int m = 1; m <= 12; ++m)
        s += std::to_string(m) + "月,100000,10000,30000,40000,20000,500,1000,按容量,30,40,0.92,70000,5000\n";
    s += "合计,1200000,,,,,,,,,,,840000,60000\n";
    return s;
}
// A ZIP with stored members (method 0): enough for the reader; the CLI test covers deflate.
std::string zip_stored(const std::vector<std::pair<std::string, std::string>>& files) {
    std::string out, cd;
    auto u16 = [](std::string& s, unsigned v) { s += char(v & 0xFF), s += char((v >> 8) & 0xFF); };
    auto u32 = [&](std::string& s, unsigned v) { u16(s, v & 0xFFFF), u16(s, v >> 16); };
    for (const auto& [name, data] : files) {
        unsigned off = static_cast<unsigned>(out.size());
        u32(out, 0x04034b50), u16(out, 20), u16(out, 0), u16(out, 0), u16(out, 0), u16(out, 0), u32(out, 0);
        u32(out, static_cast<unsigned>(data.size())), u32(out, static_cast<unsigned>(data.size()));
        u16(out, static_cast<unsigned>(name.size())), u16(out, 0);
        out += name + data;
        u32(cd, 0x02014b50), u16(cd, 20), u16(cd, 20), u16(cd, 0), u16(cd, 0), u16(cd, 0), u16(cd, 0), u32(cd, 0);
        u32(cd, static_cast<unsigned>(data.size())), u32(cd, static_cast<unsigned>(data.size()));
        u16(cd, static_cast<unsigned>(name.size())), u16(cd, 0), u16(cd, 0), u16(cd, 0), u16(cd, 0), u32(cd, 0), u32(cd, off);
        cd += name;
    }
    unsigned cd_off = static_cast<unsigned>(out.size());
    out += cd;
    u32(out, 0x06054b50), u16(out, 0), u16(out, 0), u16(out, static_cast<unsigned>(files.size())),
        u16(out, static_cast<unsigned>(files.size())), u32(out, static_cast<unsigned>(cd.size())), u32(out, cd_off), u16(out, 0);
    return out;
}
} // namespace

TEST_CASE("GBK bytes decode to the same text as UTF-8", "[bills][decode]") {
    // GB 2312 code points: 月 D4C2, 份 B7DD, 用 D3C3, 电 B5E7, 量 C1BF (row+0xA0, column+0xA0)
    const std::string gbk = "\xD4\xC2\xB7\xDD,\xD3\xC3\xB5\xE7\xC1\xBF(kWh)\r\n1,1000\r\n";
    DecodedText d = decode_text(gbk);
    CHECK(d.encoding == Encoding::gb18030);
    CHECK(d.bad_bytes == 0);
    CHECK(d.utf8 == "月份,用电量(kWh)\r\n1,1000\r\n");
    // é (U+00E9) is the GB 2312 pinyin letter A8A6
    CHECK(gb18030_to_utf8("\xA8\xA6") == "\xC3\xA9");
    // GB18030 four-byte: U+0080 is the first four-byte code 81 30 81 30 (linear index 0).
    CHECK(gb18030_to_utf8("\x81\x30\x81\x30") == "\xC2\x80");
    // Supplementary planes are linear from 90 30 81 30: U+1F600 − U+10000 = 62976 = ((4×10 + 9)×126 + 123)×10 + 6
    // -> bytes 0x90+4, 0x30+9, 0x81+123, 0x30+6 = 94 39 FC 36
    CHECK(gb18030_to_utf8("\x94\x39\xFC\x36") == "\xF0\x9F\x98\x80");
    // a lone lead byte is replaced and counted, not dropped silently
    std::size_t bad = 0;
    CHECK(gb18030_to_utf8("a\xD4", &bad) == "a\xEF\xBF\xBD");
    CHECK(bad == 1);
    // BOM and UTF-16LE
    CHECK(decode_text("\xEF\xBB\xBFx").encoding == Encoding::utf8_bom);
    CHECK(decode_text("\xEF\xBB\xBFx").utf8 == "x");
    CHECK(decode_text(std::string("\xFF\xFE\x08\x67", 4)).utf8 == "月");  // U+6708 little-endian
}

TEST_CASE("a GBK CSV imports like the UTF-8 one", "[bills][import]") {
    const std::string gbk = "\xD4\xC2\xB7\xDD,\xD3\xC3\xB5\xE7\xC1\xBF(kWh)\n1,1000\n2,2000\n";
    ImportPreview p = preview_import(gbk, base_doc(), ref());
    REQUIRE(p.ok());
    CHECK(p.source_format == "CSV GB18030");
    REQUIRE(p.months.size() == 2);
    CHECK(p.months[1].get("kwh").value() == 2000);
}

TEST_CASE("headers in Chinese and English with units", "[bills][import]") {
    std::string csv = "\xEF\xBB\xBF" "Month,Electricity (10k kWh),Peak kWh,Valley,Max demand (kW),Power factor,Cost (万元)\n"
                      "2024-01,10,3,2,500,92%,7\n";
    // "10k kWh" is not a unit on file: the column is refused with a located message
    ImportPreview bad = preview_import(csv, base_doc(), ref());
    REQUIRE_FALSE(bad.bad_rows.empty());
    CHECK(bad.bad_rows[0].row == 1);
    CHECK(bad.bad_rows[0].message_en.find("column B") != std::string::npos);

    csv = "\xEF\xBB\xBF" "Month,用电量（万kWh）,Peak kWh,Valley,Max demand (kW),Power factor,电费(万元),有功电量\n"
          "2024-01,10,3,2,500,92%,7,\n";
    ImportPreview p = preview_import(csv, base_doc(), ref());
    REQUIRE(p.bad_rows.empty());
    CHECK(p.source_format == "CSV UTF-8 (BOM)");
    REQUIRE(col(p, "kwh"));
    CHECK(col(p, "kwh")->factor == 10000);           // 万kWh = 10^4 kWh
    CHECK(col(p, "peak_kwh"));
    CHECK(col(p, "valley_kwh"));
    CHECK(col(p, "max_demand_kw"));
    CHECK(col(p, "cost_yuan")->factor == 10000);     // 万元
    REQUIRE(p.months.size() == 1);
    CHECK(p.months[0].get("kwh").value() == 100000);  // 10 万kWh
    CHECK(p.months[0].get("power_factor").value() == Catch::Approx(0.92));  // 92 %
    CHECK(p.months[0].get("cost_yuan").value() == 70000);
    // the second column meaning electricity (有功电量) is not imported twice
    CHECK(has_issue(p.issues, "duplicate_column"));

    // every bill heading of the issue is recognised
    ImportPreview all = preview_import(twelve_months_csv(), base_doc(), ref());
    for (const char* t : {"month", "kwh", "sharp_kwh", "peak_kwh", "flat_kwh", "valley_kwh", "max_demand_kw", "capacity_kva",
                          "billing_mode", "capacity_price_yuan_per_kva_month", "demand_price_yuan_per_kw_month",
                          "power_factor", "cost_yuan", "energy:natural_gas"}) {
        INFO(t);
        CHECK(col(all, t));
    }
}

TEST_CASE("bad rows are listed with their row numbers and nothing else is lost", "[bills][import]") {
    std::string csv = "企业能耗台账\n"             // a title row above the header
                      "月份,用电量(kWh),功率因数\n"  // header on row 2
                      "1,1000,0.9\n"
                      "13,1000,0.9\n"               // row 4: no month 13
                      "3,abc,0.9\n"                 // row 5: not a number
                      "3,3000,0.9\n"                // row 6: fine
                      "1,1000,0.9\n"                // row 7: month 1 again
                      "4,4000,1.7\n";               // row 8: a power factor above 1 (and not a percentage)
    ImportPreview p = preview_import(csv, base_doc(), ref());
    CHECK(p.header_row == 2);
    REQUIRE(p.bad_rows.size() == 4);
    CHECK(p.bad_rows[0].row == 4);
    CHECK(p.bad_rows[0].code == "bad_month");
    CHECK(p.bad_rows[1].row == 5);
    CHECK(p.bad_rows[1].code == "not_number");
    CHECK(p.bad_rows[1].message_zh.find("第 5 行第 B 列") != std::string::npos);
    CHECK(p.bad_rows[2].row == 7);
    CHECK(p.bad_rows[2].code == "duplicate_month");
    CHECK(p.bad_rows[3].row == 8);
    REQUIRE(p.months.size() == 2);  // months 1 and 3
    // partial year: the annual electricity quantity is left as it was, the detail is kept in bills
    CHECK(has_issue(p.issues, "partial_year_not_applied"));
    CHECK(p.merged["energy"][0]["quantity"] == 1200000);
    CHECK(p.merged["bills"]["electricity"]["months"].size() == 2);
    CHECK(p.merged["energy"][1]["carrier"] == "raw_coal");  // the other rows are untouched
}

TEST_CASE("twelve months merge: monthly energy, bill detail and a listed change for each", "[bills][import]") {
    json d = base_doc();
    d["energy"].push_back({{"carrier", "natural_gas"}, {"quantity", 10}, {"unit", "10k_m3"}});
    ImportPreview p = preview_import(twelve_months_csv(), d, ref());
    INFO(preview_to_json(p).dump(1));
    REQUIRE(p.ok());
    CHECK(p.bad_rows.empty());
    CHECK(p.months.size() == 12);  // the 合计 row is skipped, not a bad row
    const json& e = p.merged["energy"][0];
    CHECK(e["quantity"] == 1200000);  // 12 × 100,000 kWh
    CHECK(e["monthly"][5] == 100000);
    // natural gas in 万m³: 5000 m³ a month = 0.5 万m³; the year 12 × 0.5 = 6 万m³
    const json& g = p.merged["energy"][2];
    CHECK(g["unit"] == "10k_m3");
    CHECK(g["monthly"][0].get<double>() == Catch::Approx(0.5));
    CHECK(g["quantity"].get<double>() == Catch::Approx(6.0));
    const json& m = p.merged["bills"]["electricity"]["months"][0];
    CHECK(m["billing_mode"] == "capacity");
    CHECK(m["capacity_price_yuan_per_kva_month"] == 30);
    bool quantity_change = false;
    for (const auto& c : p.changes)
        if (c.path == "/energy/2/quantity") quantity_change = c.before == 10 && c.after.get<double>() == Catch::Approx(6.0);
    CHECK(quantity_change);
    // the merged document is a valid document and keeps everything it had
    Input in = parse_ok(p.merged);
    CHECK(in.bills.electricity.months.size() == 12);
    CHECK(in.energy.size() == 3);
    // importing the same file again changes nothing
    ImportPreview again = preview_import(twelve_months_csv(), p.merged, ref());
    CHECK(again.changes.empty());
}

TEST_CASE("pasted cells from Excel or WPS (tab-separated)", "[bills][import]") {
    std::string tsv = "月份\t用电量(kWh)\t电费(元)\n";
    for (int m = 1; m <= 12; ++m) tsv += std::to_string(m) + "\t" + std::to_string(m * 1000) + "\t\"1,234.5\"\n";
    ImportPreview p = preview_import(tsv, base_doc(), ref());
    REQUIRE(p.ok());
    CHECK(p.source_format == "TSV UTF-8");
    // 1000 + 2000 + ... + 12000 = 1000 × 78 = 78,000 kWh
    CHECK(p.merged["energy"][0]["quantity"] == 78000);
    CHECK(p.months[0].get("cost_yuan").value() == 1234.5);
    // every change names its month and field, so the preview can say "March: electricity use 3,000"
    const Change* march_kwh = nullptr;
    const Change* year_kwh = nullptr;
    int monthly_changes = 0;
    for (const auto& c : p.changes) {
        if (c.path == "/energy/0/monthly/2") march_kwh = &c;
        if (c.path == "/energy/0/quantity") year_kwh = &c;
        if (c.path.rfind("/energy/0/monthly/", 0) == 0) ++monthly_changes;
    }
    REQUIRE(march_kwh);
    CHECK(march_kwh->month == 3);
    CHECK(march_kwh->field == "kwh");
    CHECK(march_kwh->before.is_null());  // the row had no months before
    CHECK(march_kwh->after == 3000);
    CHECK(monthly_changes == 12);  // one per month, never one opaque array
    REQUIRE(year_kwh);
    CHECK(year_kwh->month == 0);
    CHECK(year_kwh->field == "electricity");
    CHECK(year_kwh->before == 1200000);  // base_doc's annual figure, replaced by the sum of the months
    CHECK(year_kwh->after == 78000);
    json pj = preview_to_json(p);
    bool labelled = false;
    for (const auto& c : pj["changes"])
        if (c["path"] == "/bills/electricity/months/0/cost_yuan")
            labelled = c["month"] == 1 && c["label_zh"] == "电费" && !c["label_en"].get<std::string>().empty();
    CHECK(labelled);
}

TEST_CASE("XLSX: shared and inline strings, numbers, the first sheet through the workbook rels", "[bills][xlsx]") {
    std::string shared = R"(<?xml version="1.0"?><sst><si><t>月份</t></si><si><r><t>用电量</t></r><r><t>(kWh)</t></r></si><si><t>谷电量 &amp; (kWh)</t></si></sst>)";
    std::string sheet = R"(<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>)"
                        R"(<c r="D1" t="inlineStr"><is><t>电费(元)</t></is></c></row>)"
                        R"(<row r="2"><c r="A2"><v>45292</v></c><c r="B2"><v>1000.5</v></c><c r="D2"><v>800</v></c></row>)"
                        R"(<row r="3"><c r="A3" t="str"><v>2024-02</v></c><c r="B3"><v>2000</v></c></row></sheetData></worksheet>)";
    std::string wb = R"(<workbook><sheets><sheet name="账单" sheetId="1" r:id="rId7"/></sheets></workbook>)";
    std::string rels = R"(<Relationships><Relationship Id="rId7" Type="x" Target="worksheets/sheet3.xml"/></Relationships>)";
    std::string z = zip_stored({{"xl/workbook.xml", wb}, {"xl/_rels/workbook.xml.rels", rels},
                                {"xl/sharedStrings.xml", shared}, {"xl/worksheets/sheet3.xml", sheet}});
    XlsxResult x = read_xlsx(z);
    REQUIRE(x.table);
    REQUIRE(x.table->rows.size() == 3);
    CHECK(x.table->rows[0][1] == "用电量(kWh)");   // rich-text runs joined
    CHECK(x.table->rows[0][3] == "电费(元)");       // column D, C left empty
    CHECK(x.table->rows[0][2].empty());
    ImportPreview p = preview_import(z, base_doc(), ref());
    REQUIRE(p.ok());
    CHECK(p.source_format == "XLSX");
    REQUIRE(p.months.size() == 2);
    // 45292 days after 1899-12-30 is 2024-01-01: 1900-01-01 is day 2; 1900..2023 hold 124 years with
    // 30 leap days (1904..2020) plus Excel's 1900 quirk excluded by the 1899-12-30 epoch: 124×365+30 = 45290,
    // so 2024-01-01 = 2 + 45290 = 45292.
    CHECK(p.months[0].month == 1);
    CHECK(p.months[0].get("kwh").value() == 1000.5);
    CHECK(p.months[1].month == 2);
    CHECK(preview_import(std::string("PK\x03\x04garbage", 11), base_doc(), ref()).issues.has_errors());
}

TEST_CASE("inflate: fixed-Huffman and stored blocks", "[bills][xlsx]") {
    // raw deflate (zlib level 9, wbits -15) of "<v>12345</v><v>12345</v><v>12345</v> month month month"
    const unsigned char fixed[] = {0xb3, 0x29, 0xb3, 0x33, 0x34, 0x32, 0x36, 0x31, 0xb5, 0xd1, 0x2f, 0xb3,
                                   0xb3, 0xc1, 0xc1, 0x56, 0xc8, 0xcd, 0xcf, 0x2b, 0xc9, 0x40, 0x26, 0x01};
    auto out = inflate(std::string_view(reinterpret_cast<const char*>(fixed), sizeof fixed), 1000);
    REQUIRE(out);
    CHECK(*out == "<v>12345</v><v>12345</v><v>12345</v> month month month");
    const unsigned char stored[] = {0x01, 0x0c, 0x00, 0xf3, 0xff, 's', 't', 'o', 'r', 'e', 'd', ' ', 'b', 'l', 'o', 'c', 'k'};
    CHECK(inflate(std::string_view(reinterpret_cast<const char*>(stored), sizeof stored), 1000) == std::string("stored block"));
    // a limit smaller than the output is refused (zip bombs)
    CHECK_FALSE(inflate(std::string_view(reinterpret_cast<const char*>(fixed), sizeof fixed), 10));
    CHECK_FALSE(inflate("\xff\xff\xff", 1000));
}

TEST_CASE("an import into an unfinished document reports only the errors it brings", "[bills][import]") {
    json d = base_doc();
    d["enterprise"]["year"] = "2024?";  // an error the user has not fixed yet
    ImportPreview p = preview_import(twelve_months_csv(), d, ref());
    CHECK(p.ok());
    CHECK(p.merged["enterprise"]["year"] == "2024?");  // kept as written
    // a bill value the document cannot hold is the import's error
    std::string csv = "月份,用电量(kWh),需量电价(元/kW·月)\n1,100,400\n";
    ImportPreview q = preview_import(csv, base_doc(), ref());
    CHECK_FALSE(q.bad_rows.empty());  // 400 yuan/kW·month is beyond the plausible 300
}

TEST_CASE("English headers with their units in yuan", "[bills][import]") {
    std::string csv = "month,kWh,cost (yuan),peak price (yuan/kWh),demand price (yuan/kW·month),capacity price (yuan/kVA)\n";
    for (int m = 1; m <= 12; ++m) csv += std::to_string(m) + ",1000,650,1.1,40,30\n";
    ImportPreview p = preview_import(csv, base_doc(), ref());
    INFO(preview_to_json(p).dump(1));
    REQUIRE(p.ok());
    CHECK(p.bad_rows.empty());
    REQUIRE(col(p, "cost_yuan"));
    CHECK(col(p, "cost_yuan")->factor == 1);
    CHECK(col(p, "peak_price_yuan_per_kwh"));
    CHECK(col(p, "demand_price_yuan_per_kw_month"));
    CHECK(col(p, "capacity_price_yuan_per_kva_month"));
    CHECK(p.months[0].get("cost_yuan").value() == 650);
    // "cost (10k yuan)": 0.065 万元 = 0.065 × 10,000 = 650 yuan
    ImportPreview w = preview_import(std::string("month,cost (10k yuan)\n1,0.065\n"), base_doc(), ref());
    REQUIRE(w.months.size() == 1);
    CHECK(w.months[0].get("cost_yuan").value() == Catch::Approx(650));
}
