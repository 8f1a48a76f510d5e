//! Whether the output folder is mounted somewhere else too (a web
//! server's folder bind-mounted from `site/`): such a mount holds on to the
//! folder itself, so a build that put a new folder in its place would
//! leave the mount showing the old one, which it then empties. The site
//! is then written inside the folder, as for a mount point (second
//! reliability red team, case 2). Linux only: read from
//! `/proc/self/mountinfo`.

use std::path::{Path, PathBuf};

/// Whether `dir` (an absolute path, links followed), or a folder in it, is
/// also mounted at another place.
pub(super) fn mounted_elsewhere(dir: &Path) -> bool {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{AtFlags, CWD, StatxFlags, statx};
        let Ok(found) = statx(CWD, dir, AtFlags::empty(), StatxFlags::MNT_ID) else {
            return false;
        };
        if found.stx_mask & StatxFlags::MNT_ID.bits() == 0 {
            return false;
        }
        let Ok(table) = std::fs::read_to_string("/proc/self/mountinfo") else {
            return false;
        };
        in_table(&table, found.stx_mnt_id, dir)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = dir;
        false
    }
}

/// One line of a mount table: its id, device, the folder of the device's
/// file system it shows, and where.
struct Mount {
    id: u64,
    device: String,
    root: PathBuf,
    at: PathBuf,
}

/// Whether, in the mount `table` (the form of `/proc/self/mountinfo`),
/// `dir` (in the mount numbered `mount`) or a folder in it is the root of
/// another mount of the same device.
fn in_table(table: &str, mount: u64, dir: &Path) -> bool {
    let mounts: Vec<Mount> = table.lines().filter_map(parse).collect();
    let Some(own) = mounts.iter().find(|m| m.id == mount) else {
        return false;
    };
    let Ok(inside) = dir.strip_prefix(&own.at) else {
        return false;
    };
    // Where `dir` is in its device's file system.
    let in_device = own.root.join(inside);
    mounts.iter().any(|other| {
        other.id != own.id && other.device == own.device && other.root.starts_with(&in_device)
    })
}

/// One line of the table: fields 1 (id), 3 (device), 4 (root) and 5
/// (mount point), paths with `\040`-style escapes decoded.
fn parse(line: &str) -> Option<Mount> {
    let fields: Vec<&str> = line.split(' ').collect();
    Some(Mount {
        id: fields.first()?.parse().ok()?,
        device: fields.get(2)?.to_string(),
        root: PathBuf::from(unescape(fields.get(3)?)),
        at: PathBuf::from(unescape(fields.get(4)?)),
    })
}

/// A path of the table with its octal escapes (`\040` a space) decoded.
fn unescape(field: &str) -> String {
    let bytes = field.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let octal = bytes.get(i + 1..i + 4).and_then(|d| {
            std::str::from_utf8(d)
                .ok()
                .and_then(|d| u8::from_str_radix(d, 8).ok())
        });
        match (bytes[i], octal) {
            (b'\\', Some(byte)) => {
                out.push(byte);
                i += 4;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = "\
22 1 253:0 / / rw,relatime shared:1 - ext4 /dev/vda rw
31 22 0:26 / /dev/shm rw shared:2 - tmpfs tmpfs rw
40 22 253:0 /home/ana/report/site /srv/www rw,relatime shared:1 - ext4 /dev/vda rw
41 22 253:0 /home/ana/my\\040notes /mnt/notes rw shared:1 - ext4 /dev/vda rw
";

    #[test]
    fn a_folder_bind_mounted_elsewhere_is_found() {
        let site = Path::new("/home/ana/report/site");
        assert!(in_table(TABLE, 22, site));
        // Its parent holds it, so replacing the parent would leave the
        // mount on the old one too; a folder beside it is not mounted.
        assert!(in_table(TABLE, 22, Path::new("/home/ana/report")));
        assert!(!in_table(TABLE, 22, Path::new("/home/ana/other")));
        assert!(!in_table(TABLE, 22, Path::new("/home/ana/report/site2")));
        // The same path in another device is another folder.
        assert!(!in_table(
            TABLE,
            31,
            Path::new("/dev/shm/home/ana/report/site")
        ));
        // Paths with spaces are read as the table writes them.
        assert!(in_table(TABLE, 22, Path::new("/home/ana/my notes")));
    }

    #[test]
    fn the_mount_itself_is_not_another() {
        assert!(!in_table(TABLE, 40, Path::new("/srv/www")));
    }
}
