//! `list`: every code with its status and message.

use std::path::Path;

use defender_errors::{Args, ErrorCode};

use super::{catalog, check_locale, print};
use crate::error::Error;
use crate::flags::ListArgs;

/// Prints one line per code, its variables as `{$name}`.
pub fn exec(args: &ListArgs, locales: Option<&Path>) -> Result<(), Error> {
    let catalog = catalog(locales)?;
    check_locale(&catalog, &args.lang, args.strict)?;
    let mut text = String::new();
    for &code in ErrorCode::ALL {
        let mut values = Args::new();
        for variable in code.variables() {
            values.set(variable.name, format!("{{${}}}", variable.name));
        }
        let rendered = catalog.render(catalog.negotiate(&args.lang).locale, (code, &values));
        text.push_str(&format!(
            "{:<26} {}  {}\n",
            code.as_str(),
            code.http_status(),
            rendered.message
        ));
    }
    print(&text)
}
