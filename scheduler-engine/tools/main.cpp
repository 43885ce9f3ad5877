// gpudesk-sim: command-line front end of the scheduling engine.
#include "commands.h"
#include "engineversion.h"

#include <iostream>
#include <string_view>

namespace {

int usage(std::ostream &out, int status)
{
    out << "usage: gpudesk-sim run FILE\n"
           "       gpudesk-sim check FILE|DIR...\n"
           "       gpudesk-sim bench NAME --nodes N [--seed S] [--result FILE] [--settle ROUNDS]\n"
           "                         [--victim-budget UNITS]\n"
           "         NAME: allocate, reclaim-large, full-cycle, large, whatif\n"
           "       gpudesk-sim --version | --help\n";
    return status;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage(std::cerr, 2);
    const std::string_view command = argv[1];
    if (command == "--version") {
        std::cout << "gpudesk-sim " << gpudesk::engine::version() << '\n';
        return 0;
    }
    if (command == "--help" || command == "-h")
        return usage(std::cout, 0);
    if (command == "run")
        return gpudesk::sim::runCommand(argc, argv);
    if (command == "check")
        return gpudesk::sim::checkCommand(argc, argv);
    if (command == "bench")
        return gpudesk::sim::benchCommand(argc, argv);
    std::cerr << "gpudesk-sim: unknown command '" << command << "'\n";
    return usage(std::cerr, 2);
}
