# cmake -DCXX=<compiler> -DSRC=<file> -DINCLUDE=<dir> -DBAD=<macro> -DEXPECT=<regex> -P CompileFail.cmake
# SRC must compile as it is and fail with -D<BAD>, with an error matching EXPECT: proves the failure
# is the one meant, not a broken include path.
foreach(v CXX SRC INCLUDE BAD EXPECT)
    if(NOT DEFINED ${v})
        message(FATAL_ERROR "CompileFail.cmake: ${v} not set")
    endif()
endforeach()
execute_process(COMMAND ${CXX} -std=c++20 -fsyntax-only -I${INCLUDE} ${SRC}
                RESULT_VARIABLE ok_rc ERROR_VARIABLE ok_err)
if(NOT ok_rc EQUAL 0)
    message(FATAL_ERROR "the correct snippet does not compile:\n${ok_err}")
endif()
execute_process(COMMAND ${CXX} -std=c++20 -fsyntax-only -I${INCLUDE} -D${BAD} ${SRC}
                RESULT_VARIABLE bad_rc ERROR_VARIABLE bad_err)
if(bad_rc EQUAL 0)
    message(FATAL_ERROR "${BAD}: the misspelt key compiled")
endif()
if(NOT bad_err MATCHES "${EXPECT}")
    message(FATAL_ERROR "the misspelt key failed for another reason:\n${bad_err}")
endif()
message(STATUS "misspelt key rejected at compile time")
