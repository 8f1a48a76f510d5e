//! How much work one rendering of a template may do (docs/limits.md): a
//! project's theme is code, and two loops over `range(end=100000)` one
//! inside the other never finished (#case-06). Tera has no budget of its
//! own beyond 100,000 numbers from one `range()` call, so each rendering
//! (a page, or a partial: a quote's figure, a map, the menu) is held to:
//!
//! - at most [`MOST_NUMBERS`] numbers from all its `range()` calls
//!   together (our `range`, in place of Tera's, counts them): an error at
//!   the call that goes past;
//! - at most [`MOST_BYTES`] of output: an error naming the template;
//! - at most [`LONGEST`] of time, for what neither counts (loops over the
//!   project's data inside each other, templates including each other
//!   many times, writing nothing): a rendering still running then cannot
//!   be stopped, so a [`Watch`] reports it and ends the program.
//!
//! Does not decide what is rendered (that is `run`).

use std::cell::Cell;
use std::collections::BTreeMap;
use std::io::Write;
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The most numbers all of one rendering's `range()` calls may give.
pub const MOST_NUMBERS: usize = 1_000_000;

/// The most one call of `range()` may give (as Tera's own `range`).
const MOST_IN_ONE_RANGE: i128 = 100_000;

/// The most bytes one rendering may write. The largest page of a
/// 10,000-quote report is about 2 MB.
pub const MOST_BYTES: usize = 256 * 1024 * 1024;

/// The longest one rendering may take. A page of a 10,000-quote report
/// takes well under a second.
pub const LONGEST: Duration = Duration::from_secs(60);

thread_local! {
    /// The numbers `range()` has given in the rendering on this thread.
    static NUMBERS: Cell<usize> = const { Cell::new(0) };
}

/// Renders `template` with `context`, held to the limits above. A Tera
/// error (one from our `range` among them) is given as it is; output past
/// [`MOST_BYTES`] is an error of its own, saying so.
pub fn render(
    tera: &tera::Tera,
    watch: &Watch,
    template: &str,
    context: &tera::Context,
) -> Result<Vec<u8>, tera::Error> {
    let mut out = Bounded {
        bytes: Vec::with_capacity(8 * 1024),
        over: false,
    };
    let before = NUMBERS.replace(0);
    let rendered = watch.during(template, || tera.render_to(template, context, &mut out));
    NUMBERS.set(before);
    match rendered {
        Ok(()) => Ok(out.bytes),
        Err(_) if out.over => Err(tera::Error::message(format!(
            "it writes more than {} MB for one page, and evalsite stops there; look for a loop that writes the same text many times",
            MOST_BYTES / (1024 * 1024)
        ))),
        Err(error) => Err(error),
    }
}

/// Tera's `range(end, start=0, step_by=1)`: the numbers from `start` up to
/// (not including) `end`, `step_by` apart (down, when it is negative),
/// counted against the rendering's [`MOST_NUMBERS`].
pub fn range(kwargs: tera::Kwargs, _: &tera::State) -> tera::TeraResult<Vec<i128>> {
    let start = kwargs.get::<i128>("start")?.unwrap_or_default();
    let end = kwargs.must_get::<i128>("end")?;
    let step = kwargs.get::<i128>("step_by")?.unwrap_or(1);
    let message = |text: &str| Err(tera::Error::message(text));
    if step == 0 {
        return message("`range()` was given a `step_by` of 0");
    }
    if start > end && step > 0 {
        return message("`range()` was given a `start` greater than its `end`");
    }
    let too_large = || message("`range()` was given numbers too large to count through");
    // How many numbers: the span over the step, rounded up.
    let (span, size) = match step > 0 {
        true => (end.checked_sub(start), Some(step)),
        false if start <= end => (Some(0), Some(1)),
        false => (start.checked_sub(end), step.checked_neg()),
    };
    let (Some(span), Some(size)) = (span, size) else {
        return too_large();
    };
    let Some(len) = span.checked_add(size - 1).map(|s| s / size) else {
        return too_large();
    };
    if len > MOST_IN_ONE_RANGE {
        return message(&format!(
            "this `range()` would give {len} numbers; one call may give at most {MOST_IN_ONE_RANGE}"
        ));
    }
    let total = NUMBERS.get().saturating_add(len as usize);
    if total > MOST_NUMBERS {
        return message(&format!(
            "the calls of `range()` for one page would give more than {MOST_NUMBERS} numbers in all (loops inside loops multiply them), and evalsite stops there"
        ));
    }
    NUMBERS.set(total);
    Ok((0..len).map(|i| start + i * step).collect())
}

