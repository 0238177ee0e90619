#include "common/interrupt.hpp"

#include <csignal>

namespace adasolve::app {

namespace {

volatile std::sig_atomic_t received_signal = 0;

extern "C" void on_interrupt(int signal_number) { received_signal = signal_number; }

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
