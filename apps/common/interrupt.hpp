#pragma once
// SIGTERM / SIGINT as a request to stop cleanly: the handler only sets a flag; long loops poll
// interrupt_requested() between units of work, flush what they have and exit with interrupt_exit_code()
// (128 + signal number, the shell's convention: 143 for SIGTERM, 130 for SIGINT). A second signal exits at
// once with the same code (the checkpoint of the last finished unit stays).
namespace adasolve::app {

/// Installs the handlers (idempotent).
void install_interrupt_handlers();
bool interrupt_requested();
/// The signal received (0 if none).
int interrupt_signal();
int interrupt_exit_code();

}  // namespace adasolve::app
