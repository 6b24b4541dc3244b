# Authoring (issue 5): validate's positioned errors, warnings, --json and --strict, and
# 'upfront new' -> validate -> balance, driven through the program by
# tests/authoring/test_authoring.py, one ctest per case (label "authoring").
find_package(Python3 COMPONENTS Interpreter QUIET)
if(Python3_Interpreter_FOUND)
  set(UPFRONT_AUTHORING_CASES mistakes missing_comma json lint strict new new_refuses)
  foreach(case ${UPFRONT_AUTHORING_CASES})
    add_test(NAME authoring_${case}
             COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/authoring/test_authoring.py
                     $<TARGET_FILE:upfront> ${case}
             WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
    set_tests_properties(authoring_${case} PROPERTIES LABELS authoring TIMEOUT 300
                         SKIP_RETURN_CODE 77)
  endforeach()
endif()
