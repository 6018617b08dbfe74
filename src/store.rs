//! The JSON store: the only code that touches the disk. Saves are atomic, writers take a lock,
//! and a store that is corrupt or from a newer syncwise is never overwritten.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use serde::Deserialize;
use thiserror::Error;

use crate::core::{Plan, SCHEMA_VERSION};

/// The store's file name inside its directory.
pub const FILE_NAME: &str = "plans.json";
/// The lock file writers hold around read-modify-write.
pub const LOCK_NAME: &str = "plans.lock";
/// Temporary files of a save in progress are named `.plans.<random>.tmp`.
const TEMP_PREFIX: &str = ".plans.";
const TEMP_SUFFIX: &str = ".tmp";
/// How long a writer waits in the queue for the others before giving up. Writers hold the
/// lock only for a load and a save (tens of milliseconds even at 10,000 items), so a
/// writer behind dozens of others is still served well within this.
pub const LOCK_WAIT: Duration = Duration::from_secs(120);
/// A writer that has waited this long says so (through [`Store::on_wait`]).
pub const WAIT_NOTICE: Duration = Duration::from_secs(1);

/// What can go wrong with the store.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("{path}: not a valid syncwise store ({detail}); it was left untouched, fix or move it")]
    Corrupt { path: PathBuf, detail: String },
    #[error(
        "{path}: written by a newer syncwise (schema version {found}, this one knows {supported}); it was left untouched, upgrade syncwise"
    )]
    Newer {
        path: PathBuf,
        found: u64,
        supported: u32,
    },
    #[error(
        "{path}: other syncwise processes kept the store busy for {}s; nothing was saved, try again",
        waited.as_secs()
    )]
    Busy { path: PathBuf, waited: Duration },
    #[error("cannot read '{path}': {cause}")]
    Read { path: PathBuf, cause: io::Error },
    #[error("cannot write to '{path}': {cause}")]
    Write { path: PathBuf, cause: io::Error },
    #[error(
        "{link} is a symlink to {target}, which does not exist; point it at a store or remove it"
    )]
    Dangling { link: PathBuf, target: PathBuf },
    #[error("no config directory is known for this user: pass --dir DIR or set SYNCWISE_DIR")]
    NoConfigDir,
}

/// Reads a file the user named on the command line (a calendar export).
pub fn read_input(path: &Path) -> Result<Vec<u8>, StoreError> {
    fs::read(path).map_err(|cause| StoreError::Read {
        path: path.to_path_buf(),
        cause,
    })
}

/// Writes a file the user named on the command line (exported invites).
pub fn write_output(path: &Path, text: &str) -> Result<(), StoreError> {
    fs::write(path, text).map_err(|cause| StoreError::Write {
        path: path.to_path_buf(),
        cause,
    })
}

/// Identifies one version of the store file, to notice changes made by other processes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FileVersion(Option<(SystemTime, u64, u64)>);

impl FileVersion {
    fn of(path: &Path) -> FileVersion {
        FileVersion(fs::metadata(path).ok().map(|m| {
            let modified = m.modified().unwrap_or(SystemTime::UNIX_EPOCH);
            (modified, m.len(), inode(&m))
        }))
    }
}

#[cfg(unix)]
fn inode(meta: &fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(meta)
}

#[cfg(not(unix))]
fn inode(_meta: &fs::Metadata) -> u64 {
    0
}

/// The result of a committed change: what the change returned and the plan as saved.
#[derive(Debug)]
pub struct Committed<T> {
    pub value: T,
    pub plan: Plan,
    pub version: FileVersion,
}

/// Told, once, that a writer has waited [`WAIT_NOTICE`] for the lock, with the store's path.
pub type WaitNotice = std::sync::Arc<dyn Fn(&Path) + Send + Sync>;

