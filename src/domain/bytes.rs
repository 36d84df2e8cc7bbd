//! Scanning text byte by byte for the few bytes that need a closer look, many bytes at a
//! time: normalisation and the limits read each revision of 450 KB several times per
//! edit, and nearly every byte of it needs nothing.

/// Bytes checked together: wide enough for the compiler to test them as one vector, short
/// enough that a hit early in a line costs little.
const BLOCK: usize = 32;

/// The index of the first byte at or after `from` that `wanted` accepts, or `bytes.len()`
/// when none does (also when `from` is past the end).
///
/// `wanted` is applied to every byte of a block before any is looked at alone, so it must
/// be cheap and free of effects; written with `|` rather than `||` it compiles to vector
/// comparisons.
pub fn find_byte(bytes: &[u8], from: usize, wanted: impl Fn(u8) -> bool) -> usize {
    let mut at = from.min(bytes.len());
    while let Some(block) = bytes.get(at..at + BLOCK) {
        if block.iter().fold(false, |any, &byte| any | wanted(byte)) {
            break;
        }
        at += BLOCK;
    }
    bytes[at..].iter().position(|&byte| wanted(byte)).map_or(bytes.len(), |found| at + found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn finds_what_a_plain_search_finds(bytes in proptest::collection::vec(any::<u8>(), 0..200), from in 0usize..220, needle: u8) {
            let plain = bytes.iter().enumerate().skip(from).find(|&(_, &b)| b == needle).map_or(bytes.len(), |(at, _)| at);
            prop_assert_eq!(find_byte(&bytes, from, |b| b == needle), plain);
        }
    }

    #[test]
    fn finds_a_byte_in_every_place_of_a_block() {
        for place in 0..100 {
            let mut bytes = vec![b'a'; 100];
            bytes[place] = b'\r';
            assert_eq!(find_byte(&bytes, 0, |b| b == b'\r'), place);
            assert_eq!(find_byte(&bytes, place + 1, |b| b == b'\r'), 100);
        }
        assert_eq!(find_byte(b"", 0, |_| true), 0);
    }
}
