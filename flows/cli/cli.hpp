// The `axomesh` command line: subcommands, each with --help. main() only calls this.
// Exit codes: 0 success, 2 bad input (a file, an option), 1 any other failure.
#pragma once


namespace axomesh::flows {

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
