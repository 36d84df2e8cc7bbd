//! The stylesheet and the small script, embedded in the binary, each with a hash of its
//! content in its address (`/assets/app.1a2b3c4d5e6f.css`): browsers keep them for a year
//! and fetch them again only when an upgrade changes them. The plain names still answer.

use std::sync::LazyLock;

use sha2::{Digest, Sha256};

pub struct Asset {
    /// The plain name, as `app.css`.
    pub name: &'static str,
    pub content_type: &'static str,
    pub body: &'static str,
    /// The name with the content's hash, as `app.1a2b3c4d5e6f.css`.
    pub hashed_name: String,
    /// The content's hash, which is also its ETag.
    pub hash: String,
}

static ASSETS: LazyLock<Vec<Asset>> = LazyLock::new(|| {
    [
        ("app.css", "text/css; charset=utf-8", include_str!("../assets/app.css")),
        ("app.js", "text/javascript; charset=utf-8", include_str!("../assets/app.js")),
    ]
    .into_iter()
    .map(|(name, content_type, body)| {
        let digest = Sha256::digest(body.as_bytes());
        let hash = crate::auth::hex(digest.get(..6).unwrap_or_default());
        let hashed_name = match name.rsplit_once('.') {
            Some((stem, extension)) => format!("{stem}.{hash}.{extension}"),
            None => format!("{name}.{hash}"),
        };
        Asset { name, content_type, body, hashed_name, hash }
    })
    .collect()
});

/// The address pages link an asset by: its hashed name.
pub fn url(name: &str) -> String {
    match ASSETS.iter().find(|asset| asset.name == name) {
        Some(asset) => format!("/assets/{}", asset.hashed_name),
        None => format!("/assets/{name}"),
    }
}

/// The asset a file name asks for, and whether it was asked by its hashed name.
pub fn find(file: &str) -> Option<(&'static Asset, bool)> {
    ASSETS.iter().find_map(|asset| {
        if asset.hashed_name == file {
            Some((asset, true))
        } else if asset.name == file {
            Some((asset, false))
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    /// Every block of the stylesheet is closed: one brace missing puts all the rules after
    /// it inside the block before (an unclosed `@media print` once hid a dozen of them from
    /// the screen).
    #[test]
    fn the_stylesheet_closes_every_block_it_opens() {
        let css = include_str!("../assets/app.css");
        let mut depth = 0i32;
        let mut in_comment = false;
        let bytes = css.as_bytes();
        for (at, byte) in bytes.iter().enumerate() {
            match (in_comment, byte) {
                (false, b'/') if bytes.get(at + 1) == Some(&b'*') => in_comment = true,
                (true, b'/') if at > 0 && bytes[at - 1] == b'*' => in_comment = false,
                (false, b'{') => depth += 1,
                (false, b'}') => {
                    depth -= 1;
                    assert!(depth >= 0, "a brace closes nothing at byte {at}");
                }
                _ => {}
            }
        }
        assert_eq!(depth, 0, "blocks left open at the end of app.css");
    }
}
