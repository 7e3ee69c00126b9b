//! SIGINT and SIGTERM during `stele build`: clean up, then die of the signal.
//!
//! Invariants: a dedicated thread (signal-hook's iterator, no work in the
//! signal handler itself) receives the signal, takes the [`STATE`] mutex,
//! removes the directory the build was writing (or the previous output it
//! had moved aside) and re-raises the signal with its default action, so
//! the parent sees "killed by SIGINT/SIGTERM" (exit status 130/143 in a
//! shell). The swap of the new output into place holds the same mutex, so a
//! signal never lands between its two renames: the output directory is
//! always the previous build or the new one, complete.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::MARKER;

/// What the build has on disk that a signal must clean up.
#[derive(Debug, Default)]
pub enum Pending {
    /// Nothing (reading, rendering, or done).
    #[default]
    Nothing,
    /// The temporary directory being written.
    Writing(PathBuf),
    /// The previous output, moved aside after the swap, being deleted.
    Old(PathBuf),
}

/// The state shared with the signal thread.
pub static STATE: Mutex<Pending> = Mutex::new(Pending::Nothing);

/// Set by the signal thread: writers stop creating files.
static ABORT: AtomicBool = AtomicBool::new(false);

/// File-system operations of writer threads in flight.
static IN_FLIGHT: AtomicUsize = AtomicUsize::new(0);

/// Whether a signal asked the build to stop.
pub fn aborted() -> bool {
    ABORT.load(Ordering::SeqCst)
}

/// Held by a writer around one file-system operation in the temporary
/// directory; `None` once a signal asked the build to stop. The signal
/// thread waits for every guard to drop before it removes the directory,
/// so no writer creates a file in it afterwards.
pub struct IoGuard(());

impl IoGuard {
    pub fn take() -> Option<IoGuard> {
        IN_FLIGHT.fetch_add(1, Ordering::SeqCst);
        if ABORT.load(Ordering::SeqCst) {
            IN_FLIGHT.fetch_sub(1, Ordering::SeqCst);
            return None;
        }
        Some(IoGuard(()))
    }
}

impl Drop for IoGuard {
    fn drop(&mut self) {
        IN_FLIGHT.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Called by the build thread when a signal stopped its writers: it waits
/// for the signal thread to clean up and end the process.
pub fn wait_for_exit() -> ! {
    loop {
        std::thread::sleep(std::time::Duration::from_secs(1));
    }
}

/// After ABORT is set: waits (at most 10 s) for the writers in flight.
fn wait_for_writers() {
    let start = std::time::Instant::now();
    while IN_FLIGHT.load(Ordering::SeqCst) > 0
        && start.elapsed() < std::time::Duration::from_secs(10)
    {
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
}

/// Sets the pending state (a poisoned mutex is still used: the state is a
/// plain value).
pub fn set(p: Pending) {
    let mut g = STATE.lock().unwrap_or_else(|e| e.into_inner());
    *g = p;
}

/// Starts the signal thread (once per process; `stele build` only).
pub fn install() {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(sig) = signals.forever().next() {
                ABORT.store(true, Ordering::SeqCst);
                wait_for_writers();
                let mut g = STATE.lock().unwrap_or_else(|e| e.into_inner());
                match std::mem::take(&mut *g) {
                    Pending::Nothing => {}
                    Pending::Writing(dir) | Pending::Old(dir) => remove_marked(&dir),
                }
                eprintln!(
                    "\nstopped by {}: the output directory is unchanged or complete",
                    signal_hook::low_level::signal_name(sig).unwrap_or("a signal")
                );
                let _ = signal_hook::low_level::emulate_default_handler(sig);
                std::process::exit(128 + sig);
            }
        });
    }
}

/// Removes a directory stele wrote, its marker last, so that a removal cut
/// short (SIGKILL) leaves a directory the next build still recognizes.
/// Retries a few times: writer threads may still be creating files.
pub fn remove_marked(dir: &Path) {
    for _ in 0..5 {
        if let Ok(entries) = std::fs::read_dir(dir) {
            for e in entries.flatten() {
                if e.file_name() == MARKER {
                    continue;
                }
                let p = e.path();
                let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
                let _ = if is_dir {
                    std::fs::remove_dir_all(&p)
                } else {
                    std::fs::remove_file(&p)
                };
            }
        }
        let _ = std::fs::remove_file(dir.join(MARKER));
        if std::fs::remove_dir(dir).is_ok() || !dir.exists() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}
