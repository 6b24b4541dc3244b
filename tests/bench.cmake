# upfront bench is a program that prints numbers, not a timed test: this smoke test only
# checks that 'bench --json' runs (20 frames a screen) and prints one JSON object with
# every key the issue names. docs/performance.md has the figures and how to measure them.
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND)
  add_test(NAME bench_json_should_print_every_figure
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/bench_smoke.py
                   $<TARGET_FILE:upfront> ${CMAKE_CURRENT_BINARY_DIR}/bench-home
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(bench_json_should_print_every_figure PROPERTIES LABELS bench TIMEOUT 300
                       ENVIRONMENT "SDL_VIDEODRIVER=dummy;SDL_RENDER_DRIVER=software;SDL_AUDIODRIVER=dummy;UPFRONT_DATA_DIR=${PROJECT_SOURCE_DIR}")
endif()
