# Report tests (label report): tests/report/test_report.py drives `upfront report` on
# results files played by the built-in strategies. The chromium case renders the HTML in
# headless Chromium and is skipped (exit 77) where no chromium is installed.
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND)
  foreach(case class tampered folders csv html chromium gamed lost hostile)
    add_test(NAME report_${case}
             COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/report/test_report.py
                     $<TARGET_FILE:upfront> ${case}
             WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
    set_tests_properties(report_${case} PROPERTIES LABELS report TIMEOUT 300
                         SKIP_RETURN_CODE 77 ENVIRONMENT "SDL_VIDEODRIVER=dummy")
  endforeach()
endif()
