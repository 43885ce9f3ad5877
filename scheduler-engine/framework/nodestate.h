#pragma once
// A node's changing state during a session: idle / releasing resources and shared GPU devices,
// following KAI's node_info accounting (scheduling.md §1.5, §13):
// Releasing tasks move their resources from idle to releasing, Pipelined tasks consume releasing
// resources, every other active task consumes idle resources.
#include <string>
#include <vector>

namespace gpudesk::engine {

struct SharedDevice
{
    std::string id;
    double allocatedMib = 0; // tasks neither releasing nor pipelined
    double releasingMib = 0;
    double pipelinedMib = 0;
    int allocatedTasks = 0;
    int releasingTasks = 0;
    int pipelinedTasks = 0;

    int taskCount() const { return allocatedTasks + releasingTasks + pipelinedTasks; }
    double usedMib() const { return allocatedMib + releasingMib + pipelinedMib; }
};

struct NodeState
{
    double wholeAllocated = 0; // whole-GPU tasks that are neither releasing nor pipelined
    double wholeReleasing = 0;
    double wholePipelined = 0;
    double cpuIdle = 0, cpuReleasing = 0;
    double memIdle = 0, memReleasing = 0;
    int tasks = 0;
    std::vector<SharedDevice> devices;
    // Derived device classification, refreshed by refreshDevices().
    int devicesUsed = 0;
    int devicesReleasing = 0;
    int devicesPipelinedOnly = 0;
    int devicesNonEmpty = 0;
    int nextDeviceSerial = 0;

    double idleGpus(int gpus) const
    {
        return gpus - wholeAllocated - wholeReleasing - devicesUsed - devicesReleasing;
    }
    double releasingGpus() const
    {
        return wholeReleasing - wholePipelined + devicesReleasing - devicesPipelinedOnly;
    }
    // Free GPUs counting resources that are being released (binpack / spread amount).
    double futureGpus(int gpus) const { return idleGpus(gpus) + releasingGpus(); }
    double futureCpu() const { return cpuIdle + cpuReleasing; }
    int pods() const { return tasks + devicesNonEmpty; } // + one reservation pod per shared GPU

    void refreshDevices()
    {
        devicesUsed = devicesReleasing = devicesPipelinedOnly = devicesNonEmpty = 0;
        for (const auto &d : devices) {
            if (d.taskCount() == 0)
                continue;
            ++devicesNonEmpty;
            if (d.allocatedTasks > 0)
                ++devicesUsed;
            else if (d.releasingTasks > 0)
                ++devicesReleasing;
            else
                ++devicesPipelinedOnly;
        }
    }

    int findDevice(const std::string &id) const
    {
        for (std::size_t i = 0; i < devices.size(); ++i) {
            if (devices[i].id == id)
                return int(i);
        }
        return -1;
    }
};

} // namespace gpudesk::engine
