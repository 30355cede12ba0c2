// selfcheck: the command-line front end on the core (contract in DESIGN.md).
//   selfcheck assess FILE|-            one JSON result on stdout; exit 0, or 2 with {"errors":[...]}
//   selfcheck assess FILE FILE ...     batch: one JSON line per file ({"file", "ok", "result"|"errors"})
//   selfcheck assess --jsonl [FILE|-]  batch: one document per input line, one result line per line
//   selfcheck validate FILE|-          {"errors":[...],"warnings":[...]}; exit 0 when valid, else 2
//   selfcheck report FILE -o OUT.html [--lang en] [--date YYYY-MM-DD]   printable HTML report
//   selfcheck export FILE --csv DIR [--lang en]                         CSV tables into DIR
//   selfcheck --version
#include "report.hpp"
#include "selfcheck.hpp"

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

namespace {

using nlohmann::json;

constexpr int k_exit_ok = 0;
constexpr int k_exit_invalid = 2;
constexpr int k_exit_usage = 64;

bool read_all(const std::string& name, std::string& out) {
    if (name == "-") {
        std::ostringstream ss;
        ss << std::cin.rdbuf();
        out = ss.str();
        return true;
    }
    std::ifstream f(name, std::ios::binary);
    if (!f) return false;
    // Stop reading well past the document limit: the parser rejects it with a clear message anyway.
    std::string data;
    char buf[65536];
    while (f.read(buf, sizeof buf) || f.gcount() > 0) {
        data.append(buf, static_cast<std::size_t>(f.gcount()));
        if (data.size() > selfcheck::k_max_document_bytes + 1) break;
    }
    out = std::move(data);
    return true;
}

json unreadable(const std::string& name) {
    selfcheck::Issues is;
    is.error("", "unreadable_file", "无法读取文件“" + name + "”", "cannot read file '" + name + "'");
    return selfcheck::errors_to_json(is);
}

void print(const json& j, bool pretty) {
    std::string s = pretty ? j.dump(2, ' ', false, json::error_handler_t::replace)
                           : j.dump(-1, ' ', false, json::error_handler_t::replace);
    std::fwrite(s.data(), 1, s.size(), stdout);
    std::fputc('\n', stdout);
}

int usage() {
    std::fprintf(stderr,
                 "usage: selfcheck assess FILE|- [FILE...] [--pretty]\n"
                 "       selfcheck assess --jsonl [FILE|-]\n"
                 "       selfcheck validate FILE|-\n"
                 "       selfcheck report FILE|- -o OUT.html [--lang zh|en] [--date YYYY-MM-DD]\n"
                 "       selfcheck export FILE|- --csv DIR [--lang zh|en]\n"
                 "       selfcheck --version\n");
    return k_exit_usage;
}

int cmd_assess(const std::vector<std::string>& args) {
    const auto& ref = selfcheck::RefData::builtin();
    bool pretty = false, jsonl = false;
    std::vector<std::string> files;
    for (const auto& a : args) {
        if (a == "--pretty") pretty = true;
        else if (a == "--jsonl") jsonl = true;
        else files.push_back(a);
    }
    if (jsonl) {
        if (files.size() > 1) return usage();
        std::string name = files.empty() ? "-" : files[0];
        std::ifstream f;
        std::istream* in = &std::cin;
        if (name != "-") {
            f.open(name, std::ios::binary);
            if (!f) {
                print(unreadable(name), false);
                return k_exit_invalid;
            }
            in = &f;
        }
        int rc = k_exit_ok;
        std::string line;
        long n = 0;
        while (std::getline(*in, line)) {
            ++n;
            if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
            auto out = selfcheck::assess_text(line, ref);
            json row = {{"line", n}, {"ok", out.ok}};
            if (out.ok) row["result"] = std::move(out.output);
            else row["errors"] = std::move(out.output["errors"]), rc = k_exit_invalid;
            print(row, false);
        }
        return rc;
    }
    if (files.empty()) return usage();
    if (files.size() == 1) {
        std::string text;
        if (!read_all(files[0], text)) {
            print(unreadable(files[0]), pretty);
            return k_exit_invalid;
        }
        auto out = selfcheck::assess_text(text, ref);
        print(out.output, pretty);
        return out.ok ? k_exit_ok : k_exit_invalid;
    }
    int rc = k_exit_ok;
    for (const auto& name : files) {
        std::string text;
        json row = {{"file", name}};
        if (!read_all(name, text)) {
            row["ok"] = false;
            row["errors"] = unreadable(name)["errors"];
            rc = k_exit_invalid;
        } else {
            auto out = selfcheck::assess_text(text, ref);
            row["ok"] = out.ok;
            if (out.ok) row["result"] = std::move(out.output);
            else row["errors"] = std::move(out.output["errors"]), rc = k_exit_invalid;
        }
        print(row, false);
    }
    return rc;
}

int cmd_validate(const std::vector<std::string>& args) {
    if (args.size() != 1) return usage();
    std::string text;
    if (!read_all(args[0], text)) {
        print(unreadable(args[0]), true);
        return k_exit_invalid;
    }
    auto p = selfcheck::parse_document(text, selfcheck::RefData::builtin());
    print(selfcheck::errors_to_json(p.issues), true);
    return p.input ? k_exit_ok : k_exit_invalid;
}

// Shared by report and export: read, parse and assess one document. On failure prints the errors
// JSON (as `assess` does) and returns false.
bool load_for_output(const std::string& file, json& doc, json& result) {
    std::string text;
    if (!read_all(file, text)) {
        print(unreadable(file), false);
        return false;
    }
    auto out = selfcheck::assess_text(text, selfcheck::RefData::builtin());
    if (!out.ok) {
        print(out.output, false);
        return false;
    }
    doc = json::parse(text, nullptr, false);  // valid: assess_text accepted it
    result = std::move(out.output);
    return true;
}

bool write_file(const std::filesystem::path& path, const std::string& data) {
    std::ofstream f(path, std::ios::binary);
    f.write(data.data(), static_cast<std::streamsize>(data.size()));
    return static_cast<bool>(f);
}

std::string today() {
    std::time_t t = std::time(nullptr);
    char buf[16] = "";
    if (std::tm* tm = std::localtime(&t)) std::strftime(buf, sizeof buf, "%Y-%m-%d", tm);
    return buf;
}

int cmd_report(const std::vector<std::string>& args) {
    std::string file, out, lang = "zh", date;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const auto& a = args[i];
        bool has_value = i + 1 < args.size();
        if ((a == "-o" || a == "--output") && has_value) out = args[++i];
        else if (a == "--lang" && has_value) lang = args[++i];
        else if (a == "--date" && has_value) date = args[++i];
        else if (file.empty() && (a == "-" || a.empty() || a[0] != '-')) file = a;
        else return usage();
    }
    if (file.empty() || out.empty() || (lang != "zh" && lang != "en")) return usage();
    json doc, result;
    if (!load_for_output(file, doc, result)) return k_exit_invalid;
    selfcheck::ReportOptions opt;
    opt.generated_date = date.empty() ? today() : date;
    opt.ref = &selfcheck::RefData::builtin();
    std::string html = selfcheck::render_report_html(doc, result, lang, opt);
    if (!write_file(out, html)) {
        std::fprintf(stderr, "selfcheck: cannot write %s\n", out.c_str());
        return 73;
    }
    return k_exit_ok;
}

