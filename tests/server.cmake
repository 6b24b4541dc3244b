# The live class server (label "server"): tests/server/test_server.py drives `upfront serve`
# over HTTP on 127.0.0.1 (a free port per test), one ctest per case; the dashboard in
# headless chromium (tests/server/test_dashboard.js, puppeteer-core from tests/web/setup.sh).
# Skipped (77) in a build without the server, unless UPFRONT_SERVER_REQUIRED=1 (.ci/run).
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND)
  foreach(case api same kill9 limits hostile)
    add_test(NAME server_${case}
             COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/server/test_server.py
                     $<TARGET_FILE:upfront> ${case}
             WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
    set_tests_properties(server_${case} PROPERTIES LABELS server TIMEOUT 600 SKIP_RETURN_CODE 77)
  endforeach()
endif()
