//! The fields each kind of file may have, for the YAML reader's check of
//! unknown fields. The types the fields are read into are the model's.

use crate::model::Kind;
use crate::yaml::Schema;

const ANONYMITY: (&str, &[&str]) = ("anonymity", &["allow", "reason"]);

pub(super) fn schema(kind: Kind) -> Schema {
    let (fields, nested): (&'static [&'static str], &'static [(&str, &[&str])]) = match kind {
        Kind::Landing => (
            &[
                "title",
                "subtitle",
                "authors",
                "period",
                "framework",
                "published",
                "version",
                "doi",
                "licence",
                "cite",
                "funder",
                "anonymity",
            ],
            &[ANONYMITY],
        ),
        Kind::Borough => (&["title", "order", "summary", "anonymity"], &[ANONYMITY]),
        Kind::Code => (&["title", "parent", "order", "anonymity"], &[ANONYMITY]),
        Kind::Quote => (
            &[
                "participant",
                "source",
                "date",
                "codes",
                "pathway",
                "attribution",
                "borough",
                "anonymity",
            ],
            &[ANONYMITY],
        ),
        Kind::Finding => (
            &[
                "title",
                "codes",
                "boroughs",
                "quotes",
                "attributes",
                "status",
                "summary",
                "order",
                "kind",
                "anonymity",
            ],
            &[ANONYMITY],
        ),
        Kind::Pathway => (
            &["title", "borough", "pathway", "nodes", "edges", "anonymity"],
            &[
                ANONYMITY,
                ("nodes", &["id", "label", "sector", "findings"]),
                ("edges", &["from", "to", "label", "findings"]),
            ],
        ),
        Kind::Page => (&["title", "order", "anonymity"], &[ANONYMITY]),
    };
    Schema {
        what: kind.what(),
        fields,
        nested,
    }
}

pub(super) const PARTICIPANTS: Schema = Schema {
    what: "participants.yaml",
    fields: &["participants"],
    nested: &[(
        "participants",
        &["id", "role", "sector", "level", "borough", "consent"],
    )],
};

pub(super) const IDENTIFIERS: Schema = Schema {
    what: "the identifiers list",
    fields: crate::load::LIST_FIELDS,
    nested: &[],
};
