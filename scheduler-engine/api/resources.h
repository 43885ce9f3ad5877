#pragma once
// A vector of the three quota resources. GPUs in devices (fractions allowed), CPU in millicores,
// memory in bytes. For quota fields -1 means "unlimited" (see scheduling.md §1.1).
#include <algorithm>

namespace gpudesk::engine {

enum class ResourceKind { Gpu = 0, Cpu = 1, Memory = 2 };
inline constexpr int kResourceCount = 3;

struct Resources
{
    double gpu = 0;
    double cpu = 0;
    double memory = 0;

    double &operator[](int i) { return i == 0 ? gpu : (i == 1 ? cpu : memory); }
    double operator[](int i) const { return i == 0 ? gpu : (i == 1 ? cpu : memory); }

    Resources &operator+=(const Resources &o)
    {
        gpu += o.gpu;
        cpu += o.cpu;
        memory += o.memory;
        return *this;
    }
    Resources &operator-=(const Resources &o)
    {
        gpu -= o.gpu;
        cpu -= o.cpu;
        memory -= o.memory;
        return *this;
    }
    friend Resources operator+(Resources a, const Resources &b) { return a += b; }
    friend Resources operator-(Resources a, const Resources &b) { return a -= b; }
    bool isZero() const { return gpu == 0 && cpu == 0 && memory == 0; }
};

inline constexpr double kEpsilon = 1e-9;

// a <= b where b == -1 means unlimited.
inline bool lessEqualOrUnlimited(double a, double b)
{
    return b < 0 || a <= b + kEpsilon;
}

// Every resource of a is <= the matching one of b (-1 in b is +infinity).
inline bool allLessEqual(const Resources &a, const Resources &b)
{
    for (int i = 0; i < kResourceCount; ++i) {
        if (!lessEqualOrUnlimited(a[i], b[i]))
            return false;
    }
    return true;
}

} // namespace gpudesk::engine
