// Compiled by the ctest input_field_key_typo twice: with FIELD_KEY_OK it must compile, without it
// it must not, because "rated_kv" is not a key of the equipment field table.
#include "diagnosis.hpp"

std::optional<double> read(const selfcheck::EquipmentItem& e) {
#ifdef FIELD_KEY_OK
    return selfcheck::equip::field_num(e, "rated_kw");
#else
    return selfcheck::equip::field_num(e, "rated_kv");
#endif
}
