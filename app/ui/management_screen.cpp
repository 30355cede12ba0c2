// 5 管理: energy-management practice (manager, GB 17167 metering, management system, audit, ...).
// The diagnosis checks these against the plan's duties for the enterprise's budget tier.
#include "i18n.hpp"
#include "test_hooks.hpp"
#include "ui/screens.hpp"
#include "ui/choices.hpp"
#include "ui/widgets.hpp"

#include "imgui.h"

namespace selfcheck::app::ui {

void draw_management(AppState& s) {
    screen_title("management.title", "help.management");
    stale_banner(s);
    json& m = ensure(s.document, "management");
    bool ch = false;
    struct YesNo {
        const char* key;
        const char* label;
        const char* help;
    };
    static const YesNo yn[] = {
        {"energy_manager", "management.energy_manager", "help.energy_manager"},
        {"energy_management_system", "management.ems", "help.ems"},
        {"online_monitoring", "management.online_monitoring", "help.online_monitoring"},
        {"leak_programme", "management.leak_programme", "help.leak_programme"},
        {"central_heating_available", "management.central_heating", "help.central_heating"},
        {"gas_main_available", "management.gas_main", nullptr},
        {"exporter", "management.exporter", "help.exporter"},
    };
    for (const auto& f : yn) {
        row_label(tr(f.label), f.help);
        ch |= yes_no(f.key, m, f.key);
        focus_target(s, std::string("/management/") + f.key);
        char tid[64];
        std::snprintf(tid, sizeof tid, "management.%s", f.key);
        track(tid);
        field_issues(s, std::string("/management/") + f.key);
    }
    row_label(tr("management.metering"), "help.metering");
    if (const Choices* c = choices_for("metering_gb17167")) ch |= combo("##metering", m, "metering_gb17167", *c);  // assets/data/choices.json
    track("management.metering_gb17167");
    field_issues(s, "/management/metering_gb17167");

    row_label(tr("management.audit_year"), "help.audit_year");
    ch |= input_number("##audit", m, "energy_audit_year");
    track("management.energy_audit_year");
    unit_label(tr("unit.year"));
    field_issues(s, "/management/energy_audit_year");

    row_label(tr("management.tou"), "help.tou");
    if (const Choices* c = choices_for("tou_user_class")) ch |= combo("##tou", m, "tou_user_class", *c);
    track("management.tou_user_class");
    field_issues(s, "/management/tou_user_class");
    if (ch) s.mark_edited();
}

} // namespace selfcheck::app::ui
