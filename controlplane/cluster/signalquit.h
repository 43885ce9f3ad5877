#pragma once

// SIGINT/SIGTERM → QCoreApplication::quit(), through a self-pipe so that the handler stays
// async-signal-safe and the event loop shuts down normally (state is saved, children stopped).
namespace gpudesk::cluster {

void quitOnTerminationSignals();

} // namespace gpudesk::cluster
