//! Plans given as links (`fengong ingest https://…`): fetched with a timeout and a size limit,
//! each failure named with the URL and what it means (the name did not resolve, the server
//! refused, the page is gone, it is too large). The caller parses the bytes and keeps them, so
//! that a citation can be re-read offline.

use std::time::Duration;

/// How long and how much a fetch may take.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// For the whole exchange, from name lookup to the last byte.
    pub timeout: Duration,
    /// The largest body read; a larger one is refused, not cut.
    pub max_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            timeout: Duration::from_secs(30),
            max_bytes: 100 << 20,
        }
    }
}

impl Limits {
    /// The defaults, with the timeout from `FENGONG_FETCH_TIMEOUT` (seconds) when set; a
    /// value that is no such number is an error that names the variable.
    pub fn from_env() -> Result<Limits, String> {
        let mut l = Limits::default();
        if let Ok(v) = std::env::var("FENGONG_FETCH_TIMEOUT") {
            l.timeout = seconds(&v).map_err(|e| format!("FENGONG_FETCH_TIMEOUT={v}: {e}"))?;
        }
        Ok(l)
    }
}

/// The longest timeout accepted: a day. Longer is no bound a user means (and `inf` or `1e300`
/// would overflow a duration).
const MAX_SECONDS: f64 = 86_400.0;

/// A timeout written in seconds (`30`, `0.5`): a number from 0.001 to 86400.
pub fn seconds(text: &str) -> Result<Duration, String> {
    let s: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a number of seconds"))?;
    if !(0.001..=MAX_SECONDS).contains(&s) {
        return Err(format!(
            "{text} is not a timeout from 0.001 to {MAX_SECONDS} seconds"
        ));
    }
    Duration::try_from_secs_f64(s).map_err(|e| format!("{text}: {e}"))
}

/// A page or file fetched.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The URL asked for.
    pub url: String,
    /// Where the content came from after redirects.
    pub final_url: String,
    pub bytes: Vec<u8>,
    /// The server's media type, if it said (`text/html`, `application/pdf`).
    pub media_type: Option<String>,
}

/// Why a link could not be fetched; each names the URL.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("{url}: not a web address fengong can fetch (http:// or https://)")]
    BadUrl { url: String },
    #[error("{url}: the host name does not resolve (offline, or a typing error?)")]
    HostNotFound { url: String },
    #[error("{url}: the server cannot be reached (connection refused or no route)")]
    Connection { url: String },
    #[error("{url}: no answer within {secs} s (set FENGONG_FETCH_TIMEOUT to wait longer)")]
    Timeout { url: String, secs: f64 },
    #[error("{url}: the secure connection failed ({why}); is the site's certificate valid?")]
    Tls { url: String, why: String },
    #[error("{url}: the server answered {status}{}", meaning(*status))]
    Status { url: String, status: u16 },
    #[error("{url}: larger than {} MB; refusing it (is it a plan?)", max >> 20)]
    TooLarge { url: String, max: u64 },
    #[error("{url}: too many redirects")]
    Redirects { url: String },
    #[error("{url}: {why}")]
    Other { url: String, why: String },
}

fn meaning(status: u16) -> &'static str {
    match status {
        401 | 403 => " (access denied: the page may need a login, or the site refuses robots)",
        404 | 410 => " (not found: the page has moved or was taken down)",
        429 => " (too many requests: wait and try again)",
        500..=599 => " (a server error: try again later)",
        _ => "",
    }
}

/// Whether a command-line argument is a link rather than a path.
pub fn is_url(s: &str) -> bool {
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Fetches `url` within `limits`.
pub fn fetch(url: &str, limits: &Limits) -> Result<Fetched, FetchError> {
    if !is_url(url) {
        return Err(FetchError::BadUrl { url: url.into() });
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(limits.timeout))
        .http_status_as_error(false)
        .max_redirects(8)
        .user_agent(concat!("fengong/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let map = |e: ureq::Error| classify(url, limits, e);
    let mut response = agent.get(url).call().map_err(map)?;
    let status = response.status().as_u16();
    if status >= 400 {
        return Err(FetchError::Status {
            url: url.into(),
            status,
        });
    }
    if response
        .body()
        .content_length()
        .is_some_and(|n| n > limits.max_bytes)
    {
        return Err(FetchError::TooLarge {
            url: url.into(),
            max: limits.max_bytes,
        });
    }
    let media_type = response.body().mime_type().map(str::to_owned);
    let final_url = ureq::ResponseExt::get_uri(&response).to_string();
    let bytes = response
        .body_mut()
        .with_config()
        .limit(limits.max_bytes)
        .read_to_vec()
        .map_err(map)?;
    Ok(Fetched {
        url: url.into(),
        final_url,
        bytes,
        media_type,
    })
}

fn classify(url: &str, limits: &Limits, e: ureq::Error) -> FetchError {
    let url = url.to_owned();
    match e {
        ureq::Error::HostNotFound => FetchError::HostNotFound { url },
        ureq::Error::ConnectionFailed => FetchError::Connection { url },
        ureq::Error::Timeout(_) => FetchError::Timeout {
            url,
            secs: limits.timeout.as_secs_f64(),
        },
        ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge {
            url,
            max: limits.max_bytes,
        },
        ureq::Error::TooManyRedirects => FetchError::Redirects { url },
        ureq::Error::BadUri(_) => FetchError::BadUrl { url },
        ureq::Error::StatusCode(status) => FetchError::Status { url, status },
        ureq::Error::Tls(why) => FetchError::Tls {
            url,
            why: why.into(),
        },
        ureq::Error::Rustls(e) => FetchError::Tls {
            url,
            why: e.to_string(),
        },
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
            FetchError::Connection { url }
        }
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::TimedOut => FetchError::Timeout {
            url,
            secs: limits.timeout.as_secs_f64(),
        },
        other => FetchError::Other {
            url,
            why: other.to_string(),
        },
    }
}

/// The file name extension that the content's media type, or else the URL, suggests; for
/// keeping a fetched copy where people can open it.
pub fn extension(f: &Fetched) -> &'static str {
    let by_type = match f.media_type.as_deref() {
        Some("text/html" | "application/xhtml+xml") => Some("html"),
        Some("application/pdf") => Some("pdf"),
        Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document") => {
            Some("docx")
        }
        Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") => Some("xlsx"),
        Some("application/msword") => Some("doc"),
        Some("application/vnd.ms-excel") => Some("xls"),
        Some("text/plain") => Some("txt"),
        _ => None,
    };
    by_type.unwrap_or_else(|| {
        let path = f.final_url.split(['?', '#']).next().unwrap_or("");
        let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
        match ext.as_deref() {
            Some("htm" | "html" | "shtml") => "html",
            Some("pdf") => "pdf",
            Some("docx") => "docx",
            Some("xlsx") => "xlsx",
            Some("doc") => "doc",
            Some("xls") => "xls",
            Some("txt") => "txt",
            _ => "bin",
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeouts_beyond_a_duration_are_refused_not_a_panic() {
        assert_eq!(seconds("30"), Ok(Duration::from_secs(30)));
        assert_eq!(seconds(" 0.5 "), Ok(Duration::from_millis(500)));
        for bad in ["inf", "1e300", "-1", "0", "NaN", "abc", "86401"] {
            assert!(seconds(bad).is_err(), "{bad}");
        }
    }
}
