# Golden replays: one ctest per tests/golden/NAME.expected.json, replaying NAME.actions.json.
# Regenerate after an intended change with tests/golden/regenerate.sh build/upfront.
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND)
  file(GLOB UPFRONT_GOLDENS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/golden/*.expected.json)
  foreach(expected ${UPFRONT_GOLDENS})
    get_filename_component(file ${expected} NAME)
    string(REGEX REPLACE "\\.expected\\.json$" "" name ${file})
    add_test(NAME golden_${name}
             COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/golden/check_golden.py
                     $<TARGET_FILE:upfront> ${name}
             WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
    set_tests_properties(golden_${name} PROPERTIES LABELS golden TIMEOUT 300)
  endforeach()
endif()
