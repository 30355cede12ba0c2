# Catch2 v3 (amalgamated, from the bootstrap cache) and the helper every core test uses:
#   selfcheck_add_core_test(NAME <name> SOURCES <files...>)
# builds an executable linked to selfcheck_core + Catch2's main and registers it with ctest.
# Natively ctest runs it directly; under Emscripten it is a .js that ctest runs through
# CMAKE_CROSSCOMPILING_EMULATOR (/usr/bin/node, set by the wasm presets).
include_guard(GLOBAL)

set(SELFCHECK_CATCH2_DIR "${SELFCHECK_CACHE}/src/catch2-3.7.1-0.5/extras" CACHE PATH
    "Catch2 v3 amalgamated sources (fetched by scripts/bootstrap)")
if(NOT EXISTS "${SELFCHECK_CATCH2_DIR}/catch_amalgamated.cpp")
    message(FATAL_ERROR "Catch2 not found in ${SELFCHECK_CATCH2_DIR}: run scripts/bootstrap first")
endif()

# Tests include Catch2's modular headers (<catch2/catch_test_macros.hpp>, ...). Each one gets a
# one-line forwarding header to the amalgamated header, so the whole of Catch2 stays one TU.
set(_catch2_shims ${CMAKE_BINARY_DIR}/catch2_shims)
if(NOT EXISTS ${_catch2_shims}/catch2/catch_test_macros.hpp)
    file(GLOB_RECURSE _catch2_headers RELATIVE ${SELFCHECK_CATCH2_DIR}/../src
         ${SELFCHECK_CATCH2_DIR}/../src/catch2/*.hpp)
    foreach(h IN LISTS _catch2_headers)
        file(WRITE ${_catch2_shims}/${h} "#pragma once\n#include <catch_amalgamated.hpp>\n")
    endforeach()
endif()

# One TU, ~12 s per toolchain; includes Catch2's default main().
add_library(selfcheck_catch2_main STATIC ${SELFCHECK_CATCH2_DIR}/catch_amalgamated.cpp)
target_include_directories(selfcheck_catch2_main SYSTEM PUBLIC ${SELFCHECK_CATCH2_DIR} ${_catch2_shims})
target_compile_features(selfcheck_catch2_main PUBLIC cxx_std_20)

# Link options that make an Emscripten test binary a plain node program:
# synchronous compile (this emscripten's loader uses fetch() whenever it exists, Node 18+ has
# it), main's return value as exit code, growable heap.
set(SELFCHECK_NODE_LINK_OPTIONS
    -sWASM_ASYNC_COMPILATION=0 -sEXIT_RUNTIME=1 -sALLOW_MEMORY_GROWTH=1 -sENVIRONMENT=node)

function(selfcheck_add_core_test)
    cmake_parse_arguments(PARSE_ARGV 0 T "" "NAME" "SOURCES")
    if(NOT T_NAME OR NOT T_SOURCES)
        message(FATAL_ERROR "selfcheck_add_core_test(NAME <name> SOURCES <files...>)")
    endif()
    add_executable(${T_NAME} ${T_SOURCES})
    target_link_libraries(${T_NAME} PRIVATE selfcheck_core selfcheck_catch2_main)
    if(EMSCRIPTEN)
        target_link_options(${T_NAME} PRIVATE ${SELFCHECK_NODE_LINK_OPTIONS})
    endif()
    add_test(NAME ${T_NAME} COMMAND ${T_NAME} --colour-mode none)
endfunction()
