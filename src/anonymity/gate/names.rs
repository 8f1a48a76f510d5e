//! How the gate reads the names of the files and folders it lets out: each
//! part of the path percent-decoded, as a browser shows it in the address
//! bar, and the whole path with its slashes as spaces (a name may be split
//! between a folder and a file: `tobias/smith.html`).

use super::{Texts, text};

/// The texts of one site-relative path to look in.
pub fn read(path: &str, blocks: &mut Texts) {
    let whole = path.replace('/', " ");
    text::versions(&whole, blocks);
    if whole.contains('%') {
        // Each part decoded on its own too, so an encoded slash in one part
        // does not make a folder of it.
        for part in path.split('/') {
            text::versions(part, blocks);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_read_decoded_and_across_folders() {
        let mut texts = Texts::default();
        read("static/tobias/smith%20jones.css", &mut texts);
        let blocks = &texts.blocks;
        assert!(
            blocks.iter().any(|b| b.contains("tobias smith jones")),
            "{blocks:?}"
        );
    }
}
