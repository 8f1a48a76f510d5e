//! `evalsite serve` through the real binary and plain HTTP: pages carry the
//! reload script, nothing outside the built site is served, saves rebuild
//! (and editors' temporary files do not), the served site equals a fresh
//! build, and problems are reported while the last good version stays.

mod common;
use common::{K3_REGISTRY, Lcg, METHODS, Project, methods_with, project_with_k3};
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

/// How long a rebuild may take to show before a test gives up.
const PATIENCE: Duration = Duration::from_secs(15);
/// How long a waiting loop sleeps between looks: less than the watcher's
/// debounce (10 ms) and a rebuild, so no test waits much longer than it
/// must (#21).
const POLL: Duration = Duration::from_millis(25);

const START: &str = "<!-- evalsite:serve -->";
const END: &str = "<!-- /evalsite:serve -->";
const QUOTE: &str = "content/quotes/a/forum-notes.md";
const FINDING_PAGE: &str = "/findings/co-location.html";

/// A running `evalsite serve --port 0`, killed when dropped.
struct Server {
    child: Child,
    address: String,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    fn start(project: &Project) -> Server {
        Server::start_at(project.root(), None)
    }

    /// Serves the project at `root` (as given), run from `folder`.
    fn start_at(root: &Path, folder: Option<&Path>) -> Server {
        Server::start_with(root, folder, &[])
    }

    /// [`Server::start_at`] with these environment variables set.
    fn start_with(root: &Path, folder: Option<&Path>, vars: &[(&str, &str)]) -> Server {
        Server::spawn(
            Command::new(env!("CARGO_BIN_EXE_evalsite")),
            root,
            folder,
            vars,
        )
    }

    /// Serves `project` with at most `files` open files (a shell's `ulimit -n`).
    #[cfg(unix)]
    fn start_with_open_files(project: &Project, files: u32, vars: &[(&str, &str)]) -> Server {
        let mut command = Command::new("sh");
        command
            .arg("-c")
            .arg(format!("ulimit -n {files} && exec \"$0\" \"$@\""))
            .arg(env!("CARGO_BIN_EXE_evalsite"));
        Server::spawn(command, project.root(), None, vars)
    }

