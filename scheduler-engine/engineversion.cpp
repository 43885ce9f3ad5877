#include "engineversion.h"

namespace gpudesk::engine {

std::string_view version()
{
    return GPUDESK_ENGINE_VERSION;
}

} // namespace gpudesk::engine
