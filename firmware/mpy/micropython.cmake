# The `uwasm` user C module for cmake-based ports (rp2, esp32).
add_library(usermod_uwasm INTERFACE)

target_sources(usermod_uwasm INTERFACE
    ${CMAKE_CURRENT_LIST_DIR}/moduwasm.c
)

target_include_directories(usermod_uwasm INTERFACE
    ${CMAKE_CURRENT_LIST_DIR}
)

target_link_libraries(usermod INTERFACE usermod_uwasm)
