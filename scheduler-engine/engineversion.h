#pragma once

#include <string_view>

namespace gpudesk::engine {

// The engine's version, the same as the project's (set by CMake at build time).
std::string_view version();

} // namespace gpudesk::engine
