# The browser build (scripts/build-web.sh runs CMake with Emscripten's toolchain): the same
# core and front end (upfront_core, upfront_ui) with src/web/main.c in place of the command
# line. Included twice from CMakeLists.txt: once for the libraries (UPFRONT_WEB_PART deps),
# once for the program (program). The libraries are static wasm builds found through
# CMAKE_PREFIX_PATH / CMAKE_FIND_ROOT_PATH.

if(UPFRONT_WEB_PART STREQUAL "deps")
  find_package(SDL2 REQUIRED CONFIG)
  find_package(SDL2_ttf REQUIRED CONFIG) # static only: SDL2_ttf::SDL2_ttf-static (+ FreeType)
  if(TARGET SDL2_ttf::SDL2_ttf)
    set(UPFRONT_SDL2_TTF SDL2_ttf::SDL2_ttf)
  else()
    set(UPFRONT_SDL2_TTF SDL2_ttf::SDL2_ttf-static)
  endif()
  find_path(UPFRONT_PIXMAN_INCLUDE pixman.h PATH_SUFFIXES pixman-1)
  find_library(UPFRONT_PIXMAN_LIBRARY pixman-1)
  if(NOT UPFRONT_PIXMAN_INCLUDE OR NOT UPFRONT_PIXMAN_LIBRARY)
    message(FATAL_ERROR "upfront: no wasm build of pixman in CMAKE_PREFIX_PATH (scripts/build-web.sh makes one)")
  endif()
  # the name the front end links, as pkg-config gives it natively
  add_library(PkgConfig::UPFRONT_PIXMAN INTERFACE IMPORTED)
  set_target_properties(PkgConfig::UPFRONT_PIXMAN PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES ${UPFRONT_PIXMAN_INCLUDE}
    INTERFACE_LINK_LIBRARIES ${UPFRONT_PIXMAN_LIBRARY})
  return()
endif()

# --- the program: upfront.js, upfront.wasm and upfront.data (the fonts and the shipped
# scenarios, preloaded into /upfront), and index.html beside them, in UPFRONT_WEB_DIST ---
set(UPFRONT_WEB_DIST ${PROJECT_BINARY_DIR}/dist CACHE PATH "Where the browser version is put together")
set(UPFRONT_WEB_DIR ${PROJECT_SOURCE_DIR}/src/web)
# progress.c: the live class's progress report, the same text the native client sends
add_executable(upfront_web ${UPFRONT_WEB_DIR}/main.c ${PROJECT_SOURCE_DIR}/src/server/progress.c)
target_include_directories(upfront_web PRIVATE ${PROJECT_SOURCE_DIR}/src/server)
set_target_properties(upfront_web PROPERTIES OUTPUT_NAME upfront SUFFIX .js
                      RUNTIME_OUTPUT_DIRECTORY ${UPFRONT_WEB_DIST})
target_compile_options(upfront_web PRIVATE ${UPFRONT_WARNINGS})
target_link_libraries(upfront_web PRIVATE upfront_ui)
file(GLOB UPFRONT_WEB_SCENARIOS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/scenarios/*.json)
file(GLOB UPFRONT_WEB_FONTS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/assets/fonts/*)
target_link_options(upfront_web PRIVATE
  # the game grows its memory as a big scenario needs; a page, never node or a worker
  "SHELL:-s ALLOW_MEMORY_GROWTH=1" "SHELL:-s ENVIRONMENT=web"
  # SDL's accelerated renderer draws through WebGL; IDBFS keeps the per-user folder
  -lGL -lidbfs.js
  "SHELL:-s EXPORTED_FUNCTIONS=[_main,_malloc,_free,_upfront_web_dropped,_upfront_web_toast,_upfront_web_outbox_changed]"
  "SHELL:-s EXPORTED_RUNTIME_METHODS=[FS,UTF8ToString,stringToUTF8,lengthBytesUTF8,addRunDependency,removeRunDependency]"
  "SHELL:--pre-js ${UPFRONT_WEB_DIR}/pre.js" "SHELL:--pre-js ${UPFRONT_WEB_DIR}/class.js"
  "SHELL:--preload-file ${PROJECT_SOURCE_DIR}/assets@/upfront/assets"
  "SHELL:--preload-file ${PROJECT_SOURCE_DIR}/scenarios@/upfront/scenarios"
  "SHELL:--exclude-file ${PROJECT_SOURCE_DIR}/scenarios/scenario.schema.json")
# Debian's emscripten runs its JavaScript optimiser with node and finds its modules (acorn)
# in /usr/share/nodejs, where only Debian's own nodejs looks by itself
if(EXISTS /usr/share/nodejs/acorn AND NOT CMAKE_VERSION VERSION_LESS 3.21)
  set_target_properties(upfront_web PROPERTIES
    C_LINKER_LAUNCHER "${CMAKE_COMMAND};-E;env;NODE_PATH=/usr/share/nodejs")
endif()
set_property(TARGET upfront_web APPEND PROPERTY LINK_DEPENDS ${UPFRONT_WEB_DIR}/pre.js ${UPFRONT_WEB_DIR}/class.js
             ${UPFRONT_WEB_SCENARIOS} ${UPFRONT_WEB_FONTS})
add_custom_command(OUTPUT ${UPFRONT_WEB_DIST}/index.html
                   COMMAND ${CMAKE_COMMAND} -E copy ${UPFRONT_WEB_DIR}/index.html ${UPFRONT_WEB_DIST}/index.html
                   DEPENDS ${UPFRONT_WEB_DIR}/index.html VERBATIM)
add_custom_target(upfront_web_dist ALL DEPENDS upfront_web ${UPFRONT_WEB_DIST}/index.html)