    fn spawn(
        mut command: Command,
        root: &Path,
        folder: Option<&Path>,
        vars: &[(&str, &str)],
    ) -> Server {
        command.envs(vars.iter().copied());
        if let Some(folder) = folder {
            command.current_dir(folder);
        }
        let mut child = command
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("starting evalsite serve");
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut err = child.stderr.take().unwrap();
        let collected = stderr.clone();
        std::thread::spawn(move || {
            let mut buffer = [0; 4096];
            while let Ok(n @ 1..) = err.read(&mut buffer) {
                let text = String::from_utf8_lossy(&buffer[..n]);
                collected.lock().unwrap().push_str(&text);
            }
        });
        let (lines, first) = mpsc::channel();
        let out = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                let _ = lines.send(line);
            }
        });
        let mut server = Server {
            child,
            address: String::new(),
            stderr,
        };
        let line = first
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("no address printed\n{}", server.stderr()));
        let address = line
            .strip_prefix("Serving at http://")
            .and_then(|rest| rest.strip_suffix('/'))
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"));
        server.address = address.to_string();
        server
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// GET with the path sent exactly as given (no client-side clean-up).
    fn get(&self, path: &str) -> Reply {
        let mut stream = TcpStream::connect(&self.address).expect("connecting");
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.address
        )
        .unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).expect("reading the reply");
        Reply::parse(&raw)
    }

    fn status(&self) -> Value {
        let reply = self.get("/__evalsite/status");
        assert_eq!(reply.code, 200);
        serde_json::from_slice(&reply.body).expect("status is JSON")
    }

    fn version(&self) -> u64 {
        self.status()["version"].as_u64().unwrap()
    }

    /// Polls the status until `done` holds, for at most [`PATIENCE`].
    fn wait_for(&self, what: &str, done: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let status = self.status();
            if done(&status) {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "gave up waiting for {what}; last status {status}\n--- stderr\n{}",
                self.stderr()
            );
            std::thread::sleep(POLL);
        }
    }

    /// Waits for the build after `version`, however it went.
    fn wait_past(&self, version: u64) -> Value {
        self.wait_for(&format!("a build after version {version}"), |s| {
            s["version"].as_u64().unwrap() > version
        })
    }

    /// Polls until `done` holds, for at most [`PATIENCE`].
    fn eventually(&self, what: &str, done: impl Fn(&Server) -> bool) {
        let deadline = Instant::now() + PATIENCE;
        while !done(self) {
            assert!(
                Instant::now() < deadline,
                "gave up waiting for {what}; status {}\n--- stderr\n{}",
                self.status(),
                self.stderr()
            );
            std::thread::sleep(POLL);
        }
    }

    fn page(&self, path: &str) -> String {
        let reply = self.get(path);
        assert_eq!(reply.code, 200, "{path}");
        String::from_utf8(reply.body).unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Reply {
    code: u16,
    headers: BTreeMap<String, String>,
    body: Vec<u8>,
}

impl Reply {
    fn parse(raw: &[u8]) -> Reply {
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("end of headers");
        let head = String::from_utf8_lossy(&raw[..split]);
        let mut lines = head.lines();
        let code = lines
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let headers: BTreeMap<String, String> = lines
            .filter_map(|line| line.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        let mut body = raw[split + 4..].to_vec();
        if headers
            .get("transfer-encoding")
            .is_some_and(|v| v == "chunked")
        {
            body = dechunk(&body);
        }
        Reply {
            code,
            headers,
            body,
        }
    }

    fn content_type(&self) -> &str {
        self.headers.get("content-type").map_or("", String::as_str)
    }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let line_end = data.windows(2).position(|w| w == b"\r\n").unwrap();
        let size_text = String::from_utf8_lossy(&data[..line_end]);
        let size = usize::from_str_radix(size_text.split(';').next().unwrap().trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        let start = line_end + 2;
        out.extend_from_slice(&data[start..start + size]);
        data = &data[start + size + 2..];
    }
}

/// The page as the site has it: the injected block taken out.
fn without_script(page: &[u8]) -> Vec<u8> {
    let text = String::from_utf8(page.to_vec()).unwrap();
    match (text.find(START), text.find(END)) {
        (Some(start), Some(end)) => {
            format!("{}{}", &text[..start], &text[end + END.len()..]).into_bytes()
        }
        _ => page.to_vec(),
    }
}

/// The one-based line of the first line of a file containing `text`.
fn line_of(project: &Project, file: &str, text: &str) -> u64 {
    let index = project
        .read(file)
        .lines()
        .position(|line| line.contains(text))
        .unwrap();
    index as u64 + 1
}

#[test]
fn pages_are_served_with_the_reload_script() {
    let project = Project::fixture("basic");
    let server = Server::start(&project);
    for path in ["/", "/index.html", FINDING_PAGE] {
        let reply = server.get(path);
        assert_eq!(reply.code, 200, "{path}");
        assert_eq!(reply.content_type(), "text/html; charset=utf-8");
        let page = String::from_utf8(reply.body).unwrap();
        let script = page.find(START).expect("script injected");
        assert!(page[script..].contains("/__evalsite/"));
        assert!(
            page[script..].contains(&format!("{END}</body>")),
            "before </body>"
        );
        assert_eq!(page.matches(START).count(), 1);
    }
    let css = server.get("/static/style.css");
    assert_eq!(css.code, 200);
    assert_eq!(css.content_type(), "text/css; charset=utf-8");
    assert!(!String::from_utf8_lossy(&css.body).contains(START));
    assert!(!project.path("site").exists(), "serve must not write site/");
}

#[test]
fn nothing_outside_the_built_site_is_served() {
    let project = Project::fixture("basic");
    assert!(project.path("private/identifiers.yaml").exists());
    let server = Server::start(&project);
    for path in [
        "/../evalsite.yaml",
        "/%2e%2e/evalsite.yaml",
        "/findings/..%2f..%2fevalsite.yaml",
        "/findings/../../evalsite.yaml",
        "/private/identifiers.yaml",
        "/content/index.md",
        "/content/quotes/a/forum-notes.md",
        "/evalsite.yaml",
        "//etc/passwd",
        "/findings%5c..%5c..%5cevalsite.yaml",
        "/findings\\..\\..\\evalsite.yaml",
        "/index.html%00",
        "/__evalsite/unknown",
    ] {
        let reply = server.get(path);
        assert_eq!(reply.code, 404, "{path} must not be served");
        let body = String::from_utf8_lossy(&reply.body);
        assert!(!body.contains("title: Fixture evaluation"), "{path}");
        assert!(!body.contains("Quillfeather"), "{path}");
    }
}

#[test]
fn a_saved_quote_appears_in_the_page_that_embeds_it() {
    let project = Project::fixture("basic");
    let server = Server::start(&project);
    assert!(!server.page(FINDING_PAGE).contains("three teams sat apart"));
    let before = server.version();
    project.edit(QUOTE, "two teams sat apart", "three teams sat apart");
    let status = server.wait_past(before);
    assert_eq!(status["ok"], true, "{status}");
    assert!(server.page(FINDING_PAGE).contains("three teams sat apart"));
}

#[test]
fn editor_temporary_files_do_not_rebuild() {
    let project = Project::fixture("basic");
    let server = Server::start(&project);
    // The first rebuild looks at everything (it cannot know what changed
    // during the first build); from the second on, the status names the
    // paths that started each.
    let first = server.version();
    project.edit(QUOTE, "began late", "began late ");
    let before = server.wait_past(first)["version"].as_u64().unwrap();
    project
        .write("content/quotes/a/.same-building.md.swp", "swap")
        .write("content/findings/x.md~", "backup")
        .write("content/findings/4913", "")
        .write("content/findings/.#co-location.md", "lock")
        .write("site/index.html", "an old build")
        .write("target/debug/x", "build output")
        .write("notes.md", "not part of the project");
    // A real save after them: the watcher reports in order, so the ignored
    // files, had they counted, would have started a build before this one
    // or be among the paths that started it (#21: no sleeping to prove that
    // nothing happened).
    project.edit(QUOTE, "began late", "began early");
    let status = server.wait_past(before);
    assert_eq!(
        status["version"],
        before + 1,
        "ignored files rebuilt the site"
    );
    assert_eq!(status["changed"], serde_json::json!([QUOTE]), "{status}");
    assert!(server.page(FINDING_PAGE).contains("began early"));
    // One save, one rebuild: the next build is started by the next save alone.
    project.edit(QUOTE, "began early", "began on time");
    let status = server.wait_past(before + 1);
    assert_eq!(
        status["version"],
        before + 2,
        "one save, one rebuild\n{}",
        server.stderr()
    );
    assert_eq!(status["changed"], serde_json::json!([QUOTE]), "{status}");
}

#[test]
fn saves_new_folders_deletions_and_settings_rebuild() {
    let project = Project::fixture("basic");
    let server = Server::start(&project);

    // Saved as many editors do: a temporary file renamed over the original.
    let before = server.version();
    let text = project.read(QUOTE).replace("began late", "began on time");
    project.write("content/quotes/a/.forum-notes.md.tmp", text);
    std::fs::rename(
        project.path("content/quotes/a/.forum-notes.md.tmp"),
        project.path(QUOTE),
    )
    .unwrap();
    server.wait_past(before);
    assert!(server.page(FINDING_PAGE).contains("began on time"));

    // A new folder with a new quote in it.
    assert_eq!(server.get("/quotes/late-start.html").code, 404);
    project.write(
        "content/quotes/extra/late-start.md",
        "---\nsource: field-notes\nborough: b\ncodes: [co-location]\n---\nThe meeting started late again.\n",
    );
    server.eventually("the new quote's page", |server| {
        let reply = server.get("/quotes/late-start.html");
        reply.code == 200 && String::from_utf8_lossy(&reply.body).contains("started late again")
    });
    assert_eq!(server.status()["ok"], true);

    // Deleted again.
    project.remove("content/quotes/extra/late-start.md");
    server.eventually("the deleted quote's page to go", |server| {
        server.get("/quotes/late-start.html").code == 404
    });

    // The private identifiers list and the settings are watched too.
    project.edit(
        "private/identifiers.yaml",
        "places: [Thistlebury]",
        "places: [Thistlebury, Discharge Forum]",
    );
    let status = server.wait_for("the identifier to be found", |s| s["ok"] == false);
    assert_eq!(
        status["diagnostics"][0]["code"], "anonymity::identifier",
        "{status}"
    );
    project.edit(
        "private/identifiers.yaml",
        "places: [Thistlebury, Discharge Forum]",
        "places: [Thistlebury]",
    );
    server.wait_for("the identifier to be gone", |s| s["ok"] == true);
    project.edit("evalsite.yaml", "Fixture evaluation", "Renamed evaluation");
    server.eventually("the new title", |server| {
        server.page("/").contains("Renamed evaluation")
    });
}

// Regression (#19): the preview did not watch a list named by the
// EVALSITE_IDENTIFIERS environment variable (a list kept outside the
// project): a name added to it was not looked for until the preview was
// started again.
#[test]
fn an_identifiers_list_given_from_outside_is_watched() {
    let project = Project::fixture("basic");
    let elsewhere = tempfile::tempdir().unwrap();
    let list = elsewhere.path().join("names.yaml");
    std::fs::copy(project.path("private/identifiers.yaml"), &list).unwrap();
    let server = Server::start_with(
        project.root(),
        None,
        &[("EVALSITE_IDENTIFIERS", list.to_str().unwrap())],
    );
    let before = server.version();
    assert_eq!(server.status()["ok"], true);
    let text = std::fs::read_to_string(&list).unwrap();
    let listed = text.replace(
        "places: [Thistlebury]",
        "places: [Thistlebury, Discharge Forum]",
    );
    assert_ne!(listed, text);
    std::fs::write(&list, &listed).unwrap();
    let status = server.wait_for("the identifier to be found", |s| {
        s["version"].as_u64().unwrap() > before && s["ok"] == false
    });
    assert_eq!(
        status["diagnostics"][0]["code"], "anonymity::identifier",
        "{status}"
    );
    std::fs::write(&list, &text).unwrap();
    server.wait_for("the identifier to be gone", |s| s["ok"] == true);
}

/// Opens the events stream and returns the connection with its status line.
fn open_events(server: &Server) -> (TcpStream, String) {
    let mut stream = TcpStream::connect(&server.address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(
        stream,
        "GET /__evalsite/events HTTP/1.1\r\nHost: {}\r\n\r\n",
        server.address
    )
    .unwrap();
    let mut line = String::new();
    BufReader::new(&stream).read_line(&mut line).unwrap();
    (stream, line.trim().to_string())
}

#[test]
fn open_tabs_and_many_requests_do_not_exhaust_the_preview() {
    let project = Project::fixture("basic");
    let server = Server::start(&project);
    // Event streams are capped; one more is refused, not queued for ever.
    let mut streams = Vec::new();
    loop {
        let (stream, line) = open_events(&server);
        if line.contains(" 503 ") {
            break;
        }
        assert!(line.contains(" 200 "), "{line}");
        streams.push(stream);
        assert!(streams.len() <= 1000, "event streams are not capped");
    }
    // Pages are still served while every stream is taken.
    assert_eq!(server.get(FINDING_PAGE).code, 200);
    drop(streams);
    server.eventually("a closed tab's stream to be freed", |server| {
        open_events(server).1.contains(" 200 ")
    });
    // Many requests at once all get their page.
    let codes: Vec<u16> = std::thread::scope(|scope| {
        let requests: Vec<_> = (0..200)
            .map(|_| scope.spawn(|| server.get(FINDING_PAGE).code))
            .collect();
        requests.into_iter().map(|r| r.join().unwrap()).collect()
    });
    assert!(codes.iter().all(|&code| code == 200), "{codes:?}");
}

#[test]
fn after_many_edits_the_served_site_equals_a_fresh_build() {
    let project = Project::fixture("basic");
    let server = Server::start(&project);
    // Each file has one word that the edits keep replacing.
    let mut words = [
        (QUOTE, "late"),
        ("content/quotes/a/same-building.md", "now"),
        ("content/findings/co-location.md", "itself"),
        ("content/pages/methods.md", "staff"),
    ];
    let choices = [
        "early", "slowly", "quietly", "again", "twice", "briefly", "calmly",
    ];
    let mut random = Lcg(20_240_611);
    for _ in 0..10 {
        let file = random.below(words.len());
        let (path, old) = words[file];
        let new = loop {
            let word = choices[random.below(choices.len())];
            if word != old {
                break word;
            }
        };
        project.edit(path, &format!(" {old}"), &format!(" {new}"));
        words[file].1 = new;
        // Some edits land during a rebuild, some after it.
        std::thread::sleep(Duration::from_millis(50 * random.below(8) as u64));
    }
    assert_serves_a_fresh_build(&project, &server);
}

/// Waits until the server serves exactly what `evalsite build` makes now.
fn assert_serves_a_fresh_build(project: &Project, server: &Server) {
    project.build().expect_code(0);
    let built = project.site_files();
    let deadline = Instant::now() + PATIENCE;
    loop {
        let status = server.status();
        let served: BTreeMap<String, Vec<u8>> = built
            .keys()
            .map(|path| {
                let reply = server.get(&format!("/{path}"));
                (path.clone(), without_script(&reply.body))
            })
            .collect();
        let same = served == built && status["files"].as_u64() == Some(built.len() as u64);
        if same && status["ok"] == true {
            break;
        }
        if Instant::now() >= deadline {
            let differing: Vec<&String> = built
                .keys()
                .filter(|path| served[*path] != built[*path])
                .collect();
            panic!(
                "the served site differs from a fresh build in {differing:?}; status {status}\n{}",
                server.stderr()
            );
        }
        std::thread::sleep(POLL);
    }
}

#[test]
fn folders_moved_away_edited_and_back_are_read_again() {
    // The preview reads again only what the watcher reports, so a folder
    // moved out of the project, changed there and moved back must be
    // reported as a whole.
    let project = Project::fixture("basic");
    let server = Server::start(&project);
    let away = project.path("away");
    let moved = project.path("content/quotes/moved");
    let before = server.version();
    std::fs::rename(project.path("content/quotes/a"), &moved).unwrap();
    server.wait_past(before);
    let before = server.version();
    std::fs::rename(&moved, &away).unwrap();
    server.wait_past(before);
    let quote = away.join("forum-notes.md");
    let text = std::fs::read_to_string(&quote).unwrap();
    std::fs::write(&quote, text.replace("began late", "began at nine")).unwrap();
    std::fs::rename(&away, project.path("content/quotes/a")).unwrap();
    server.eventually("the edit made while away", |server| {
        server.page(FINDING_PAGE).contains("began at nine")
    });
    assert_serves_a_fresh_build(&project, &server);
}

#[test]
#[cfg(unix)]
fn a_project_named_by_a_relative_path_or_through_a_link_is_followed() {
    // The project is read from its real path (some systems' watchers
    // report real paths): saves are still seen, and messages still name
    // files from the project's top.
    let project = Project::fixture("basic");
    let link = tempfile::tempdir().unwrap();
    let linked = link.path().join("study");
    std::os::unix::fs::symlink(project.root(), &linked).unwrap();
    for (root, folder) in [(Path::new("."), Some(project.root())), (&linked, None)] {
        let server = Server::start_at(root, folder);
        let before = server.version();
        project.edit(QUOTE, "codes: [co-location]", "codes: [nope]");
        let status = server.wait_past(before);
        assert_eq!(status["ok"], false, "{status}");
        assert_eq!(status["diagnostics"][0]["file"], QUOTE, "{status}");
        let before = server.version();
        project.edit(QUOTE, "codes: [nope]", "codes: [co-location]");
        assert_eq!(server.wait_past(before)["ok"], true);
    }
}

#[test]
fn a_broken_reference_is_reported_and_the_last_good_page_stays() {
    let project = Project::fixture("basic");
    let server = Server::start(&project);
    let good = server.page(FINDING_PAGE);
    let before = server.version();
    project.edit(QUOTE, "codes: [co-location]", "codes: [nope]");
    let status = server.wait_past(before);
    assert_eq!(status["ok"], false, "{status}");
    let problem = status["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["severity"] == "error")
        .unwrap_or_else(|| panic!("no error in {status}"));
    assert_eq!(problem["file"], QUOTE);
    assert_eq!(problem["line"], line_of(&project, QUOTE, "codes:"));
    assert!(problem["column"].as_u64().unwrap() > 0);
    assert!(problem["message"].as_str().unwrap().contains("nope"));
    assert!(problem["fix"].is_string());
    // The last good version is still served, as it was.
    assert_eq!(server.page(FINDING_PAGE), good);
    assert!(
        server.stderr().contains(&format!("{QUOTE}:")),
        "printed in the terminal too"
    );

    let broken = status["version"].as_u64().unwrap();
    project.edit(QUOTE, "codes: [nope]", "codes: [co-location]");
    let status = server.wait_past(broken);
    assert_eq!(status["ok"], true, "{status}");
    assert_eq!(status["diagnostics"].as_array().unwrap().len(), 0);
    let now = server.page(FINDING_PAGE);
    let token = |page: &str| {
        page.split("data-evalsite-site=")
            .nth(1)
            .map(|t| t[..30.min(t.len())].to_string())
    };
    assert_ne!(
        now,
        good,
        "a new version, with its own token: {:?} {:?} {status}\n{}",
        token(&now),
        token(&good),
        server.stderr()
    );
}

#[test]
fn a_failed_first_build_serves_a_placeholder_until_fixed() {
    let project = Project::fixture("basic");
    project.edit(QUOTE, "codes: [co-location]", "codes: [<b>nope</b>]");
    let server = Server::start(&project);
    let status = server.status();
    assert_eq!(status["ok"], false);
    assert_eq!(status["site"], Value::Null);
    let reply = server.get(FINDING_PAGE);
    assert_eq!(reply.code, 503);
    assert_eq!(reply.content_type(), "text/html; charset=utf-8");
    let page = String::from_utf8(reply.body).unwrap();
    assert!(page.contains(START));
    assert!(page.contains(&format!("{QUOTE}:{}:", line_of(&project, QUOTE, "codes:"))));
    assert!(!page.contains("<b>nope"), "problems are escaped:\n{page}");
    assert_eq!(server.get("/static/style.css").code, 404);

    let before = server.version();
    project.edit(QUOTE, "codes: [<b>nope</b>]", "codes: [co-location]");
    let status = server.wait_past(before);
    assert_eq!(status["ok"], true, "{status}");
    assert!(server.page(FINDING_PAGE).contains("two teams sat apart"));
}

#[test]
fn a_folder_without_a_project_is_refused() {
    let empty = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_evalsite"))
        .args(["serve", "--port", "0", "--root"])
        .arg(empty.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + PATIENCE;
    let code = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status.code();
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("serve kept running without a project");
        }
        std::thread::sleep(POLL);
    };
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("content/"), "{stderr}");
}

/// A raw request with this `Host` header; the reply.
fn get_as(server: &Server, host: &str, path: &str) -> Reply {
    let mut stream = TcpStream::connect(&server.address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    Reply::parse(&raw)
}

// Regression (#19.6): any `Host` header was accepted, so a web page could
// read the preview through DNS rebinding (its own name resolving to 127.0.0.1).
#[test]
fn a_request_naming_another_host_is_refused() {
    let project = Project::fixture("basic");
    let server = Server::start(&project);
    let port = server.address.rsplit_once(':').unwrap().1.to_string();
    for host in [format!("evil.example:{port}"), "evil.example".into()] {
        let reply = get_as(&server, &host, FINDING_PAGE);
        assert_eq!(reply.code, 421, "{host}");
        let body = String::from_utf8_lossy(&reply.body);
        assert!(body.contains("answers only at http://localhost:"), "{body}");
        assert!(!body.contains("Co-location"), "no page text: {body}");
        let reply = get_as(&server, &host, "/__evalsite/status");
        assert_eq!(reply.code, 421, "status too, {host}");
    }
    for host in [format!("localhost:{port}"), format!("127.0.0.1:{port}")] {
        assert_eq!(get_as(&server, &host, FINDING_PAGE).code, 200, "{host}");
    }
}

/// Waits for the server to close `stream` (read gives end of file), within
/// the read timeout; panics if it sends anything or the wait runs out.
fn closed_by_server(mut stream: TcpStream) {
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut buffer = [0; 1024];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => return,
            // What an earlier request was answered with.
            Ok(_) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return,
            Err(e) => panic!("the server did not close an idle connection: {e}"),
        }
    }
}

// Regression (#19.6): there was no header or idle timeout, so a connection
// that sends nothing, or nothing more, stayed open for ever.
#[test]
fn idle_connections_are_closed() {
    let project = Project::fixture("basic");
    let server = Server::start_with(
        project.root(),
        None,
        &[("EVALSITE_SERVE_IDLE_TIMEOUT_MS", "300")],
    );
    // Sends nothing at all.
    closed_by_server(TcpStream::connect(&server.address).unwrap());
    // Sends half a request head.
    let mut half = TcpStream::connect(&server.address).unwrap();
    write!(half, "GET / HTTP/1.1\r\nHost: {}\r\n", server.address).unwrap();
    closed_by_server(half);
    // Kept alive after a request, then idle.
    let mut kept = TcpStream::connect(&server.address).unwrap();
    write!(
        kept,
        "GET /__evalsite/status HTTP/1.1\r\nHost: {}\r\n\r\n",
        server.address
    )
    .unwrap();
    closed_by_server(kept);
}

// Regression (#19.6): 1,138 idle connections starved the preview: once they
// had taken every file it may open, nothing else was answered while they
// stayed open. Here the preview may open 400 files, and 600 connections sit
// idle (more than the cap of 512 open at once, too).
#[cfg(unix)]
#[test]
fn many_idle_connections_do_not_stop_a_request() {
    let project = Project::fixture("basic");
    let server =
        Server::start_with_open_files(&project, 400, &[("EVALSITE_SERVE_IDLE_TIMEOUT_MS", "500")]);
    server.wait_for("the first build", |s| s["version"].as_u64().is_some());
    let idle: Vec<TcpStream> = (0..600)
        .map_while(|_| TcpStream::connect(&server.address).ok())
        .collect();
    assert!(
        idle.len() > 512,
        "only {} connections could be opened",
        idle.len()
    );
    assert_eq!(server.get(FINDING_PAGE).code, 200);
    drop(idle);
}

/// Defect (red team, rounds 3 and 4): the preview's status and page of
/// problems repeated what a message said, and a message may repeat an id
/// the researcher typed that is a listed name (an unknown code
/// `thistlebury`): served over HTTP, it is shown as `[…]`.
#[test]
fn the_preview_never_repeats_a_listed_name_in_its_problems() {
    let project = Project::fixture("basic");
    // A listed place, and a phone number as an id spells it (round 5).
    project.edit(
        QUOTE,
        "codes: [co-location]",
        "codes: [thistlebury, 020-7946-0958]",
    );
    let server = Server::start(&project);
    let status = server.status().to_string();
    assert!(status.contains("[…]"), "{status}");
    for secret in ["thistlebury", "7946"] {
        assert!(!status.to_lowercase().contains(secret), "{status}");
        let page = server.get("/index.html");
        let page = String::from_utf8_lossy(&page.body).to_lowercase();
        assert!(!page.contains(secret), "{page}");
    }
}

/// Whether the preview's last build warned of a hand-written count.
fn warns_of_a_count(status: &Value) -> bool {
    status["diagnostics"]
        .as_array()
        .is_some_and(|all| all.iter().any(|d| d["code"] == "table::hidden-count"))
}

/// A preview keeps each text's hand-written counts from one rebuild to the
/// next, and reads again only what changed. The shortcut must never keep
/// a warning a new reading would not give, nor miss one it would: a text
/// changed is read again, and so is every text when the registry changes.
#[test]
fn a_previews_kept_counts_follow_the_text_and_the_registry() {
    let project = project_with_k3();
    let sentence = "We interviewed three district nurses in Borough A.";
    project.write(METHODS, methods_with(&format!("{sentence}\n")));
    let server = Server::start(&project);
    server.wait_for("the count to be warned of", warns_of_a_count);

    // The text changed: read again.
    let before = server.version();
    project.write(
        METHODS,
        methods_with("We interviewed district nurses in Borough A.\n"),
    );
    let status = server.wait_past(before);
    assert!(!warns_of_a_count(&status), "{status}");
    let before = server.version();
    project.write(METHODS, methods_with(&format!("{sentence}\n")));
    let status = server.wait_past(before);
    assert!(warns_of_a_count(&status), "{status}");

    // Only the registry changed (every group now as many as k, so nothing
    // is hidden): the same text is read again, as a fresh build reads it.
    let before = server.version();
    let more = K3_REGISTRY.to_string()
        + "  - {id: a-gp-2, role: GP, sector: primary-care, borough: a}\n\
           \x20 - {id: a-gp-3, role: GP, sector: primary-care, borough: a}\n\
           \x20 - {id: b-dn-4, role: District nurse, sector: health, borough: b}\n";
    project.write("content/participants.yaml", more);
    let status = server.wait_past(before);
    assert!(!warns_of_a_count(&status), "{status}");
    let fresh = project.build();
    assert!(
        !fresh.stderr.contains("table::hidden-count"),
        "{}",
        fresh.stderr
    );
}
