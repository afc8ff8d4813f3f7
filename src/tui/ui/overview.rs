//! The overview (panel 1 in the body) and the summary rows it shares with the Summary box.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use jwtscope::claims::time;
use jwtscope::output::sanitize::clean;
use jwtscope::output::text::value_line;
use jwtscope::report::SignatureStatus as VStatus;
use jwtscope::report::{Kind, TokenReport};

use super::super::app::{App, Panel};
use super::{Theme, labelled, text};

/// Everything about the token on one scrollable page: all summary rows, every warning, the
/// response fields found around it. The selected line (what `y` copies) is in reverse video.
pub(super) fn render(app: &App, theme: &Theme, t: &TokenReport, area: Rect, buf: &mut Buffer) {
    let page = page(app, theme, t, usize::from(area.width));
    let height = usize::from(area.height);
    // Clamped again here: the terminal may have grown since the state clamped it.
    let scroll = app
        .summary_scroll
        .min(page.rows.len().saturating_sub(height));
    let sel = page.starts.get(app.summary_sel).copied();
    let sel_end = page
        .starts
        .get(app.summary_sel + 1)
        .copied()
        .unwrap_or(page.rows.len());
    let shown: Vec<Line> = page
        .rows
        .into_iter()
        .enumerate()
        .skip(scroll)
        .take(height)
        .map(|(i, l)| {
            if sel.is_some_and(|s| (s..sel_end).contains(&i)) && app.focus == Panel::Summary {
                l.style(theme.selected())
            } else {
                l
            }
        })
        .collect();
    Paragraph::new(shown).render(area, buf);
}

use super::super::app::OverviewPage as Page;

pub(super) fn page(app: &App, theme: &Theme, t: &TokenReport, width: usize) -> Page {
    let (lines, copies) = lines(app, theme, t);
    let mut rows = Vec::new();
    let mut starts = Vec::with_capacity(lines.len());
    for l in &lines {
        starts.push(rows.len());
        rows.extend(text::wrap(l, width, text::hang(l)));
    }
    Page {
        rows,
        starts,
        copies,
    }
}

/// What `y` copies on a summary row: the value whole (the full resource ID, every audience).
fn summary_copy(t: &TokenReport, label: &str, line: &Line<'_>) -> Option<String> {
    let s = &t.summary;
    let joined = |v: &[String], sep: &str| (!v.is_empty()).then(|| v.join(sep));
    match label {
        "Token" => None,
        "Issuer" => s.issuer.clone(),
        "Audience" => joined(&s.audience, " "),
        "Expires" => s.expires_at.clone(),
        "Object ID" => s.object_id.clone(),
        "Subject" => s.subject.clone(),
        "User" => s.user.clone(),
        "Name" => s.name.clone(),
        "Signed in" => (!s.auth_methods.is_empty()).then(|| s.auth_methods.join(" ")),
        "Tenant" => s.tenant_id.clone(),
        "App" => s.app_id.clone(),
        "Resource" => s.azure_resource.as_ref().map(|r| r.id.clone()),
        "Attached to" => s.azure_compute_resource.as_ref().map(|r| r.id.clone()),
        "Scopes" => joined(&s.scopes, " "),
        "Roles" => joined(&s.roles, " "),
        _ => Some(line.to_string()),
    }
}

