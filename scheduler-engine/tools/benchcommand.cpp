#include "commands.h"

#include <iostream>

namespace gpudesk::sim {

int benchCommand(int, char **)
{
    std::cerr << "gpudesk-sim bench: not implemented yet\n";
    return 2;
}

} // namespace gpudesk::sim
