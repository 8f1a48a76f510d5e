//! How long each stage of a run took, and the lines that say so on standard
//! error when `EVALSITE_TIMINGS` is set (read by `main`). The benchmark
//! (bench/run.sh) reads exactly these lines: `timing: STAGE MS`, and
//! `timing: STAGE MS within LAP` for a stage that ran alongside others.

use std::time::{Duration, Instant};

/// The stages of one run, in order, as the benchmark reads them.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    /// How long each stage took, in order; stages that ran alongside each
    /// other share one entry (named for all of them, `check+render`).
    pub laps: Vec<(&'static str, Duration)>,
    /// How long each of the stages that ran alongside each other took.
    pub within: Vec<Within>,
}

/// How long a stage that ran alongside another took on its own.
#[derive(Debug, Clone, Copy)]
pub struct Within {
    pub stage: &'static str,
    /// The lap (named for the stages in it) it ran within.
    pub lap: &'static str,
    pub took: Duration,
}

impl Timings {
    /// The timing lines.
    pub fn lines(&self) -> Vec<String> {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let laps = self.laps.iter().copied();
        let laps = laps.map(|(stage, took)| format!("timing: {stage} {:.1}", ms(took)));
        let within = self.within.iter().map(|Within { stage, lap, took }| {
            format!("timing: {stage} {:.1} within {lap}", ms(*took))
        });
        laps.chain(within).collect()
    }

    /// Prints [`Timings::lines`] on standard error.
    pub fn print(&self) {
        for line in self.lines() {
            crate::say!("{line}");
        }
    }
}

/// Runs `f`, and says how long it took.
pub fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let value = f();
    (value, start.elapsed())
}

/// Measures stages one after another.
pub struct Stopwatch {
    last: Instant,
    timings: Timings,
}

impl Stopwatch {
    pub fn start() -> Stopwatch {
        Stopwatch {
            last: Instant::now(),
            timings: Timings::default(),
        }
    }

    /// Ends the stage `stage`, begun when the last one ended.
    pub fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.timings.laps.push((stage, now - self.last));
        self.last = now;
    }

    /// Notes how long `stage`, one of those that ran alongside each other
    /// in the last lap, took on its own.
    pub fn within(&mut self, stage: &'static str, took: Duration) {
        if let Some(&(lap, _)) = self.timings.laps.last() {
            self.timings.within.push(Within { stage, lap, took });
        }
    }

    pub fn stop(self) -> Timings {
        self.timings
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_as_the_benchmark_reads_them() {
        let mut clock = Stopwatch::start();
        clock.lap("load");
        clock.lap("check+render");
        clock.within("check", Duration::from_micros(81_549));
        clock.lap("write");
        let mut timings = clock.stop();
        timings.laps[0].1 = Duration::from_micros(12_345);
        timings.laps[1].1 = Duration::from_millis(90);
        timings.laps[2].1 = Duration::from_millis(3);
        assert_eq!(
            timings.lines(),
            [
                "timing: load 12.3",
                "timing: check+render 90.0",
                "timing: write 3.0",
                "timing: check 81.5 within check+render",
            ]
        );
    }

    #[test]
    fn a_stage_alongside_nothing_is_not_noted() {
        let mut clock = Stopwatch::start();
        clock.within("check", Duration::from_millis(1));
        assert!(clock.stop().within.is_empty());
    }
}
