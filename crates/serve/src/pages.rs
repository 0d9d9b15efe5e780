//! The explorer's pages. Each handler reads its parameters, then builds its page on the
//! blocking pool (the store is synchronous) from [`crate::lookups`] and `fengong-ask`.

use crate::html::{self, agency_link, link, page, plan_link, task_link, Lang};
use crate::lookups::{self, Mark};
use crate::App;
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use fengong_ask::words::{self, Words};
use fengong_ask::{Answer, AskError, Form, Language, Page, Question, Scope};
use fengong_diagram::{ColorBy, LayoutEngine};
use fengong_network::measures::Measure;
use fengong_network::Filter;
use maud::{html, Markup};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

type Params = HashMap<String, String>;

/// Why a page could not be shown, as its status and words.
pub(crate) struct Problem {
    status: StatusCode,
    title: String,
    message: String,
}

impl Problem {
    fn new(status: StatusCode, title: &str, message: impl Into<String>) -> Problem {
        Problem {
            status,
            title: title.to_owned(),
            message: message.into(),
        }
    }

    fn missing(lang: Lang, what: &str) -> Problem {
        Problem::new(
            StatusCode::NOT_FOUND,
            lang.t("未找到", "Not found"),
            format!("{} {what}", lang.t("知识库中没有:", "The store has no")),
        )
    }

    fn store(e: impl std::fmt::Display) -> Problem {
        Problem::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Store error",
            e.to_string(),
        )
    }
}

fn params(raw: Option<&str>) -> Params {
    form_urlencoded::parse(raw.unwrap_or("").as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

type Build = fn(&App, &Params, Lang, &str) -> Result<Markup, Problem>;

/// Runs `work` on the blocking pool in one of the server's slots, as a query runs: it waits
/// for a slot in the bounded queue, and the caller stops waiting at the timeout. Work that
/// cannot be stopped (an analysis, `dot`) still finishes in its slot and leaves its result in
/// the cache, so the same request soon after is answered at once.
async fn in_slot<T: Send + 'static>(
    app: &Arc<App>,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Problem> {
    let timeout = app.config.timeout;
    let deadline = tokio::time::Instant::now() + timeout;
    let busy = |message: String| Problem::new(StatusCode::SERVICE_UNAVAILABLE, "Busy", message);
    let permit = app.slot(deadline).await.map_err(busy)?;
    let handle = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        work()
    });
    match tokio::time::timeout_at(deadline, handle).await {
        Ok(Ok(t)) => Ok(t),
        Ok(Err(_)) => Err(Problem::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Error",
            "the page failed to build",
        )),
        Err(_) => Err(busy(format!(
            "the page took longer than the timeout ({} s, --timeout); it is still being made, \
             and asking again in a moment shows it",
            timeout.as_secs_f64()
        ))),
    }
}

async fn render(
    app: Arc<App>,
    raw: Option<String>,
    headers: HeaderMap,
    path: &str,
    build: Build,
) -> Response {
    let p = params(raw.as_deref());
    let lang = Lang::from_request(&headers, p.get("lang").map(String::as_str));
    let chose = p.contains_key("lang");
    let here = match raw {
        Some(q) if !q.is_empty() => format!("{path}?{q}"),
        _ => path.to_owned(),
    };
    let built = in_slot(&app.clone(), move || build(&app, &p, lang, &here)).await;
    match built.and_then(|r| r) {
        Ok(m) => html::respond(StatusCode::OK, lang, chose, m),
        Err(e) => {
            let page = html::problem(lang, path, &e.title, &e.message);
            let mut r = html::respond(e.status, lang, chose, page);
            if e.status == StatusCode::SERVICE_UNAVAILABLE {
                r.headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
            }
            r
        }
    }
}

macro_rules! handler {
    ($name:ident, $path:literal, $build:path) => {
        pub(crate) async fn $name(
            State(app): State<Arc<App>>,
            RawQuery(raw): RawQuery,
            headers: HeaderMap,
        ) -> Response {
            render(app, raw, headers, $path, $build).await
        }
    };
}

handler!(home, "/", home_page);
handler!(ask, "/ask", ask_page);
handler!(agency, "/agency", agency_page);
handler!(plan, "/plan", plan_page);
handler!(task, "/task", task_page);
handler!(search, "/search", search_page);
handler!(source, "/source", source_page);
handler!(network, "/network", network_page);
handler!(sparql, "/sparql", sparql_page);

pub(crate) async fn not_found(headers: HeaderMap) -> Response {
    let lang = Lang::from_request(&headers, None);
    html::respond(
        StatusCode::NOT_FOUND,
        lang,
        false,
        html::problem(
            lang,
            "/",
            lang.t("未找到", "Not found"),
            lang.t(
                "没有这个页面。",
                "No such page: the explorer serves /, /ask, /agency, /plan, /task, /source, /network, /sparql and the SPARQL endpoint /query.",
            ),
        ),
    )
}

fn year(y: Option<i32>) -> String {
    y.map(|y| y.to_string()).unwrap_or_else(|| "?".into())
}

/// Example questions, naming the agencies that lead most in this store (a store of other
/// provinces' plans gets its own agencies, not the seeds').
fn examples(app: &App, lang: Lang) -> Vec<String> {
    let leads = app.cache().leads(&app.store).unwrap_or_default();
    let mut out = Vec::new();
    if let Some(a) = leads.first() {
        out.push(
            lang.t(
                &format!("{a}牵头哪些任务?"),
                &format!("what does {a} lead?"),
            )
            .to_owned(),
        );
    }
    out.push(
        lang.t("哪些部门最核心?", "which agencies are most central?")
            .to_owned(),
    );
    if let Some(b) = leads.get(1) {
        out.push(
            lang.t(
                &format!("{b}负责什么?"),
                &format!("what does {b} cooperate on?"),
            )
            .to_owned(),
        );
    }
    out.push(
        lang.t("哪些任务没有牵头单位?", "which tasks have no lead?")
            .to_owned(),
    );
    out
}

