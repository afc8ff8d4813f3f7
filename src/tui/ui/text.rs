//! Cutting and wrapping text by display width (CJK and emoji take two columns), with "…"
//! wherever something is cut. Every view measures and cuts through here.

use std::borrow::Cow;

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar as _, UnicodeWidthStr as _};

/// Columns `s` takes on screen.
pub fn width(s: &str) -> usize {
    s.width()
}

fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// `s` cut to `max` columns, ending in "…" when cut.
pub fn truncate(s: &str, max: usize) -> Cow<'_, str> {
    if width(s) <= max {
        return Cow::Borrowed(s);
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = char_width(c);
        if used + w + 1 > max {
            break;
        }
        used += w;
        out.push(c);
    }
    if max > 0 {
        out.push('…');
    }
    Cow::Owned(out)
}

/// `s` cut to `max` columns in the middle ("https://sts.win…0000/v2.0"): for URLs and IDs,
/// whose end tells them apart.
pub fn truncate_middle(s: &str, max: usize) -> Cow<'_, str> {
    if width(s) <= max {
        return Cow::Borrowed(s);
    }
    if max < 8 {
        return truncate(s, max);
    }
    let keep = max - 1;
    let tail_w = keep / 2;
    let head_w = keep - tail_w;
    let mut head = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = char_width(c);
        if used + w > head_w {
            break;
        }
        used += w;
        head.push(c);
    }
    let mut tail: Vec<char> = Vec::new();
    let mut used = 0;
    for c in s.chars().rev() {
        let w = char_width(c);
        if used + w > tail_w {
            break;
        }
        used += w;
        tail.push(c);
    }
    head.push('…');
    head.extend(tail.into_iter().rev());
    Cow::Owned(head)
}

/// A line cut to `max` columns, its last visible span ending in "…" when cut.
pub fn truncate_line(line: Line<'_>, max: usize) -> Line<'static> {
    let total: usize = line.spans.iter().map(|s| width(&s.content)).sum();
    let style = line.style;
    if total <= max {
        let spans: Vec<Span<'static>> = line
            .spans
            .into_iter()
            .map(|s| Span::styled(s.content.into_owned(), s.style))
            .collect();
        return Line::from(spans).style(style);
    }
    let mut spans = Vec::new();
    let mut used = 0;
    for s in line.spans {
        let w = width(&s.content);
        if used + w < max {
            used += w;
            spans.push(Span::styled(s.content.into_owned(), s.style));
            continue;
        }
        let cut = truncate(&s.content, max - used).into_owned();
        let cut = if cut.ends_with('…') {
            cut
        } else {
            format!("{cut}…")
        };
        spans.push(Span::styled(cut, s.style));
        break;
    }
    Line::from(spans).style(style)
}

/// `s` as a line with every occurrence of `needle` (ASCII letters in any case) drawn in
/// `hit`, the rest in `base`: where a filter matched.
pub fn highlight(s: &str, needle: &str, base: Style, hit: Style) -> Line<'static> {
    let mut spans = Vec::new();
    let mut from = 0;
    if !needle.is_empty() {
        let (hay, pat) = (s.as_bytes(), needle.as_bytes());
        let mut i = 0;
        while i + pat.len() <= hay.len() {
            // An ASCII byte is never part of a longer character, so a match of an ASCII
            // needle starts and ends on character boundaries; a needle with other letters
            // matches them exactly, which keeps the byte positions too.
            let same = if needle.is_ascii() {
                hay[i..i + pat.len()].eq_ignore_ascii_case(pat)
            } else {
                &hay[i..i + pat.len()] == pat
            };
            if same && s.is_char_boundary(i) && s.is_char_boundary(i + pat.len()) {
                if i > from {
                    spans.push(Span::styled(s[from..i].to_string(), base));
                }
                spans.push(Span::styled(s[i..i + pat.len()].to_string(), hit));
                i += pat.len();
                from = i;
            } else {
                i += 1;
            }
        }
    }
    if from < s.len() || spans.is_empty() {
        spans.push(Span::styled(s[from..].to_string(), base));
    }
    Line::from(spans)
}

