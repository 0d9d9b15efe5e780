//! Fetches from an HTTP server this test starts on 127.0.0.1: a real gov.cn page comes back
//! whole, and each failure (gone, slow, too large, refused) is the error that names it.

use fengong_fetch::{extension, fetch, FetchError, Limits};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

fn page() -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/real/pages/guobanfa-2018-117-jili.html");
    std::fs::read(path).expect("fixture")
}

fn respond(mut s: TcpStream, page: &[u8]) {
    let mut line = String::new();
    let mut reader = BufReader::new(s.try_clone().expect("clone"));
    if reader.read_line(&mut line).is_err() {
        return;
    }
    // Read the headers to the blank line.
    let mut h = String::new();
    while reader.read_line(&mut h).is_ok_and(|n| n > 2) {
        h.clear();
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
    let reply = |s: &mut TcpStream, head: &str, body: &[u8]| {
        let _ = s.write_all(head.as_bytes());
        let _ = s.write_all(body);
    };
    match path.as_str() {
        "/plan.html" => reply(
            &mut s,
            &format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                page.len()
            ),
            page,
        ),
        "/moved" => reply(
            &mut s,
            "HTTP/1.1 302 Found\r\nLocation: /plan.html\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            b"",
        ),
        "/gone" => reply(
            &mut s,
            "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            b"",
        ),
        "/slow" => {
            std::thread::sleep(Duration::from_secs(3));
            reply(&mut s, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n", b"ok");
        }
        "/huge" => reply(
            &mut s,
            "HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nContent-Length: 209715200\r\nConnection: close\r\n\r\n",
            b"%PDF-1.7\n",
        ),
        "/endless" => {
            // No length given: the limit must stop the read, not the end of the body.
            let _ = s.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n");
            let chunk = vec![b'x'; 64 << 10];
            for _ in 0..64 {
                if s.write_all(&chunk).is_err() {
                    break;
                }
            }
        }
        _ => reply(
            &mut s,
            "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            b"",
        ),
    }
}

/// Starts the server; returns its base URL.
fn server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let addr = listener.local_addr().expect("addr");
    let page = page();
    std::thread::spawn(move || {
        for s in listener.incoming().flatten() {
            let page = page.clone();
            std::thread::spawn(move || respond(s, &page));
        }
    });
    format!("http://{addr}")
}

#[test]
fn a_page_comes_back_whole_after_a_redirect() {
    let base = server();
    let f = fetch(&format!("{base}/moved"), &Limits::default()).expect("fetched");
    assert_eq!(f.bytes, page());
    assert_eq!(f.final_url, format!("{base}/plan.html"));
    assert_eq!(f.media_type.as_deref(), Some("text/html"));
    assert_eq!(extension(&f), "html");
}

#[test]
fn failures_name_the_url_and_the_cause() {
    let base = server();
    let limits = Limits {
        timeout: Duration::from_millis(500),
        max_bytes: 1 << 20,
    };
    let gone = format!("{base}/gone");
    match fetch(&gone, &limits) {
        Err(e @ FetchError::Status { status: 404, .. }) => {
            assert!(e.to_string().starts_with(&gone), "{e}");
            assert!(e.to_string().contains("not found"), "{e}");
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        fetch(&format!("{base}/slow"), &limits),
        Err(FetchError::Timeout { .. })
    ));
    assert!(matches!(
        fetch(&format!("{base}/huge"), &limits),
        Err(FetchError::TooLarge { .. })
    ));
    assert!(matches!(
        fetch(&format!("{base}/endless"), &limits),
        Err(FetchError::TooLarge { .. })
    ));
    assert!(matches!(
        fetch(&format!("{base}/error"), &limits),
        Err(FetchError::Status { status: 500, .. })
    ));
    // A port nobody listens on: bound, then released.
    let closed = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = closed.local_addr().expect("addr").port();
    drop(closed);
    let refused = fetch(&format!("http://127.0.0.1:{port}/plan.html"), &limits);
    assert!(
        matches!(refused, Err(FetchError::Connection { .. })),
        "{refused:?}"
    );
    assert!(matches!(
        fetch("ftp://127.0.0.1/plan.html", &limits),
        Err(FetchError::BadUrl { .. })
    ));
}