/// The overview's lines, unwrapped, with what `y` copies on each.
#[allow(clippy::type_complexity)]
fn lines(
    app: &App,
    theme: &Theme,
    t: &TokenReport,
) -> (Vec<Line<'static>>, Vec<Option<(String, String)>>) {
    let mut summary = summary_rows(app, t, theme);
    // Aligned with the summary rows, as rows like them.
    if let Some(j) = &t.jwe {
        summary.push((
            "Encrypted",
            Line::from(format!(
                "key {} bytes · IV {} · ciphertext {} · tag {}",
                j.encrypted_key_len, j.iv_len, j.ciphertext_len, j.tag_len
            )),
        ));
    }
    if let Some(l) = &t.summary.lifetime {
        summary.push(("Lifetime", Line::from(l.clone())));
    }
    // Whole here (the title bar and the token strip cut it): a HAR request and its header, a
    // log's line, a response's member.
    summary.push(("Found at", Line::from(clean(&t.origin).into_owned())));
    let mut copies: Vec<Option<(String, String)>> = summary
        .iter()
        .map(|(label, line)| summary_copy(t, label, line).map(|v| ((*label).to_string(), v)))
        .collect();
    let mut lines: Vec<Line<'static>> = labelled(summary, theme)
        .into_iter()
        .map(|l| text::truncate_line(l, usize::MAX))
        .collect();
    if let Some(jwtscope::source::Source::Fetch(info)) = app.report.as_ref().map(|r| &r.source) {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled("Fetched", theme.label())));
        lines.push(Line::from(clean(&info.details()).into_owned()));
    }
    let v = &t.verification;
    if !v.claim_checks.is_empty() || !v.notes.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled("Verification", theme.label())));
        for c in &v.claim_checks {
            let (mark, style) = if c.ok {
                ("ok  ", theme.fg(Color::Green))
            } else {
                ("FAIL", theme.fg(Color::Red).add_modifier(Modifier::BOLD))
            };
            lines.push(Line::from(vec![
                Span::styled(format!("{mark} "), style),
                Span::raw(format!("{}: {}", clean(&c.name), clean(&c.detail))),
            ]));
        }
        for n in &v.notes {
            lines.push(Line::from(format!("- {}", clean(n))));
        }
    }
    if !t.warnings.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            format!("Warnings ({})", t.warnings.len()),
            theme.warn().add_modifier(Modifier::BOLD),
        )));
        for w in &t.warnings {
            lines.push(Line::from(Span::styled(
                format!("! {}", clean(w)),
                theme.warn(),
            )));
            copies.resize(lines.len() - 1, None);
            copies.push(Some(("the warning".to_string(), w.clone())));
        }
    }
    if !t.context_fields.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            "Response fields found around the token",
            theme.label(),
        )));
        let w = t
            .context_fields
            .iter()
            .map(|f| super::text::width(&f.name))
            .max()
            .unwrap_or(8);
        for f in &t.context_fields {
            let mut value = value_line(&f.value);
            if let Some(ti) = &f.time {
                value.push_str(&format!(
                    "  {} ({})",
                    ti.utc.as_deref().unwrap_or("?"),
                    time::relative(time::seconds_between(ti.unix, app.now))
                ));
            }
            if let Some(m) = &f.meaning {
                value.push_str(&format!("  {}", clean(m)));
            }
            lines.push(Line::from(vec![
                Span::styled(format!("{:<w$}  ", clean(&f.name)), theme.fg(Color::Cyan)),
                Span::raw(value),
            ]));
            copies.resize(lines.len() - 1, None);
            copies.push(Some((f.name.clone(), super::super::app::plain(&f.value))));
            if let Some(d) = f.description {
                lines.push(Line::from(Span::styled(
                    format!("{:<w$}  {d}", ""),
                    theme.dim(),
                )));
            }
        }
    }
    copies.resize(lines.len(), None);
    (lines, copies)
}