fn home_page(app: &App, _: &Params, lang: Lang, here: &str) -> Result<Markup, Problem> {
    let stats = app.cache().stats(&app.store).map_err(Problem::store)?;
    let plans = app.cache().plans(&app.store).map_err(Problem::store)?;
    let count = |n: u64, zh: &str, en: &str| html! { li { b { (n) } (lang.t(zh, en)) } };
    // Newest first; a store of thousands of plans lists the newest and says so.
    const SHOWN: usize = 500;
    let mut list: Vec<&lookups::PlanRow> = plans.iter().collect();
    list.sort_by(|a, b| b.year.cmp(&a.year).then(a.title.cmp(&b.title)));
    let untasked: Vec<&&lookups::PlanRow> = list.iter().filter(|p| p.kind == "article").collect();
    let asked = examples(app, lang);
    let body = html! {
        h1 { (lang.t("政府工作方案的任务分工", "Who does what in Chinese government work plans")) }
        form.ask-box action="/ask" method="get" {
            input type="search" name="q" id="question" aria-label=(lang.t("提问", "Ask"))
                placeholder=(asked[0]);
            button type="submit" { (lang.t("提问", "Ask")) }
        }
        p.examples {
            (lang.t("例如:", "For example: "))
            @for q in &asked { a href=(link("/ask", &[("q", q.as_str())])) { (q) } }
        }
        ul.counts {
            (count(stats.plans, "个方案", " plans"))
            (count(stats.tasks, "项任务", " tasks"))
            (count(stats.agencies, "个单位", " agencies"))
            (count(stats.lead, "项牵头", " leads"))
            (count(stats.cooperate, "项配合", " cooperations"))
            (count(stats.co_responsible, "项共同负责", " joint responsibilities"))
        }
        @if !untasked.is_empty() {
            p.note {
                (format!("{} ", untasked.len()))
                (lang.t("个文件未读出任务(新闻稿,或未能读懂的方案):", " files gave no task (news articles, or plans not read): "))
                @for (i, p) in untasked.iter().enumerate() {
                    @if i > 0 { (lang.t("、", ", ")) }
                    a href=(plan_link(&p.iri)) { (p.title) }
                }
            }
        }
        h2 { (lang.t("方案", "Plans")) }
        @if list.len() > SHOWN {
            p.note { (format!("{} {SHOWN} / {}", lang.t("列出最新的", "Showing the newest"), list.len())) }
        }
        table {
            thead { tr {
                th { (lang.t("年份", "Year")) } th { (lang.t("方案", "Plan")) }
                th { (lang.t("发文机关", "Issuer")) } th { (lang.t("文号", "Number")) }
                th { (lang.t("任务数", "Tasks")) }
            } }
            tbody {
                @for p in list.iter().take(SHOWN) {
                    tr {
                        td.num { (year(p.year)) }
                        td { a href=(plan_link(&p.iri)) { (p.title) }
                             @if p.kind == "article" { " " span.muted { (lang.t("(未读出任务)", "(no task found)")) } } }
                        td { (p.issuer) }
                        td { (p.number) }
                        td.num { (p.tasks) }
                    }
                }
            }
        }
    };
    Ok(page(lang, lang.t("首页", "Home"), here, body))
}

/// Refusals as a page: the message, and each suggestion as a link to its agency.
fn refused(lang: Lang, here: &str, q: &str, e: &AskError) -> Markup {
    let r = words::refusal(e);
    let status_title = lang.t("无法回答", "No answer");
    page(
        lang,
        status_title,
        here,
        html! {
            h1 { (q) }
            p.error { (r.message) }
            @if matches!(e, AskError::NotUnderstood { .. }) {
                p { a href=(link("/search", &[("q", q)])) { (lang.t("在任务全文中搜索这些词", "Search the tasks' texts for these words")) } }
            }
            @if !r.suggestions.is_empty() {
                p { (lang.t("可查看:", "See: "))
                    @for s in r.suggestions.iter().take(12) { a href=(agency_link(s)) { (s) } " " } }
            }
        },
    )
}

fn ask_page(app: &App, p: &Params, lang: Lang, here: &str) -> Result<Markup, Problem> {
    let q = p.get("q").map(|s| s.trim()).unwrap_or("");
    if q.is_empty() {
        let asked = examples(app, lang);
        return Ok(page(
            lang,
            lang.t("提问", "Ask"),
            here,
            html! {
                h1 { (lang.t("提问", "Ask")) }
                form.ask-box action="/ask" method="get" {
                    input type="search" name="q" id="question" placeholder=(asked[0]);
                    button type="submit" { (lang.t("提问", "Ask")) }
                }
                p.examples { @for q in &asked { a href=(link("/ask", &[("q", q.as_str())])) { (q) } } }
            },
        ));
    }
    let question = match fengong_ask::understand(q) {
        Ok(question) => question,
        Err(e) => {
            return Ok(refused(
                lang,
                here,
                q,
                &AskError::NotUnderstood {
                    language: e.language,
                },
            ))
        }
    };
    // An agency's duties a page at a time, newest plans first (`page`, `per`), as `fengong
    // ask` gives them; other answers whole.
    let (number, per) = page_asked(p);
    let asked = Page::numbered(number, per);
    let answer = match fengong_ask::ask_page(
        &app.store,
        &app.registry,
        question,
        &Scope::default(),
        asked,
    ) {
        Ok(a) => a,
        Err(AskError::Store(e)) => return Err(Problem::store(e)),
        Err(e) => return Ok(refused(lang, here, q, &e)),
    };
    let turn = |n: usize| {
        let (n, per_page) = (n.to_string(), per.to_string());
        let mut params = vec![("q", q), ("page", n.as_str())];
        if per != SHOWN_DUTIES {
            params.push(("per", per_page.as_str()));
        }
        link("/ask", &params)
    };
    let more = answer
        .page
        .as_ref()
        .is_some_and(|p| p.offset.saturating_add(p.limit) < p.tasks);
    let body = html! {
        (answer_body(&answer, q))
        @if number > 1 || more {
            p.note.pages {
                @if number > 1 { a rel="prev" href=(turn(number - 1)) { (lang.t("上一页", "Newer")) } }
                @if number > 1 && more { " · " }
                @if more { a rel="next" href=(turn(number + 1)) { (lang.t("下一页", "Older")) } }
            }
        }
    };
    Ok(page(lang, q, here, body))
}

