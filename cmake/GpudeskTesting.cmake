# gpudesk_add_test(NAME <name> SOURCES <files...> LIBRARIES <targets...> [LABELS <labels...>]
#                  [TIMEOUT <seconds>])
#
# One executable per unit under test, registered with CTest. Tests run from the test's build folder
# with the environment that scripts/test prepares (Xvfb display, D-Bus session, unlocked keyring).
function(gpudesk_add_test)
    cmake_parse_arguments(ARG "" "NAME;TIMEOUT" "SOURCES;LIBRARIES;LABELS" ${ARGN})
    add_executable(${ARG_NAME} ${ARG_SOURCES})
    target_link_libraries(${ARG_NAME} PRIVATE ${ARG_LIBRARIES})
    add_test(NAME ${ARG_NAME} COMMAND ${ARG_NAME})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 300)
    endif()
    set_tests_properties(${ARG_NAME} PROPERTIES TIMEOUT ${ARG_TIMEOUT} LABELS "${ARG_LABELS}"
        ENVIRONMENT "GPUDESK_BUILD_DIR=${CMAKE_BINARY_DIR};GPUDESK_SOURCE_DIR=${CMAKE_SOURCE_DIR}")
endfunction()
