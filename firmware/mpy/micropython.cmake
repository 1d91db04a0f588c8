# The `uwasm` user C module for cmake-based ports (rp2, esp32): the binding in this
# folder plus the interpreter core in ../core.
add_library(usermod_uwasm INTERFACE)

file(GLOB UWASM_BINDING_SOURCES ${CMAKE_CURRENT_LIST_DIR}/*.c)
file(GLOB UWASM_CORE_SOURCES ${CMAKE_CURRENT_LIST_DIR}/../core/*.c)

target_sources(usermod_uwasm INTERFACE
    ${UWASM_BINDING_SOURCES}
    ${UWASM_CORE_SOURCES}
)

target_include_directories(usermod_uwasm INTERFACE
    ${CMAKE_CURRENT_LIST_DIR}
    ${CMAKE_CURRENT_LIST_DIR}/../core
)

target_link_libraries(usermod INTERFACE usermod_uwasm)
