//! The explorer's frame: language, layout, links. Every page is one `maud` template inside
//! [`page`]; every interpolated string is escaped by maud.

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup, PreEscaped, DOCTYPE};

/// The language pages are written in: `?lang=` if given (and remembered in a cookie), else the
/// cookie, else the browser's first choice; Chinese unless that is English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    Zh,
    En,
}

impl Lang {
    pub fn from_request(headers: &HeaderMap, param: Option<&str>) -> Lang {
        let pick = |s: &str| match s.trim() {
            "en" => Some(Lang::En),
            "zh" => Some(Lang::Zh),
            _ => None,
        };
        if let Some(l) = param.and_then(pick) {
            return l;
        }
        let cookie = headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .find_map(|c| c.trim().strip_prefix("lang=").and_then(pick));
        if let Some(l) = cookie {
            return l;
        }
        let browser = headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        if browser.trim_start().to_ascii_lowercase().starts_with("en") {
            Lang::En
        } else {
            Lang::Zh
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    pub fn zh(self) -> bool {
        self == Lang::Zh
    }

    /// The Chinese or the English words.
    pub fn t<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    pub fn role(self, role: &str) -> &'static str {
        match (role, self) {
            ("lead", Lang::Zh) => "牵头",
            ("lead", Lang::En) => "lead",
            ("cooperate", Lang::Zh) => "配合",
            ("cooperate", Lang::En) => "cooperate",
            ("co_responsible", Lang::Zh) => "共同负责",
            ("co_responsible", Lang::En) => "jointly responsible",
            ("supervisor", Lang::Zh) => "分管",
            ("supervisor", Lang::En) => "supervises",
            (_, Lang::Zh) => "(未列单位)",
            (_, Lang::En) => "(no agency named)",
        }
    }
}

/// `path?k=v&…`, the values percent-encoded.
pub(crate) fn link(path: &str, params: &[(&str, &str)]) -> String {
    if params.is_empty() {
        return path.to_owned();
    }
    let mut q = form_urlencoded::Serializer::new(String::new());
    for (k, v) in params {
        q.append_pair(k, v);
    }
    format!("{path}?{}", q.finish())
}

pub(crate) fn agency_link(name: &str) -> String {
    link("/agency", &[("name", name)])
}

pub(crate) fn task_link(iri: &str) -> String {
    link("/task", &[("iri", iri)])
}

pub(crate) fn plan_link(iri: &str) -> String {
    link("/plan", &[("iri", iri)])
}

/// A page: header with navigation, search box and language switch, the body, a footer.
/// `here` is the page's own path and query, for the language switch to come back to.
pub(crate) fn page(lang: Lang, title: &str, here: &str, body: Markup) -> Markup {
    let other = match lang {
        Lang::Zh => ("en", "English"),
        Lang::En => ("zh", "中文"),
    };
    let switch = {
        let (path, query) = here.split_once('?').unwrap_or((here, ""));
        let mut params: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
            .filter(|(k, _)| k != "lang")
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        params.push(("lang".into(), other.0.into()));
        let p: Vec<(&str, &str)> = params
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        link(path, &p)
    };
    html! {
        (DOCTYPE)
        html lang=(if lang.zh() { "zh-CN" } else { "en" }) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · fengong" }
                link rel="stylesheet" href="/assets/style.css";
            }
            body {
                header {
                    a.brand href="/" { "fengong 分工" }
                    nav {
                        a href="/" { (lang.t("首页", "Home")) }
                        a href="/network" { (lang.t("协作网络", "Network")) }
                        a href="/search" { (lang.t("搜索", "Search")) }
                        a href="/sparql" { "SPARQL" }
                    }
                    form action="/ask" method="get" role="search" {
                        input type="search" name="q" aria-label=(lang.t("提问", "Ask"))
                            placeholder=(lang.t("提问,如:哪些部门最核心?", "Ask, e.g. which agencies are most central?"));
                        button type="submit" { (lang.t("问", "Ask")) }
                    }
                    a.lang href=(switch) hreflang=(other.0) { (other.1) }
                }
                main { (body) }
                footer {
                    (lang.t("数据来自所收录的政府工作方案;每一条都注明方案与任务。", "Every line cites the plan and task it comes from."))
                    " · " a href="/query" { (lang.t("SPARQL 端点", "SPARQL endpoint")) }
                }
                script src="/assets/explorer.js" {}
            }
        }
    }
}

/// A page as a response, in its language (remembered when the address chose it).
pub(crate) fn respond(status: StatusCode, lang: Lang, chose: bool, markup: Markup) -> Response {
    let mut r = (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        markup.into_string(),
    )
        .into_response();
    if chose {
        if let Ok(v) = HeaderValue::from_str(&format!(
            "lang={}; Path=/; Max-Age=31536000; SameSite=Lax",
            lang.code()
        )) {
            r.headers_mut().insert(header::SET_COOKIE, v);
        }
    }
    r
}

/// A message in the page frame, for what could not be shown.
pub(crate) fn problem(lang: Lang, here: &str, title: &str, message: &str) -> Markup {
    page(
        lang,
        title,
        here,
        html! {
            h1 { (title) }
            p.error { (message) }
        },
    )
}

/// An SVG from `dot`, put inline so its links and tooltips work; `dot` writes it, not a request.
pub(crate) fn svg(svg: &str) -> PreEscaped<&str> {
    // dot's output begins with an XML declaration and a DOCTYPE, which do not belong in HTML.
    let start = svg.find("<svg").unwrap_or(0);
    PreEscaped(&svg[start..])
}
