//! Compact binary encodings of a revision's provenance and changes, stored as blobs.

use crate::domain::change::Change;
use crate::domain::provenance::Origin;
use crate::domain::span::Span;

use super::StoreError;

/// Provenance as runs of equal origins: (run length u32, revision u32, amendment i64 with 0
/// for none), little-endian. Consecutive lines usually share their origin.
pub fn encode_provenance(origins: &[Origin]) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut index = 0;
    while let Some(origin) = origins.get(index) {
        let run = origins[index..].iter().take_while(|other| *other == origin).count();
        bytes.extend_from_slice(&(run as u32).to_le_bytes());
        bytes.extend_from_slice(&origin.revision.to_le_bytes());
        bytes.extend_from_slice(&origin.amendment.unwrap_or(0).to_le_bytes());
        index += run;
    }
    bytes
}

pub fn decode_provenance(bytes: &[u8]) -> Result<Vec<Origin>, StoreError> {
    let mut origins = Vec::new();
    for chunk in chunks::<16>(bytes, "provenance")? {
        let run = u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
        let revision = u32::from_le_bytes([chunk[4], chunk[5], chunk[6], chunk[7]]);
        let amendment =
            i64::from_le_bytes([chunk[8], chunk[9], chunk[10], chunk[11], chunk[12], chunk[13], chunk[14], chunk[15]]);
        let origin = Origin { revision, amendment: (amendment != 0).then_some(amendment) };
        origins.extend(std::iter::repeat_n(origin, run as usize));
    }
    Ok(origins)
}

/// Changes as (old start, old count, new start, new count), u32 little-endian each.
pub fn encode_changes(changes: &[Change]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(changes.len() * 16);
    for change in changes {
        for value in [change.old.start, change.old.count, change.new.start, change.new.count] {
            bytes.extend_from_slice(&(value as u32).to_le_bytes());
        }
    }
    bytes
}

pub fn decode_changes(bytes: &[u8]) -> Result<Vec<Change>, StoreError> {
    let field =
        |chunk: &[u8], at: usize| u32::from_le_bytes([chunk[at], chunk[at + 1], chunk[at + 2], chunk[at + 3]]) as usize;
    Ok(chunks::<16>(bytes, "changes")?
        .map(|chunk| Change {
            old: Span::new(field(chunk, 0), field(chunk, 4)),
            new: Span::new(field(chunk, 8), field(chunk, 12)),
        })
        .collect())
}

fn chunks<'a, const N: usize>(bytes: &'a [u8], what: &str) -> Result<std::slice::ChunksExact<'a, u8>, StoreError> {
    if bytes.len().is_multiple_of(N) {
        Ok(bytes.chunks_exact(N))
    } else {
        Err(StoreError::Corrupt(format!("{what} blob of {} bytes", bytes.len())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let origins = vec![
            Origin { revision: 1, amendment: None },
            Origin { revision: 1, amendment: None },
            Origin { revision: 3, amendment: Some(42) },
            Origin { revision: 1, amendment: None },
        ];
        let bytes = encode_provenance(&origins);
        assert_eq!(bytes.len(), 3 * 16);
        assert_eq!(decode_provenance(&bytes).ok(), Some(origins));
        let changes = vec![Change { old: Span::new(3, 0), new: Span::new(4, 2) }];
        assert_eq!(decode_changes(&encode_changes(&changes)).ok(), Some(changes));
        assert!(decode_changes(&[1, 2, 3]).is_err());
    }
}