/// The summary rows: label and value spans.
pub(super) fn summary_rows<'a>(
    app: &App,
    t: &'a TokenReport,
    theme: &Theme,
) -> Vec<(&'static str, Line<'a>)> {
    let s = &t.summary;
    let mut rows: Vec<(&'static str, Line<'a>)> = Vec::new();
    let text = |v: &str| Span::raw(clean(v).into_owned());
    if t.kind == Kind::Opaque {
        rows.push((
            "Token",
            Line::from("opaque: not a JWT, so only its issuer can read it"),
        ));
    }
    if let Some(k) = &s.issuer_kind {
        rows.push((
            "Provider",
            Line::from(Span::styled(k.clone(), theme.fg(Color::Magenta))),
        ));
    }
    if let Some(iss) = &s.issuer {
        rows.push(("Issuer", Line::from(text(iss))));
    }
    if !s.audience.is_empty() {
        let mut spans = vec![text(&s.audience.join(", "))];
        if let Some(n) = &s.audience_name {
            spans.push(Span::styled(format!("  {n}"), theme.fg(Color::Magenta)));
        }
        rows.push(("Audience", Line::from(spans)));
    }
    if t.kind == Kind::Jwe {
        // The claims, exp among them, are encrypted: nothing is known about expiry.
        rows.push((
            "Expires",
            Line::from(Span::styled(
                "unknown: the claims are encrypted",
                theme.warn(),
            )),
        ));
    } else if t.kind != Kind::Opaque {
        // The countdown: the library's judgement at the UI's clock, from the decoded times.
        let (status, secs, phrase) = match s.exp_unix {
            Some(exp) => {
                let j = time::judge(Some(Some(exp)), s.nbf_unix, app.now, 0);
                (j.status, j.exp_from_now, j.phrase())
            }
            None => (s.status, None, s.expiry.clone()),
        };
        let mut spans = Vec::new();
        if let Some(at) = &s.expires_at {
            spans.push(Span::raw(format!("{}  ", at.replace('T', " "))));
        }
        spans.push(Span::styled(phrase, theme.status(status, secs)));
        rows.push(("Expires", Line::from(spans)));
    }
    if let Some(oid) = &s.object_id {
        rows.push(("Object ID", Line::from(text(oid))));
    }
    if let Some(user) = &s.user {
        rows.push(("User", Line::from(text(user))));
    }
    if let Some(name) = &s.name {
        rows.push(("Name", Line::from(text(name))));
    }
    if let Some(m) = t.signed_in() {
        rows.push(("Signed in", Line::from(text(&m))));
    }
    if let Some(g) = t.groups_line() {
        rows.push(("Groups", Line::from(g)));
    }
    if let Some(sub) = &s.subject
        && s.object_id.as_ref() != Some(sub)
    {
        rows.push(("Subject", Line::from(text(sub))));
    }
    if let Some(tid) = &s.tenant_id {
        rows.push(("Tenant", Line::from(text(tid))));
    }
    if let Some(app_id) = &s.app_id {
        let mut spans = vec![text(app_id)];
        if let Some(n) = &s.app_name {
            spans.push(Span::styled(
                format!("  {}", clean(n)),
                theme.fg(Color::Magenta),
            ));
        }
        rows.push(("App", Line::from(spans)));
    }
    if let Some(id) = &s.identity_type {
        rows.push(("Identity", Line::from(id.clone())));
    }
    for (label, r) in [
        ("Resource", &s.azure_resource),
        ("Attached to", &s.azure_compute_resource),
    ] {
        if let Some(r) = r {
            rows.push((
                label,
                Line::from(text(&format!(
                    "{} {} · group {} · subscription {}",
                    r.kind.unwrap_or(&r.resource_type),
                    r.name,
                    r.resource_group,
                    r.subscription_id
                ))),
            ));
        }
    }
    if !s.scopes.is_empty() {
        rows.push(("Scopes", Line::from(text(&s.scopes.join(" ")))));
    }
    if !s.roles.is_empty() {
        rows.push(("Roles", Line::from(text(&s.roles.join(", ")))));
    }
    if t.kind != Kind::Opaque {
        let v = &t.verification;
        let style = match v.status {
            VStatus::Valid => theme.fg(Color::Green).add_modifier(Modifier::BOLD),
            VStatus::Invalid => theme.fg(Color::Red).add_modifier(Modifier::BOLD),
            VStatus::Unverifiable | VStatus::Unsupported => theme.warn(),
            VStatus::NotChecked => theme.dim(),
        };
        rows.push((
            "Signature",
            Line::from(Span::styled(clean(&v.to_string()).into_owned(), style)),
        ));
    }
    rows
}