/// An answer as `fengong ask` gives it, with every agency, plan and task a link.
fn answer_body(a: &Answer, q: &str) -> Markup {
    let zh = a.question.language == Language::Zh;
    let w = Words { zh };
    let tr = |s: &str| words::in_asked_script(a, s);
    let single = a.subjects.len() == 1 && !matches!(a.question.form, Form::Topic { .. });
    let show_agency = !single
        || a.lines
            .iter()
            .any(|l| !a.subjects[0].labels.contains(&l.agency));
    let show_written = a.lines.iter().any(|l| l.as_written.is_some());
    let people = !a.lines.is_empty() && a.lines.iter().all(|l| l.role == "supervisor");
    let tasks: std::collections::BTreeSet<&str> =
        a.lines.iter().map(|l| l.task.iri.as_str()).collect();
    html! {
        h1 { (q) }
        @for s in &a.subjects {
            @if !s.person {
                @let name = s.current.as_ref().or(s.labels.first()).unwrap_or(&s.asked);
                p.muted { a.subject href=(agency_link(name)) { (w.pick("单位页面:", "Agency page: ")) (name) } }
            }
        }
        div.summary { @for line in words::summary(&w, a) { p { (tr(&line)) } } }
        @if !a.ranking.is_empty() {
            table.ranking {
                thead { tr {
                    th { (w.pick("排名", "rank")) } th { (w.pick("部门", "agency")) }
                    th { (w.pick("合作单位", "partners")) } th { (w.pick("牵头", "leads")) }
                    th { (w.pick("配合", "cooperates")) } th { (w.pick("共同负责", "jointly")) }
                    th { (w.pick("方案数", "plans")) }
                } }
                tbody { @for r in &a.ranking { tr {
                    td.num { (r.rank) }
                    td { a href=(agency_link(&r.agency)) { (r.agency) }
                         @if !r.former.is_empty() { " " span.muted { "(" (w.list(&r.former)) ")" } } }
                    td.num { (r.partners) } td.num { (r.leads) } td.num { (r.cooperates) }
                    td.num { (r.shares) } td.num { (r.plans) }
                } } }
            }
            h2 { (w.pick("依据的方案", "Plans")) }
            ul { @for p in &a.plans { li { a href=(plan_link(&p.iri)) { (w.plan(p)) } } } }
        }
        @if !a.lines.is_empty() {
            table.lines data-tasks=(tasks.len()) {
                thead { tr {
                    th { (w.pick("角色", "role")) }
                    @if show_agency { th { (if people { w.pick("分管领导", "official") } else { w.pick("单位", "agency") }) } }
                    th { (w.pick("方案(年份)", "plan (year)")) }
                    th { (w.pick("序号", "no.")) }
                    th { (w.pick("任务", "task")) }
                    @if show_written { th { (w.pick("方案中写作", "named in the plan as")) } }
                } }
                tbody { @for l in &a.lines { tr.line data-role=(l.role) {
                    td class=(format!("role-{}", l.role)) { (w.role(&l.role)) }
                    @if show_agency { td {
                        @if l.role == "supervisor" { (l.agency) @if let Some(p) = &l.post { " " span.muted { (p) } } }
                        @else { a href=(agency_link(&l.agency)) { (l.agency) } }
                    } }
                    td { a href=(plan_link(&l.plan.iri)) { (w.plan(&l.plan)) } }
                    td.num { a.task href=(task_link(&l.task.iri)) { (words::cited(&l.task)) @if !l.corrections.is_empty() { " †" } } }
                    td { a href=(task_link(&l.task.iri)) { (l.task.title) } }
                    @if show_written { td { (l.in_file.as_ref().or(l.as_written.as_ref()).cloned().unwrap_or_default()) } }
                } } }
            }
            @for note in words::correction_notes(&a.lines, zh) { p.note { (tr(&note)) } }
        }
        details {
            summary { (w.pick("所运行的 SPARQL", "The SPARQL run")) }
            @for s in &a.sparql { pre { (s.trim_end()) } }
            @for read in &a.index { p { (w.pick("读取全文索引:", "Read from the search index: ")) (read) } }
        }
    }
}

