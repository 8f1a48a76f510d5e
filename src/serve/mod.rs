//! `evalsite serve`: a live preview. The site is built in memory by the same
//! pipeline as `evalsite build` (never touching site/), served over HTTP, and
//! rebuilt whenever the researcher saves; open pages reload once the new
//! version is being served, and show the problems of a failed rebuild.
//!
//! - [`watch`]: which folders are watched, which changes count;
//! - [`rebuild`]: one build as one call, and the loop that runs it per change;
//! - [`snapshot`]: the served site and latest status, swapped as one value;
//! - [`http`]: the routes (site files, status, reload events);
//! - [`guard`]: timeouts, the connection cap and the `Host` check;
//! - [`paths`]: request paths to site keys, refusing traversal;
//! - [`inject`]: the live-reload script and the preview's own pages.

pub mod guard;
pub mod http;
pub mod inject;
pub mod paths;
pub mod rebuild;
pub mod snapshot;
pub mod watch;

use crate::diag::Format;
use crate::pipeline::Options;
use anyhow::Context;
use snapshot::Publisher;
use std::io::Write;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

/// What `evalsite serve` was asked to do, already validated.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The pipeline's options (root, drafts, timings).
    pub pipeline: Options,
    /// Where to listen; port 0 picks a free port.
    pub address: SocketAddr,
    /// How long a connection may stay idle ([`guard::IDLE_TIMEOUT`] unless
    /// a test asks for less).
    pub idle_timeout: Duration,
    /// Open the preview in the default browser.
    pub open: bool,
    /// How problems are printed in the terminal.
    pub format: Format,
}

/// Runs the preview until interrupted (Ctrl-C). `Err` for failures that stop
/// it from starting, such as a port already in use.
pub fn run(settings: Settings) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the preview server")?;
    let result = runtime.block_on(serve(settings));
    // A build under way is not waited for longer than this.
    runtime.shutdown_timeout(Duration::from_secs(2));
    result
}

async fn serve(settings: Settings) -> anyhow::Result<()> {
    // The project is read where the watcher says things change: macOS's
    // watcher reports real paths (`/private/var/…` for `/var/…`, absolute
    // for `.`), and a rebuild reads again only the paths it reports.
    let root = settings
        .pipeline
        .root
        .canonicalize()
        .unwrap_or_else(|_| settings.pipeline.root.clone());
    let options = Arc::new(Options {
        root,
        ..settings.pipeline.clone()
    });
    let listener = tokio::net::TcpListener::bind(settings.address)
        .await
        .with_context(|| bind_failure(settings.address))?;
    let address = listener
        .local_addr()
        .context("reading the server's address")?;
    // Requests made before the first build is done wait for it.
    let url = announce(address);
    let hosts = guard::Hosts { address };
    let idle = settings.idle_timeout;
    let changes = Arc::new(rebuild::Changes::default());
    let reported = changes.clone();
    // Watching starts before the first build, so a save during it is not lost.
    let list = options.identifiers.as_deref();
    watch::start(&options.root, list, move |changed| reported.report(changed))?;
    // A first build that cannot even read the project stops the preview.
    let memo = rebuild::SharedMemo::default();
    let first =
        rebuild::build_in_background(options.clone(), memo.clone(), None, settings.format, None)
            .await?;
    let (publisher, live) = Publisher::start(first);
    crate::say!("Watching for changes. Press Ctrl-C to stop.");
    if settings.open {
        open_browser(&url);
    }
    tokio::spawn(rebuild::keep_building(
        changes,
        Arc::new(publisher),
        options,
        memo,
        settings.format,
    ));
    tokio::select! {
        served = guard::serve(listener, guard::guarded(http::router(live), hosts), idle) => {
            served.context("serving the preview")
        }
        _ = tokio::signal::ctrl_c() => {
            crate::say!("Preview stopped.");
            Ok(())
        }
    }
}

fn bind_failure(address: SocketAddr) -> String {
    format!(
        "cannot listen on {address} (is another preview already running? \
         choose another port with --port, or --port 0 for any free one)"
    )
}

/// Prints the address as the first line on standard output, flushed at
/// once so that tools can read it, and returns the address to browse.
fn announce(address: SocketAddr) -> String {
    let mut stdout = std::io::stdout();
    let _ = writeln!(stdout, "Serving at http://{address}/");
    let _ = stdout.flush();
    if !address.ip().is_loopback() {
        crate::say!(
            "warning: the preview is open to the network at {address}: anyone who can reach \
             this computer can read it, including drafts and the problems it reports."
        );
    }
    if address.ip().is_unspecified() {
        format!("http://localhost:{}/", address.port())
    } else {
        format!("http://{address}/")
    }
}

/// Opening a browser is a convenience: failing to is only a warning.
fn open_browser(url: &str) {
    if let Err(error) = opener::open_browser(url) {
        crate::say!("warning: could not open a browser ({error}); open {url} yourself.");
    }
}
