# Hostile files through the program: 300 mutations of the shipped scenarios go through
# `upfront validate`; each must be valid or refused with exit 1 and a FILE:LINE:COL error,
# with no crash, hang or sanitizer report (tests/fixtures/hostile/mutate_validate.py; a
# longer run: --count 5000 --single --seed N). The fixtures themselves are test_hostile.
if(Python3_EXECUTABLE)
  add_test(NAME hostile_validate_mutations
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/hostile/mutate_validate.py
                   $<TARGET_FILE:upfront> --count 300 --seed 1
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(hostile_validate_mutations PROPERTIES LABELS hostile TIMEOUT 300)
endif()
