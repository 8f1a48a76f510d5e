//! Command-line arguments: clap types only, converted into validated options
//! for the commands. Nothing else in the program parses arguments.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "evalsite",
    version,
    about = "Turns an evaluation project into a cross-linked, anonymity-checked report site"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiagnosticFormat {
    /// Compiler-style messages with the offending line and a caret
    Human,
    /// One JSON object per diagnostic, one per line (for CI systems)
    Json,
}

#[derive(Debug, clap::Args)]
pub struct ProjectArgs {
    /// The project folder (the one holding content/)
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Include findings whose status is draft
    #[arg(long)]
    pub drafts: bool,
    /// How problems are printed
    #[arg(long, value_enum, default_value_t = DiagnosticFormat::Human)]
    pub format: DiagnosticFormat,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into site/ (or --output), checking everything first
    Build {
        #[command(flatten)]
        project: ProjectArgs,
        /// Where the site is written (default: ROOT/site)
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Run every validation and anonymity check without writing anything
    Check {
        #[command(flatten)]
        project: ProjectArgs,
    },
    /// Preview the site with live reload while you write
    Serve {
        #[command(flatten)]
        project: ProjectArgs,
        /// The port to listen on
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on (loopback unless given explicitly)
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the preview in a web browser
        #[arg(long)]
        open: bool,
    },
    /// Write a small starter project into a new folder
    New {
        /// The folder to create (must not exist or be empty)
        dir: PathBuf,
    },
}
