// The SystemC co-simulation test executable's entry point. libsystemc provides its own
// main() that calls sc_main(); this executable's main runs Catch2 instead, and the tests
// elaborate the one SystemC harness themselves, so sc_main only satisfies the library.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <cstdlib>

#include <systemc>  // declares sc_main with the library's (C) linkage

int sc_main(int, char*[]) { return 0; }

int main(int argc, char* argv[]) {
  setenv("SYSC_DISABLE_COPYRIGHT_MESSAGE", "1", 0);  // keep the test log to the tests
  return Catch::Session().run(argc, argv);
}