fn agency_page(app: &App, p: &Params, lang: Lang, here: &str) -> Result<Markup, Problem> {
    let asked = p.get("name").map(|s| s.trim()).unwrap_or("");
    if asked.is_empty() {
        return Err(Problem::new(
            StatusCode::BAD_REQUEST,
            lang.t("缺少单位名称", "No agency named"),
            lang.t("请给出 name=单位名称。", "Give the agency as name=…"),
        ));
    }
    let s = fengong_parse::text::script::to_simplified(asked);
    let name = s.text;
    // `ask`'s reading of a name, as `fengong agency` uses it: short, former, traditional names.
    let question = |form: Form| Question {
        text: name.clone(),
        language: if lang.zh() {
            Language::Zh
        } else {
            Language::En
        },
        form,
        years: None,
        bare: false,
        traditional: s.converted_lines > 0,
        place: None,
        ignored: Vec::new(),
    };
    // The whole answer's counts first, then a page of each role: an agency of thousands of
    // tasks shows its newest at once (`ask_page` reads them from the search index).
    let none = Page {
        offset: 0,
        limit: 0,
    };
    let named = || name.clone();
    let answer = match fengong_ask::ask_page(
        &app.store,
        &app.registry,
        question(Form::Duties { subject: named() }),
        &Scope::default(),
        none,
    ) {
        Ok(a) => a,
        Err(AskError::Store(e)) => return Err(Problem::store(e)),
        Err(e) => return Ok(refused(lang, here, asked, &e)),
    };
    let Some(subject) = answer.subjects.first().filter(|s| !s.person) else {
        return Err(Problem::missing(lang, asked));
    };
    let label = subject.labels.first().cloned().unwrap_or(name.clone());
    let iri = subject.iris.first().cloned().unwrap_or_default();
    let profile = if iri.is_empty() {
        Vec::new()
    } else {
        fengong_store::agencies::profile(&app.store, &iri).map_err(Problem::store)?
    };
    let view = app
        .cache()
        .view(app, &Filter::default(), "")
        .map_err(Problem::store)?;
    let node = view
        .net
        .nodes
        .iter()
        .position(|n| n.iri == iri || n.members.contains(&iri));
    let w = Words { zh: lang.zh() };
    let diagram = match node {
        Some(i) => ego_svg(app, &view, i).ok(),
        None => None,
    };
    let measures = node.map(|i| {
        let rank = view
            .analysis
            .order_by(Measure::Degree)
            .iter()
            .position(|&k| k == i)
            .map_or(0, |r| r + 1);
        (i, rank)
    });
    // Duties by role, the newest plans first (each plan's tasks in its order), `per` (else
    // SHOWN_DUTIES) a page; `role` and `page` turn one role's pages.
    let asked_role = p.get("role").map(String::as_str);
    let (asked_page, per) = page_asked(p);
    let mut by_role: BTreeMap<&str, (usize, usize, Vec<fengong_ask::Line>)> = BTreeMap::new();
    let counts = answer
        .page
        .as_ref()
        .map(|p| p.roles.clone())
        .unwrap_or_default();
    for (role, form) in [
        ("lead", Form::Leads { subject: named() }),
        ("cooperate", Form::Cooperates { subject: named() }),
        ("co_responsible", Form::Shares { subject: named() }),
    ] {
        let Some(&total) = counts.get(role) else {
            continue;
        };
        let number = if asked_role == Some(role) {
            asked_page
        } else {
            1
        };
        let page = Page::numbered(number, per);
        let lines = match fengong_ask::ask_page(
            &app.store,
            &app.registry,
            question(form),
            &Scope::default(),
            page,
        ) {
            Ok(a) => a.lines,
            Err(AskError::Store(e)) => return Err(Problem::store(e)),
            Err(e) => return Ok(refused(lang, here, asked, &e)),
        };
        by_role.insert(role, (number, total, lines));
    }
    let role_link = |role: &str, number: usize| {
        let (number, per_page) = (number.to_string(), per.to_string());
        let mut params = vec![("name", asked), ("role", role), ("page", number.as_str())];
        if per != SHOWN_DUTIES {
            params.push(("per", per_page.as_str()));
        }
        link("/agency", &params) + "#" + role
    };
    let shown_lines: Vec<fengong_ask::Line> = by_role
        .values()
        .flat_map(|(_, _, lines)| lines.iter().cloned())
        .collect();
    let roles = [
        ("lead", "牵头的任务", "Leads"),
        ("cooperate", "配合的任务", "Cooperates on"),
        (
            "co_responsible",
            "共同负责的任务",
            "Jointly responsible for",
        ),
    ];
    let body = html! {
        h1 { (label) }
        @if !subject.lineage.is_empty() {
            p.muted { (lang.t("含更名前后的名称:", "With its former or later names: ")) (w.list(&subject.lineage)) }
        }
        @if !subject.became.is_empty() {
            p { (lang.t("后来:", "Later: "))
                @for c in &subject.became { a href=(agency_link(&c.agency)) { (c.agency) } " (" (c.kind) @if let Some(d) = &c.date { ", " (d) } ") " } }
        }
        @for line in words::summary(&w, &answer) { p { (line) } }
        @if !profile.is_empty() {
            dl.facts { @for r in &profile {
                dt { (fact(lang, r.get("prop").map(String::as_str).unwrap_or(""))) }
                dd { (r.get("value").cloned().unwrap_or_default()) }
            } }
        }
        @if let Some((i, rank)) = measures {
            h2 { (lang.t("网络中的位置", "In the network")) }
            table.measures { tbody {
                tr { th { (lang.t("合作单位数(度)", "Partners (degree)")) } td.num { (view.analysis.get(Measure::Degree, i)) }
                     td { (format!("{} {rank} / {}", lang.t("排名", "rank"), view.net.nodes.len())) } }
                tr { th { (lang.t("牵头", "Leads")) } td.num { (view.net.nodes[i].leads) } td {} }
                tr { th { (lang.t("配合", "Cooperates")) } td.num { (view.net.nodes[i].cooperates) } td {} }
                tr { th { (lang.t("共同负责", "Jointly responsible")) } td.num { (view.net.nodes[i].shares) } td {} }
                tr { th { "PageRank" } td.num { (format!("{:.4}", view.analysis.get(Measure::Pagerank, i))) } td {} }
                tr { th { (lang.t("介数中心性", "Betweenness")) } td.num { (format!("{:.4}", view.analysis.get(Measure::Betweenness, i))) } td {} }
            } }
            @if let Some(svg) = &diagram {
                h2 { (lang.t("协作网络(一步以内)", "Ego network (one step)")) }
                div.diagram.small { (html::svg(svg)) }
            }
        }
        @for (role, zh, en) in roles {
            @if let Some((number, total, lines)) = by_role.get(role) {
                h2 id=(role) { (lang.t(zh, en)) " (" (total) ")" }
                @if *total > per || *number > 1 {
                    @let first = (number - 1) * per + 1;
                    @let last = (first + lines.len()).saturating_sub(1);
                    p.note.pages {
                        @if lines.is_empty() {
                            (format!("{} {total}", lang.t("此页之后没有更多;共", "Past the last page; in all")))
                        } @else {
                            (format!("{} {first}–{last} / {total}", lang.t("最新的方案在前,列出", "Newest plans first; showing")))
                        }
                        @if *number > 1 { " · " a rel="prev" href=(role_link(role, number - 1)) { (lang.t("上一页", "Newer")) } }
                        @if last < *total { " · " a rel="next" href=(role_link(role, number + 1)) { (lang.t("下一页", "Older")) } }
                    }
                }
                table.duties data-role=(role) {
                    thead { tr {
                        th { (lang.t("年份", "Year")) } th { (lang.t("方案", "Plan")) }
                        th { (lang.t("序号", "No.")) } th { (lang.t("任务", "Task")) }
                        th { (lang.t("方案中写作", "Named as")) }
                    } }
                    tbody { @for l in lines { tr {
                        td.num { (year(l.plan.year)) }
                        td { a href=(plan_link(&l.plan.iri)) { (l.plan.title) } }
                        td.num { a.task href=(task_link(&l.task.iri)) { (words::cited(&l.task)) @if !l.corrections.is_empty() { " †" } } }
                        td { a href=(task_link(&l.task.iri)) { (l.task.title) } }
                        td { (l.in_file.as_ref().or(l.as_written.as_ref()).cloned().unwrap_or_default()) }
                    } } }
                }
            }
        }
        @for note in words::correction_notes(&shown_lines, lang.zh()) { p.note { (note) } }
    };
    Ok(page(lang, &label, here, body))
}

/// Edges the explorer's diagrams draw at most (the weakest go first, as the legend says): an
/// ego network's neighbours, all working with each other, drew 1,300 edges and a 1 MB SVG.
const MAX_EGO_EDGES: usize = 120;
const MAX_NETWORK_EDGES: usize = 300;

/// The page a request asks for (`page`, from 1) and its length (`per`, else SHOWN_DUTIES).
fn page_asked(p: &Params) -> (usize, usize) {
    let number = p
        .get("page")
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|n| *n >= 1)
        .unwrap_or(1);
    let per = p
        .get("per")
        .and_then(|v| v.parse::<usize>().ok())
        .map_or(SHOWN_DUTIES, |n| n.clamp(1, MAX_SHOWN_DUTIES));
    (number, per)
}

/// Duties of one role an agency page lists at a time, unless `per` says otherwise.
const SHOWN_DUTIES: usize = 50;
const MAX_SHOWN_DUTIES: usize = 1000;

/// The words of `agency-profile.rq`'s properties in the page's language.
fn fact(lang: Lang, prop: &str) -> &str {
    if !lang.zh() {
        return prop;
    }
    match prop {
        "also written" => "又写作",
        "jurisdiction" => "所属地方",
        "part of" => "隶属于",
        "provisional" => "未登记",
        "function" => "职能",
        "source" => "登记来源",
        "change source" => "变更来源",
        "became" => "后改为",
        "came from" => "前身",
        "latest form" => "现为",
        other => other,
    }
}