/// A store in one directory.
#[derive(Clone)]
pub struct Store {
    dir: PathBuf,
    /// How long a writer waits for the lock.
    wait: Duration,
    /// Who hears that a writer is waiting long.
    on_wait: Option<WaitNotice>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("dir", &self.dir)
            .field("wait", &self.wait)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// The store in a directory (created on the first save).
    pub fn at(dir: impl Into<PathBuf>) -> Store {
        Store {
            dir: dir.into(),
            wait: LOCK_WAIT,
            on_wait: None,
        }
    }

    /// The same store, with writers waiting at most `wait` for the lock (zero: refuse at
    /// once when another writer holds it).
    pub fn with_wait(mut self, wait: Duration) -> Store {
        self.wait = wait;
        self
    }

    /// The same store, telling `notice` when a writer has waited [`WAIT_NOTICE`].
    pub fn on_wait(mut self, notice: WaitNotice) -> Store {
        self.on_wait = Some(notice);
        self
    }

    /// The user's config directory for syncwise.
    pub fn default_dir() -> Result<PathBuf, StoreError> {
        directories::ProjectDirs::from("", "", "syncwise")
            .map(|dirs| dirs.config_dir().to_path_buf())
            .ok_or(StoreError::NoConfigDir)
    }

    /// The directory holding the store.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The store file.
    pub fn path(&self) -> PathBuf {
        self.dir.join(FILE_NAME)
    }

    /// The current version of the store file.
    pub fn version(&self) -> FileVersion {
        FileVersion::of(&self.path())
    }

