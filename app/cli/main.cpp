// selfcheck CLI (placeholder; the real one lands with the core).
#include "selfcheck.hpp"
#include <cstdio>
int main(int argc, char** argv) {
    if (argc > 1 && std::string_view(argv[1]) == "--version") { std::printf("selfcheck %s\n", selfcheck::version().data()); return 0; }
    return 0;
}
