//! The parse pipeline assembled: normalised text → outline + tables → tasks with duties.
//!
//! Which numbered items are tasks is decided here, because it needs both the outline and
//! the annotations: tasks are the items of the numbering style that carries most
//! responsibility annotations (plus annotated items of other styles standing alone).

use crate::duties::convention::declares_convention;
use crate::duties::locate::{find_annotations, Annotation, AnnotationKind};
use crate::duties::{read_field, resolve, Label, Mark, Reading};
use crate::error::{Error, Result};
use crate::model::{Kind, ParsedDocument, Span, Task, Warning};
use crate::outline::metadata::{agencies_in, extract};
use crate::outline::numbering::Style;
use crate::outline::table::{find_tables, Column, Table};
use crate::outline::{heading_range, Outline};
use crate::text::Text;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// Reads and parses one file.
pub fn parse_file(path: &Path) -> Result<ParsedDocument> {
    let bytes = crate::input::read(path)?;
    parse_bytes(&path.to_string_lossy(), &bytes).map_err(|source| Error::Decode {
        path: path.to_owned(),
        source,
    })
}

/// Parses a document's bytes; `file` is the name reported in the output.
pub fn parse_bytes(file: &str, bytes: &[u8]) -> Result<ParsedDocument, crate::text::DecodeError> {
    let text = Text::from_bytes(bytes)?;
    let doc = parse_text(file, &text);
    // A web page or office file with neither a task nor an agency is not a plan (an index
    // page, a page of links, a form): an error, so that it is not stored as one.
    if text.format != crate::text::Format::Text
        && doc.tasks.is_empty()
        && doc.agencies_named.is_empty()
    {
        return Err(crate::text::DecodeError::NotAPlan {
            format: text.format.name(),
            chars: text.text.chars().filter(|c| !c.is_whitespace()).count(),
        });
    }
    Ok(doc)
}

/// A task before numbering: where it is and what its annotations say.
struct Draft {
    number: String,
    section: Option<String>,
    subsection: Option<String>,
    title: String,
    start: usize,
    end: usize,
    readings: Vec<Reading>,
    raw: Option<(usize, usize)>,
    declares_convention: bool,
    /// How the annotations that speak were written.
    kinds: Vec<AnnotationKind>,
}

fn says_who(r: &Reading) -> bool {
    !r.entries.is_empty() || !r.supervisors.is_empty()
}

