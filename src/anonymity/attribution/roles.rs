//! One role however it is spelt: the registry's spellings of a role
//! compared without case, width or extra spaces, and merged into the most
//! common, with a warning at each other spelling.

use crate::diag::Diagnostic;
use crate::hash::FastMap;
use crate::model::Participant;
use crate::yaml::Yaml;

/// The form in which two spellings of a role are the same role: Unicode
/// compatibility-normalised, lowercase, one space between words.
pub fn role_key(role: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let folded: String = role.nfkc().collect::<String>().to_lowercase();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Readers see `district nurse` and `District nurse` as one role, so the
/// registry's spellings of one role are merged: every participant gets the
/// most common spelling (the first written, on a tie), which is counted
/// and printed; each other spelling is warned about where it is first
/// written.
pub fn merge_role_spellings(
    participants: &mut [Participant],
    yaml: &Yaml,
    out: &mut Vec<Diagnostic>,
) {
    // For each role, its spellings in first-written order, with how many
    // use each and where each is first written.
    let mut roles: FastMap<String, Vec<(String, usize, usize)>> = FastMap::default();
    let mut order = Vec::new();
    for (index, p) in participants.iter().enumerate() {
        let key = role_key(&p.role);
        let spellings = roles.entry(key.clone()).or_insert_with(|| {
            order.push(key);
            Vec::new()
        });
        match spellings.iter_mut().find(|(s, ..)| *s == p.role) {
            Some((_, count, _)) => *count += 1,
            None => spellings.push((p.role.clone(), 1, index)),
        }
    }
    for key in order {
        let spellings = &roles[&key];
        if spellings.len() < 2 {
            continue;
        }
        let chosen = spellings
            .iter()
            .enumerate()
            .max_by_key(|(i, (_, count, _))| (*count, std::cmp::Reverse(*i)))
            .map(|(_, (s, ..))| s.clone())
            .expect("two spellings");
        for (spelling, count, first) in spellings.iter().filter(|(s, ..)| *s != chosen) {
            let times = if *count == 1 {
                "once".to_string()
            } else {
                format!("{count} times")
            };
            out.push(
                Diagnostic::warning(
                    "participants::role-spelling",
                    format!(
                        "the role “{}” is spelt “{spelling}” here ({times}); readers see one role, so these participants are counted with the others and attributed as “{}”",
                        chosen.trim(),
                        chosen.trim()
                    ),
                )
                .at(yaml.value_span_nth("role", spelling, *first))
                .label("another spelling of the same role")
                .fix(format!("spell the role the same way for every participant: `role: {}`", chosen.trim())),
            );
        }
        for p in participants.iter_mut() {
            if role_key(&p.role) == key {
                p.role = chosen.clone();
            }
        }
    }
}
