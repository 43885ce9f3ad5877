#pragma once
// What every `gpudesk-sim bench` line measures: wall time, peak memory, two-decimal figures.
#include <chrono>
#include <fstream>
#include <string>

namespace gpudesk::sim {

// Peak resident set size of this process (VmHWM), in MB; 0 where /proc is not there.
inline double peakRssMb()
{
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("VmHWM:", 0) == 0)
            return std::stod(line.substr(6)) / 1024.0;
    }
    return 0;
}

inline double msSince(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

inline double round2(double v)
{
    return double(static_cast<long long>(v * 100 + 0.5)) / 100;
}

} // namespace gpudesk::sim
