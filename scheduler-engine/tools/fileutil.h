#pragma once
// Reading scenario files for gpudesk-sim.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace gpudesk::sim {

inline std::optional<std::string> readFile(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return std::nullopt;
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Files named on the command line, and every *.json below named directories (sorted).
inline std::vector<std::filesystem::path> collectScenarioFiles(const std::vector<std::string> &args,
                                                               std::string &error)
{
    namespace fs = std::filesystem;
    std::vector<fs::path> out;
    for (const auto &arg : args) {
        std::error_code ec;
        if (fs::is_directory(arg, ec)) {
            std::vector<fs::path> found;
            for (auto it = fs::recursive_directory_iterator(arg, ec);
                 !ec && it != fs::recursive_directory_iterator();
                 it.increment(ec)) {
                if (it->is_regular_file() && it->path().extension() == ".json")
                    found.push_back(it->path());
            }
            std::sort(found.begin(), found.end());
            out.insert(out.end(), found.begin(), found.end());
        } else if (fs::is_regular_file(arg, ec)) {
            out.emplace_back(arg);
        } else {
            error = arg + ": no such file or directory";
            return {};
        }
    }
    return out;
}

} // namespace gpudesk::sim