/// The ego network of node `i`, one step out, its nodes linking to their pages.
fn ego_svg(app: &App, view: &lookups::View, i: usize) -> Result<Arc<String>, String> {
    let key = format!("ego:{}:{}", view.id, view.net.nodes[i].iri);
    app.cache().svg(&key, || {
        let links: Vec<String> = view
            .net
            .nodes
            .iter()
            .map(|n| agency_link(&n.label))
            .collect();
        let g = fengong_diagram::one_mode(
            &view.net,
            &view.analysis,
            &fengong_diagram::Options {
                ego: Some((i, 1)),
                top: Some(30),
                min_weight: 1,
                max_edges: Some(MAX_EGO_EDGES),
                size_by: Measure::Degree,
                color: ColorBy::Community,
                title: view.labels[i].clone(),
                labels: &view.labels,
                links: &links,
            },
        );
        fengong_diagram::svg(&g, LayoutEngine::for_size(30)).map_err(|e| e.to_string())
    })
}

fn plan_row(app: &App, iri: &str) -> Result<Option<lookups::PlanRow>, Problem> {
    let plans = app.cache().plans(&app.store).map_err(Problem::store)?;
    Ok(plans.iter().find(|p| p.iri == iri).cloned())
}

fn joined(duties: &[lookups::Duty], role: &str) -> Vec<(String, String)> {
    duties
        .iter()
        .filter(|d| d.role == role)
        .map(|d| (d.label.clone(), d.written.clone()))
        .collect()
}

fn plan_page(app: &App, p: &Params, lang: Lang, here: &str) -> Result<Markup, Problem> {
    let iri = p.get("iri").map(String::as_str).unwrap_or("");
    let Some(plan) = plan_row(app, iri)? else {
        return Err(Problem::missing(lang, iri));
    };
    let tasks = lookups::plan_tasks(&app.store, iri).map_err(Problem::store)?;
    let names = |t: &lookups::TaskRow, role: &str| {
        let list = joined(&t.duties, role);
        html! { @for (k, (label, written)) in list.iter().enumerate() {
            @if k > 0 { "、" }
            @if role == "supervisor" { (label) } @else { a href=(agency_link(label)) title=(label) { (written) } }
        } }
    };
    let body = html! {
        h1 { (plan.title) }
        dl.facts {
            dt { (lang.t("年份", "Year")) } dd { (year(plan.year)) }
            @if !plan.issuer.is_empty() { dt { (lang.t("发文机关", "Issuer")) } dd { (plan.issuer) } }
            @if !plan.number.is_empty() { dt { (lang.t("文号", "Number")) } dd { (plan.number) } }
            dt { (lang.t("文件", "Document")) } dd { (plan.key) }
            dt { (lang.t("任务", "Tasks")) } dd { (tasks.len()) " · " a href=(link("/plan.csv", &[("iri", iri)])) { (lang.t("下载 CSV", "download CSV")) } }
        }
        table.tasks {
            thead { tr {
                th { (lang.t("序号", "No.")) } th { (lang.t("任务", "Task")) }
                th { (lang.t("牵头", "Lead")) } th { (lang.t("配合", "Cooperate")) }
                th { (lang.t("共同负责", "Jointly responsible")) } th { (lang.t("分管领导", "Supervised by")) }
            } }
            tbody { @for t in &tasks { tr {
                td.num { a href=(task_link(&t.iri)) { (t.cited) } }
                td { a href=(task_link(&t.iri)) { (t.title) } @if !t.section.is_empty() { br; span.muted { (t.section) } } }
                td.role-lead { (names(t, "lead")) }
                td { (names(t, "cooperate")) }
                td { (names(t, "co_responsible")) }
                td { (names(t, "supervisor")) }
            } } }
        }
    };
    Ok(page(lang, &plan.title, here, body))
}

/// `/plan.csv?iri=…`: the plan's tasks as CSV, one row per task, agencies by their names in the
/// registry joined with 、.
pub(crate) async fn plan_csv(State(app): State<Arc<App>>, RawQuery(raw): RawQuery) -> Response {
    let p = params(raw.as_deref());
    let iri = p.get("iri").cloned().unwrap_or_default();
    let built = in_slot(
        &app.clone(),
        move || -> Result<(String, String), Problem> {
            let Some(plan) = plan_row(&app, &iri)? else {
                return Err(Problem::missing(Lang::En, &iri));
            };
            let tasks = lookups::plan_tasks(&app.store, &iri).map_err(Problem::store)?;
            let cell = |s: &str| {
                if s.contains([',', '"', '\n', '\r']) {
                    format!("\"{}\"", s.replace('"', "\"\""))
                } else {
                    s.to_owned()
                }
            };
            let mut out = String::from(
                "ordinal,number,section,title,lead,cooperate,co_responsible,supervisors,task\r\n",
            );
            for t in &tasks {
                let names = |role: &str| {
                    joined(&t.duties, role)
                        .into_iter()
                        .map(|(l, _)| l)
                        .collect::<Vec<_>>()
                        .join("、")
                };
                let row = [
                    t.ordinal.to_string(),
                    t.cited.clone(),
                    t.section.clone(),
                    t.title.clone(),
                    names("lead"),
                    names("cooperate"),
                    names("co_responsible"),
                    names("supervisor"),
                    t.iri.clone(),
                ];
                out.push_str(&row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(","));
                out.push_str("\r\n");
            }
            Ok((plan.key, out))
        },
    )
    .await;
    match built.and_then(|r| r) {
        Ok((key, csv)) => {
            let file: String = key
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                        c
                    } else {
                        '_'
                    }
                })
                .collect();
            (
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                    (
                        header::CONTENT_DISPOSITION,
                        format!("attachment; filename=\"{file}.csv\""),
                    ),
                ],
                // A byte-order mark, so that Excel opens the Chinese as UTF-8.
                format!("\u{feff}{csv}"),
            )
                .into_response()
        }
        Err(e) => crate::sparql::text(e.status, e.message),
    }
}

