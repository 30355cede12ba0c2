// emissions: placeholder, being written.
#include "selfcheck.hpp"
namespace selfcheck {}
