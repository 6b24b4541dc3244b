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

# the client without a window (test_server.py's client case)
if(TARGET upfront_client)
  add_executable(client_probe ${CMAKE_CURRENT_SOURCE_DIR}/server/client_probe.c)
  target_compile_options(client_probe PRIVATE ${UPFRONT_WARNINGS})
  target_link_libraries(client_probe PRIVATE upfront_client)
  add_test(NAME server_client
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/server/test_server.py
                   $<TARGET_FILE:upfront> client $<TARGET_FILE:client_probe>
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(server_client PROPERTIES LABELS server TIMEOUT 600 SKIP_RETURN_CODE 77)
endif()

# the dashboard in a real browser: node + puppeteer-core (tests/web/setup.sh) + chromium
find_program(UPFRONT_NODE node)
if(UPFRONT_NODE AND NOT UPFRONT_SANITIZE)
  add_test(NAME server_dashboard
           COMMAND ${UPFRONT_NODE} ${CMAKE_CURRENT_SOURCE_DIR}/server/test_dashboard.js
                   --upfront $<TARGET_FILE:upfront> --source ${PROJECT_SOURCE_DIR}
                   --out ${CMAKE_CURRENT_BINARY_DIR}/server-dashboard)
  set_tests_properties(server_dashboard PROPERTIES LABELS server TIMEOUT 300 SKIP_RETURN_CODE 77)
endif()