    /// Reads the plan; a missing file is an empty plan. The file is read once, whole,
    /// and parsed by serde, which also names what is wrong with a broken one.
    pub fn load(&self) -> Result<Plan, StoreError> {
        let path = self.path();
        match fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => parse(&path, &text),
                Err(_) => Err(StoreError::Corrupt {
                    path,
                    detail: "the file is not UTF-8 text".into(),
                }),
            },
            Err(e) if e.kind() == io::ErrorKind::NotFound => match fs::symlink_metadata(&path) {
                Ok(meta) if meta.file_type().is_symlink() => Err(self.dangling(&path)),
                _ => Ok(Plan::default()),
            },
            Err(cause) => Err(StoreError::Read { path, cause }),
        }
    }

    /// Reads the plan with the version of the file it was read from.
    pub fn load_versioned(&self) -> Result<(Plan, FileVersion), StoreError> {
        // FileVersion first: if the file changes between the two, the next check reloads.
        let stamp = self.version();
        Ok((self.load()?, stamp))
    }

    /// Reads the plan again only when the file changed since `since`.
    pub fn reload_if_changed(
        &self,
        since: &FileVersion,
    ) -> Result<Option<(Plan, FileVersion)>, StoreError> {
        if self.version() == *since {
            return Ok(None);
        }
        self.load_versioned().map(Some)
    }

    /// Reads a small text file kept beside the store (such as the key bindings); `None` when
    /// there is none.
    pub fn read_beside(&self, name: &str) -> Result<Option<String>, StoreError> {
        let path = self.dir.join(name);
        match fs::read_to_string(&path) {
            Ok(text) => Ok(Some(text)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(cause) => Err(StoreError::Read { path, cause }),
        }
    }

    /// The text of the user's `intents.conf` beside the store; `None` when there is none.
    pub fn read_intents(&self) -> Result<Option<String>, StoreError> {
        self.read_beside(crate::core::infer::CONFIG_FILE)
    }

    /// Writes a document (such as a week's brief) into `<dir>/<folder>/<name>`, atomically,
    /// and returns its path.
    pub fn write_document(
        &self,
        folder: &str,
        name: &str,
        text: &str,
    ) -> Result<PathBuf, StoreError> {
        let dir = self.dir.join(folder);
        let wrap = |cause| StoreError::Write {
            path: dir.clone(),
            cause,
        };
        fs::create_dir_all(&dir).map_err(wrap)?;
        let mut temp = tempfile::Builder::new()
            .prefix(".doc.")
            .tempfile_in(&dir)
            .map_err(wrap)?;
        restrict_permissions(temp.as_file()).map_err(wrap)?;
        temp.write_all(text.as_bytes()).map_err(wrap)?;
        temp.as_file().sync_all().map_err(wrap)?;
        let path = dir.join(name);
        temp.persist(&path).map_err(|e| wrap(e.error))?;
        sync_dir(&dir).map_err(wrap)?;
        Ok(path)
    }

    /// Writes a first plan when there is no store yet (under the lock, so a store another
    /// process creates meanwhile is never replaced); returns whether it wrote one.
    pub fn initialize(&self, first: impl FnOnce() -> Plan) -> Result<bool, StoreError> {
        let _lock = self.lock()?;
        if self.path().exists() {
            return Ok(false);
        }
        self.save(&first())?;
        Ok(true)
    }

    /// Applies a change to the freshest plan under the lock and saves it atomically.
    /// When `change` fails, nothing is written.
    pub fn update<T, E>(&self, change: impl FnOnce(&mut Plan) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        self.transact(change).map(|c| c.value)
    }

    /// Like [`Store::update`], and also hands back the plan as saved and the file version saved.
    pub fn transact<T, E>(
        &self,
        change: impl FnOnce(&mut Plan) -> Result<T, E>,
    ) -> Result<Committed<T>, E>
    where
        E: From<StoreError>,
    {
        let _lock = self.lock()?;
        let mut plan = self.load()?;
        let value = change(&mut plan)?;
        plan.version = SCHEMA_VERSION;
        self.save(&plan)?;
        Ok(Committed {
            value,
            version: self.version(),
            plan,
        })
    }

    fn write_error(&self, cause: io::Error) -> StoreError {
        StoreError::Write {
            path: self.dir.clone(),
            cause,
        }
    }

    fn lock(&self) -> Result<File, StoreError> {
        fs::create_dir_all(&self.dir).map_err(|e| self.write_error(e))?;
        let path = self.dir.join(LOCK_NAME);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| self.write_error(e))?;
        let file = match file.try_lock() {
            Ok(()) => file,
            Err(fs::TryLockError::WouldBlock) => self.wait_in_queue(file)?,
            Err(fs::TryLockError::Error(e)) => return Err(self.write_error(e)),
        };
        self.remove_stale_temp_files();
        Ok(file)
    }

    /// Waits for the lock in the kernel's queue (a blocking `flock`, not a poll, so
    /// writers are served as the lock frees rather than by who polls first), up to the
    /// store's deadline. The wait runs on a helper thread so that it can be bounded: a
    /// lock that arrives after the deadline is released at once, as the thread drops it.
    fn wait_in_queue(&self, file: File) -> Result<File, StoreError> {
        let busy = || StoreError::Busy {
            path: self.path(),
            waited: self.wait,
        };
        if self.wait.is_zero() {
            return Err(busy());
        }
        let (sender, receiver) = std::sync::mpsc::channel();
        thread::Builder::new()
            .name("syncwise-lock".into())
            .spawn(move || {
                let locked = file.lock().map(|()| file);
                // Nobody listening means the deadline passed: dropping the file unlocks it.
                let _ = sender.send(locked);
            })
            .map_err(|e| self.write_error(e))?;
        let start = Instant::now();
        let mut told = false;
        loop {
            let left = self.wait.saturating_sub(start.elapsed());
            let step = if told {
                left
            } else {
                left.min(WAIT_NOTICE.saturating_sub(start.elapsed()))
            };
            match receiver.recv_timeout(step) {
                Ok(Ok(file)) => return Ok(file),
                Ok(Err(e)) => return Err(self.write_error(e)),
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) if start.elapsed() < self.wait => {
                    if !told && start.elapsed() >= WAIT_NOTICE {
                        told = true;
                        if let Some(notice) = &self.on_wait {
                            notice(&self.path());
                        }
                    }
                }
                Err(_) => return Err(busy()),
            }
        }
    }

    /// Removes temporary files that a writer killed mid-save left behind, beside the store
    /// and, for a store that is a symlink, beside the file it points to (where saves put
    /// them); only called under the lock, when no other save can be in flight.
    fn remove_stale_temp_files(&self) {
        let mut dirs = vec![self.dir.clone()];
        if let Ok(target) = self.target()
            && let Some(parent) = target.parent().filter(|p| *p != self.dir)
        {
            dirs.push(parent.to_path_buf());
        }
        for dir in dirs {
            let Ok(entries) = fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let name = entry.file_name();
                let name = name.to_string_lossy();
                if name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX) {
                    let _ = fs::remove_file(entry.path());
                }
            }
        }
    }

    /// The file saves replace: the store file, or for a symlinked store (dotfiles) the
    /// file the link points to, so that the link survives. A link that points nowhere is
    /// an error naming the link.
    fn target(&self) -> Result<PathBuf, StoreError> {
        let path = self.path();
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                fs::canonicalize(&path).map_err(|_| self.dangling(&path))
            }
            _ => Ok(path),
        }
    }

    fn dangling(&self, link: &Path) -> StoreError {
        let points_to = fs::read_link(link).unwrap_or_default();
        StoreError::Dangling {
            link: link.to_path_buf(),
            target: points_to,
        }
    }

    /// Writes the plan to a temporary file beside the store, syncs it, renames it over the
    /// store and syncs the directory, so a crash leaves either the old or the new plan.
    fn save(&self, plan: &Plan) -> Result<(), StoreError> {
        let wrap = |e| self.write_error(e);
        // The temporary file sits beside the file it replaces.
        let target = self.target()?;
        let target_dir = target
            .parent()
            .map_or_else(|| self.dir.clone(), Path::to_path_buf);
        let mut temp = tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .suffix(TEMP_SUFFIX)
            .tempfile_in(&target_dir)
            .map_err(wrap)?;
        restrict_permissions(temp.as_file()).map_err(wrap)?;
        {
            let mut out = BufWriter::with_capacity(1 << 16, temp.as_file_mut());
            serde_json::to_writer(&mut out, plan)
                .map_err(io::Error::from)
                .map_err(wrap)?;
            out.write_all(b"\n").map_err(wrap)?;
            out.flush().map_err(wrap)?;
        }
        temp.as_file().sync_all().map_err(wrap)?;
        temp.persist(&target).map_err(|e| wrap(e.error))?;
        sync_dir(&target_dir).map_err(wrap)
    }
}

