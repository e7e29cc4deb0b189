//! The fingerprint of the sources a precompiled locale was made from. This
//! file is also compiled into `build.rs`, so that the build and the catalog
//! compute it the same way.

/// Bumped whenever the precompiled format or the compiler's output changes,
/// so that every blob made before is stale.
pub(crate) const FORMAT: u64 = 1;

/// FNV-1a over the format, English's file, and the locale's own file for a
/// translation (a translation is compiled against English, so both count).
pub(crate) fn source_hash(english: &str, own: Option<&str>) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0100_0000_01b3;
    let mut hash = OFFSET;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            hash = (hash ^ u64::from(b)).wrapping_mul(PRIME);
        }
    };
    eat(&FORMAT.to_le_bytes());
    eat(english.as_bytes());
    if let Some(own) = own {
        // 0xff is in no UTF-8 text: the two files cannot run into each other.
        eat(&[0xff]);
        eat(own.as_bytes());
    }
    hash
}
