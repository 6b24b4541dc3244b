# What if: 'upfront whatif' driven from tests/whatif/test_whatif_cli.py (its output, JSON
# shape, the takeover on day 1 against 'upfront run --strategy', bad input), one ctest per
# case. The core's computation is tests/unit/test_whatif.c; the debrief's page and rewind
# are tests/ui/test_ui_whatif.c.
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND)
  foreach(case check table json strategies unfinished bad_input report)
    add_test(NAME whatif_${case}
             COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/whatif/test_whatif_cli.py
                     $<TARGET_FILE:upfront> ${case}
             WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
    set_tests_properties(whatif_${case} PROPERTIES LABELS "cli;whatif" TIMEOUT 300
                         ENVIRONMENT "SDL_VIDEODRIVER=dummy")
  endforeach()
endif()
