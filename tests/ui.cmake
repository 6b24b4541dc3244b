# Headless UI tests (label ui): one executable per tests/ui/test_*.c, linked with the front
# end, run on SDL's dummy video driver, frames drawn in memory, so no display is needed.
# Golden screenshots live in tests/ui/golden/; regenerate them after an intended change with
#   UPFRONT_UPDATE_GOLDEN=1 ctest --test-dir BUILD -L ui
if(UPFRONT_BUILD_UI)
  file(GLOB UPFRONT_UI_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/ui/test_*.c)
  set(UPFRONT_UI_TEST_ENV "SDL_VIDEODRIVER=dummy;SDL_RENDER_DRIVER=software;SDL_AUDIODRIVER=dummy")
  foreach(src ${UPFRONT_UI_TESTS})
    get_filename_component(name ${src} NAME_WE)
    add_executable(${name} ${src})
    target_compile_options(${name} PRIVATE ${UPFRONT_WARNINGS})
    target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/src/ui ${CMAKE_CURRENT_SOURCE_DIR}/unit
                               ${CMAKE_CURRENT_SOURCE_DIR}/ui)
    target_compile_definitions(${name} PRIVATE UPFRONT_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
                               UI_TEST_BUILD_DIR="${CMAKE_CURRENT_BINARY_DIR}")
    target_link_libraries(${name} PRIVATE upfront_ui)
    add_test(NAME ${name} COMMAND ${name} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
    set_tests_properties(${name} PROPERTIES LABELS ui TIMEOUT 120 ENVIRONMENT "${UPFRONT_UI_TEST_ENV}")
  endforeach()

  # The real program: the window opens on the title screen and SIGTERM ends it with exit 0.
  if(UNIX)
    add_test(NAME ui_sigterm_should_exit_cleanly
             COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/ui/sigterm.sh $<TARGET_FILE:upfront>
                     ${CMAKE_CURRENT_SOURCE_DIR}/ui/short.json ${CMAKE_CURRENT_BINARY_DIR}/ui-sigterm
             WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
    set_tests_properties(ui_sigterm_should_exit_cleanly PROPERTIES LABELS ui TIMEOUT 60
                         ENVIRONMENT "${UPFRONT_UI_TEST_ENV}")
  endif()
endif()
