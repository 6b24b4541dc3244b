# The JSON Schema of the scenario format, checked with Debian's python3-jsonschema:
# shipped scenarios pass it, bad fixtures that a schema can express fail it. Skipped
# (ctest reports "Not Run", never a silent pass) when python3 or jsonschema is missing.
find_package(Python3 COMPONENTS Interpreter QUIET)
if(Python3_Interpreter_FOUND)
  add_test(NAME schema
           COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tests/schema_check.py ${PROJECT_SOURCE_DIR}
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(schema PROPERTIES LABELS schema SKIP_RETURN_CODE 77 TIMEOUT 60)
else()
  add_test(NAME schema COMMAND ${CMAKE_COMMAND} -E echo "SKIP: python3 is not installed")
  set_tests_properties(schema PROPERTIES LABELS schema SKIP_REGULAR_EXPRESSION "SKIP:")
endif()
