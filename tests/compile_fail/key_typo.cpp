// Compiled by the ctests input_key_typo_*: as written (no define) it must compile; with BAD_FIELD or
// BAD_KIND it must not, because "rated_kv" is not an equipment field and "boilr" not an equipment type.
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
