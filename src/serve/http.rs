//! The preview's HTTP side: the built site from memory, the status of the
//! latest build and the stream of reload events. Only files of the built site
//! are ever served, looked up by their normalised path; nothing is read from
//! disk. Does not build or watch.

use super::inject;
use super::paths;
use super::snapshot::Snapshot;
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::stream::{self, Stream};
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Semaphore, watch};
use tower::limit::ConcurrencyLimitLayer;

/// Requests handled at once; more wait their turn.
const MAX_REQUESTS: usize = 256;
/// Open event streams (one per visible tab); more are refused until one closes.
const MAX_EVENT_STREAMS: usize = 64;
/// How often an idle event stream sends a comment, so that nothing between
/// the tab and the server drops it as dead.
const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// How soon a tab's script should reconnect when the stream drops.
const RETRY: Duration = Duration::from_secs(1);

#[derive(Clone)]
struct Preview {
    live: watch::Receiver<Arc<Snapshot>>,
    event_streams: Arc<Semaphore>,
}

/// The preview's routes over the snapshots that `live` receives.
pub fn router(live: watch::Receiver<Arc<Snapshot>>) -> Router {
    let preview = Preview {
        live,
        event_streams: Arc::new(Semaphore::new(MAX_EVENT_STREAMS)),
    };
    Router::new()
        .route("/__evalsite/status", get(status))
        .route("/__evalsite/events", get(events))
        .fallback(site_file)
        .with_state(preview)
        .layer(ConcurrencyLimitLayer::new(MAX_REQUESTS))
}

impl Preview {
    /// The current snapshot; later swaps do not affect a request under way.
    fn now(&self) -> Arc<Snapshot> {
        self.live.borrow().clone()
    }

    /// The first snapshot with no rebuild being read by the gate: what the
    /// whole gate made of it.
    async fn checked(&self) -> Arc<Snapshot> {
        let mut live = self.live.clone();
        loop {
            let now = live.borrow_and_update().clone();
            if now.pending.is_none() || live.changed().await.is_err() {
                return now;
            }
        }
    }
}

async fn status(State(preview): State<Preview>) -> Response {
    let json = preview.now().status_json();
    respond(StatusCode::OK, "application/json", Body::from(json))
}

/// A `reload` event after each finished build, for as long as the tab stays.
async fn events(State(preview): State<Preview>) -> Response {
    let Ok(permit) = preview.event_streams.clone().try_acquire_owned() else {
        return respond(
            StatusCode::SERVICE_UNAVAILABLE,
            "text/plain; charset=utf-8",
            Body::from("too many open previews"),
        );
    };
    let mut live = preview.live.clone();
    live.mark_unchanged();
    let hello = stream::once(async { Ok(Event::default().retry(RETRY).comment("evalsite")) });
    let reloads = stream::unfold((live, permit), |(mut live, permit)| async move {
        // Builds that finish faster than the tab reads are folded into one
        // event: the receiver only ever holds the latest snapshot.
        live.changed().await.ok()?;
        let version = live.borrow_and_update().version;
        let event = Event::default().event("reload").data(version.to_string());
        Some((Ok(event), (live, permit)))
    });
    let events: std::pin::Pin<Box<dyn Stream<Item = Result<Event, Infallible>> + Send>> =
        Box::pin(futures_util::StreamExt::chain(hello, reloads));
    let mut response = Sse::new(events)
        .keep_alive(KeepAlive::new().interval(KEEP_ALIVE))
        .into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A file of the built site, or a page standing in for one.
async fn site_file(State(preview): State<Preview>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return respond(
            StatusCode::METHOD_NOT_ALLOWED,
            "text/plain; charset=utf-8",
            Body::from("the preview only answers GET"),
        );
    }
    let mut snapshot = preview.now();
    let Some(key) = paths::site_key(uri.path()) else {
        let token = snapshot
            .site
            .as_ref()
            .map_or("", |site| site.token.as_str());
        return not_found(token);
    };
    if let Some(pending) = snapshot.pending.clone()
        && let Some(bytes) = pending.site.files.get(&key)
    {
        // A rebuild's page, shown as soon as it alone passes the gate;
        // otherwise what the whole gate makes of the rebuild.
        let (early, path) = (pending.early.clone(), key.clone());
        let passes = tokio::task::spawn_blocking(move || early.passes(&path))
            .await
            .unwrap_or(false);
        if passes {
            return file(&key, bytes, &pending.site.token);
        }
        snapshot = preview.checked().await;
    }
    let token = snapshot
        .site
        .as_ref()
        .map_or("", |site| site.token.as_str());
    let Some(site) = &snapshot.site else {
        return if paths::is_page(&key) {
            let page = inject::placeholder(&snapshot.problems_text());
            respond(StatusCode::SERVICE_UNAVAILABLE, HTML, Body::from(page))
        } else {
            not_found(token)
        };
    };
    if let Some(bytes) = site.files.get(&key) {
        return file(&key, bytes, token);
    }
    if !uri.path().ends_with('/') && site.files.contains_key(&format!("{key}/index.html")) {
        let mut response = respond(StatusCode::PERMANENT_REDIRECT, HTML, Body::empty());
        if let Ok(location) = HeaderValue::from_str(&format!("{}/", uri.path())) {
            response.headers_mut().insert(header::LOCATION, location);
        }
        return response;
    }
    not_found(token)
}

fn file(key: &str, bytes: &Bytes, token: &str) -> Response {
    let kind = content_type(key);
    let body = if kind == HTML {
        Body::from(inject::inject(bytes, token))
    } else {
        Body::from(bytes.clone())
    };
    respond(StatusCode::OK, kind, body)
}

fn not_found(token: &str) -> Response {
    respond(
        StatusCode::NOT_FOUND,
        HTML,
        Body::from(inject::not_found(token)),
    )
}

/// Every response: its type, never cached (a reload must fetch the new
/// version), never sniffed as another type.
fn respond(status: StatusCode, content_type: &'static str, body: Body) -> Response {
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

const HTML: &str = "text/html; charset=utf-8";

/// The media type of a site file, by its extension.
fn content_type(key: &str) -> &'static str {
    let extension = key
        .rsplit_once('.')
        .map(|(_, extension)| extension.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => HTML,
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_follow_the_extension() {
        assert_eq!(content_type("findings/x.html"), HTML);
        assert_eq!(content_type("static/style.CSS"), "text/css; charset=utf-8");
        assert_eq!(
            content_type("static/app.js"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type("maps/a.svg"), "image/svg+xml");
        assert_eq!(content_type("img/a.png"), "image/png");
        assert_eq!(content_type("search.json"), "application/json");
        assert_eq!(content_type("LICENSE"), "application/octet-stream");
    }
}
