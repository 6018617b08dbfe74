//! The `syncwise` binary.

fn main() -> std::process::ExitCode {
    syncwise::cli::main()
}
