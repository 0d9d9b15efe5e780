//! The files the explorer's pages load, compiled in: no path from a request reaches the disk.

use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

const FILES: &[(&str, &str, &[u8])] = &[
    (
        "style.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/style.css"),
    ),
    (
        "explorer.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/explorer.js"),
    ),
    (
        "yasgui.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/yasgui.min.js"),
    ),
    (
        "yasgui.min.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/yasgui.min.css"),
    ),
];

pub(crate) async fn get(Path(name): Path<String>) -> Response {
    match FILES.iter().find(|(n, _, _)| *n == name) {
        Some((_, ct, bytes)) => (
            [
                (header::CONTENT_TYPE, *ct),
                (header::CACHE_CONTROL, "public, max-age=86400"),
            ],
            *bytes,
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "no such asset").into_response(),
    }
}
