# Balance: one ctest per shipped scenario (scenarios/*.json but the schema), labelled
# "balance": `upfront balance FILE --runs 2000 --seed 1` must pass every check but the
# known deviations listed in tests/lesson-known.tsv (tests/lesson_check.py compares them). A release build plays one scenario's 6,000 games in about a second on
# two cores, an ASan+UBSan debug build in about six, so every build checks the real
# 2,000-run figures. UPFRONT_BALANCE_RUNS lowers the count for a very slow machine.
set(UPFRONT_BALANCE_RUNS 2000 CACHE STRING
    "Games per strategy in the balance tests (2000 is the figure the issue checks)")

file(GLOB UPFRONT_SHIPPED_SCENARIOS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/scenarios/*.json)
list(FILTER UPFRONT_SHIPPED_SCENARIOS EXCLUDE REGEX "\\.schema\\.json$")
foreach(scenario ${UPFRONT_SHIPPED_SCENARIOS})
  get_filename_component(name ${scenario} NAME_WE)
  file(RELATIVE_PATH rel ${PROJECT_SOURCE_DIR} ${scenario})
  add_test(NAME balance_${name}
           COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tests/lesson_check.py
                   $<TARGET_FILE:upfront> ${rel} ${UPFRONT_BALANCE_RUNS}
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(balance_${name} PROPERTIES LABELS balance TIMEOUT 300)
endforeach()

# Strategies read the scenario: sales2 faxes clearly more where every buyer prefers fax.
add_test(NAME balance_channel_preferences
         COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tests/channel_variant.py
                 $<TARGET_FILE:upfront> scenarios/midmarket-quarter.json
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(balance_channel_preferences PROPERTIES LABELS balance TIMEOUT 300)

# Compatibility: the scenarios of 0.1.0 still validate, play and verify.
add_test(NAME compat_v010_scenarios
         COMMAND ${PROJECT_SOURCE_DIR}/tests/compat_v010.sh $<TARGET_FILE:upfront>
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(compat_v010_scenarios PROPERTIES LABELS cli TIMEOUT 300)