fn task_page(app: &App, p: &Params, lang: Lang, here: &str) -> Result<Markup, Problem> {
    let iri = p.get("iri").map(String::as_str).unwrap_or("");
    let Some(t) = lookups::task(&app.store, iri).map_err(Problem::store)? else {
        return Err(Problem::missing(lang, iri));
    };
    let title = format!("{} {}", t.cited, t.title);
    // Carried-over work: the index's most similar tasks of other plans (none if the index
    // does not hold the task yet).
    let similar = match app.store.search_index(&app.registry) {
        Ok(index) => index
            .similar(iri, 5, &fengong_search::Filter::default())
            .map(|(_, hits)| hits)
            .unwrap_or_default(),
        Err(e) => return Err(Problem::store(e)),
    };
    let body = html! {
        h1 { (t.cited) " " (t.title) @if !t.corrections.is_empty() { " †" } }
        @for c in &t.corrections {
            p.correction {
                "† " (lang.t("人工校正", "Corrected by hand"))
                (lang.t(":", ": ")) (c.by) " · " (c.date) " · " (c.reason)
                (lang.t("。解析器原读作:", ". The parser had read: ")) (c.parser_said)
                (lang.t(";改为:", "; now: ")) (c.corrected_to)
            }
        }
        dl.facts {
            dt { (lang.t("方案", "Plan")) } dd { a href=(plan_link(&t.plan)) { (t.plan_title) } " (" (year(t.year)) ")" }
            @if !t.section.is_empty() { dt { (lang.t("部分", "Section")) } dd { (t.section) } }
            @if !t.subsection.is_empty() { dt { (lang.t("小节", "Subsection")) } dd { (t.subsection) } }
            @if !t.deadline.is_empty() { dt { (lang.t("时限", "Deadline")) } dd { (t.deadline) } }
            dt { (lang.t("出处", "Where")) } dd {
                @if !t.location.is_empty() { (t.location) } @else if !t.line.is_empty() { (lang.t("第 ", "line ")) (t.line) (lang.t(" 行", "")) }
                @if let Some((a, b)) = t.span { " · " span.muted { (format!("bytes {a}–{b}")) } }
                " · " a id="source" href=(format!("{}#cited", link("/source", &[("task", iri)]))) { (lang.t("在原文中查看", "see it in the plan's text")) }
            }
        }
        table.duties {
            thead { tr {
                th { (lang.t("角色", "Role")) } th { (lang.t("单位或分管领导", "Agency or official")) }
                th { (lang.t("方案中写作", "Named as")) } th { (lang.t("职务", "Post")) }
            } }
            tbody { @for d in &t.duties { tr data-role=(d.role) {
                td class=(format!("role-{}", d.role)) { (lang.role(&d.role)) }
                td { @if d.role == "supervisor" { (d.label) } @else { a href=(agency_link(&d.label)) { (d.label) } } }
                td { (d.written) }
                td { (d.post) }
            } } }
        }
        @if !t.responsibility.is_empty() {
            h2 { (lang.t("分工原文", "The responsibility as written")) }
            p.responsibility { (t.responsibility) }
        }
        @if !t.text.is_empty() {
            h2 { (lang.t("任务全文", "The task's text")) }
            p.text { (t.text) }
        }
        @if !similar.is_empty() {
            h2 { (lang.t("其他方案中的相近任务", "Similar tasks in other plans")) }
            p.muted { (lang.t("同一项工作在其他年份或地方的方案中:", "The same work in other years' or places' plans:")) }
            ol.hits { @for h in &similar { (hit_item(lang, h)) } }
        }
    };
    Ok(page(lang, &title, here, body))
}

fn source_page(app: &App, p: &Params, lang: Lang, here: &str) -> Result<Markup, Problem> {
    let iri = p.get("task").map(String::as_str).unwrap_or("");
    let Some(t) = lookups::task(&app.store, iri).map_err(Problem::store)? else {
        return Err(Problem::missing(lang, iri));
    };
    let excerpt = app
        .cache()
        .excerpt(&app.store, &t.plan, t.ordinal)
        .map_err(Problem::store)?;
    let title = format!("{} · {}", t.plan_title, t.cited);
    let body = html! {
        h1 { a href=(plan_link(&t.plan)) { (t.plan_title) } }
        p { (lang.t("任务 ", "Task ")) a href=(task_link(iri)) { (t.cited) " " (t.title) }
            " · " span.muted { (lang.t("黄色:任务;红色:分工", "yellow: the task; red: who does it")) } }
        @match excerpt.as_ref() {
            Some(x) => {
                p.muted { (lang.t("原文:", "Read from: ")) (x.from) }
                div.source { @for (k, (text, mark)) in x.parts.iter().enumerate() {
                    @match mark {
                        Mark::Plain => { (text) }
                        Mark::Task => { @if k == 1 { mark class="task" id="cited" { (text) } } @else { mark class="task" { (text) } } }
                        Mark::Responsibility => { @if k == 1 { mark class="responsibility" id="cited" { (text) } } @else { mark class="responsibility" { (text) } } }
                    }
                } }
            }
            None => {
                p.error { (lang.t("原文件已不在记录的位置(或已改动),以下为知识库中保存的任务文本。", "The plan's file is no longer where it was read (or has changed); this is the task's text as stored.")) }
                div.source { mark class="task" id="cited" { (t.text) } }
            }
        }
    };
    Ok(page(lang, &title, here, body))
}

/// A network's filter from `year=2023` or `year=2022-2024` and `plan=KEY`, and its cache key.
/// The key names what the filter keeps, not how it was written: a range is cut to the years
/// the plans have (`1-9999` is every dated plan), and a plan must be one of the store's, so
/// there are no more keys than ranges of the plans' years and plans.
fn network_filter(
    years: &[i32],
    plans: &[lookups::PlanRow],
    p: &Params,
) -> Result<(Filter, String), String> {
    let mut f = Filter::default();
    let mut key = String::new();
    if let Some(y) = p.get("year").filter(|y| !y.is_empty()) {
        let (a, b) = y.split_once('-').unwrap_or((y, y));
        let (a, b): (i32, i32) = match (a.trim().parse(), b.trim().parse()) {
            (Ok(a), Ok(b)) if a <= b => (a, b),
            _ => {
                return Err(format!(
                    "year={y}: write a year (2023) or a range (2022-2024)"
                ))
            }
        };
        let kept: Vec<i32> = years
            .iter()
            .copied()
            .filter(|y| (a..=b).contains(y))
            .collect();
        match (kept.first(), kept.last()) {
            (Some(&first), Some(&last)) => {
                f.years = Some((first, last));
                key.push_str(&format!("y{first}-{last}"));
            }
            _ => {
                f.years = Some((a, b));
                key.push_str("y-none");
            }
        }
    }
    if let Some(plan) = p.get("plan").filter(|s| !s.is_empty()) {
        if !plans.iter().any(|pl| &pl.key == plan) {
            return Err(format!(
                "plan={plan}: the store has no plan of that key (the plan list on /network has them)"
            ));
        }
        f.plans = vec![plan.clone()];
        key.push_str(&format!("p{plan}"));
    }
    Ok((f, key))
}

fn top_of(p: &Params) -> usize {
    p.get("top")
        .and_then(|t| t.parse().ok())
        .unwrap_or(40usize)
        .clamp(5, 150)
}

