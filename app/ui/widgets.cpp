#include "ui/widgets.hpp"
#include "validate.hpp"
#include "refdata.hpp"

#include "format.hpp"
#include "i18n.hpp"
#include "test_hooks.hpp"
#include "ui/layout.hpp"
#include "ui/touch.hpp"

#include "imgui.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cmath>
#include <cstring>

namespace selfcheck::app::ui {

const json* at(const json& j, std::initializer_list<const char*> path) { return selfcheck::json_at(j, path); }

double number_or(const json* v, double fallback) { return v && v->is_number() ? v->get<double>() : fallback; }
bool is_num(const json* v) { return v && v->is_number(); }

std::string local(const json& obj, const char* base) {
    if (!obj.is_object()) return {};
    std::string k = std::string(base) + (lang_en() ? "_en" : "_zh");
    auto it = obj.find(k);
    if (it != obj.end() && it->is_string()) return it->get<std::string>();
    k = std::string(base) + "_zh";
    it = obj.find(k);
    return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string local_source(const json& obj, const char* base) {
    if (!obj.is_object()) return {};
    auto get = [&](const std::string& k) {
        auto it = obj.find(k);
        return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    std::string v = lang_en() ? get(std::string(base) + "_en") : std::string();
    return v.empty() ? get(base) : v;
}

json& ensure(json& parent, const char* key, bool array) {
    if (!parent.is_object()) parent = json::object();
    json& v = parent[key];
    if (array ? !v.is_array() : !v.is_object()) v = array ? json::array() : json::object();
    return v;
}

// ---------------------------------------------------------------------------------------------
// CJK word wrap

viz::GradeScale grade_scale(const AppState& s) {
    const Dataset* d = s.ref ? s.ref->dataset("carbon_efficiency") : nullptr;
    return viz::grade_scale([d](const std::string& id) -> std::optional<double> {
        const RefRecord* r = d ? d->find(id) : nullptr;
        return r ? r->value : std::nullopt;
    });
}

namespace {
std::size_t utf8_len(unsigned char c) { return c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1; }
unsigned decode(const char* s, std::size_t n) {
    const auto* u = reinterpret_cast<const unsigned char*>(s);
    if (n == 1) return u[0];
    if (n == 2) return ((u[0] & 0x1F) << 6) | (u[1] & 0x3F);
    if (n == 3) return ((u[0] & 0x0F) << 12) | ((u[1] & 0x3F) << 6) | (u[2] & 0x3F);
    return ((u[0] & 0x07) << 18) | ((u[1] & 0x3F) << 12) | ((u[2] & 0x3F) << 6) | (u[3] & 0x3F);
}
bool no_line_start(unsigned c) {  // 避头: closing punctuation never starts a line
    static const unsigned k[] = {0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF01, 0xFF1F, 0xFF09, 0x300B, 0x300D,
                                 0x300F, 0x201D, 0x2019, 0x3011, 0xFF05, ',', '.', ';', ':', '!', '?', ')', '%'};
    for (unsigned x : k)
        if (c == x) return true;
    return false;
}
float width_of(const char* b, const char* e) {
    ImFont* f = ImGui::GetFont();
    return f->CalcTextSizeA(ImGui::GetFontSize(), 1e9f, 0, b, e).x;
}
} // namespace

std::vector<std::string> wrap_lines(const std::string& text, float width) {
    std::vector<std::string> lines;
    std::string line;
    float line_w = 0;
    std::size_t last_tok = 0;  // where the line's last token starts (避头: it moves down with closing punctuation)
    const char* s = text.c_str();
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        if (s[i] == '\n') {
            lines.push_back(line);
            line.clear();
            line_w = 0;
            last_tok = 0;
            ++i;
            continue;
        }
        // A token: a run of ASCII non-space characters (a Latin word or number), or one other
        // character (a hanzi or punctuation: CJK may break anywhere), or one space.
        std::size_t j = i;
        unsigned first = decode(s + i, utf8_len(static_cast<unsigned char>(s[i])));
        if (static_cast<unsigned char>(s[i]) < 0x80 && s[i] != ' ') {
            while (j < n && static_cast<unsigned char>(s[j]) < 0x80 && s[j] != ' ' && s[j] != '\n') ++j;
        } else {
            j = i + utf8_len(static_cast<unsigned char>(s[i]));
        }
        if (j > n) j = n;
        const float w = width_of(s + i, s + j);
        if (line_w + w > width && !line.empty() && no_line_start(first) && last_tok > 0 &&
            !no_line_start(decode(line.c_str() + last_tok, utf8_len(static_cast<unsigned char>(line[last_tok]))))) {
            // Closing punctuation that does not fit: it may not start a line, and it may not hang past
            // the edge (it would be cut off), so the token before it moves down with it.
            std::string carried = line.substr(last_tok);
            line.resize(last_tok);
            while (!line.empty() && line.back() == ' ') line.pop_back();
            lines.push_back(line);
            line = carried;
            line_w = width_of(carried.c_str(), carried.c_str() + carried.size());
            last_tok = 0;
        } else if (line_w + w > width && !line.empty() && !no_line_start(first)) {
            // trailing spaces are dropped at a break
            while (!line.empty() && line.back() == ' ') line.pop_back();
            lines.push_back(line);
            line.clear();
            line_w = 0;
            last_tok = 0;
            if (s[i] == ' ') {
                i = j;
                continue;
            }
        }
        if (s[i] != ' ') last_tok = line.size();
        line.append(s + i, j - i);
        line_w += w;
        i = j;
    }
    if (!line.empty() || lines.empty()) lines.push_back(line);
    return lines;
}

void text_wrapped(const std::string& text, float width) {
    // a quarter em short of the edge: the last glyph may not be drawn past the region's edge (a line
    // measured to the exact width was seen 3.5 px over it at 820 px, and a glyph past the clip edge is
    // not drawn at all)
    if (width <= 0) width = ImGui::GetContentRegionAvail().x - ImGui::GetFontSize() * 0.25f;
    if (width < ImGui::GetFontSize() * 2) width = ImGui::GetFontSize() * 2;
    ImGui::BeginGroup();
    for (const std::string& l : wrap_lines(text, width)) ImGui::TextUnformatted(l.c_str());
    ImGui::EndGroup();
}

void text_wrapped_colored(unsigned int col, const std::string& text, float width) {
    ImGui::PushStyleColor(ImGuiCol_Text, col);
    text_wrapped(text, width);
    ImGui::PopStyleColor();
}

bool hover_tip_begin() {
    if (!ImGui::IsItemHovered()) return false;
    ImGui::BeginTooltip();
    return true;
}
void hover_tip_end() { ImGui::EndTooltip(); }

// 26 characters wide where there is room; on a phone (390 px) no wider than the screen less the
// tooltip's padding, so a help text never runs off the edge.
void tooltip_text(const std::string& text) {
    const float room = ImGui::GetIO().DisplaySize.x - 4 * ImGui::GetStyle().WindowPadding.x;
    text_wrapped(text, std::max(ImGui::GetFontSize() * 8, std::min(ImGui::GetFontSize() * 26, room)));
}

void help(const char* help_key) {
    same_line_if_fits(ImGui::CalcTextSize("(?)").x, ImGui::GetStyle().ItemInnerSpacing.x);
    ImGui::TextDisabled("(?)");
    if (hover_tip_begin()) {
        tooltip_text(tr(help_key));
        hover_tip_end();
    }
}

// ---------------------------------------------------------------------------------------------
// forms

float label_width() { return ImGui::GetFontSize() * 11; }

void row_label(const char* label, const char* help_key) {
    if (narrow()) {
        // Phone column: the label on its own (wrapped) line, the field under it.
        const float qw = help_key ? ImGui::CalcTextSize("(?)").x + ImGui::GetStyle().ItemInnerSpacing.x : 0;
        text_wrapped(label, avail_w() - qw);
        if (help_key) help(help_key);
        return;
    }
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(label);
    if (help_key) help(help_key);
    ImGui::SameLine(label_width());
}

// A field's width: as asked, but never past the end of the line (a unit label may then wrap).
static float field_width(float width) { return fit(width > 0 ? width : ImGui::GetFontSize() * 14); }

bool input_text(const char* id, json& obj, const char* key, float width) {
    std::string cur;
    if (obj.is_object() && obj.contains(key)) {
        const json& v = obj[key];
        cur = v.is_string() ? v.get<std::string>() : v.is_null() ? "" : v.dump();
    }
    char buf[512];
    std::snprintf(buf, sizeof buf, "%s", cur.c_str());
    ImGui::SetNextItemWidth(field_width(width));
    const bool edited = ImGui::InputText(id, buf, sizeof buf);
    touch::note_text_field(false);
    if (!edited) return false;
    if (!obj.is_object()) obj = json::object();
    if (buf[0] == 0) obj.erase(key);
    else obj[key] = std::string(buf);
    return true;
}

bool input_number_at(const char* id, json& slot, float width) {
    std::string cur = slot.is_number() ? plain(slot.get<double>()) : slot.is_string() ? slot.get<std::string>() : "";
    char buf[128];
    std::snprintf(buf, sizeof buf, "%s", cur.c_str());
    ImGui::SetNextItemWidth(field_width(width));
    const bool edited = ImGui::InputText(id, buf, sizeof buf);
    touch::note_text_field(true);  // numeric keypad on phones
    if (!edited) return false;
    double v = 0;
    if (buf[0] == 0) slot = nullptr;
    else if (parse_number(buf, v)) slot = (v == static_cast<double>(static_cast<long long>(v)) && std::fabs(v) < 9e15)
                                              ? json(static_cast<long long>(v)) : json(v);
    else slot = std::string(buf);  // kept as typed; the core reports "expected a number" at this path
    return true;
}

bool input_number(const char* id, json& obj, const char* key, float width) {
    if (!obj.is_object()) obj = json::object();
    json tmp = obj.contains(key) ? obj[key] : json();
    if (!input_number_at(id, tmp, width)) return false;
    if (tmp.is_null()) obj.erase(key);
    else obj[key] = tmp;
    return true;
}

// A 0-1 fraction shown and typed as a percentage (负载率 70 %): the document keeps the fraction the
// core reads; the typed value is divided by 100 and rounded to 12 significant digits so that "33.3"
// is stored as 0.333, not 0.33299999999999996.
bool input_percent(const char* id, json& obj, const char* key, float width) {
    if (!obj.is_object()) obj = json::object();
    json shown;
    if (obj.contains(key)) {
        const json& v = obj[key];
        if (v.is_number()) shown = v.get<double>() * 100.0;
        else shown = v;  // text kept as typed: the core reports it at this path
    }
    if (!input_number_at(id, shown, width)) return false;
    if (shown.is_null()) {
        obj.erase(key);
    } else if (shown.is_number()) {
        char buf[40];
        std::snprintf(buf, sizeof buf, "%.12g", shown.get<double>() / 100.0);
        obj[key] = std::strtod(buf, nullptr);
    } else {
        obj[key] = shown;
    }
    return true;
}

bool combo(const char* id, json& obj, const char* key, const std::vector<std::pair<std::string, const char*>>& choices,
           float width) {
    std::string cur;
    if (obj.is_object() && obj.contains(key)) {
        const json& v = obj[key];
        cur = v.is_string() ? v.get<std::string>() : v.is_null() ? "" : v.dump();
    }
    // A value that is not one of the choices (an imported file, an older version) is kept verbatim
    // and shown flagged, "未知：<value>", until the user picks one; it is never replaced unasked.
    std::string unknown;
    const char* preview = cur.empty() ? tr("common.not_set") : nullptr;
    for (const auto& [cid, label] : choices)
        if (cid == cur) preview = label;
    if (!preview) {
        unknown = std::string(tr("choice.unknown")) + cur;
        preview = unknown.c_str();
    }
    bool changed = false;
    ImGui::SetNextItemWidth(field_width(width));
    if (!unknown.empty()) ImGui::PushStyleColor(ImGuiCol_Text, col_warning());
    const bool open = ImGui::BeginCombo(id, preview);
    if (!unknown.empty()) ImGui::PopStyleColor();
    if (!unknown.empty() && hover_tip_begin()) {
        tooltip_text(unknown);
        tooltip_text(tr("choice.unknown_tip"));
        hover_tip_end();
    }
    if (open) {
        if (!unknown.empty()) {  // the kept value, first and selected: picking it changes nothing
            ImGui::PushStyleColor(ImGuiCol_Text, col_warning());
            ImGui::Selectable(unknown.c_str(), true, 0, ImVec2(0, tap_h()));
            ImGui::PopStyleColor();
        }
        for (const auto& [cid, label] : choices) {
            const bool picked = ImGui::Selectable(label, cid == cur, 0, ImVec2(0, tap_h()));
            track(("combo.option." + (cid.empty() ? std::string("not_set") : cid)).c_str());  // the open list's entries, for tests
            if (picked) {
                if (!obj.is_object()) obj = json::object();
                if (cid.empty()) obj.erase(key);
                else obj[key] = cid;
                changed = true;
            }
        }
        ImGui::EndCombo();
    }
    return changed;
}

bool yes_no(const char* id, json& obj, const char* key) {
    int v = 0;  // 0 not answered, 1 yes, 2 no
    if (obj.is_object() && obj.contains(key)) {
        const json& j = obj[key];
        if (j.is_boolean()) v = j.get<bool>() ? 1 : 2;
        else if (j.is_string()) v = j == "yes" ? 1 : j == "no" ? 2 : 0;
    }
    ImGui::PushID(id);
    int nv = v;
    ImGui::RadioButton(tr("common.yes"), &nv, 1);
    ImGui::SameLine();
    ImGui::RadioButton(tr("common.no"), &nv, 2);
    ImGui::SameLine();
    ImGui::RadioButton(tr("common.unanswered"), &nv, 0);
    ImGui::PopID();
    if (nv == v) return false;
    if (!obj.is_object()) obj = json::object();
    if (nv == 0) obj.erase(key);
    else obj[key] = nv == 1;
    return true;
}

std::string energy_statement(const json& r, const char* key) {
    const json* st = at(r, {"energy", key});
    std::string t = st ? local(*st, "message") : std::string();
    if (t.empty())
        if (const json* m = at(r, {"energy", "missing"})) t = local(*m, "message");
    return t.empty() ? std::string("—") : t;
}

void focus_target(AppState& s, const std::string& path) {
    if (!s.focus_path.empty() && s.focus_path == path) {
        ImGui::SetKeyboardFocusHere(-1);
        ImGui::SetScrollHereY(0.4f);
        s.focused_path = path;
        s.focus_path.clear();
    }
    if (!s.focused_path.empty() && s.focused_path == path && (ImGui::IsItemActive() || ImGui::IsItemFocused())) {
        track("focus.current");
        track(("focus.current:" + path).c_str());
    }
}

// Light theme: darker hues so text in them keeps WCAG AA contrast (>= 4.5:1) on white.
unsigned int col_error() { return dark_theme() ? IM_COL32(235, 87, 87, 255) : IM_COL32(190, 30, 30, 255); }
unsigned int col_warning() { return dark_theme() ? IM_COL32(230, 170, 40, 255) : IM_COL32(150, 85, 0, 255); }
unsigned int col_ok() { return dark_theme() ? IM_COL32(80, 180, 110, 255) : IM_COL32(25, 120, 60, 255); }
unsigned int col_info() { return dark_theme() ? IM_COL32(110, 160, 230, 255) : IM_COL32(25, 90, 180, 255); }

int field_issues(const AppState& s, const std::string& path, bool exact) {
    auto list = s.issues_at(path, exact);
    for (const json* e : list) {
        const bool err = e->value("severity", "error") == "error";
        text_wrapped_colored(err ? col_error() : col_warning(),
                             std::string(err ? tr("common.error_mark") : tr("common.warning_mark")) + " " +
                                 local(*e, "message"));
    }
    return static_cast<int>(list.size());
}

bool small_button(const char* label) {
    return touch_ui() ? ImGui::Button(label, ImVec2(0, tap_h())) : ImGui::SmallButton(label);
}

void unit_label(const char* unit) {
    same_line_if_fits(ImGui::CalcTextSize(unit).x);
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", unit);
}

void section(const char* label, const char* help_key) {
    ImGui::Spacing();
    ImGui::TextUnformatted(label);
    if (help_key) help(help_key);
    ImGui::Separator();
}

void screen_title(const char* title_key, const char* help_key) {
    ImGui::PushFont(nullptr);
    ImGui::SetWindowFontScale(1.25f);
    ImGui::TextUnformatted(tr(title_key));
    ImGui::SetWindowFontScale(1.0f);
    ImGui::PopFont();
    if (help_key) help(help_key);
    ImGui::Separator();
}

void stale_banner(const AppState& s) {
    if (!s.stale()) return;
    const int n = s.error_count();
    char buf[64];
    std::snprintf(buf, sizeof buf, "%d", n);
    text_wrapped_colored(col_warning(), std::string(tr("common.stale")) + " (" + tr("common.errors_count") + buf + ")");
    track("stale.banner");
}

void kpi(const char* track_id, const char* label, const std::string& value, const char* unit, const char* help_key,
         const std::vector<std::string>& tip_lines) {
    ImGui::BeginGroup();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
    const float qw = help_key ? ImGui::CalcTextSize("(?)").x + ImGui::GetStyle().ItemInnerSpacing.x : 0;
    text_wrapped(label, avail_w() - qw);
    ImGui::PopStyleColor();
    if (help_key) help(help_key);
    ImGui::SetWindowFontScale(1.4f);
    ImGui::TextUnformatted(value.c_str());
    const float vh = ImGui::GetItemRectSize().y;
    ImGui::SetWindowFontScale(1.0f);
    // The unit sits on the big value's baseline. Not with AlignTextToFramePadding: in a table that
    // raises the row's text baseline, and every card to the right of this one started lower (the
    // two KPI columns of a tablet sat at different heights).
    if (same_line_if_fits(ImGui::CalcTextSize(unit).x)) {
        const float dy = (vh - ImGui::GetTextLineHeight()) * 0.8f;
        if (dy > 0) ImGui::SetCursorPosY(ImGui::GetCursorPosY() + dy);
    }
    ImGui::TextDisabled("%s", unit);
    ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.3f));  // air between a card and the one below
    ImGui::EndGroup();
    track(track_id);
    if (!tip_lines.empty() && hover_tip_begin()) {
        for (const auto& l : tip_lines) tooltip_text(l);
        hover_tip_end();
    }
}

} // namespace selfcheck::app::ui
