# Install and command-line-habit tests (tests/install/):
#  - label install: the installed tree in a moved prefix, the Debian package (cpack -G DEB,
#    dpkg-deb -x into a scratch root), the manual page against 'upfront --help', the
#    desktop entry (desktop-file-validate) and the AppStream metainfo (appstreamcli);
#    a test skips (exit 77) when the tool it needs is missing;
#  - label cli: --help and examples of every command, exit 2 and one-line errors, colour
#    and progress only on a terminal (a pty), NO_COLOR, --quiet, 'upfront paths'.
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND)
  set(UPFRONT_UI_FLAG OFF)
  if(UPFRONT_BUILD_UI)
    set(UPFRONT_UI_FLAG ON)
  endif()
  foreach(case moved_prefix deb man desktop metainfo)
    add_test(NAME install_${case}
             COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/install/test_install.py
                     ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR} ${UPFRONT_UI_FLAG} ${case})
    set_tests_properties(install_${case} PROPERTIES LABELS install TIMEOUT 600
                         SKIP_RETURN_CODE 77)
  endforeach()
  # cpack installs into the build folder's own staging area once at a time.
  set_tests_properties(install_deb PROPERTIES RESOURCE_LOCK upfront_cpack)
  foreach(case help errors color progress quiet paths)
    add_test(NAME cli_habits_${case}
             COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/install/test_habits.py
                     $<TARGET_FILE:upfront> ${PROJECT_SOURCE_DIR} ${case})
    set_tests_properties(cli_habits_${case} PROPERTIES LABELS cli TIMEOUT 600)
  endforeach()
endif()