/// Parses a normalised text.
pub fn parse_text(file: &str, text: &Text) -> ParsedDocument {
    let norm = text.text.as_str();
    let mut warnings: Vec<(usize, String)> = Vec::new();
    let mut tables = find_tables(norm);
    tables.extend(crate::outline::runon::find_runon_tables(norm));
    let skip: Vec<(usize, usize)> = tables.iter().map(|t| (t.start, t.end)).collect();
    let outline = Outline::build(norm, &skip);

    let mut own: Vec<Vec<Annotation>> = outline
        .items
        .iter()
        .map(|item| {
            let (found, w) = find_annotations(&norm[item.start..item.own_end]);
            warnings.extend(w.into_iter().map(|w| (item.start + w.offset, w.message)));
            found
        })
        .collect();
    let inherited = heading_assignments(norm, &outline, &mut own);
    let annotated: Vec<bool> = own
        .iter()
        .enumerate()
        .map(|(i, a)| a.iter().any(|x| says_who(&x.reading)) || inherited.contains_key(&i))
        .collect();
    let task_items = choose_tasks(&outline, &annotated);

    let has_nested_task: HashSet<usize> = task_items
        .iter()
        .flat_map(|&j| outline.ancestors(j))
        .collect();
    // Section headings as written, each made once: many tasks stand under one heading.
    let mut headings: HashMap<usize, String> = HashMap::new();
    let mut drafts: Vec<Draft> = task_items
        .iter()
        .map(|&i| {
            // A task with tasks nested in it answers only for its own text.
            let nested = has_nested_task.contains(&i);
            let item = &outline.items[i];
            let end = if nested { item.own_end } else { item.end };
            let mut draft = item_draft(text, &outline, i, end, &mut headings, &mut warnings);
            if let Some((heading, reading)) = inherited.get(&i) {
                if !draft.readings.iter().any(says_who) {
                    draft.readings.push(reading.clone());
                    draft.kinds.push(AnnotationKind::Heading);
                    draft.raw = draft.raw.or(Some(*heading));
                }
            }
            draft
        })
        .collect();
    let mut layout = text.notes.clone();
    if !task_items.is_empty() {
        // Each numbering style the tasks use, shown by its first number.
        let mut styles: Vec<(Style, &str)> = Vec::new();
        for &i in &task_items {
            let m = &outline.items[i].marker;
            if !styles.iter().any(|s| s.0 == m.style) {
                styles.push((m.style, &m.number));
            }
        }
        let shown: Vec<&str> = styles.iter().map(|s| s.1).collect();
        layout.push(format!(
            "{} tasks from numbered items ({}); duties {}",
            task_items.len(),
            shown.join(" "),
            kinds_read(&drafts)
        ));
    }
    for table in &tables {
        drafts.extend(table_drafts(text, table));
        warnings.extend(table.warnings.iter().cloned());
        layout.push(format!(
            "table of {} rows, {}, from line {}; columns read as {}",
            table.rows.len(),
            table.layout,
            norm[..table.start].matches('\n').count() + 1,
            table.columns
        ));
    }
    if drafts.is_empty() {
        drafts = unnumbered_drafts(text);
        if !drafts.is_empty() {
            layout.push(format!(
                "{} tasks from unnumbered paragraphs; duties {}",
                drafts.len(),
                kinds_read(&drafts)
            ));
        }
    }
    if drafts.is_empty() {
        layout
            .push("no tasks: no numbered item, table or paragraph names a responsible body".into());
    }
    drafts.sort_by_key(|d| d.start);

    // A convention stated outside every responsibility list (a preamble, a note after the
    // last task) holds for the whole document; one stated in a task's list holds from that
    // task on.
    let mut convention = crate::outline::lines(norm).any(|(start, line)| {
        let end = start + line.len();
        declares_convention(line)
            && !drafts
                .iter()
                .filter_map(|d| d.raw)
                .any(|(a, b)| start < b && a < end)
    });
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(norm.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |offset: usize| line_starts.partition_point(|&s| s <= offset);

    let head_end = outline
        .items
        .iter()
        .find(|i| i.style() <= Style::CnComma)
        .map(|i| i.start)
        .into_iter()
        .chain(drafts.first().map(|d| d.start))
        .min()
        .unwrap_or(norm.len());
    let mut document = extract(norm, head_end);
    if !text.file_metadata.is_empty() {
        document = crate::outline::metadata::from_file(&text.file_metadata).over(document);
    }

    let mut tasks = Vec::with_capacity(drafts.len());
    let last = drafts.len().saturating_sub(1);
    let text_end = norm.trim_end();
    for (k, mut d) in drafts.into_iter().enumerate() {
        convention |= d.declares_convention;
        // Precision before recall: a name that no grammar of organ names accepts (a clause, a
        // task's words, a person's post, a count) is left out with a warning before roles are
        // decided, so that it neither takes a role nor makes the others share one.
        // (A last name the text ends on is judged below, as a copy cut off inside it.)
        let lex = crate::lexicon::lexicon();
        for r in &mut d.readings {
            r.entries.retain(|e| {
                let keep = (e.name.collective && lex.is_agency_like(&e.name.name))
                    || lex.looks_like_organ(&e.name.name)
                    || (k == last && text_end.ends_with(e.name.name.as_str()));
                if !keep {
                    warnings.push((
                        d.start,
                        format!(
                            "'{}' does not read as the name of an organ: left out",
                            e.name.name
                        ),
                    ));
                }
                keep
            });
        }
        let mut duties = resolve(&d.readings, convention);
        // A copy cut off in the middle of its last name (`责任单位:市`, `发展改革`) would add an
        // agency no one named: a last name the text ends on, not ending as agency names do.
        if k == last && d.raw.map_or(d.end, |(_, b)| b.max(d.end)) >= text_end.len() {
            for list in [
                &mut duties.lead,
                &mut duties.cooperate,
                &mut duties.co_responsible,
            ] {
                let cut = list.last().filter(|n| {
                    text_end.ends_with(n.as_str())
                        && (n.chars().count() < 2 || !crate::lexicon::lexicon().is_agency_like(n))
                });
                if let Some(name) = cut.cloned() {
                    warnings.push((
                        d.start,
                        format!(
                            "the text ends in the middle of a name ('{name}'): left out, as the \
                             file looks cut off here"
                        ),
                    ));
                    list.pop();
                    duties.collective.retain(|c| *c != name);
                }
            }
        }
        let (raw, raw_span) = match d.raw {
            Some((a, b)) => (
                text.original(a, b).to_owned(),
                Some(Span::new(text.source_offset(a), text.source_offset(b))),
            ),
            None => (String::new(), None),
        };
        let label = if d.number.is_empty() {
            d.title.clone()
        } else {
            d.number.clone()
        };
        if duties.lead.is_empty() && duties.cooperate.is_empty() && duties.co_responsible.is_empty()
        {
            warnings.push((d.start, format!("task {label} names no responsible agency")));
        }
        for r in &d.readings {
            for u in &r.leftovers.unknown {
                warnings.push((
                    d.start,
                    format!("task {label}: could not read '{u}' in its responsibility list"),
                ));
            }
        }
        let end = d.start + norm[d.start..d.end].trim_end().len();
        tasks.push(Task {
            number: d.number,
            ordinal: k + 1,
            section: d.section,
            subsection: d.subsection,
            title: d.title,
            text: text.as_written(d.start, end),
            lead: duties.lead,
            cooperate: duties.cooperate,
            co_responsible: duties.co_responsible,
            collective: duties.collective,
            supervisors: duties.supervisors,
            deadline: duties.deadline,
            raw,
            raw_span,
            span: Span::new(text.source_offset(d.start), text.source_offset(end)),
            line: text.file_line(d.start).unwrap_or_else(|| line_of(d.start)),
            location: text.location(d.start).cloned(),
        });
    }

    if let Some(evidence) = place_by_own_agencies(norm, &mut document, &tasks) {
        document.jurisdiction_evidence.push(evidence.clone());
        layout.push(evidence);
    }
    if let Some(evidence) = place_by_named_bodies(&mut document, &tasks) {
        document.jurisdiction_evidence.push(evidence.clone());
        layout.push(evidence);
    }
    place_by_link(file, &mut document);
    let disagreeing: Vec<&String> = document
        .jurisdiction_evidence
        .iter()
        .filter(|e| e.ends_with("(disagrees)"))
        .collect();
    if !disagreeing.is_empty() {
        warnings.push((
            0,
            format!(
                "the plan's place is read as {}, but other clues name another: {}",
                document.jurisdiction.as_deref().unwrap_or("no place"),
                disagreeing
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        ));
    }
    let agencies_named = if tasks.is_empty() {
        agencies_in(norm)
    } else {
        let mut names: Vec<String> = Vec::new();
        for t in &tasks {
            for n in t.lead.iter().chain(&t.cooperate).chain(&t.co_responsible) {
                if !names.contains(n) {
                    names.push(n.clone());
                }
            }
        }
        names
    };
    warnings.sort();
    warnings.dedup();
    ParsedDocument {
        file: file.to_owned(),
        format: text.format,
        encoding: text.encoding,
        script: text.script,
        kind: if tasks.is_empty() {
            Kind::Article
        } else {
            Kind::Plan
        },
        document,
        tasks,
        agencies_named,
        layout,
        warnings: warnings
            .into_iter()
            .map(|(at, message)| Warning {
                line: text.file_line(at).unwrap_or_else(|| line_of(at)),
                message,
            })
            .collect(),
    }
}

/// Headings that assign the items under them (`二、市发改委牵头的工作`, `(三)由省教育厅负责的
///事项`): a heading whose only words of duty are a prose assignment and that has items nested
/// in it passes that assignment to each item below that names no one itself. Its annotation is
/// taken from the heading, so the heading is not a task of its own. Returns, per item, the
/// heading's span and reading.
fn heading_assignments(
    norm: &str,
    outline: &Outline,
    own: &mut [Vec<Annotation>],
) -> HashMap<usize, ((usize, usize), crate::duties::Reading)> {
    let mut inherited = HashMap::new();
    for (i, item) in outline.items.iter().enumerate() {
        let has_children = outline
            .items
            .get(i + 1)
            .is_some_and(|n| n.parent == Some(i));
        let (hs, he) = heading_range(norm, item);
        let heading = &norm[hs..he];
        let closes = ["的工作", "的任务", "的事项", "的重点工作", "工作", "任务"]
            .iter()
            .find_map(|w| heading.trim_end_matches(['。', ':']).strip_suffix(w));
        let [a] = own[i].as_slice() else {
            continue;
        };
        let in_heading = item.start + a.start >= hs && item.start + a.end <= he;
        if !has_children || a.kind != AnnotationKind::Prose || !in_heading || closes.is_none() {
            continue;
        }
        let reading = own[i].remove(0).reading;
        let span = (hs, he);
        for j in i + 1..outline.items.len() {
            if outline.items[j].start >= item.end {
                break;
            }
            inherited.entry(j).or_insert((span, reading.clone()));
        }
    }
    inherited
}

/// How the duties of `drafts` were written: `12 in brackets, 3 in prose`.
fn kinds_read(drafts: &[Draft]) -> String {
    let mut counts: std::collections::BTreeMap<AnnotationKind, usize> = Default::default();
    for k in drafts.iter().flat_map(|d| &d.kinds) {
        *counts.entry(*k).or_default() += 1;
    }
    if counts.is_empty() {
        return "none found".into();
    }
    counts
        .iter()
        .map(|(k, n)| format!("{n} {}", k.name()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A plan that names no place may still name bodies after one (`崇川经济开发区`, `莲都邮政管理局`):
/// when every such name points to one county or district, named so twice or more, the plan is
/// that district's if its title or its own agencies speak as a district's (`区政府…`,
/// `区财政局`), else that district's city's.
fn place_by_named_bodies(
    document: &mut crate::outline::metadata::Metadata,
    tasks: &[Task],
) -> Option<String> {
    if document.jurisdiction.is_some() {
        return None;
    }
    let lex = crate::lexicon::lexicon();
    let local = |p: &crate::lexicon::Place| {
        matches!(
            p.level,
            crate::lexicon::PlaceLevel::County | crate::lexicon::PlaceLevel::District
        )
    };
    let mut found: Vec<&crate::lexicon::Place> = Vec::new();
    let mut own_level = 0usize;
    let mut total = 0usize;
    for name in tasks
        .iter()
        .flat_map(|t| t.lead.iter().chain(&t.cooperate).chain(&t.co_responsible))
    {
        total += 1;
        if name.starts_with(['区', '县']) {
            own_level += 1;
        }
        let place = name
            .char_indices()
            .skip(2)
            .take(3)
            .map(|(i, _)| &name[..i])
            .filter(|head| name.chars().count() >= head.chars().count() + 2)
            // A hash look-up first: most heads are no place at all.
            .filter(|head| lex.is_place(head))
            .find_map(|head| {
                let called = lex.places_called(head);
                let mut same = called.into_iter().filter(|p| local(p));
                match (same.next(), same.next()) {
                    (Some(p), None) => Some(p),
                    _ => None,
                }
            });
        if let Some(p) = place {
            found.push(p);
        }
    }
    let first = *found.first()?;
    if found.len() < 2 || found.iter().any(|p| p.name != first.name) {
        return None;
    }
    let title = document.title.as_deref().unwrap_or("");
    let district_speaks =
        title.contains("区政府") || title.contains("县政府") || own_level * 2 > total;
    let place = if district_speaks {
        first.name.clone()
    } else {
        first.parent.clone()?
    };
    document.jurisdiction = Some(place.clone());
    Some(format!(
        "bodies named after a place: {} ({} names), so {place}",
        first.name,
        found.len()
    ))
}

/// A plan fetched from a government site's link is that site's place's (`www.wuhan.gov.cn`):
/// the place where the text names none, a narrower one inside the place it names, else a
/// clue that disagrees.
fn place_by_link(file: &str, document: &mut crate::outline::metadata::Metadata) {
    let lex = crate::lexicon::lexicon();
    let Some(host) = lex.place_of_link(file) else {
        return;
    };
    let current = document.jurisdiction.clone();
    let agrees = match current.as_deref() {
        None => {
            document.jurisdiction = Some(host.clone());
            true
        }
        Some(c) if c != "全国" && host != "全国" && c != host && lex.within(&host, c) => {
            document.jurisdiction = Some(host.clone());
            true
        }
        Some(c) => c == host || lex.within(c, &host),
    };
    document.jurisdiction_evidence.push(if agrees {
        format!("source link's host: {host}")
    } else {
        format!("source link's host: {host} (disagrees)")
    });
}

/// A plan writes its own agencies with its level's word (`市教育局` in a city's plan, `区财政局`
/// in a district's): when most of its agencies carry one level word and the place read so far is
/// not of that level (none, or the province of a city's plan: `(湖北省)武汉市…`), the place is
/// the one of that level the text names most, within the place read so far. Returns how the
/// place was decided, for the layout.
fn place_by_own_agencies(
    norm: &str,
    document: &mut crate::outline::metadata::Metadata,
    tasks: &[Task],
) -> Option<String> {
    let lex = crate::lexicon::lexicon();
    let mut counts = [0usize; 3];
    let mut total = 0;
    for name in tasks
        .iter()
        .flat_map(|t| t.lead.iter().chain(&t.cooperate).chain(&t.co_responsible))
    {
        total += 1;
        if let Some(k) = ['市', '区', '县'].iter().position(|c| name.starts_with(*c)) {
            counts[k] += 1;
        }
    }
    let (k, &n) = counts.iter().enumerate().max_by_key(|(_, n)| **n)?;
    if n < 3 || n * 2 < total {
        return None;
    }
    let level = ['市', '区', '县'][k];
    let current = document.jurisdiction.clone();
    // A county's or district's name read as the place, in a plan whose agencies are a city's
    // (`市财政局` …): the plan is that city's, speaking of one of its counties.
    if level == '市' {
        let county = current
            .as_deref()
            .and_then(|c| lex.find_place(c))
            .filter(|p| {
                matches!(
                    p.level,
                    crate::lexicon::PlaceLevel::County | crate::lexicon::PlaceLevel::District
                ) && !p.name.ends_with('市')
            });
        let city = county
            .and_then(|p| p.parent.as_deref())
            .and_then(|c| lex.find_place(c))
            .filter(|c| c.level == crate::lexicon::PlaceLevel::Prefecture);
        if let (Some(county), Some(city)) = (county, city) {
            document.jurisdiction = Some(city.name.clone());
            return Some(format!(
                "jurisdiction {} (was {}): {n} of {total} agencies are written with 市",
                city.name, county.name
            ));
        }
    }
    if current.as_deref().is_some_and(|c| {
        // A province's plan read for its cities' agencies, or a city's for its districts'
        // (`区财政局` … in a plan citing its city's notice): the place lies one level down.
        let city = lex
            .find_place(c)
            .is_some_and(|p| p.level == crate::lexicon::PlaceLevel::Prefecture);
        c == "全国" || c.ends_with(level) || !(c.ends_with('省') || (city && level != '市'))
    }) {
        return None;
    }
    let levels: &[crate::lexicon::PlaceLevel] = match level {
        '市' => &[crate::lexicon::PlaceLevel::Prefecture],
        _ => &[
            crate::lexicon::PlaceLevel::District,
            crate::lexicon::PlaceLevel::County,
        ],
    };
    // Without a province to look within, a district or county counts only by its full name
    // (short forms such as 下陆 are common words elsewhere), and only when one alone is named.
    let loose = current.is_none() && level != '市';
    let mut found: Vec<(&crate::lexicon::Place, usize)> = lex
        .places
        .iter()
        .filter(|p| levels.contains(&p.level) && p.name.ends_with(level))
        .filter(|p| {
            current
                .as_deref()
                .is_none_or(|c| p.parent.as_deref() == Some(c))
        })
        .map(|p| {
            let mut m = norm.matches(p.name.as_str()).count();
            if !loose {
                for s in p.short.iter().filter(|s| s.chars().count() >= 2) {
                    m += norm.matches(s.as_str()).count();
                }
            }
            (p, m)
        })
        .filter(|(_, m)| *m > 0)
        .collect();
    found.sort_by_key(|(_, m)| std::cmp::Reverse(*m));
    if loose
        && found
            .iter()
            .map(|(p, _)| &p.name)
            .collect::<HashSet<_>>()
            .len()
            != 1
    {
        return None;
    }
    let (place, mentions) = *found.first()?;
    let was = current.unwrap_or_else(|| "no place".into());
    document.jurisdiction = Some(place.name.clone());
    Some(format!(
        "jurisdiction {} (was {was}): {n} of {total} agencies are written with {level}, and the text names it {mentions} times",
        place.name
    ))
}

/// Picks the task items: every item of the task style in a section where that style
/// carries annotations, and annotated items of other styles with no task above or below.
fn choose_tasks(outline: &Outline, annotated: &[bool]) -> Vec<usize> {
    let items = &outline.items;
    let mut counts: HashMap<Style, usize> = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        if annotated[i] {
            *counts.entry(item.style()).or_default() += 1;
        }
    }
    // Most annotated items; on a tie the deeper style.
    let Some(task_style) = counts
        .iter()
        .max_by_key(|&(s, n)| (*n, *s))
        .map(|(s, _)| *s)
    else {
        return Vec::new();
    };
    let top = |i: usize| outline.ancestors(i).first().copied().unwrap_or(i);
    let sections_with_tasks: HashSet<usize> = (0..items.len())
        .filter(|&i| annotated[i] && items[i].style() == task_style)
        .map(top)
        .collect();
    let mut is_task: Vec<bool> = (0..items.len())
        .map(|i| {
            items[i].style() == task_style
                && (annotated[i] || sections_with_tasks.contains(&top(i)))
        })
        .collect();
    // An item of the task style that says nothing itself while items nested in it do is a
    // heading over those items (`3、改善居住条件` over `(1)…责任部门:…`).
    for i in 0..items.len() {
        if is_task[i] && !annotated[i] {
            let nested_speaks = (i + 1..items.len())
                .take_while(|&j| items[j].start < items[i].end)
                .any(|j| annotated[j]);
            if nested_speaks {
                is_task[i] = false;
            }
        }
    }
    // An annotated item of another style is a task too, unless it sits inside a task of
    // the task style (then it is a sub-point of that task).
    let of_task_style = is_task.clone();
    for i in 0..items.len() {
        if annotated[i] && !is_task[i] && !outline.ancestors(i).iter().any(|&a| of_task_style[a]) {
            is_task[i] = true;
        }
    }
    (0..items.len()).filter(|&i| is_task[i]).collect()
}

/// Title range: the heading line when a body follows it on other lines, else the first
/// sentence; never the responsibility list.
fn title_range(
    norm: &str,
    heading: usize,
    end: usize,
    annotations: &[Annotation],
    base: usize,
) -> (usize, usize) {
    let line_end = norm[heading..end].find('\n').map_or(end, |i| heading + i);
    let mut stop = line_end;
    let has_body_below = !norm[line_end..end].trim().is_empty();
    let first_line = &norm[heading..line_end];
    if !has_body_below || first_line.contains('。') {
        if let Some(i) = first_line.find('。') {
            stop = heading + i;
        }
    }
    if let Some(a) = annotations
        .iter()
        .map(|a| base + a.start)
        .find(|&s| s >= heading && s < stop)
    {
        stop = a;
    }
    let kept = norm[heading..stop].trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '。' | ';' | ':' | ',' | '、' | '.')
    });
    (heading, heading + kept.len())
}

fn item_draft(
    text: &Text,
    outline: &Outline,
    i: usize,
    end: usize,
    headings: &mut HashMap<usize, String>,
    warnings: &mut Vec<(usize, String)>,
) -> Draft {
    let norm = text.text.as_str();
    let item = &outline.items[i];
    let (annotations, w) = find_annotations(&norm[item.start..end]);
    warnings.extend(w.into_iter().map(|w| (item.start + w.offset, w.message)));
    if item.marker.inferred {
        warnings.push((
            item.start,
            format!(
                "heading number is garbled; read as {} from the numbers around it",
                item.marker.number
            ),
        ));
    }
    let ancestors = outline.ancestors(i);
    let mut heading = |a: usize| {
        headings
            .entry(a)
            .or_insert_with(|| {
                let (s, e) = heading_range(norm, &outline.items[a]);
                text.as_written(s, e)
            })
            .clone()
    };
    let section = ancestors.first().map(|&a| heading(a));
    let subsection = ancestors
        .last()
        .filter(|_| ancestors.len() > 1)
        .map(|&a| heading(a));
    let speaking: Vec<&Annotation> = annotations
        .iter()
        .filter(|a| says_who(&a.reading) || a.reading.declares_convention)
        .collect();
    let raw = match (speaking.first(), speaking.last()) {
        (Some(a), Some(b)) => Some((item.start + a.start, item.start + b.end)),
        _ => None,
    };
    let kinds = speaking.iter().map(|a| a.kind).collect();
    Draft {
        kinds,
        number: item.marker.number.clone(),
        section,
        subsection,
        title: {
            let (s, e) = title_range(norm, item.heading, end, &annotations, item.start);
            text.as_written(s, e)
        },
        start: item.start,
        end,
        declares_convention: annotations.iter().any(|a| a.reading.declares_convention),
        readings: annotations.into_iter().map(|a| a.reading).collect(),
        raw,
    }
}

fn table_drafts(text: &Text, table: &Table) -> Vec<Draft> {
    let norm = text.text.as_str();
    table
        .rows
        .iter()
        .map(|row| {
            let cell = |c: Column| row.cells.iter().find(|x| x.column == c);
            let mut readings = Vec::new();
            let mut raw: Option<(usize, usize)> = None;
            for c in &row.cells {
                let label = match c.column {
                    Column::Lead => Label::Names(Mark::Lead),
                    Column::Cooperate => Label::Names(Mark::Cooperate),
                    Column::Responsible => Label::Names(Mark::Responsible),
                    Column::Supervisor => Label::Supervisor,
                    Column::Deadline => Label::Deadline,
                    _ => continue,
                };
                readings.push(read_field(&cell_text(&norm[c.start..c.end]), label));
                if label != Label::Deadline {
                    raw = Some(raw.map_or((c.start, c.end), |(a, _)| (a, c.end)));
                }
            }
            Draft {
                kinds: Vec::new(),
                number: row.number.clone(),
                section: row.section.clone(),
                subsection: None,
                // A cell wrapped over lines is one title.
                title: cell(Column::Task).map_or(String::new(), |c| {
                    text.as_written(c.start, c.end).replace(['\n', '\r'], "")
                }),
                start: row.start,
                end: row.end,
                declares_convention: false,
                readings,
                raw,
            }
        })
        .collect()
}

/// A cell's text with the line breaks a copy put inside it dropped, and with them the page
/// numbers of a preview (`高新园(邹区镇\n2、)` → `高新园(邹区镇)`).
fn cell_text(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len());
    for (k, line) in cell.split('\n').enumerate() {
        let line = line.trim_end_matches('\r');
        let digits = line.chars().take_while(char::is_ascii_digit).count();
        let marker = k > 0 && digits > 0 && line[digits..].starts_with('、');
        out.push_str(if marker {
            &line[digits + '、'.len_utf8()..]
        } else {
            line
        });
    }
    out
}

