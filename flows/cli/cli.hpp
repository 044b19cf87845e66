// The `axomesh` command line: subcommands, each with --help. main() only calls this.
// Every command exits with one scheme (README, docs/flows.md), set where run_cli turns
// exceptions into exit codes: 0 success; 1 the inputs were usable but a check found a
// difference or a tool a defect (CheckFailed, a cosim mismatch); 2 bad input or a refused
// request (model::InputError, a bad option: a located message with its ID); 3 an internal
// or I/O error (any other exception: an output that cannot be written, a tool that cannot
// be started).
#pragma once


namespace axomesh::flows {

constexpr int kExitSuccess = 0;
constexpr int kExitCheckFailed = 1;
constexpr int kExitBadInput = 2;
constexpr int kExitInternal = 3;
constexpr const char* kExitCodes =
    "exit codes: 0 success; 1 a check found a difference or a tool a defect (cosim mismatch, lint warnings, "
    "synthesis check); 2 bad input or a refused request (the message names the file, the place and an ID); 3 an "
    "internal or I/O error.";

int run_cli(int argc, char** argv);

// Subcommands (argv[0] is the subcommand's name).
int simulate_command(int argc, char** argv);
int demo_command(int argc, char** argv);
int validate_command(int argc, char** argv);
int map_command(int argc, char** argv);
int report_command(int argc, char** argv);
int import_command(int argc, char** argv);
int sanafe_command(int argc, char** argv);
int rtl_command(int argc, char** argv);
int cosim_command(int argc, char** argv);
int encode_command(int argc, char** argv);
int flow_command(int argc, char** argv);
int wta_command(int argc, char** argv);

}  // namespace axomesh::flows
