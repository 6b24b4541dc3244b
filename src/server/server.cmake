# The live class server (src/server: libmicrohttpd for HTTP, SQLite for storage) linked
# into `upfront serve`, and its client (src/server/client.c: libcurl) for `upfront play
# --server` and the Join-a-class screen. Why these: all three are Debian packages, C
# libraries with stable APIs, and none needs a runtime or a service of its own:
# libmicrohttpd is the usual embeddable HTTP server in C (its own thread pool, connection
# limits and timeouts as daemon options); SQLite gives atomic, durable commits in one file
# with WAL; libcurl is the usual HTTP client. A build without them still works: serve
# says how to get it, and play has no --server.
#
# UPFRONT_BUILD_SERVER: AUTO (default: when the libraries are found), ON (required) or OFF.
set(UPFRONT_BUILD_SERVER AUTO CACHE STRING "Build the class server and its client: AUTO, ON or OFF")
set(UPFRONT_HAVE_SERVER OFF)
set(UPFRONT_HAVE_CLIENT OFF)
if(NOT UPFRONT_BUILD_SERVER STREQUAL "AUTO" AND NOT UPFRONT_BUILD_SERVER)
  message(STATUS "upfront: the class server is off (UPFRONT_BUILD_SERVER=OFF)")
else()
  find_package(PkgConfig QUIET)
  if(PKG_CONFIG_FOUND)
    pkg_check_modules(UPFRONT_MHD QUIET IMPORTED_TARGET libmicrohttpd)
    pkg_check_modules(UPFRONT_SQLITE QUIET IMPORTED_TARGET sqlite3)
    pkg_check_modules(UPFRONT_CURL QUIET IMPORTED_TARGET libcurl)
  endif()
  if(UPFRONT_MHD_FOUND AND UPFRONT_SQLITE_FOUND)
    set(UPFRONT_HAVE_SERVER ON)
  endif()
  if(UPFRONT_CURL_FOUND)
    set(UPFRONT_HAVE_CLIENT ON)
  endif()
  if(NOT UPFRONT_HAVE_SERVER OR NOT UPFRONT_HAVE_CLIENT)
    set(why "install libmicrohttpd-dev, libsqlite3-dev and libcurl4-openssl-dev")
    if(UPFRONT_BUILD_SERVER STREQUAL "AUTO")
      message(STATUS "upfront: no class server or client: ${why}")
    else()
      message(FATAL_ERROR "upfront: UPFRONT_BUILD_SERVER=ON needs libmicrohttpd, sqlite3 and libcurl: ${why}")
    endif()
  endif()
endif()

set(UPFRONT_SERVER_DIR ${PROJECT_SOURCE_DIR}/src/server)
# the Debian package's runtime dependencies when dpkg-shlibdeps is not there to find them
set(UPFRONT_SERVER_DEBIAN_DEPENDS "")
if(UPFRONT_HAVE_SERVER)
  set(UPFRONT_SERVER_DEBIAN_DEPENDS "libmicrohttpd12, libsqlite3-0")
endif()
if(UPFRONT_HAVE_CLIENT AND UPFRONT_SERVER_DEBIAN_DEPENDS)
  string(APPEND UPFRONT_SERVER_DEBIAN_DEPENDS ", libcurl4")
elseif(UPFRONT_HAVE_CLIENT)
  set(UPFRONT_SERVER_DEBIAN_DEPENDS "libcurl4")
endif()
if(UPFRONT_HAVE_SERVER)
  set(UPFRONT_SERVER_ASSETS ${CMAKE_CURRENT_BINARY_DIR}/server_assets.c)
  add_custom_command(OUTPUT ${UPFRONT_SERVER_ASSETS}
    COMMAND ${CMAKE_COMMAND} -DOUT=${UPFRONT_SERVER_ASSETS}
            "-DINPUTS=${UPFRONT_SERVER_DIR}/dashboard.html;${UPFRONT_SERVER_DIR}/dashboard.js"
            "-DNAMES=server_dashboard_html;server_dashboard_js"
            -P ${UPFRONT_SERVER_DIR}/embed.cmake
    DEPENDS ${UPFRONT_SERVER_DIR}/dashboard.html ${UPFRONT_SERVER_DIR}/dashboard.js
            ${UPFRONT_SERVER_DIR}/embed.cmake
    VERBATIM)
  set(UPFRONT_SERVER_SOURCES ${UPFRONT_SERVER_DIR}/server.c ${UPFRONT_SERVER_DIR}/store_sqlite.c
      ${UPFRONT_SERVER_DIR}/http.c ${UPFRONT_SERVER_DIR}/srv_platform.c)
  add_library(upfront_server_assets STATIC ${UPFRONT_SERVER_ASSETS})
  add_library(upfront_server STATIC ${UPFRONT_SERVER_SOURCES})
  target_include_directories(upfront_server PUBLIC ${UPFRONT_SERVER_DIR})
  set_source_files_properties(${UPFRONT_SERVER_SOURCES} PROPERTIES COMPILE_OPTIONS "${UPFRONT_WARNINGS}")
  target_link_libraries(upfront_server PUBLIC upfront_core upfront_server_assets PkgConfig::UPFRONT_MHD
                        PkgConfig::UPFRONT_SQLITE Threads::Threads)
  target_link_libraries(upfront PRIVATE upfront_server)
  target_compile_definitions(upfront PRIVATE UPFRONT_HAVE_SERVER=1)
endif()

# The client: linked into the window (upfront play --server, the Join-a-class screen).
if(UPFRONT_HAVE_CLIENT)
  add_library(upfront_client STATIC ${UPFRONT_SERVER_DIR}/client.c ${UPFRONT_SERVER_DIR}/progress.c)
  target_include_directories(upfront_client PUBLIC ${UPFRONT_SERVER_DIR})
  target_compile_options(upfront_client PRIVATE ${UPFRONT_WARNINGS})
  target_link_libraries(upfront_client PUBLIC upfront_core PkgConfig::UPFRONT_CURL Threads::Threads)
  if(TARGET upfront_ui)
    target_link_libraries(upfront_ui PUBLIC upfront_client)
    target_compile_definitions(upfront_ui PUBLIC UPFRONT_HAVE_CLIENT=1)
  endif()
  target_link_libraries(upfront PRIVATE upfront_client)
  target_compile_definitions(upfront PRIVATE UPFRONT_HAVE_CLIENT=1)
endif()
