# The browser version in a real browser (label "web"): tests/web/test_web.js drives
# Debian's chromium headless over the page that scripts/build-web.sh puts in
# build-web/dist (or UPFRONT_WEB_DIST), and compares its results with this build's
# native `upfront`. Skipped (exit 77) when the page, chromium or puppeteer-core
# (tests/web/setup.sh) is missing, unless UPFRONT_WEB_REQUIRED=1, as .ci/run sets.
find_program(UPFRONT_NODE node)
if(UPFRONT_NODE AND NOT UPFRONT_SANITIZE)
  set(UPFRONT_WEB_DIST "${PROJECT_SOURCE_DIR}/build-web/dist" CACHE PATH "The browser build the web tests load")
  add_test(NAME web_browser_should_play_like_the_native_game
           COMMAND ${UPFRONT_NODE} ${CMAKE_CURRENT_SOURCE_DIR}/web/test_web.js
                   --dist ${UPFRONT_WEB_DIST} --upfront $<TARGET_FILE:upfront> --source ${PROJECT_SOURCE_DIR}
                   --out ${CMAKE_CURRENT_BINARY_DIR}/web)
  set_tests_properties(web_browser_should_play_like_the_native_game PROPERTIES
    LABELS web TIMEOUT 300 SKIP_RETURN_CODE 77 RUN_SERIAL TRUE)
  # the page served by the native `upfront serve --web` joins that class (tests/web/test_class.js)
  add_test(NAME web_page_served_by_the_class_server_should_join_the_class
           COMMAND ${UPFRONT_NODE} ${CMAKE_CURRENT_SOURCE_DIR}/web/test_class.js
                   --dist ${UPFRONT_WEB_DIST} --upfront $<TARGET_FILE:upfront> --source ${PROJECT_SOURCE_DIR}
                   --out ${CMAKE_CURRENT_BINARY_DIR}/web-class)
  set_tests_properties(web_page_served_by_the_class_server_should_join_the_class PROPERTIES
    LABELS web TIMEOUT 300 SKIP_RETURN_CODE 77 RUN_SERIAL TRUE)
endif()