fn parse(path: &Path, text: &str) -> Result<Plan, StoreError> {
    #[derive(Deserialize)]
    struct VersionOnly {
        version: u64,
    }
    match serde_json::from_str::<Plan>(text) {
        Ok(plan) => accept(path, plan),
        Err(error) => match serde_json::from_str::<VersionOnly>(text) {
            Ok(v) if v.version > u64::from(SCHEMA_VERSION) => Err(newer(path, v.version)),
            _ => Err(StoreError::Corrupt {
                path: path.to_path_buf(),
                detail: error.to_string(),
            }),
        },
    }
}

/// A plan that parsed: refused when it is from a newer syncwise or breaks the rules a
/// plan keeps.
fn accept(path: &Path, plan: Plan) -> Result<Plan, StoreError> {
    if u64::from(plan.version) > u64::from(SCHEMA_VERSION) {
        return Err(newer(path, u64::from(plan.version)));
    }
    if plan.version == 0 {
        return Err(StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: "schema version 0 is not a version".into(),
        });
    }
    match plan.check() {
        Ok(()) => Ok(plan),
        Err(error) => Err(StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: error.to_string(),
        }),
    }
}

fn newer(path: &Path, found: u64) -> StoreError {
    StoreError::Newer {
        path: path.to_path_buf(),
        found,
        supported: SCHEMA_VERSION,
    }
}

