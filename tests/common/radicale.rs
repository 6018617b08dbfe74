//! A real Radicale CalDAV server for the tests, on a free loopback port with a throwaway
//! storage folder and one htpasswd user. The pinned Radicale is installed with pip into
//! `target/test-python/radicale` on first use; a machine that cannot install it fails the
//! test with a message saying so (never a skip). The server is killed when dropped.

use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;

/// The Radicale release the tests run against.
pub const VERSION: &str = "3.5.10";
/// The user every server knows, and their password.
pub const USER: &str = "alice";
pub const PASSWORD: &str = "correct-horse-7Q";

/// Where the pinned Radicale lives, installed if it is not yet.
pub fn install() -> PathBuf {
    super::python::package("radicale", &format!("radicale=={VERSION}"))
}

/// A running Radicale server.
pub struct Radicale {
    child: Option<Child>,
    pub port: u16,
    dir: tempfile::TempDir,
}

impl Radicale {
    /// Starts a server with user [`USER`] and a calendar collection at
    /// `/alice/work/`.
    pub fn start() -> Radicale {
        let python = install();
        let dir = tempfile::tempdir().expect("a temp dir");
        std::fs::write(dir.path().join("users"), format!("{USER}:{PASSWORD}\n"))
            .expect("htpasswd written");
        let port = free_port();
        let config = format!(
            "[server]\nhosts = 127.0.0.1:{port}\n\n[auth]\ntype = htpasswd\nhtpasswd_filename = {users}\nhtpasswd_encryption = plain\ndelay = 0\n\n[rights]\ntype = owner_only\n\n[storage]\nfilesystem_folder = {storage}\n\n[web]\ntype = none\n\n[logging]\nlevel = info\n",
            users = dir.path().join("users").display(),
            storage = dir.path().join("collections").display(),
        );
        std::fs::write(dir.path().join("config"), config).expect("config written");
        let child = Command::new("python3")
            .args(["-m", "radicale", "--config"])
            .arg(dir.path().join("config"))
            .env("PYTHONPATH", &python)
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::from(
                std::fs::File::create(dir.path().join("radicale.log")).expect("log file"),
            ))
            .spawn()
            .expect("python3 starts Radicale");
        let mut server = Radicale {
            child: Some(child),
            port,
            dir,
        };
        server.wait_ready();
        let made = server.request("MKCALENDAR", "/alice/work/", None, PASSWORD);
        assert!(made == 201, "MKCALENDAR answered {made}: {}", server.log());
        server
    }

    fn wait_ready(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if let Some(child) = self.child.as_mut()
                && let Ok(Some(status)) = child.try_wait()
            {
                panic!("Radicale exited at start ({status}): {}", self.log());
            }
            if TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("Radicale did not listen within 30 s: {}", self.log());
    }

    /// What the server logged.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("radicale.log")).unwrap_or_default()
    }

    /// The methods of the requests the server received so far, in order (from its log).
    pub fn requests(&self) -> Vec<String> {
        self.log()
            .lines()
            .filter_map(|l| l.split_once(" request for ").map(|(head, _)| head))
            .filter_map(|head| head.rsplit(' ').next())
            .map(str::to_string)
            .collect()
    }

    /// The calendar collection's folder on disk, where items can be written directly (for
    /// the benchmark's thousands of events).
    pub fn collection_dir(&self) -> PathBuf {
        self.dir
            .path()
            .join("collections/collection-root/alice/work")
    }

    /// The calendar collection's address.
    pub fn calendar_url(&self) -> String {
        format!("http://127.0.0.1:{}/alice/work/", self.port)
    }

    /// Puts an event (a whole VCALENDAR text) at `/alice/work/NAME.ics`.
    pub fn put(&self, name: &str, ics: &str) {
        let status = self.request(
            "PUT",
            &format!("/alice/work/{name}.ics"),
            Some(ics),
            PASSWORD,
        );
        assert!(
            matches!(status, 201 | 204),
            "PUT {name} answered {status}: {}",
            self.log()
        );
    }

    /// Deletes the event at `/alice/work/NAME.ics`.
    pub fn delete(&self, name: &str) {
        let status = self.request("DELETE", &format!("/alice/work/{name}.ics"), None, PASSWORD);
        assert!(
            matches!(status, 200 | 204),
            "DELETE {name} answered {status}"
        );
    }

    /// Sends one request as [`USER`] and returns the status.
    pub fn request(&self, method: &str, path: &str, body: Option<&str>, password: &str) -> u16 {
        let auth = base64::engine::general_purpose::STANDARD.encode(format!("{USER}:{password}"));
        let request = ureq::http::Request::builder()
            .method(method)
            .uri(format!("http://127.0.0.1:{}{path}", self.port))
            .header("Authorization", format!("Basic {auth}"))
            .header("Content-Type", "text/calendar; charset=utf-8")
            .body(body.unwrap_or_default().as_bytes().to_vec())
            .expect("a request");
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .allow_non_standard_methods(true)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        agent
            .run(request)
            .expect("Radicale answers")
            .status()
            .as_u16()
    }

    /// Stops the server now (it is stopped on drop too).
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for Radicale {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A loopback port nothing listens on right now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free loopback port")
        .port()
}