/// Wraps a styled line to `max` columns; continuation rows start `indent` columns in (a
/// hanging indent under the value, not under the label). Breaks after a space when the row
/// has one, else between characters (tokens and IDs have no spaces).
pub fn wrap(line: &Line<'_>, max: usize, indent: usize) -> Vec<Line<'static>> {
    let max = max.max(1);
    let indent = if indent * 2 > max { 0 } else { indent };
    let mut rows: Vec<Vec<(char, Style)>> = vec![Vec::new()];
    let mut used = 0;
    for span in &line.spans {
        for c in span.content.chars() {
            let w = char_width(c);
            if used + w > max && used > indent {
                let row = rows.last_mut().map(std::mem::take).unwrap_or_default();
                // Break after the last space of the row, when it leaves something on it.
                let space = row
                    .iter()
                    .rposition(|(c, _)| *c == ' ')
                    .filter(|&i| i > indent && i + 1 < row.len());
                let (keep, carry) = match space {
                    Some(i) => (row[..=i].to_vec(), row[i + 1..].to_vec()),
                    None => (row, Vec::new()),
                };
                if let Some(last) = rows.last_mut() {
                    *last = keep;
                }
                let mut next: Vec<(char, Style)> = vec![(' ', Style::new()); indent];
                next.extend(carry);
                used = next.iter().map(|(c, _)| char_width(*c)).sum();
                rows.push(next);
            }
            if let Some(row) = rows.last_mut() {
                row.push((c, span.style));
            }
            used += w;
        }
    }
    rows.into_iter()
        .map(|row| {
            let mut spans: Vec<Span<'static>> = Vec::new();
            let mut run = String::new();
            let mut style = None;
            for (c, s) in row {
                if style != Some(s) && !run.is_empty() {
                    spans.push(Span::styled(
                        std::mem::take(&mut run),
                        style.unwrap_or_default(),
                    ));
                }
                style = Some(s);
                run.push(c);
            }
            if !run.is_empty() {
                spans.push(Span::styled(run, style.unwrap_or_default()));
            }
            Line::from(spans).style(line.style)
        })
        .collect()
}

/// Where a line's continuation rows start: under the value of a "Label  value" line (its
/// first span is the padded label), under the text of a "! warning" or "- note", else under
/// the line's own indentation.
pub fn hang(line: &Line<'_>) -> usize {
    let Some(first) = line.spans.first() else {
        return 0;
    };
    if line.spans.len() > 1 && first.content.ends_with(' ') {
        return width(&first.content);
    }
    let text: String = line
        .spans
        .iter()
        .take(2)
        .map(|s| s.content.as_ref())
        .collect();
    let lead = text.len() - text.trim_start().len();
    let rest = &text[lead..];
    if rest.starts_with("! ") || rest.starts_with("- ") {
        lead + 2
    } else {
        lead
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Line<'_>]) -> Vec<String> {
        lines.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn cuts_show_an_ellipsis_and_count_wide_characters_double() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 3), "abc");
        // Four CJK characters take eight columns.
        assert_eq!(truncate("日本語テキスト", 7), "日本語…");
        assert_eq!(width(&truncate("日本語テキスト", 7)), 7);
        assert_eq!(
            truncate_middle("https://login.microsoftonline.com/tid/v2.0", 24),
            "https://logi…om/tid/v2.0"
        );
    }

    #[test]
    fn highlight_marks_every_match_in_any_case() {
        let hit = Style::new().add_modifier(ratatui::style::Modifier::UNDERLINED);
        let l = highlight("Groups and GROUPS", "groups", Style::new(), hit);
        let marked: Vec<&str> = l
            .spans
            .iter()
            .filter(|s| s.style == hit)
            .map(|s| s.content.as_ref())
            .collect();
        assert_eq!(marked, ["Groups", "GROUPS"]);
        assert_eq!(l.to_string(), "Groups and GROUPS");
        // Non-ASCII text around an ASCII needle keeps its characters whole.
        assert_eq!(highlight("日本x語", "x", Style::new(), hit).spans.len(), 3);
        assert_eq!(highlight("abc", "", Style::new(), hit).spans.len(), 1);
    }

    #[test]
    fn wrapping_breaks_at_spaces_with_a_hanging_indent() {
        let l = Line::from("Label  one two three four five six");
        let rows: Vec<String> = plain(&wrap(&l, 16, 7))
            .iter()
            .map(|r| r.trim_end().to_string())
            .collect();
        assert_eq!(
            rows,
            [
                "Label  one two",
                "       three",
                "       four",
                "       five six"
            ]
        );
        // No space to break at: between characters.
        let id = Line::from("x".repeat(25));
        assert_eq!(
            plain(&wrap(&id, 10, 0)),
            ["x".repeat(10), "x".repeat(10), "x".repeat(5)]
        );
    }
}
