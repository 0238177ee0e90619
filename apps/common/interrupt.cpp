#include "common/interrupt.hpp"

#include <unistd.h>

#include <csignal>

namespace adasolve::app {

namespace {

volatile std::sig_atomic_t received_signal = 0;

// The first signal asks the running loop to stop after its unit of work (an instance, an outer iteration),
// with its checkpoint written. A second one stops at once: a unit that does not end (a factorisation that
// runs for hours, a vendor routine that hangs) must not make the job unkillable but by SIGKILL. The last
// checkpoint written stays valid, so --resume loses at most the unit in progress.
extern "C" void on_interrupt(int signal_number) {
  if (received_signal != 0) {
    _exit(128 + signal_number);
  }
  received_signal = signal_number;
}

}  // namespace

void install_interrupt_handlers() {
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;
  sigaction(SIGTERM, &action, nullptr);
  sigaction(SIGINT, &action, nullptr);
}

bool interrupt_requested() { return received_signal != 0; }
int interrupt_signal() { return received_signal; }
int interrupt_exit_code() { return 128 + received_signal; }

}  // namespace adasolve::app