/// Without numbered tasks, each paragraph with an explicit role word is a task.
fn unnumbered_drafts(text: &Text) -> Vec<Draft> {
    let norm = text.text.as_str();
    let mut drafts = Vec::new();
    let all: Vec<(usize, &str)> = crate::outline::lines(norm)
        .filter(|(_, l)| !l.trim().is_empty())
        .collect();
    for (k, &(start, line)) in all.iter().enumerate() {
        // A field name alone on its line reads with the value on the next.
        let line = match all.get(k + 1) {
            Some(&(next, l)) if line.trim().chars().count() <= 8 => &norm[start..next + l.len()],
            _ => line,
        };
        let (found, _) = find_annotations(line);
        // Role words, or a field that names the responsible (`责任单位:…`): a paragraph that
        // only says someone 负责 something is not enough.
        let explicit = found.iter().any(|a| {
            a.kind == AnnotationKind::Label && !a.reading.entries.is_empty()
                || a.reading
                    .entries
                    .iter()
                    .any(|e| matches!(e.mark, Mark::Lead | Mark::Cooperate | Mark::Shared))
        });
        if !explicit {
            continue;
        }
        let (a, b) = title_range(line, 0, line.len(), &found, 0);
        let title = text.as_written(start + a, start + b);
        let raw = Some((start + found[0].start, start + found[found.len() - 1].end));
        drafts.push(Draft {
            kinds: found.iter().map(|a| a.kind).collect(),
            number: String::new(),
            section: None,
            subsection: None,
            title,
            start,
            end: start + line.len(),
            declares_convention: found.iter().any(|a| a.reading.declares_convention),
            readings: found.into_iter().map(|a| a.reading).collect(),
            raw,
        });
    }
    drafts
}
