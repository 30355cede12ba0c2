// Compiled by the ctests input_key_typo_*: as written (no define) it must compile; with BAD_FIELD,
// BAD_KIND, BAD_CHOICE or CHOICE_AS_FIELD it must not, because "rated_kv" is not an equipment field,
// "boilr" not an equipment type, "ful" not a metering answer, and a management choice is read
// from its typed member, never as a field.
#include "diagnosis.hpp"

std::optional<double> read(const selfcheck::EquipmentItem& e) {
#if defined(BAD_FIELD)
    return selfcheck::equip::field_num(e, "rated_kv");
#elif defined(BAD_KIND)
    if (e.type == "boilr") return 0.0;
    return selfcheck::equip::field_num(e, "rated_kw");
#else
    if (e.type == "boiler") return 0.0;
    return selfcheck::equip::field_num(e, "rated_kw");
#endif
}

bool metering_full(const selfcheck::Management& m) {
#if defined(BAD_CHOICE)
    return m.metering_gb17167 && *m.metering_gb17167 == "ful";
#elif defined(CHOICE_AS_FIELD)
    return selfcheck::equip::mgmt_bool(m, "metering_gb17167").value_or(false);
#else
    return m.metering_gb17167 && *m.metering_gb17167 == "full" &&
           selfcheck::equip::mgmt_bool(m, "energy_manager").value_or(false);
#endif
}
