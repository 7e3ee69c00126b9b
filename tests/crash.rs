//! Crash-safe output, tested on real `stele build` processes: killed with
//! SIGKILL, SIGINT and SIGTERM while they write, and raced against each
//! other. The fixture is generated: 200 articles and 4,000 small files, so
//! the write phase lasts long enough (about a second in a debug build) to
//! be caught in the middle.
#![cfg(unix)]

use std::fs;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const MARKER: &str = ".stele-output";

fn stele() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_stele"));
    c.env("NO_COLOR", "1");
    c
}

/// A site whose build writes a few thousand files.
fn big_site(root: &Path) {
    let body = format!(
        "{}\n\n",
        "Lorem ipsum dolor sit amet, consectetur adipiscing. ".repeat(20)
    )
    .repeat(5);
    let en = root.join("content/en-US");
    for i in 0..200 {
        let dir = en.join(format!("s{}", i % 10));
        fs::create_dir_all(&dir).expect("mkdir");
        fs::write(
            dir.join(format!("a{i}.md")),
            format!("---\ntitle: A{i}\n---\n# A{i}\n\n{body}"),
        )
        .expect("write");
    }
    for d in 0..40 {
        let dir = en.join(format!("img{d}"));
        fs::create_dir_all(&dir).expect("mkdir");
        for j in 0..100 {
            fs::write(dir.join(format!("f{j}.png")), vec![b'x'; 2000]).expect("write");
        }
    }
}

fn count_files(dir: &Path) -> usize {
    let mut n = 0;
    for e in fs::read_dir(dir).expect("read_dir").flatten() {
        let t = e.file_type().expect("file type");
        if t.is_dir() {
            n += count_files(&e.path());
        } else {
            n += 1;
        }
    }
    n
}

/// `.public.stele-tmp-*` and `.public.stele-old-*` beside the output.
fn leftovers(root: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(root)
        .expect("read_dir")
        .flatten()
        .filter(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.starts_with(".public.stele-tmp-") || n.starts_with(".public.stele-old-")
        })
        .map(|e| e.path())
        .collect();
    v.sort();
    v
}

/// Starts a build of `root` into `root/public`.
fn spawn_build(root: &Path, extra: &[&str]) -> Child {
    stele()
        .arg("build")
        .arg(root)
        .args(["-q"])
        .args(extra)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns stele build")
}

/// Waits until `child` is writing its temporary directory (marker inside).
fn wait_until_writing(root: &Path, child: &mut Child) -> PathBuf {
    let start = Instant::now();
    loop {
        for p in leftovers(root) {
            let name = p
                .file_name()
                .expect("a name")
                .to_string_lossy()
                .into_owned();
            if name.contains("stele-tmp-") && p.join(MARKER).exists() {
                return p;
            }
        }
        if let Some(status) = child.try_wait().expect("try_wait") {
            panic!("the build ended ({status}) before it was caught writing");
        }
        assert!(
            start.elapsed() < Duration::from_secs(300),
            "the build never started writing"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// A complete first build; returns its number of files.
fn first_build(root: &Path) -> usize {
    let out = stele()
        .arg("build")
        .arg(root)
        .arg("-q")
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let n = count_files(&root.join("public"));
    assert!(n > 4000, "only {n} files");
    n
}

#[test]
fn sigkill_while_writing_leaves_a_leftover_that_the_next_build_removes() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path();
    big_site(root);
    let files = first_build(root);

    let mut child = spawn_build(root, &[]);
    let writing = wait_until_writing(root, &mut child);
    child.kill().expect("SIGKILL");
    let status = child.wait().expect("wait");
    assert_eq!(status.signal(), Some(9), "{status}");
    assert!(
        writing.join(MARKER).exists(),
        "the killed build left no leftover"
    );
    assert_eq!(
        count_files(&root.join("public")),
        files,
        "the old output is intact"
    );

    // A previous output moved aside by a build killed during its swap, and
    // two look-alikes that are not stele's and must stay.
    let old = root.join(".public.stele-old-424242");
    fs::create_dir_all(old.join("en-us")).expect("mkdir");
    fs::write(old.join(MARKER), "x").expect("marker");
    fs::write(old.join("en-us/index.html"), "x").expect("page");
    let unmarked = root.join(".public.stele-tmp-notours");
    fs::create_dir_all(&unmarked).expect("mkdir");
    fs::write(unmarked.join("keep.txt"), "mine").expect("file");
    let other = root.join(".publicity.stele-old-1");
    fs::create_dir_all(&other).expect("mkdir");
    fs::write(other.join(MARKER), "x").expect("marker");

    let out = stele().arg("build").arg(root).output().expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("left by an interrupted build"), "{err}");
    assert_eq!(leftovers(root), vec![unmarked.clone()], "{err}");
    assert!(unmarked.join("keep.txt").exists());
    assert!(other.join(MARKER).exists());
    assert_eq!(count_files(&root.join("public")), files);
}

#[test]
fn sigint_and_sigterm_while_writing_clean_up_before_exit() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path();
    big_site(root);
    let files = first_build(root);
    for (name, number) in [("INT", 2), ("TERM", 15)] {
        let mut child = spawn_build(root, &[]);
        wait_until_writing(root, &mut child);
        let sent = Command::new("kill")
            .arg(format!("-{name}"))
            .arg(child.id().to_string())
            .status()
            .expect("kill runs");
        assert!(sent.success());
        let out = child.wait_with_output().expect("wait");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.signal(), Some(number), "SIG{name}: {err}");
        assert!(err.contains(&format!("stopped by SIG{name}")), "{err}");
        assert_eq!(leftovers(root), Vec::<PathBuf>::new(), "SIG{name}");
        assert!(root.join("public").join(MARKER).exists());
        assert_eq!(count_files(&root.join("public")), files, "SIG{name}");
    }
}

#[test]
fn a_second_build_into_the_same_output_waits_or_refuses_with_no_wait() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path();
    big_site(root);
    let files = first_build(root);

    let mut first = spawn_build(root, &[]);
    wait_until_writing(root, &mut first);
    let refused = stele()
        .arg("build")
        .arg(root)
        .arg("--no-wait")
        .output()
        .expect("runs");
    let waiting = spawn_build(root, &[]);
    let err = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(refused.status.code(), Some(2), "{err}");
    assert!(err.contains("another stele build (process"), "{err}");
    assert!(err.contains("is writing to"), "{err}");
    assert!(err.contains("hint: "), "{err}");

    let first = first.wait_with_output().expect("wait");
    assert_eq!(first.status.code(), Some(0));
    let second = waiting.wait_with_output().expect("wait");
    let err = String::from_utf8_lossy(&second.stderr);
    assert_eq!(second.status.code(), Some(0), "{err}");
    assert!(err.contains("waiting for another stele build"), "{err}");
    assert_eq!(leftovers(root), Vec::<PathBuf>::new());
    assert_eq!(count_files(&root.join("public")), files);
}
