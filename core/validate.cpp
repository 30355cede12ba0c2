// validate: placeholder, being written.
#include "selfcheck.hpp"
namespace selfcheck {}
