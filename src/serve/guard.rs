//! What keeps the preview to the researcher's own browser and keeps it
//! answering: each connection read with a time limit on its request head and
//! on idleness between requests, a cap on connections open at once, and only
//! requests naming the preview by a loopback name (or the address it was
//! bound to) in their `Host` header, so that a web page cannot read the
//! preview through a name of its own that resolves to this computer (DNS
//! rebinding). Limits are listed in docs/limits.md.

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

/// Connections open at once; past it, new ones wait to be accepted until one
/// closes (idle ones close after [`IDLE_TIMEOUT`]).
pub const MAX_CONNECTIONS: usize = 512;
/// How long a connection may take to send a request's head, and stay idle
/// between requests, before it is closed (tests set a shorter one through
/// `EVALSITE_SERVE_IDLE_TIMEOUT_MS`, read by `main`).
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(10);
/// The names a request may give the preview by.
#[derive(Debug, Clone)]
pub struct Hosts {
    /// The address listened on.
    pub address: SocketAddr,
}

impl Hosts {
    /// Whether a `Host` header value names this preview: `localhost`, a
    /// loopback address, or the address bound to (any address when bound
    /// to all of them: only names can be rebound), with this port or none.
    pub fn allows(&self, host: &str) -> bool {
        let (name, port) = match host.rsplit_once(':') {
            Some((name, port)) if !port.contains(']') => (name, Some(port)),
            _ => (host, None),
        };
        if port.is_some_and(|p| p.parse::<u16>().ok() != Some(self.address.port())) {
            return false;
        }
        if name.eq_ignore_ascii_case("localhost") {
            return true;
        }
        let literal = name
            .strip_prefix('[')
            .and_then(|n| n.strip_suffix(']'))
            .unwrap_or(name);
        match literal.parse::<IpAddr>() {
            Ok(ip) => {
                ip.is_loopback() || ip == self.address.ip() || self.address.ip().is_unspecified()
            }
            Err(_) => false,
        }
    }
}

/// Refuses a request whose `Host` does not name the preview.
async fn check_host(State(hosts): State<Arc<Hosts>>, request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if hosts.allows(host) {
        return next.run(request).await;
    }
    let message = format!(
        "This preview answers only at http://localhost:{}/ (the request named `{}`).\n",
        hosts.address.port(),
        host.escape_default()
    );
    (
        StatusCode::MISDIRECTED_REQUEST,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        Body::from(message),
    )
        .into_response()
}

/// `router` behind the `Host` check.
pub fn guarded(router: Router, hosts: Hosts) -> Router {
    router.layer(axum::middleware::from_fn_with_state(
        Arc::new(hosts),
        check_host,
    ))
}

/// Accepts connections for ever, each served on its own task.
pub async fn serve(listener: TcpListener, router: Router, idle: Duration) -> std::io::Result<()> {
    let open = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        // At the cap, wait for a connection to close before accepting.
        let Ok(permit) = open.clone().acquire_owned().await else {
            return Ok(());
        };
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of file descriptors and the like: try again shortly.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let service = TowerToHyperService::new(router.clone());
        tokio::spawn(async move {
            let _permit = permit;
            // The head timeout also runs while a kept-alive connection waits
            // for its next request; a response under way (an event stream)
            // is not limited by it.
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(idle)
                .serve_connection(TokioIo::new(stream), service);
            let _ = connection.await;
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosts(address: &str) -> Hosts {
        Hosts {
            address: address.parse().unwrap(),
        }
    }

    #[test]
    fn loopback_names_with_the_port_are_allowed() {
        let h = hosts("127.0.0.1:1111");
        for host in [
            "localhost:1111",
            "LOCALHOST",
            "127.0.0.1:1111",
            "[::1]:1111",
            "[::1]",
        ] {
            assert!(h.allows(host), "{host}");
        }
    }

    #[test]
    fn other_names_and_ports_are_refused() {
        // Regression (#19.6): any Host was accepted, so a web page could read
        // the preview through DNS rebinding.
        let h = hosts("127.0.0.1:1111");
        for host in [
            "evil.example:1111",
            "localhost:2222",
            "192.168.1.5:1111",
            "localhost.evil.example",
            "",
            "[::1",
        ] {
            assert!(!h.allows(host), "{host}");
        }
    }

    #[test]
    fn the_bound_address_is_allowed() {
        let h = hosts("192.168.1.5:1111");
        assert!(h.allows("192.168.1.5:1111"));
        assert!(!h.allows("192.168.1.6:1111"));
        assert!(!h.allows("laptop.local:1111"));
        let all = hosts("0.0.0.0:1111");
        assert!(all.allows("10.0.0.2:1111"));
        assert!(!all.allows("laptop.local:1111"));
    }
}
