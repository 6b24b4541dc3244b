# Fuzzing (issue 7). Three harnesses in tests/fuzz/: the scenario loader, the results loader
# and the action reader, each with a seed corpus (tests/fuzz/corpus/NAME/) and a dictionary
# (tests/fuzz/NAME.dict).
#
# - In every build, fuzz_NAME_replay feeds each corpus file to the harness once (an ordinary
#   test, no libFuzzer): ctest names fuzz_corpus_NAME.
# - Where the compiler is clang with libFuzzer, fuzz_NAME is the real fuzzer, built with
#   -fsanitize=fuzzer,address,undefined against its own instrumented copy of the core, and
#   fuzz_short_NAME runs it for UPFRONT_FUZZ_RUNS runs (label "fuzz"). New inputs go to
#   the build tree (fuzz-work/NAME), never into the committed corpus. A long run:
#     build/tests/fuzz_scenario -dict=tests/fuzz/scenario.dict -max_total_time=600 \
#       build/fuzz-work/scenario tests/fuzz/corpus/scenario
set(UPFRONT_FUZZERS scenario results actions)
set(UPFRONT_FUZZ_RUNS 20000 CACHE STRING "Runs per harness of the short fuzz test")
set(UPFRONT_FUZZ_DIR ${CMAKE_CURRENT_SOURCE_DIR}/fuzz)

foreach(h ${UPFRONT_FUZZERS})
  add_executable(fuzz_${h}_replay ${UPFRONT_FUZZ_DIR}/fuzz_${h}.c ${UPFRONT_FUZZ_DIR}/replay_main.c)
  target_compile_options(fuzz_${h}_replay PRIVATE ${UPFRONT_WARNINGS})
  target_compile_definitions(fuzz_${h}_replay PRIVATE UPFRONT_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  target_link_libraries(fuzz_${h}_replay PRIVATE upfront_core)
  add_test(NAME fuzz_corpus_${h} COMMAND fuzz_${h}_replay ${UPFRONT_FUZZ_DIR}/corpus/${h})
  set_tests_properties(fuzz_corpus_${h} PROPERTIES LABELS "unit;fuzz-corpus" TIMEOUT 300)
endforeach()

if(CMAKE_C_COMPILER_ID MATCHES "Clang")
  include(CheckCSourceCompiles)
  set(CMAKE_REQUIRED_FLAGS "-fsanitize=fuzzer")
  check_c_source_compiles("
    #include <stddef.h>
    #include <stdint.h>
    int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);
    int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }"
    UPFRONT_HAVE_LIBFUZZER)
  unset(CMAKE_REQUIRED_FLAGS)
endif()

if(UPFRONT_HAVE_LIBFUZZER)
  set(UPFRONT_FUZZ_FLAGS -fsanitize=address,undefined -fno-sanitize-recover=undefined
      -fno-omit-frame-pointer -g)
  add_library(upfront_core_fuzz STATIC ${UPFRONT_CORE_SOURCES})
  target_include_directories(upfront_core_fuzz PUBLIC ${PROJECT_SOURCE_DIR}/include
                             PRIVATE ${PROJECT_SOURCE_DIR}/src/core)
  target_compile_options(upfront_core_fuzz PRIVATE ${UPFRONT_WARNINGS} ${UPFRONT_FUZZ_FLAGS}
                         -fsanitize=fuzzer-no-link)
  target_compile_definitions(upfront_core_fuzz PUBLIC UPFRONT_VERSION="${PROJECT_VERSION}")
  target_link_libraries(upfront_core_fuzz PUBLIC cjson Threads::Threads m)
  foreach(h ${UPFRONT_FUZZERS})
    add_executable(fuzz_${h} ${UPFRONT_FUZZ_DIR}/fuzz_${h}.c)
    target_compile_options(fuzz_${h} PRIVATE ${UPFRONT_WARNINGS} ${UPFRONT_FUZZ_FLAGS} -fsanitize=fuzzer)
    target_compile_definitions(fuzz_${h} PRIVATE UPFRONT_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
    target_link_options(fuzz_${h} PRIVATE -fsanitize=fuzzer,address,undefined)
    target_link_libraries(fuzz_${h} PRIVATE upfront_core_fuzz)
    file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/fuzz-work/${h})
    add_test(NAME fuzz_short_${h}
             COMMAND fuzz_${h} -runs=${UPFRONT_FUZZ_RUNS} -seed=1 -timeout=10 -rss_limit_mb=2048
                     -max_len=32768 -print_final_stats=1 -dict=${UPFRONT_FUZZ_DIR}/${h}.dict
                     ${CMAKE_BINARY_DIR}/fuzz-work/${h} ${UPFRONT_FUZZ_DIR}/corpus/${h})
    set_tests_properties(fuzz_short_${h} PROPERTIES LABELS fuzz TIMEOUT 600
                         ENVIRONMENT "ASAN_OPTIONS=detect_leaks=1:abort_on_error=0")
  endforeach()
endif()
