#include "commands.h"
#include "fileutil.h"

#include "engine.h"

#include <iostream>

namespace gpudesk::sim {

int runCommand(int argc, char **argv)
{
    if (argc != 3) {
        std::cerr << "usage: gpudesk-sim run FILE\n";
        return 2;
    }
    const std::string file = argv[2];
    const auto text = readFile(file);
    if (!text) {
        std::cerr << file << ": cannot be read\n";
        return 2;
    }
    auto result = engine::runScenarioJson(*text);
    if (!result) {
        // Errors name "scenario"; say which file instead.
        std::string message = result.error();
        const std::string prefix = "scenario: ";
        if (message.rfind(prefix, 0) == 0)
            message = file + ": " + message.substr(prefix.size());
        std::cerr << message << '\n';
        return 2;
    }
    std::cout << result.value() << '\n';
    return 0;
}

} // namespace gpudesk::sim
