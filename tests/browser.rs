//! `evalsite serve` in a real browser (headless Chromium through
//! chromedriver): a saved quote appears in the open page without the test
//! navigating, a broken reference shows the overlay with its place, and the
//! fix removes it. Without Chromium the test is skipped, except on CI
//! (`CI` set), where it fails.

mod common;
use common::Project;
use fantoccini::{Client, ClientBuilder};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long the page may take to show a change before the test gives up.
const PATIENCE: Duration = Duration::from_secs(20);
const QUOTE: &str = "content/quotes/a/forum-notes.md";

/// A child process killed when dropped.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// chromedriver and, when it is at Debian's place, Chromium.
fn find_browser() -> Option<(PathBuf, Option<PathBuf>)> {
    let on_path = |name: &str| {
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|dir| dir.join(name))
                .find(|path| path.is_file())
        })
    };
    let driver = Some(PathBuf::from("/usr/bin/chromedriver"))
        .filter(|path| path.is_file())
        .or_else(|| on_path("chromedriver"))?;
    let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .map(PathBuf::from)
        .find(|path| path.is_file());
    if chromium.is_none() && on_path("chromium").is_none() && on_path("google-chrome").is_none() {
        return None;
    }
    Some((driver, chromium))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port()
}

fn start_chromedriver(driver: &PathBuf) -> (Running, String) {
    let port = free_port();
    let child = Command::new(driver)
        .arg(format!("--port={port}"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("starting chromedriver");
    let running = Running(child);
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    (running, format!("http://127.0.0.1:{port}"))
}

/// `evalsite serve --port 0` on the project; returns its address.
fn start_preview(project: &Project) -> (Running, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_evalsite"))
        .args(["serve", "--port", "0", "--root"])
        .arg(project.root())
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("starting evalsite serve");
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .expect("reading the address");
    let url = first
        .trim()
        .strip_prefix("Serving at ")
        .unwrap_or_else(|| panic!("unexpected first line {first:?}"))
        .to_string();
    (Running(child), url)
}

async fn connect(webdriver: &str, chromium: Option<PathBuf>, profile: &std::path::Path) -> Client {
    let mut options = json!({
        "args": [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
            format!("--user-data-dir={}", profile.display()),
        ]
    });
    if let Some(chromium) = chromium {
        options["binary"] = json!(chromium);
    }
    let mut capabilities = serde_json::Map::new();
    capabilities.insert("goog:chromeOptions".into(), options);
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(capabilities)
        .connect(webdriver)
        .await
        .expect("connecting to chromedriver")
}

/// Runs `script` in the page until `done` holds for its result.
async fn until(client: &Client, what: &str, script: &str, done: impl Fn(&Value) -> bool) -> Value {
    let deadline = Instant::now() + PATIENCE;
    loop {
        // A page that is reloading may not answer: try again.
        if let Ok(value) = client.execute(script, vec![]).await {
            if done(&value) {
                return value;
            }
            assert!(
                Instant::now() < deadline,
                "gave up waiting for {what}; last saw {value}"
            );
        } else {
            assert!(Instant::now() < deadline, "gave up waiting for {what}");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

const BODY_TEXT: &str = "return document.body ? document.body.innerText : '';";
const OVERLAY: &str = "var o = document.getElementById('evalsite-overlay'); \
     return o ? {role: o.getAttribute('role'), text: o.innerText, \
                 markup: o.querySelector('i, img, script') !== null} : null;";

fn contains(value: &Value, text: &str) -> bool {
    value.as_str().is_some_and(|s| s.contains(text))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_open_page_follows_saves_and_shows_problems() {
    let Some((driver, chromium)) = find_browser() else {
        if std::env::var_os("CI").is_some() {
            panic!(
                "chromedriver and Chromium are needed on CI: \
                 apt-get install chromium chromium-driver"
            );
        }
        eprintln!("note: chromedriver or Chromium not found; skipping the browser test");
        return;
    };
    let project = Project::fixture("basic");
    let (_preview, url) = start_preview(&project);
    let (_driver, webdriver) = start_chromedriver(&driver);
    let profile = tempfile::tempdir().unwrap();
    let client = connect(&webdriver, chromium, profile.path()).await;

    client
        .goto(&format!("{url}findings/co-location.html"))
        .await
        .expect("opening the finding");
    until(&client, "the finding", BODY_TEXT, |v| {
        contains(v, "two teams sat apart")
    })
    .await;

    // A save shows in the open page by itself.
    project.edit(QUOTE, "two teams sat apart", "three teams sat apart");
    until(&client, "the saved quote", BODY_TEXT, |v| {
        contains(v, "three teams sat apart")
    })
    .await;

    // A broken reference: the overlay names the place, as text.
    let line = project
        .read(QUOTE)
        .lines()
        .position(|l| l.starts_with("codes:"))
        .unwrap()
        + 1;
    project.edit(QUOTE, "codes: [co-location]", "codes: [<i>nope</i>]");
    let place = format!("{QUOTE}:{line}:");
    let overlay = until(&client, "the overlay", OVERLAY, |v| {
        v["text"].as_str().is_some_and(|t| t.contains(&place))
    })
    .await;
    assert_eq!(overlay["role"], "alert");
    assert!(
        overlay["text"].as_str().unwrap().contains("<i>nope</i>"),
        "{overlay}"
    );
    assert_eq!(
        overlay["markup"], false,
        "the problem must be shown as text"
    );
    // The last good version is still behind it.
    let body = client.execute(BODY_TEXT, vec![]).await.unwrap();
    assert!(contains(&body, "three teams sat apart"));

    // Fixed: the overlay goes and the page shows the content.
    project.edit(QUOTE, "codes: [<i>nope</i>]", "codes: [co-location]");
    until(&client, "the overlay to go", OVERLAY, Value::is_null).await;
    until(&client, "the content", BODY_TEXT, |v| {
        contains(v, "three teams sat apart")
    })
    .await;

    client.close().await.expect("closing the browser");
}

/// Each drawn map's node boxes and edge labels, as the browser laid them out.
const MAP_BOXES: &str = "return Array.from(document.querySelectorAll('svg.pathway-map')).map(function (svg) { \
       function boxes(selector) { return Array.from(svg.querySelectorAll(selector)).map(function (e) { \
         var r = e.getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; }); } \
       return {nodes: boxes('g.node > rect'), labels: boxes('.edge-label')}; });";

fn rects(value: &Value) -> Vec<[f64; 4]> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let n = |i: usize| r[i].as_f64().unwrap();
            [n(0), n(1), n(2), n(3)]
        })
        .collect()
}

/// Whether two rectangles share more than half a pixel of area in both directions.
fn overlap(a: &[f64; 4], b: &[f64; 4]) -> bool {
    let x = (a[0] + a[2]).min(b[0] + b[2]) - a[0].max(b[0]);
    let y = (a[1] + a[3]).min(b[1] + b[3]) - a[1].max(b[1]);
    x > 0.5 && y > 0.5
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn drawn_pathway_maps_have_no_overlapping_boxes_or_labels() {
    let Some((driver, chromium)) = find_browser() else {
        if std::env::var_os("CI").is_some() {
            panic!(
                "chromedriver and Chromium are needed on CI: apt-get install chromium chromium-driver"
            );
        }
        eprintln!("note: chromedriver or Chromium not found; skipping the browser test");
        return;
    };
    let project = Project::example();
    let (_preview, url) = start_preview(&project);
    let (_driver, webdriver) = start_chromedriver(&driver);
    let profile = tempfile::tempdir().unwrap();
    let client = connect(&webdriver, chromium, profile.path()).await;
    for page in [
        "pathways/a-discharge.html",
        "pathways/a-admission-avoidance.html",
        "pathways/a-end-of-life.html",
        "compare/admission-avoidance.html",
    ] {
        client
            .goto(&format!("{url}{page}"))
            .await
            .expect("opening the map");
        let maps = until(&client, "the drawn maps", MAP_BOXES, |v| {
            v.as_array().is_some_and(|maps| !maps.is_empty())
        })
        .await;
        for map in maps.as_array().unwrap() {
            let nodes = rects(&map["nodes"]);
            let labels = rects(&map["labels"]);
            assert!(nodes.len() >= 2, "{page}: {map}");
            assert!(
                nodes.iter().all(|r| r[2] > 10.0 && r[3] > 10.0),
                "{page}: boxes are drawn: {map}"
            );
            for (i, a) in nodes.iter().enumerate() {
                for b in &nodes[i + 1..] {
                    assert!(!overlap(a, b), "{page}: boxes {a:?} and {b:?} overlap");
                }
                for label in &labels {
                    assert!(
                        !overlap(a, label),
                        "{page}: label {label:?} overlaps box {a:?}"
                    );
                }
            }
            for (i, a) in labels.iter().enumerate() {
                for b in &labels[i + 1..] {
                    assert!(!overlap(a, b), "{page}: labels {a:?} and {b:?} overlap");
                }
            }
        }
    }
    client.close().await.expect("closing the browser");
}
