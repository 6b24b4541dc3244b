# The live class server (label "server"): tests/server/test_server.py drives `upfront serve`
# over HTTP on 127.0.0.1 (a free port per test), one ctest per case; the dashboard in
# headless chromium (tests/server/test_dashboard.js, puppeteer-core from tests/web/setup.sh).
# Skipped (77) in a build without the server, unless UPFRONT_SERVER_REQUIRED=1 (.ci/run).
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND)
  foreach(case api same kill9 limits hostile web)
    add_test(NAME server_${case}
             COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/server/test_server.py
                     $<TARGET_FILE:upfront> ${case}
             WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
    set_tests_properties(server_${case} PROPERTIES LABELS server TIMEOUT 600 SKIP_RETURN_CODE 77)
  endforeach()
endif()

# the load of a whole class (tests/server/load.py, not a timed test): the trainees in C, and
# a small class through the script as a test that it works (label server)
if(UPFRONT_HAVE_SERVER AND UNIX)
  add_executable(load_client ${CMAKE_CURRENT_SOURCE_DIR}/server/load_client.c)
  target_link_libraries(load_client PRIVATE Threads::Threads)
  add_test(NAME server_load_smoke
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/server/load.py $<TARGET_FILE:upfront>
                   --trainees 12 --scenario ${PROJECT_SOURCE_DIR}/scenarios/tutorial.json --seed 3
                   --client $<TARGET_FILE:load_client>
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(server_load_smoke PROPERTIES LABELS server TIMEOUT 300)
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

# the window's side: the class screen's server field, progress at each day's end, results
# at the game's end; alone the server is unreachable (everything waits in the queue), and
# test_server.py's window case runs it again against a real server
if(TARGET upfront_client AND UPFRONT_BUILD_UI)
  add_executable(test_ui_class_server ${CMAKE_CURRENT_SOURCE_DIR}/server/test_ui_class_server.c)
  target_compile_options(test_ui_class_server PRIVATE ${UPFRONT_WARNINGS})
  target_include_directories(test_ui_class_server PRIVATE ${PROJECT_SOURCE_DIR}/src/ui
                             ${CMAKE_CURRENT_SOURCE_DIR}/unit ${CMAKE_CURRENT_SOURCE_DIR}/ui)
  target_compile_definitions(test_ui_class_server PRIVATE UPFRONT_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
                             UI_TEST_BUILD_DIR="${CMAKE_CURRENT_BINARY_DIR}")
  target_link_libraries(test_ui_class_server PRIVATE upfront_ui)
  add_test(NAME server_window_queue COMMAND test_ui_class_server WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  add_test(NAME server_window
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/server/test_server.py
                   $<TARGET_FILE:upfront> window $<TARGET_FILE:test_ui_class_server>
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(server_window_queue server_window PROPERTIES LABELS server TIMEOUT 300
                       SKIP_RETURN_CODE 77
                       ENVIRONMENT "SDL_VIDEODRIVER=dummy;SDL_RENDER_DRIVER=software;SDL_AUDIODRIVER=dummy")
endif()

# The request handling under libFuzzer (tests/server/fuzz_server.c): the corpus replayed in
# every build (server_fuzz_corpus); with clang's libFuzzer, server_fuzz_short runs
# UPFRONT_FUZZ_RUNS inputs (label fuzz), new ones in BUILD/fuzz-work/server. A long run:
#   build/tests/fuzz_server -dict=tests/server/fuzz_server.dict -max_total_time=600 \
#     build/fuzz-work/server tests/server/fuzz-corpus
if(UPFRONT_HAVE_SERVER)
  add_executable(fuzz_server_replay ${CMAKE_CURRENT_SOURCE_DIR}/server/fuzz_server.c
                 ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/replay_main.c)
  target_compile_options(fuzz_server_replay PRIVATE ${UPFRONT_WARNINGS})
  target_compile_definitions(fuzz_server_replay PRIVATE UPFRONT_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  target_link_libraries(fuzz_server_replay PRIVATE upfront_server)
  add_test(NAME server_fuzz_corpus COMMAND fuzz_server_replay ${CMAKE_CURRENT_SOURCE_DIR}/server/fuzz-corpus)
  set_tests_properties(server_fuzz_corpus PROPERTIES LABELS "server;fuzz-corpus" TIMEOUT 300)
  if(UPFRONT_HAVE_LIBFUZZER)
    add_library(upfront_server_fuzz STATIC ${UPFRONT_SERVER_SOURCES})
    target_include_directories(upfront_server_fuzz PUBLIC ${UPFRONT_SERVER_DIR})
    target_compile_options(upfront_server_fuzz PRIVATE ${UPFRONT_FUZZ_FLAGS} -fsanitize=fuzzer-no-link)
    target_link_libraries(upfront_server_fuzz PUBLIC upfront_core_fuzz upfront_server_assets PkgConfig::UPFRONT_MHD
                          PkgConfig::UPFRONT_SQLITE Threads::Threads)
    add_executable(fuzz_server ${CMAKE_CURRENT_SOURCE_DIR}/server/fuzz_server.c)
    target_compile_options(fuzz_server PRIVATE ${UPFRONT_WARNINGS} ${UPFRONT_FUZZ_FLAGS} -fsanitize=fuzzer)
    target_compile_definitions(fuzz_server PRIVATE UPFRONT_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
    target_link_options(fuzz_server PRIVATE -fsanitize=fuzzer,address,undefined)
    target_link_libraries(fuzz_server PRIVATE upfront_server_fuzz)
    file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/fuzz-work/server)
    add_test(NAME server_fuzz_short
             COMMAND fuzz_server -runs=${UPFRONT_FUZZ_RUNS} -seed=1 -timeout=20 -rss_limit_mb=2048
                     -max_len=65536 -print_final_stats=1 -dict=${CMAKE_CURRENT_SOURCE_DIR}/server/fuzz_server.dict
                     ${CMAKE_BINARY_DIR}/fuzz-work/server ${CMAKE_CURRENT_SOURCE_DIR}/server/fuzz-corpus)
    set_tests_properties(server_fuzz_short PROPERTIES LABELS "server;fuzz" TIMEOUT 900
                         ENVIRONMENT "ASAN_OPTIONS=detect_leaks=1:abort_on_error=0")
  endif()
endif()