#[cfg(unix)]
fn restrict_permissions(file: &File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
fn restrict_permissions(_file: &File) -> io::Result<()> {
    Ok(())
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::Item;
    use crate::core::week::{Day, IsoWeek};
    use chrono::Utc;

    fn add(store: &Store, title: &str) -> u32 {
        store
            .update(|plan| {
                let week: IsoWeek = "2026-W48".parse().unwrap();
                Ok::<_, StoreError>(plan.add(Item::new(0, title, week, Day::Mon, Utc::now())))
            })
            .unwrap()
    }

    #[test]
    fn missing_store_is_an_empty_plan_and_saving_creates_it() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path().join("nested"));
        assert_eq!(store.load().unwrap(), Plan::default());
        assert_eq!(add(&store, "first"), 1);
        let plan = store.load().unwrap();
        assert_eq!(plan.items.len(), 1);
        assert_eq!(plan.items[0].title, "first");
    }

    #[cfg(unix)]
    #[test]
    fn store_file_is_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        add(&store, "secret feedback");
        let mode = fs::metadata(store.path()).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn corrupt_and_newer_stores_are_reported_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        for (content, newer) in [
            (&b"{ not json"[..], false),
            (&br#"{"version": 7, "next_id": 1, "items": []}"#[..], true),
            (&br#"{"version": 9, "shape": "unknown"}"#[..], true),
            (&br#"{"version": 1, "next_id": "x"}"#[..], false),
        ] {
            fs::write(store.path(), content).unwrap();
            let err = store.load().unwrap_err();
            assert_eq!(matches!(err, StoreError::Newer { .. }), newer, "{err}");
            assert!(err.to_string().contains(FILE_NAME));
            let failed = store.update(|plan| {
                plan.items.clear();
                Ok::<_, StoreError>(())
            });
            assert!(failed.is_err());
            assert_eq!(fs::read(store.path()).unwrap(), content);
        }
    }

    #[test]
    fn a_failed_change_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        add(&store, "keep");
        let before = fs::read(store.path()).unwrap();
        let result: Result<(), StoreError> = store.update(|plan| {
            plan.items.clear();
            Err(StoreError::NoConfigDir)
        });
        assert!(result.is_err());
        assert_eq!(fs::read(store.path()).unwrap(), before);
    }

    #[test]
    fn a_writer_clears_temp_files_left_by_a_killed_save() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        let stale = dir.path().join(".plans.abc123.tmp");
        fs::write(&stale, "half a plan").unwrap();
        add(&store, "after the crash");
        assert!(!stale.exists());
        assert_eq!(store.load().unwrap().items.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_store_keeps_its_link() {
        let dir = tempfile::tempdir().unwrap();
        let dotfiles = tempfile::tempdir().unwrap();
        let real = dotfiles.path().join("plans.json");
        let store = Store::at(dir.path());
        add(&store, "first");
        fs::rename(store.path(), &real).unwrap();
        std::os::unix::fs::symlink(&real, store.path()).unwrap();
        add(&store, "second");
        assert!(
            fs::symlink_metadata(store.path())
                .unwrap()
                .file_type()
                .is_symlink()
        );
        let on_disk: Plan = serde_json::from_str(&fs::read_to_string(&real).unwrap()).unwrap();
        assert_eq!(on_disk.items.len(), 2);
    }

    #[test]
    fn notices_changes_from_elsewhere() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        let (_, stamp) = store.load_versioned().unwrap();
        assert!(store.reload_if_changed(&stamp).unwrap().is_none());
        add(&store, "from another process");
        let (plan, _) = store.reload_if_changed(&stamp).unwrap().unwrap();
        assert_eq!(plan.items.len(), 1);
    }

    #[test]
    fn a_held_lock_makes_writers_wait_then_proceed() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        let held = store.lock().unwrap();
        let other = store.clone();
        let writer = thread::spawn(move || add(&other, "waited"));
        thread::sleep(Duration::from_millis(100));
        assert!(store.load().unwrap().items.is_empty());
        drop(held);
        assert_eq!(writer.join().unwrap(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_dangling_symlink_is_named_and_never_read_as_an_empty_plan() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        std::os::unix::fs::symlink(dir.path().join("gone/plans.json"), store.path()).unwrap();
        let load = store.load().unwrap_err().to_string();
        assert!(load.contains("plans.json is a symlink to"), "{load}");
        assert!(
            load.contains("gone/plans.json, which does not exist"),
            "{load}"
        );
        let write = store
            .update(|_| Ok::<_, StoreError>(()))
            .unwrap_err()
            .to_string();
        assert_eq!(write, load);
        assert!(
            fs::symlink_metadata(store.path())
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }

    #[cfg(unix)]
    #[test]
    fn temp_files_left_beside_a_symlinks_target_are_cleaned_there() {
        let dir = tempfile::tempdir().unwrap();
        let real_dir = dir.path().join("dotfiles");
        let link_dir = dir.path().join("config");
        fs::create_dir_all(&real_dir).unwrap();
        fs::create_dir_all(&link_dir).unwrap();
        let store = Store::at(&link_dir);
        std::os::unix::fs::symlink(real_dir.join("plans.json"), store.path()).unwrap();
        fs::write(real_dir.join("plans.json"), "{\"version\":1,\"next_id\":1}").unwrap();
        let stale = real_dir.join(".plans.killed.tmp");
        fs::write(&stale, "half a plan").unwrap();
        add(&store, "after a killed save");
        assert!(
            !stale.exists(),
            "the stale temp file beside the target stays"
        );
        let left: Vec<_> = fs::read_dir(&real_dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(left, ["plans.json"]);
    }

    #[test]
    fn a_writer_refuses_at_once_with_no_wait_and_queues_otherwise() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        use std::sync::{Arc, mpsc};
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        add(&store, "first");
        let (locked, wait_for_lock) = mpsc::channel();
        let holder = {
            let store = store.clone();
            thread::spawn(move || {
                store
                    .update(|_| {
                        locked.send(()).unwrap();
                        thread::sleep(Duration::from_millis(1300));
                        Ok::<_, StoreError>(())
                    })
                    .unwrap()
            })
        };
        wait_for_lock.recv().unwrap();
        let started = Instant::now();
        let busy = store
            .clone()
            .with_wait(Duration::ZERO)
            .update(|_| Ok::<_, StoreError>(()));
        assert!(matches!(busy, Err(StoreError::Busy { .. })), "{busy:?}");
        assert!(started.elapsed() < Duration::from_millis(500));

        let notices = Arc::new(AtomicUsize::new(0));
        let heard = notices.clone();
        let patient = store.clone().on_wait(Arc::new(move |_| {
            heard.fetch_add(1, Ordering::SeqCst);
        }));
        assert_eq!(add(&patient, "second"), 2);
        assert_eq!(
            notices.load(Ordering::SeqCst),
            1,
            "one notice after a second's wait"
        );
        holder.join().unwrap();
    }

    #[test]
    fn a_writer_past_its_deadline_is_busy_and_leaves_the_lock_free() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        add(&store, "first");
        let (locked, wait_for_lock) = std::sync::mpsc::channel();
        let (release, wait_for_release) = std::sync::mpsc::channel::<()>();
        let holder = {
            let store = store.clone();
            thread::spawn(move || {
                store
                    .update(|_| {
                        locked.send(()).unwrap();
                        wait_for_release.recv().unwrap();
                        Ok::<_, StoreError>(())
                    })
                    .unwrap()
            })
        };
        wait_for_lock.recv().unwrap();
        let short = store.clone().with_wait(Duration::from_millis(200));
        let busy = short.update(|_| Ok::<_, StoreError>(()));
        assert!(matches!(busy, Err(StoreError::Busy { .. })), "{busy:?}");
        release.send(()).unwrap();
        holder.join().unwrap();
        // The abandoned waiter got the lock after its deadline and let it go at once.
        assert_eq!(add(&short, "after"), 2);
    }
}
