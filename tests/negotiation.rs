//! Accept-Language negotiation, one line a case.

use defender_errors::negotiate::{MAX_ENTRIES, MAX_HEADER_BYTES};
use defender_errors::Catalog;

macro_rules! negotiates {
    ($($name:ident: $header:expr => $locale:expr;)+) => {$(
        #[test]
        fn $name() {
            let catalog = Catalog::new();
            let chosen = catalog.negotiate($header).locale;
            assert_eq!(catalog.locale_id(chosen), $locale, "header {:?}", $header);
        }
    )+};
}

negotiates! {
    plain_german: "de" => "de";
    swiss_german: "de-CH,de;q=0.9" => "de";
    phonebook_collation: "de-DE-u-co-phonebk" => "de";
    belgian_dutch: "nl-BE" => "nl";
    canadian_french: "fr-CA" => "fr";
    danish_denmark: "da-DK" => "da";
    chinese_mainland: "zh-CN" => "zh";
    chinese_singapore: "zh-SG" => "zh";
    chinese_simplified_script: "zh-Hans" => "zh";
    chinese_simplified_script_region: "zh-Hans-HK" => "zh";
    traditional_taiwan_gets_english: "zh-TW" => "en";
    traditional_hong_kong_gets_english: "zh-HK" => "en";
    traditional_macao_gets_english: "zh-MO" => "en";
    traditional_script_gets_english: "zh-Hant" => "en";
    traditional_then_simplified: "zh-TW,zh-CN;q=0.8" => "zh";
    traditional_then_french: "zh-Hant,fr;q=0.5" => "fr";
    case_insensitive: "DE-ch, FR;Q=0.5" => "de";
    q_values_order: "fr;q=0.3,nl;q=0.9,de;q=0.5" => "nl";
    equal_q_keeps_header_order: "da;q=0.5,fr;q=0.5" => "da";
    q_zero_excludes: "de;q=0,fr;q=0.1" => "fr";
    q_zero_excludes_regional_too: "fr;q=0,fr-CA" => "en";
    q_zero_for_region_keeps_language: "de-CH;q=0,de;q=0.5" => "de";
    wildcard_is_english: "*" => "en";
    wildcard_after_unknown: "tlh,*;q=0.5" => "en";
    wildcard_without_english: "en;q=0,*;q=0.1" => "nl";
    english_regional: "en-GB,en;q=0.9" => "en";
    unknown_language: "tlh" => "en";
    empty: "" => "en";
    whitespace: "  ,  , " => "en";
    garbage_entries_skipped: "??, de_DE, 12, ;q=1, da;q=abc, fr" => "fr";
    q_out_of_range_skipped: "de;q=2,nl;q=0.4" => "nl";
    non_ascii: "dé, ñ, 中文, zh" => "zh";
    tabs_and_spaces: "\tda ;\tq=0.7 , de ; q = 0.6" => "da";
    extra_parameters: "de;level=1;q=0.5, fr;q=0.4" => "de";
    private_use_only: "x-klingon, i-enochian" => "en";
}

#[test]
fn reports_whether_anything_matched() {
    let catalog = Catalog::new();
    assert!(catalog.negotiate("de").matched);
    assert!(!catalog.negotiate("tlh").matched);
    assert!(catalog.negotiate("en").matched);
}

#[test]
fn a_huge_header_is_read_only_up_to_the_caps() {
    let catalog = Catalog::new();
    // The match sits beyond the byte cap: it is not seen.
    let long = format!("{},de", "x".repeat(MAX_HEADER_BYTES));
    assert_eq!(catalog.locale_id(catalog.negotiate(&long).locale), "en");
    // The match sits beyond the entry cap: it is not seen.
    let many = format!("{}de", "tlh,".repeat(MAX_ENTRIES));
    assert_eq!(catalog.locale_id(catalog.negotiate(&many).locale), "en");
    // Within the caps it is.
    let within = format!("{}de", "tlh,".repeat(MAX_ENTRIES - 1));
    assert_eq!(catalog.locale_id(catalog.negotiate(&within).locale), "de");
    // Thousands of entries: only the first 64 are read.
    let thousands = format!("{}de", "tlh;q=0.5,".repeat(5000));
    assert_eq!(
        catalog.locale_id(catalog.negotiate(&thousands).locale),
        "en"
    );
    // Megabytes of input are fine, and a cut inside a multi-byte character is too.
    let huge = "中".repeat(1 << 20);
    assert_eq!(catalog.locale_id(catalog.negotiate(&huge).locale), "en");
}

#[test]
fn traditional_chinese_can_be_allowed() {
    let catalog = Catalog::builder().allow_traditional_chinese(true).build();
    assert_eq!(catalog.locale_id(catalog.negotiate("zh-TW").locale), "zh");
    assert_eq!(
        catalog.locale_id(catalog.negotiate("zh-Hant-HK,en;q=0.5").locale),
        "zh"
    );
}

#[test]
fn an_added_traditional_locale_is_preferred() {
    let catalog = Catalog::builder()
        .locale_source("zh-Hant", "NotFound = 找不到要求的項目。")
        .build();
    assert_eq!(
        catalog.locale_id(catalog.negotiate("zh-TW").locale),
        "zh-Hant"
    );
    assert_eq!(catalog.locale_id(catalog.negotiate("zh-CN").locale), "zh");
}