int cmd_export(const std::vector<std::string>& args) {
    std::string file, dir, lang = "zh";
    for (std::size_t i = 0; i < args.size(); ++i) {
        const auto& a = args[i];
        bool has_value = i + 1 < args.size();
        if (a == "--csv" && has_value) dir = args[++i];
        else if (a == "--lang" && has_value) lang = args[++i];
        else if (file.empty() && (a == "-" || a.empty() || a[0] != '-')) file = a;
        else return usage();
    }
    if (file.empty() || dir.empty() || (lang != "zh" && lang != "en")) return usage();
    json doc, result;
    if (!load_for_output(file, doc, result)) return k_exit_invalid;
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    for (const auto& [name, text] : selfcheck::export_csv(doc, result, lang)) {
        if (!write_file(std::filesystem::path(dir) / name, text)) {
            std::fprintf(stderr, "selfcheck: cannot write %s/%s\n", dir.c_str(), name.c_str());
            return 73;
        }
    }
    return k_exit_ok;
}

} // namespace

int main(int argc, char** argv) {
    try {
        std::vector<std::string> args(argv + 1, argv + argc);
        if (args.empty()) return usage();
        if (args[0] == "--version" || args[0] == "version") {
            std::printf("selfcheck %s\n", std::string(selfcheck::version()).c_str());
            return k_exit_ok;
        }
        std::vector<std::string> rest(args.begin() + 1, args.end());
        if (args[0] == "assess") return cmd_assess(rest);
        if (args[0] == "validate") return cmd_validate(rest);
        if (args[0] == "report") return cmd_report(rest);
        if (args[0] == "export") return cmd_export(rest);
        return usage();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "selfcheck: internal error: %s\n", e.what());
        return 70;
    }
}
