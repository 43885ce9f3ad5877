#pragma once
// gpudesk-sim subcommands.
namespace gpudesk::sim {

int runCommand(int argc, char **argv);   // gpudesk-sim run FILE
int checkCommand(int argc, char **argv); // gpudesk-sim check FILE|DIR...
int benchCommand(int argc, char **argv); // gpudesk-sim bench NAME --nodes N [--seed S]

} // namespace gpudesk::sim