fn network_svg_for(
    app: &App,
    p: &Params,
) -> Result<(Arc<lookups::View>, Option<Arc<String>>), String> {
    let cache = app.cache();
    let years = cache.years(&app.store)?;
    let plans = cache.plans(&app.store)?;
    let (filter, key) = network_filter(&years, &plans, p)?;
    let view = cache.view(app, &filter, &key)?;
    if view.net.nodes.is_empty() {
        return Ok((view, None));
    }
    let top = top_of(p);
    let svg = cache.svg(&format!("net:{}:{top}", view.id), || {
        let links: Vec<String> = view
            .net
            .nodes
            .iter()
            .map(|n| agency_link(&n.label))
            .collect();
        let g = fengong_diagram::one_mode(
            &view.net,
            &view.analysis,
            &fengong_diagram::Options {
                ego: None,
                top: Some(top),
                min_weight: 1,
                max_edges: Some(MAX_NETWORK_EDGES),
                size_by: Measure::Degree,
                color: ColorBy::Community,
                title: String::new(),
                labels: &view.labels,
                links: &links,
            },
        );
        fengong_diagram::svg(&g, LayoutEngine::for_size(top.min(view.net.nodes.len())))
            .map_err(|e| e.to_string())
    })?;
    Ok((view, Some(svg)))
}

fn network_page(app: &App, p: &Params, lang: Lang, here: &str) -> Result<Markup, Problem> {
    let (view, svg) = network_svg_for(app, p).map_err(|e| {
        Problem::new(
            StatusCode::BAD_REQUEST,
            lang.t("无法绘制", "Cannot draw"),
            e,
        )
    })?;
    let years = app.cache().years(&app.store).map_err(Problem::store)?;
    let plans = app.cache().plans(&app.store).map_err(Problem::store)?;
    let chosen = |k: &str| p.get(k).cloned().unwrap_or_default();
    let top = top_of(p);
    let order = view.analysis.order_by(Measure::Degree);
    let body = html! {
        h1 { (lang.t("部门协作网络", "Who works with whom")) }
        form.filters action="/network" method="get" {
            label { (lang.t("年份", "Year"))
                select name="year" {
                    option value="" { (lang.t("全部", "all")) }
                    @for y in &years { option value=(y) selected[chosen("year") == y.to_string()] { (y) } }
                }
            }
            label { (lang.t("方案", "Plan"))
                @if plans.len() <= 300 {
                    select name="plan" {
                        option value="" { (lang.t("全部", "all")) }
                        @for pl in plans.iter() { option value=(pl.key) selected[chosen("plan") == pl.key] { (pl.title) " (" (year(pl.year)) ")" } }
                    }
                } @else {
                    input name="plan" value=(chosen("plan")) placeholder=(lang.t("方案标题中的词", "words of a plan's title"));
                }
            }
            label { (lang.t("显示单位数", "Agencies shown"))
                input type="number" name="top" min="5" max="150" value=(top);
            }
            button type="submit" { (lang.t("更新", "Update")) }
        }
        p.muted { (count(lang, view.net.nodes.len(), "个单位", "agency", "agencies")) " · " (count(lang, view.net.plans.len(), "个方案", "plan", "plans"))
            " · " (lang.t("滚轮缩放,拖动平移,双击复原;点击单位查看详情。", "Wheel to zoom, drag to pan, double-click to reset; click an agency for its page.")) }
        @match &svg {
            Some(svg) => { div.diagram { (html::svg(svg)) } }
            None => { p.error { (lang.t("所选方案中没有单位。", "No agency in the plans chosen.")) } }
        }
        h2 { (lang.t("合作单位最多的部门", "Agencies with the most partners")) }
        table { thead { tr {
            th { "#" } th { (lang.t("单位", "Agency")) } th { (lang.t("合作单位", "Partners")) }
            th { (lang.t("牵头", "Leads")) } th { (lang.t("配合", "Cooperates")) } th { (lang.t("共同负责", "Jointly")) }
        } }
        tbody { @for (r, &i) in order.iter().take(top).enumerate() { tr {
            td.num { (r + 1) }
            td { a href=(agency_link(&view.net.nodes[i].label)) { (view.net.nodes[i].label) } }
            td.num { (view.analysis.get(Measure::Degree, i)) }
            td.num { (view.net.nodes[i].leads) } td.num { (view.net.nodes[i].cooperates) } td.num { (view.net.nodes[i].shares) }
        } } } }
    };
    Ok(page(lang, lang.t("协作网络", "Network"), here, body))
}

/// `3 个方案`, `1 plan`, `3 plans`.
fn count(lang: Lang, n: usize, zh: &str, one: &str, many: &str) -> String {
    match (lang, n) {
        (Lang::Zh, _) => format!("{n} {zh}"),
        (Lang::En, 1) => format!("1 {one}"),
        (Lang::En, _) => format!("{n} {many}"),
    }
}

/// `/network.svg?…`: the network picture alone.
pub(crate) async fn network_svg(State(app): State<Arc<App>>, RawQuery(raw): RawQuery) -> Response {
    let p = params(raw.as_deref());
    let built = in_slot(&app.clone(), move || network_svg_for(&app, &p)).await;
    match built {
        Ok(Ok((_, Some(svg)))) => (
            [(header::CONTENT_TYPE, "image/svg+xml")],
            svg.as_str().to_owned(),
        )
            .into_response(),
        Ok(Ok((_, None))) => {
            crate::sparql::text(StatusCode::NOT_FOUND, "no agency in the plans chosen")
        }
        Ok(Err(e)) => crate::sparql::text(StatusCode::BAD_REQUEST, e),
        Err(e) => crate::sparql::text(e.status, e.message),
    }
}

const START_QUERY: &str = include_str!("../../../queries/top-leads.rq");

fn sparql_page(_: &App, p: &Params, lang: Lang, here: &str) -> Result<Markup, Problem> {
    // The starting query declares the project's prefixes, which the endpoint does not need but
    // the editor checks and other endpoints would.
    let start: String = fengong_rdf::vocab::PREFIXES
        .iter()
        .map(|(p, iri)| format!("PREFIX {p}: <{iri}>\n"))
        .chain(std::iter::once(START_QUERY.to_owned()))
        .collect();
    let query = p.get("query").map(String::as_str).unwrap_or(&start);
    // The editor's settings as JSON: no remote endpoint, no look-ups on the internet (the
    // prefix and class/property completers call prefix.cc and LOV).
    let config = serde_json::json!({
        "query": query,
    });
    let script = format!(
        r#"(function () {{
  var c = {config};
  Yasgui.Yasqe.defaults.autocompleters = ["variables"];
  var y = new Yasgui(document.getElementById("yasgui"), {{
    requestConfig: {{ endpoint: "/query", method: "POST" }},
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: {{ getData: function () {{ return [{{ endpoint: "/query" }}]; }} }},
    persistenceId: null
  }});
  y.getTab().setQuery(c.query);
}})();"#
    );
    let body = html! {
        link rel="stylesheet" href="/assets/yasgui.min.css";
        h1 { "SPARQL" }
        p.muted {
            (lang.t("端点:", "Endpoint: ")) code { "/query" }
            (lang.t("(只读;默认图为所有图的并集;项目前缀无需声明,如 fg:、org:、skos:、dcterms:)", " (read-only; the default graph is the union of all graphs; the project's prefixes — fg:, org:, skos:, dcterms: … — need no declaration)"))
        }
        div id="yasgui" {}
        script src="/assets/yasgui.min.js" {}
        script { (maud::PreEscaped(script.replace("</", "<\\/"))) }
    };
    Ok(page(lang, "SPARQL", here, body))
}

