//! TLS failures through the real binary, each named in one line on stderr with what to
//! check, no meeting stored (only the calendar's last error, which the header shows): a
//! loopback server whose certificate nobody vouches for, and one that does not speak TLS
//! at all on an https:// address.

mod common;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::thread::JoinHandle;

use common::cli::Sw;

/// A loopback port whose one connection `serve` handles, on its own thread.
fn one_connection(
    serve: impl FnOnce(std::net::TcpStream) + Send + 'static,
) -> (u16, JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let port = listener.local_addr().expect("an address").port();
    let thread = std::thread::spawn(move || {
        if let Ok((stream, _)) = listener.accept() {
            serve(stream);
        }
    });
    (port, thread)
}

/// Subscribes to `url` and syncs it; the sync must fail in one line holding every
/// needle, print nothing on stdout and store no meeting. That line.
fn sync_fails(sw: &Sw, url: &str, needles: &[&str]) -> String {
    sw.ok(&["calendar", "add", "work", url]);
    let out = sw
        .cmd()
        .args(["calendar", "sync", "work"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    let line = String::from_utf8(out.stderr).unwrap();
    assert_eq!(line.lines().count(), 1, "{line:?}");
    for needle in needles {
        assert!(line.contains(needle), "{needle:?} missing from {line:?}");
    }
    let plan = sw.plan();
    assert!(
        plan.get("meetings")
            .is_none_or(|m| m == &serde_json::json!([])),
        "{plan}"
    );
    // The header says the same of the calendar until a sync succeeds.
    let said = line.trim_end().strip_prefix("syncwise: calendar “work”: ");
    assert_eq!(plan["calendars"][0]["last_error"].as_str(), said, "{plan}");
    line
}

#[test]
fn a_certificate_nobody_vouches_for_is_refused_and_named() {
    let certified =
        rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_string()]).expect("a certificate");
    let key = rustls::pki_types::PrivatePkcs8KeyDer::from(certified.signing_key.serialize_der());
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .expect("TLS versions")
    .with_no_client_auth()
    .with_single_cert(vec![certified.cert.der().clone()], key.into())
    .expect("a server config");
    let (port, server) = one_connection(move |mut tcp| {
        let mut tls = rustls::ServerConnection::new(Arc::new(config)).expect("a connection");
        // The handshake ends when the client refuses the certificate.
        while tls.is_handshaking() {
            if tls.complete_io(&mut tcp).is_err() {
                break;
            }
        }
    });
    let sw = Sw::new();
    let line = sync_fails(
        &sw,
        &format!("https://127.0.0.1:{port}/work.ics"),
        &[
            "calendar “work”: the secure connection to 127.0.0.1 failed (",
            "certificate",
            "check the address and the system's clock",
        ],
    );
    assert!(!line.contains('\u{1b}'), "{line}");
    server.join().expect("the server thread");
}

#[test]
fn an_https_address_on_a_plain_http_server_says_so() {
    let (port, server) = one_connection(|mut tcp| {
        let mut hello = [0u8; 512];
        let _ = tcp.read(&mut hello);
        let _ = tcp.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
    });
    let sw = Sw::new();
    sync_fails(
        &sw,
        &format!("https://127.0.0.1:{port}/work.ics"),
        &[
            "127.0.0.1 does not answer in TLS at this address",
            "plain http://",
        ],
    );
    server.join().expect("the server thread");
}