/// The rendering's output, refused past [`MOST_BYTES`].
struct Bounded {
    bytes: Vec<u8>,
    over: bool,
}

impl Write for Bounded {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > MOST_BYTES {
            self.over = true;
            return Err(std::io::Error::other("the page is too large"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// What a [`Watch`] does with a rendering that has run past its time: given
/// the template's name.
pub type Runaway = Box<dyn Fn(&str) + Send + Sync>;

/// Keeps time on every rendering of one theme, from a thread of its own
/// (started at the first rendering, ended when the watch is dropped),
/// which wakes only when the oldest rendering would run out of time.
pub struct Watch {
    shared: Arc<Shared>,
    longest: Duration,
    thread: Mutex<Option<JoinHandle<()>>>,
}

struct Shared {
    state: Mutex<Running>,
    wake: Condvar,
    runaway: Runaway,
}

#[derive(Default)]
struct Running {
    /// Each rendering under way, by number: when it began, its template.
    now: BTreeMap<u64, (Instant, String)>,
    next: u64,
    stop: bool,
}

impl Watch {
    /// A watch that calls `runaway` when a rendering takes longer than
    /// `longest`.
    pub fn new(longest: Duration, runaway: Runaway) -> Watch {
        Watch {
            shared: Arc::new(Shared {
                state: Mutex::new(Running::default()),
                wake: Condvar::new(),
                runaway,
            }),
            longest,
            thread: Mutex::new(None),
        }
    }

    /// Runs `render`, the rendering of `template`, on the watch.
    pub fn during<T>(&self, template: &str, render: impl FnOnce() -> T) -> T {
        self.start_thread();
        let number = {
            let mut running = self.shared.lock();
            let number = running.next;
            running.next += 1;
            running
                .now
                .insert(number, (Instant::now(), template.to_string()));
            number
        };
        // No need to wake the watch: it wakes by then (see `keep_time`).
        let result = render();
        self.shared.lock().now.remove(&number);
        result
    }

    fn start_thread(&self) {
        let mut thread = self.thread.lock().unwrap_or_else(|e| e.into_inner());
        if thread.is_some() {
            return;
        }
        let (shared, longest) = (self.shared.clone(), self.longest);
        *thread = std::thread::Builder::new()
            .name("template watch".into())
            .spawn(move || shared.keep_time(longest))
            .ok();
    }
}

impl Shared {
    fn lock(&self) -> std::sync::MutexGuard<'_, Running> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits for the oldest rendering's time to run out, and calls
    /// `runaway` for it if it is still under way then; until stopped.
    /// With none under way it waits `longest`, so that a rendering begun
    /// while it waits is looked at by its own end of time, and a rendering
    /// need not wake it (waking it for each of tens of thousands was a
    /// tenth of rendering a large report).
    fn keep_time(&self, longest: Duration) {
        let mut running = self.lock();
        loop {
            if running.stop {
                return;
            }
            let oldest = running.now.values().min_by_key(|(began, _)| *began);
            let Some((began, template)) = oldest else {
                running = self
                    .wake
                    .wait_timeout(running, longest)
                    .unwrap_or_else(|e| e.into_inner())
                    .0;
                continue;
            };
            let waited = began.elapsed();
            if waited >= longest {
                let template = template.clone();
                drop(running);
                (self.runaway)(&template);
                // Once is enough: the rendering cannot be stopped.
                return;
            }
            running = self
                .wake
                .wait_timeout(running, longest - waited)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.shared.lock().stop = true;
        self.shared.wake.notify_all();
        let thread = self.thread.get_mut().unwrap_or_else(|e| e.into_inner());
        if let Some(thread) = thread.take() {
            let _ = thread.join();
        }
    }
}

impl std::fmt::Debug for Watch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watch")
            .field("longest", &self.longest)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};

    fn tera_with(template: &str) -> tera::Tera {
        let mut tera = tera::Tera::new();
        tera.register_function("range", range);
        tera.add_raw_template("t", template).unwrap();
        tera
    }

    /// Our `range` gives what Tera's gives, over made-up arguments.
    #[test]
    fn range_is_teras_range() {
        let mut pick = crate::made_up::Sequence::new(5);
        for _ in 0..300 {
            let number = |pick: &mut crate::made_up::Sequence| pick.below(41) as i64 - 20;
            let (start, end, step) = (number(&mut pick), number(&mut pick), number(&mut pick));
            let call = format!(
                "{{% for i in range(start={start}, end={end}, step_by={step}) %}}{{{{ i }}}},{{% endfor %}}"
            );
            let mut theirs = tera::Tera::new();
            theirs.add_raw_template("t", &call).unwrap();
            let theirs = theirs.render("t", &tera::Context::new()).ok();
            let ours = tera_with(&call).render("t", &tera::Context::new()).ok();
            assert_eq!(ours, theirs, "{call}");
        }
        let once = "{% for i in range(end=100001) %}{% endfor %}";
        assert!(tera_with(once).render("t", &tera::Context::new()).is_err());
    }

    /// Regression (#case-06): loops over `range()` inside each other never
    /// ended; past a million numbers for one rendering, it is an error.
    #[test]
    fn numbers_are_counted_over_a_whole_rendering() {
        let watch = Watch::new(LONGEST, Box::new(|_| {}));
        let nested = "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}";
        let error = render(&tera_with(nested), &watch, "t", &tera::Context::new()).unwrap_err();
        assert!(
            format!("{error:?}").contains("more than 1000000 numbers"),
            "{error:?}"
        );
        // Each rendering has its own count.
        let ten =
            "{% for i in range(end=10) %}{% for j in range(end=90000) %}{% endfor %}{% endfor %}";
        for _ in 0..3 {
            render(&tera_with(ten), &watch, "t", &tera::Context::new()).unwrap();
        }
    }

    #[test]
    fn output_is_bounded() {
        let watch = Watch::new(LONGEST, Box::new(|_| {}));
        let big = "{% for i in range(end=100000) %}{{ s }}{% endfor %}";
        let mut context = tera::Context::new();
        context.insert("s", &"x".repeat(4096));
        let error = render(&tera_with(big), &watch, "t", &context).unwrap_err();
        assert!(error.to_string().contains("more than 256 MB"), "{error}");
    }

    /// A rendering still under way past its time is reported, by the
    /// watch's own thread, with its template's name (the rendering here
    /// waits for that report: no timing is assumed).
    #[test]
    fn a_rendering_past_its_time_is_reported() {
        let reported = Arc::new(Mutex::new(None));
        let noted = reported.clone();
        let watch = Watch::new(
            Duration::from_millis(1),
            Box::new(move |template| *noted.lock().unwrap() = Some(template.to_string())),
        );
        let fired = AtomicBool::new(false);
        watch.during("page.html", || {
            while reported.lock().unwrap().is_none() {
                std::hint::spin_loop();
            }
            fired.store(true, Ordering::SeqCst);
        });
        assert!(fired.load(Ordering::SeqCst));
        assert_eq!(reported.lock().unwrap().as_deref(), Some("page.html"));
    }

    /// A rendering begun once the watch has nothing under way (the one
    /// before it ended at once) is reported too, though no rendering
    /// wakes the watch.
    #[test]
    fn a_rendering_begun_while_the_watch_waits_is_reported() {
        let reported = Arc::new(Mutex::new(Vec::new()));
        let noted = reported.clone();
        let watch = Watch::new(
            Duration::from_secs(1),
            Box::new(move |template| noted.lock().unwrap().push(template.to_string())),
        );
        watch.during("first.html", || {});
        watch.during("second.html", || {
            while reported.lock().unwrap().is_empty() {
                std::hint::spin_loop();
            }
        });
        assert_eq!(*reported.lock().unwrap(), ["second.html"]);
    }
}