/// `text` with its marked byte ranges in `<mark>`.
fn marked(text: &str, marks: &[(usize, usize)]) -> Markup {
    let mut parts: Vec<(bool, &str)> = Vec::new();
    let mut at = 0;
    for &(a, b) in marks {
        if a < at || b > text.len() || !text.is_char_boundary(a) || !text.is_char_boundary(b) {
            continue;
        }
        parts.push((false, &text[at..a]));
        parts.push((true, &text[a..b]));
        at = b;
    }
    parts.push((false, &text[at..]));
    html! { @for (m, p) in parts { @if m { mark { (p) } } @else { (p) } } }
}

/// One task found: title, plan, year and citation, the text around the match, and who does it.
fn hit_item(lang: Lang, h: &fengong_search::Hit) -> Markup {
    let t = &h.task;
    html! {
        li.hit {
            a.title href=(task_link(&t.iri)) { (marked(&t.title, &h.title_marks)) }
            " " span.muted { (year(t.year)) " · " }
            a href=(plan_link(&t.plan)) { (t.plan_title) } " " (t.cited)
            @if t.text != t.title {
                p.snippet {
                    @if h.snippet.cut_before { "…" }
                    (marked(&h.snippet.text, &h.snippet.marks))
                    @if h.snippet.cut_after { "…" }
                }
            }
            p.duties {
                @for d in &t.duties {
                    span class=(format!("role-{}", d.role)) { (lang.role(&d.role)) }
                    " "
                    @if d.role == "supervisor" { (d.label) } @else { a href=(agency_link(&d.label)) { (d.label) } }
                    " "
                }
            }
        }
    }
}

/// `/search?q=…`: tasks by their words, with the scope `fengong search` takes (year, place,
/// plan, agency and role), a page of 20 at a time.
fn search_page(app: &App, p: &Params, lang: Lang, here: &str) -> Result<Markup, Problem> {
    const PAGE: usize = 20;
    let get = |k: &str| p.get(k).map(|s| s.trim()).filter(|s| !s.is_empty());
    let q = get("q").unwrap_or("");
    let offset: usize = get("offset").and_then(|o| o.parse().ok()).unwrap_or(0);
    let years = get("year").and_then(|y| {
        let (a, b) = y.split_once('-').unwrap_or((y, y));
        Some((a.trim().parse().ok()?, b.trim().parse().ok()?))
    });
    let role =
        get("role").filter(|r| ["lead", "cooperate", "co_responsible", "supervisor"].contains(r));
    let form = html! {
        form.ask-box action="/search" method="get" role="search" {
            input type="search" name="q" id="search" value=(q)
                placeholder=(lang.t("任务中的词,如:数据共享 平台", "words of tasks, e.g. 数据共享 平台"));
            button type="submit" { (lang.t("搜索", "Search")) }
            details open[get("year").or(get("place")).or(get("agency")).or(get("plan")).is_some()] {
                summary { (lang.t("范围", "Scope")) }
                label { (lang.t("年份", "Year")) " " input name="year" value=(get("year").unwrap_or("")) placeholder="2023-2024"; }
                label { (lang.t("地方", "Place")) " " input name="place" value=(get("place").unwrap_or("")); }
                label { (lang.t("方案", "Plan")) " " input name="plan" value=(get("plan").unwrap_or("")); }
                label { (lang.t("单位", "Agency")) " " input name="agency" value=(get("agency").unwrap_or("")); }
                label { (lang.t("角色", "Role")) " " select name="role" {
                    option value="" { (lang.t("任何", "any")) }
                    @for r in ["lead", "cooperate", "co_responsible", "supervisor"] {
                        option value=(r) selected[role == Some(r)] { (lang.role(r)) }
                    }
                } }
                label { input type="checkbox" name="phrase" value="1" checked[get("phrase").is_some()]; " " (lang.t("按原词组", "as a phrase")) }
            }
        }
    };
    if q.is_empty() {
        return Ok(page(
            lang,
            lang.t("搜索", "Search"),
            here,
            html! { h1 { (lang.t("搜索任务", "Search tasks")) } (form) },
        ));
    }
    let request = fengong_ask::find::Request {
        text: q.to_owned(),
        phrase: get("phrase").is_some(),
        years,
        plans: get("plan").map(|s| vec![s.to_owned()]).unwrap_or_default(),
        place: get("place").map(str::to_owned),
        agency: get("agency").map(str::to_owned),
        roles: role.map(|r| vec![r.to_owned()]).unwrap_or_default(),
        top: PAGE,
        offset,
    };
    let searched = match fengong_ask::find::search(&app.store, &app.registry, &request) {
        Ok(s) => s,
        Err(AskError::Store(e)) => return Err(Problem::store(e)),
        Err(e) => return Ok(refused(lang, here, q, &e)),
    };
    let found = &searched.found;
    let page_at = |o: usize| {
        let mut pairs: Vec<(&str, String)> = p
            .iter()
            .filter(|(k, _)| k.as_str() != "offset")
            .map(|(k, v)| (k.as_str(), v.clone()))
            .collect();
        pairs.sort();
        pairs.push(("offset", o.to_string()));
        let refs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        link("/search", &refs)
    };
    let body = html! {
        h1 { (lang.t("搜索任务", "Search tasks")) }
        (form)
        p.summary {
            @if found.total == 0 {
                (lang.t("没有任务含有这些词。", "No task holds these words."))
            } @else if !found.all_words {
                (lang.t("没有任务含有全部词语;以下任务含有其中一些:", "No task holds every word; these hold some of them: ")) (found.total)
            } @else {
                (found.total) (lang.t(" 个任务,按相关度排列", " tasks, most relevant first"))
            }
            @if found.forms.len() > 1 {
                " · " span.muted { (lang.t("也搜索了:", "also searched: ")) (found.forms[1..].join(lang.t("、", ", "))) }
            }
        }
        ol.hits start=(offset + 1) { @for h in &found.hits { (hit_item(lang, h)) } }
        p.pages {
            @if offset > 0 { a rel="prev" href=(page_at(offset.saturating_sub(PAGE))) { (lang.t("上一页", "Previous")) } " " }
            @if offset + found.hits.len() < found.total { a rel="next" href=(page_at(offset + PAGE)) { (lang.t("下一页", "Next")) } }
        }
    };
    Ok(page(lang, q, here, body))
}
