//! A body as HTML: entity links and embeds resolved through the page's
//! [`Links`], a lone embed in its paragraph set in place of the paragraph,
//! code blocks highlighted. Does not know what a page is.

use super::{embed_target, image_table, is_lone_embed, options, parse_target, skip_past};
use crate::highlight;
use crate::model::Kind;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Parser, Tag, TagEnd};

/// What a body's links and embeds become, decided by the page being rendered.
pub trait Links {
    /// The relative URL of an entity, `None` when it is not published (a draft).
    fn href(&self, kind: Kind, id: &str) -> Option<String>;
    /// The title used for a link written with empty text.
    fn title(&self, kind: Kind, id: &str) -> String;
    /// The HTML set in place of `![](kind:ID)`.
    fn embed(&self, kind: Kind, id: &str) -> String;
    /// The HTML set in place of `![](participants:SPEC)`.
    fn participant_table(&self, spec: &str) -> String {
        let _ = spec;
        String::new()
    }
}

/// Renders a body to HTML, resolving entity links and embeds through `links`.
pub fn to_html(body: &str, links: &dyn Links) -> String {
    let events: Vec<Event> = Parser::new_ext(body, options()).collect();
    let events = transform(events, links);
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    html
}

fn transform<'a>(events: Vec<Event<'a>>, links: &dyn Links) -> Vec<Event<'a>> {
    let mut out = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        match &events[i] {
            Event::Start(Tag::Paragraph) if is_lone_embed(&events[i..]) => {
                let html = match (embed_target(&events[i + 1]), image_table(&events[i + 1])) {
                    (Some((kind, id)), _) => links.embed(kind, id),
                    (None, Some(spec)) => links.participant_table(spec),
                    (None, None) => unreachable!("checked by is_lone_embed"),
                };
                out.push(Event::Html(CowStr::from(html)));
                i = skip_past(&events, i + 1, TagEnd::Image) + 1;
                if matches!(events.get(i), Some(Event::End(TagEnd::Paragraph))) {
                    i += 1;
                }
            }
            event @ Event::Start(Tag::Image { .. }) if embed_target(event).is_some() => {
                let (kind, id) = embed_target(event).expect("checked");
                out.push(Event::InlineHtml(CowStr::from(links.embed(kind, id))));
                i = skip_past(&events, i, TagEnd::Image) + 1;
            }
            // A table inside a paragraph (an error, reported) is left out.
            event @ Event::Start(Tag::Image { .. }) if image_table(event).is_some() => {
                i = skip_past(&events, i, TagEnd::Image) + 1;
            }
            Event::Start(Tag::Link { dest_url, .. }) if parse_target(dest_url).is_some() => {
                let (kind, id) = parse_target(dest_url).expect("checked");
                let empty = matches!(events.get(i + 1), Some(Event::End(TagEnd::Link)));
                i = push_entity_link(&events, i, kind, id, empty, links, &mut out);
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let language = match kind {
                    CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or(""),
                    CodeBlockKind::Indented => "",
                };
                let end = skip_past(&events, i, TagEnd::CodeBlock);
                let code: String = events[i + 1..end]
                    .iter()
                    .filter_map(|e| match e {
                        Event::Text(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect();
                out.push(Event::Html(CowStr::from(highlight::code_block(
                    &code, language,
                ))));
                i = end + 1;
            }
            _ => {
                out.push(events[i].clone());
                i += 1;
            }
        }
    }
    out
}

fn push_entity_link<'a>(
    events: &[Event<'a>],
    start: usize,
    kind: Kind,
    id: &str,
    empty: bool,
    links: &dyn Links,
    out: &mut Vec<Event<'a>>,
) -> usize {
    let end = skip_past(events, start, TagEnd::Link);
    let href = links.href(kind, id);
    if let Some(href) = &href {
        out.push(Event::Start(Tag::Link {
            link_type: LinkType::Inline,
            dest_url: CowStr::from(href.clone()),
            title: CowStr::from(""),
            id: CowStr::from(""),
        }));
    }
    if empty {
        out.push(Event::Text(CowStr::from(links.title(kind, id))));
    } else {
        out.extend(events[start + 1..end].iter().cloned());
    }
    if href.is_some() {
        out.push(Event::End(TagEnd::Link));
    }
    end + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    struct TestLinks;

    impl Links for TestLinks {
        fn href(&self, kind: Kind, id: &str) -> Option<String> {
            (id != "draft").then(|| format!("../{}/{id}.html", kind.folder()))
        }
        fn title(&self, _: Kind, id: &str) -> String {
            format!("Title of {id}")
        }
        fn embed(&self, kind: Kind, id: &str) -> String {
            format!("<blockquote class=\"{}\">{id}</blockquote>", kind.scheme())
        }
    }

    #[test]
    fn a_lone_table_embed_becomes_the_table_and_an_inline_one_nothing() {
        struct Tables;
        impl Links for Tables {
            fn href(&self, _: Kind, _: &str) -> Option<String> {
                None
            }
            fn title(&self, _: Kind, _: &str) -> String {
                String::new()
            }
            fn embed(&self, _: Kind, _: &str) -> String {
                String::new()
            }
            fn participant_table(&self, spec: &str) -> String {
                format!("<table data-spec=\"{spec}\"></table>")
            }
        }
        let html = to_html(
            "![](participants:role)\n\nA ![](participants:level) b.\n",
            &Tables,
        );
        assert!(
            html.contains("<table data-spec=\"role\"></table>"),
            "{html}"
        );
        assert!(!html.contains("<p><table"), "{html}");
        assert!(!html.contains("level"), "{html}");
    }

    #[test]
    fn renders_entity_links_titles_and_block_embeds() {
        let html = to_html(
            "A [](finding:gap) and [x](code:co-location).\n\n![](quote:q)\n",
            &TestLinks,
        );
        assert!(
            html.contains(r#"<a href="../findings/gap.html">Title of gap</a>"#),
            "{html}"
        );
        assert!(html.contains(r#"<a href="../codebook/co-location.html">x</a>"#));
        assert!(html.contains(r#"<blockquote class="quote">q</blockquote>"#));
        assert!(!html.contains("<p><blockquote"), "{html}");
    }

    #[test]
    fn links_to_unpublished_targets_become_plain_text() {
        let html = to_html("See [it](finding:draft).", &TestLinks);
        assert!(html.contains("See it."), "{html}");
        assert!(!html.contains("href"));
    }

    #[test]
    fn code_blocks_are_highlighted_with_classes() {
        let html = to_html("```python\nx = 1\n```\n", &TestLinks);
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="));
    }
}
