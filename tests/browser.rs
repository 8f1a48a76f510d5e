//! The site in a real browser (headless Chromium through chromedriver):
//! `evalsite serve` follows saves and shows problems; every page type of
//! the bundled example reads at 1280 and 390 px (screenshots kept under the
//! target folder, no page-level sideways scroll on a phone, map text never
//! under 12 px, the menu folded on a phone, no serious or critical axe-core
//! violation) and prints on A4. Without Chromium (or axe-core, or pdfinfo)
//! a test says how to install it and stops, except on CI (`CI` set), where
//! it fails.

mod common;
use common::Project;
use fantoccini::{Client, ClientBuilder};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
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

/// How to install what the browser tests need, on Debian.
const INSTALL: &str = "apt-get update && apt-get install -y chromium chromium-driver poppler-utils, \
     and axe-core with `npm install --prefix target/axe axe-core@4` (as .ci/run does)";

/// Stops a test that cannot run here: a failure on CI, else a note
/// saying how to install what is missing. Returns whether to go on.
fn needed<T>(found: Option<T>, what: &str) -> Option<T> {
    if found.is_none() {
        if std::env::var_os("CI").is_some() {
            panic!("{what} is needed for the browser tests on CI: {INSTALL}");
        }
        eprintln!("note: {what} not found, so this browser test did not run; install: {INSTALL}");
    }
    found
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
        std::thread::sleep(Duration::from_millis(25));
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
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
            "--hide-scrollbars",
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
        tokio::time::sleep(Duration::from_millis(25)).await;
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
    let Some((driver, chromium)) = needed(find_browser(), "chromedriver with Chromium") else {
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
    let Some((driver, chromium)) = needed(find_browser(), "chromedriver with Chromium") else {
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

/// One page of each type of the bundled example's site.
const PAGE_TYPES: &[(&str, &str)] = &[
    ("landing", "index.html"),
    ("borough", "boroughs/a.html"),
    ("findings", "findings.html"),
    ("finding", "findings/discharge-forum.html"),
    ("quotes", "quotes.html"),
    ("quote", "quotes/care-navigator-go-to.html"),
    ("codebook", "codebook.html"),
    ("code", "codebook/shared-values.html"),
    ("matrix", "matrix.html"),
    ("pathways", "pathways.html"),
    ("pathway", "pathways/a-discharge.html"),
    ("compare", "compare/admission-avoidance.html"),
    ("page", "pages/methods.html"),
    ("accessibility", "accessibility.html"),
];

/// Where screenshots go (under target/, never committed).
fn screenshots() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    std::fs::create_dir_all(&dir).expect("making the screenshot folder");
    dir
}

/// axe-core's script, installed from the npm registry by .ci/run.
fn axe_source() -> Option<String> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("target/axe/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(path).ok()
}

/// The example, built into site/.
fn built_example() -> Project {
    let project = Project::example();
    project.build().expect_code(0);
    project
}

fn file_url(project: &Project, page: &str) -> String {
    format!("file://{}", project.path("site").join(page).display())
}

/// Sets the viewport (not the window) to `width` CSS px wide.
async fn set_viewport(client: &Client, width: u32, height: u32) {
    client
        .set_window_size(width, height)
        .await
        .expect("sizing the window");
    let inner = client
        .execute("return window.innerWidth;", vec![])
        .await
        .expect("reading the width");
    // The window's frame, if it has one, is taken off the viewport.
    let inner = inner.as_i64().unwrap_or(i64::from(width));
    if inner != i64::from(width) {
        let outer = (2 * i64::from(width) - inner).max(1) as u32;
        client
            .set_window_size(outer, height)
            .await
            .expect("sizing the window");
    }
    let inner = client
        .execute("return window.innerWidth;", vec![])
        .await
        .unwrap();
    assert_eq!(
        inner.as_u64(),
        Some(u64::from(width)),
        "the viewport is {width} px wide"
    );
}

/// How far the page itself scrolls sideways, in CSS px.
const SIDEWAYS: &str =
    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;";

/// The smallest text drawn on the page's maps, in CSS px as shown.
const SMALLEST_MAP_TEXT: &str = "var least = null; \
     document.querySelectorAll('svg.pathway-map').forEach(function (svg) { \
       var scale = svg.getScreenCTM().a; \
       svg.querySelectorAll('text').forEach(function (t) { \
         var size = parseFloat(getComputedStyle(t).fontSize) * scale; \
         if (least === null || size < least) { least = size; } }); }); \
     return least;";

/// Whether the menu's list shows, and whether its button does.
const MENU: &str = "var list = document.getElementById('menu-list'); \
     var button = document.querySelector('.menu-button'); \
     return {list: getComputedStyle(list).display !== 'none' && list.getBoundingClientRect().height > 0, \
             button: getComputedStyle(button).display !== 'none'};";

/// axe-core's serious and critical violations on the open page.
const AXE: &str = "var done = arguments[arguments.length - 1]; \
     axe.run(document, {resultTypes: ['violations']}).then(function (r) { \
       done(r.violations.filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; }) \
         .map(function (v) { return v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(function (n) { return n.target.join(' '); }).join(', '); })); \
     }, function (e) { done(['axe failed: ' + e]); });";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_type_reads_on_a_laptop_and_a_phone() {
    let Some((driver, chromium)) = needed(find_browser(), "chromedriver with Chromium") else {
        return;
    };
    let Some(axe) = needed(axe_source(), "axe-core") else {
        return;
    };
    let project = built_example();
    let (_driver, webdriver) = start_chromedriver(&driver);
    let profile = tempfile::tempdir().unwrap();
    let client = connect(&webdriver, chromium, profile.path()).await;
    let shots = screenshots();
    let mut problems = Vec::new();
    for width in [1280u32, 390] {
        set_viewport(&client, width, 900).await;
        for (name, page) in PAGE_TYPES {
            client
                .goto(&file_url(&project, page))
                .await
                .expect("opening the page");
            let png = client.screenshot().await.expect("a screenshot");
            std::fs::write(shots.join(format!("{name}-{width}.png")), png).unwrap();
            let sideways = client.execute(SIDEWAYS, vec![]).await.unwrap();
            if width == 390 && sideways.as_f64().unwrap_or(0.0) > 0.5 {
                problems.push(format!(
                    "{page} at {width} px scrolls sideways by {sideways} px"
                ));
            }
            let menu = client.execute(MENU, vec![]).await.unwrap();
            let folded = width == 390;
            if menu["list"] != json!(!folded) || menu["button"] != json!(folded) {
                problems.push(format!("{page} at {width} px: menu {menu}"));
            }
            if width == 1280 {
                let least = client.execute(SMALLEST_MAP_TEXT, vec![]).await.unwrap();
                if let Some(least) = least.as_f64()
                    && least < 11.99
                {
                    problems.push(format!("{page} at {width} px: map text of {least:.1} px"));
                }
            }
            client
                .execute(&axe, vec![])
                .await
                .expect("loading axe-core");
            let violations = client
                .execute_async(AXE, vec![])
                .await
                .expect("running axe-core");
            for violation in violations.as_array().into_iter().flatten() {
                problems.push(format!(
                    "{page} at {width} px: {}",
                    violation.as_str().unwrap_or_default()
                ));
            }
        }
    }
    // The borough report's findings, for docs/images/borough-report.png.
    set_viewport(&client, 1280, 1500).await;
    client
        .goto(&file_url(&project, "boroughs/a.html"))
        .await
        .unwrap();
    client
        .execute(
            "document.getElementById('findings-heading').scrollIntoView();",
            vec![],
        )
        .await
        .unwrap();
    let png = client.screenshot().await.expect("a screenshot");
    std::fs::write(shots.join("borough-findings-1280.png"), png).unwrap();
    // The map pages were measured: their maps have text.
    set_viewport(&client, 1280, 900).await;
    client
        .goto(&file_url(&project, "pathways/a-discharge.html"))
        .await
        .unwrap();
    let least = client.execute(SMALLEST_MAP_TEXT, vec![]).await.unwrap();
    assert!(
        least.as_f64().is_some_and(|l| l >= 11.99),
        "map text {least}"
    );
    // On a phone the folded menu opens from its button, without scripts.
    set_viewport(&client, 390, 900).await;
    client
        .goto(&file_url(&project, "matrix.html"))
        .await
        .unwrap();
    client
        .find(fantoccini::Locator::Css(".menu-button"))
        .await
        .expect("the menu button")
        .click()
        .await
        .expect("opening the menu");
    let menu = client.execute(MENU, vec![]).await.unwrap();
    assert_eq!(menu["list"], json!(true), "the menu opens: {menu}");
    client.close().await.expect("closing the browser");
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The page size of a PDF, from poppler's `pdfinfo`: "595.28 x 841.89 pts (A4)".
fn pdf_page_size(pdf: &Path) -> Option<String> {
    let out = Command::new("pdfinfo").arg(pdf).output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.lines()
        .find_map(|l| l.strip_prefix("Page size:"))
        .map(|s| s.trim().to_string())
}

/// The text of a PDF's first page, from poppler's `pdftotext`.
fn first_page_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-f", "1", "-l", "1"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("running pdftotext (poppler-utils)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Prints `url` with Chromium's own print to PDF (which lays pages out at
/// the size the page's CSS asks for, as `preferCSSPageSize` does).
fn print_to_pdf(chromium: &Path, url: &str, pdf: &Path) {
    let profile = tempfile::tempdir().unwrap();
    let status = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("running Chromium");
    assert!(status.success() && pdf.is_file(), "printing {url}");
}

fn chromium_binary(found: Option<PathBuf>) -> Option<PathBuf> {
    found.or_else(|| {
        ["chromium", "chromium-browser", "google-chrome"]
            .into_iter()
            .map(PathBuf::from)
            .find(|name| Command::new(name).arg("--version").output().is_ok())
    })
}

#[test]
fn pages_print_on_a4_and_on_letter_when_set() {
    let Some((_, chromium)) = needed(find_browser(), "Chromium") else {
        return;
    };
    let Some(chromium) = needed(chromium_binary(chromium), "Chromium") else {
        return;
    };
    let pdfinfo = Command::new("pdfinfo").arg("-v").output().ok();
    if needed(pdfinfo, "pdfinfo (poppler-utils)").is_none() {
        return;
    }
    let project = built_example();
    let out = tempfile::tempdir().unwrap();
    for page in [
        "boroughs/a.html",
        "matrix.html",
        "pathways/a-discharge.html",
    ] {
        let pdf = out.path().join("page.pdf");
        print_to_pdf(&chromium, &file_url(&project, page), &pdf);
        let size = pdf_page_size(&pdf).unwrap_or_default();
        assert!(size.ends_with("(A4)"), "{page} printed on {size}");
        // Regression: the matrix's first page held only its heading, and a
        // map's first page only the site's title (the map pushed over).
        let first = first_page_text(&pdf);
        let expected = match page {
            "matrix.html" => "Shared values",
            "pathways/a-discharge.html" => "Friction:",
            _ => "Contents",
        };
        assert!(
            first.contains(expected),
            "{page}'s first printed page: {first}"
        );
        std::fs::copy(
            &pdf,
            screenshots().join(format!("{}.pdf", page.replace('/', "-"))),
        )
        .unwrap();
    }
    // The size comes from the page's CSS, set by `paper:`.
    let settings = project.read("evalsite.yaml");
    project.write("evalsite.yaml", format!("paper: letter\n{settings}"));
    project.build().expect_code(0);
    let pdf = out.path().join("letter.pdf");
    print_to_pdf(&chromium, &file_url(&project, "index.html"), &pdf);
    let size = pdf_page_size(&pdf).unwrap_or_default();
    assert!(size.contains("(letter)"), "printed on {size}");
}
