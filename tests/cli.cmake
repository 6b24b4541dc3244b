# CLI tests: tests/cli/test_cli.py drives the upfront program, one ctest per case.
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND)
  set(UPFRONT_CLI_CASES help usage strategies validate run verify simulate balance report bench
      output userdir)
  foreach(case ${UPFRONT_CLI_CASES})
    add_test(NAME cli_${case}
             COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/cli/test_cli.py
                     $<TARGET_FILE:upfront> ${case}
             WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
    set_tests_properties(cli_${case} PROPERTIES LABELS cli TIMEOUT 600
                         ENVIRONMENT "SDL_VIDEODRIVER=dummy")
  endforeach()
else()
  message(WARNING "python3 not found: the CLI and golden tests are not registered")
endif()
