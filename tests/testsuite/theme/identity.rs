//! Site identity settings (`title`, `tagline`, `logo`, `footer`, `funding`)
//! are checked.

use super::*;

#[test]
fn identity_settings_are_checked() {
    let f = Fixture::small();
    f.write("site.yaml", "languages: [en, nl]\nfunding: erasmus\n");
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("site.yaml"), "{}", stderr(&out));
    assert!(stderr(&out).contains("erasmus-plus"), "{}", stderr(&out));

    f.write("site.yaml", "languages: [en, nl]\nlogo: images/logo.svg\n");
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("site.yaml:2:1") && stderr(&out).contains("images/logo.svg"),
        "{}",
        stderr(&out)
    );

    // Only a file of the site may be published as its logo.
    for outside in ["../secret.svg", "/etc/logo.svg"] {
        f.write(
            "site.yaml",
            &format!("languages: [en, nl]\nlogo: {outside}\n"),
        );
        let out = f.run(&["build"]);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("not a file inside the site folder"),
            "{}",
            stderr(&out)
        );
    }

    f.write(
        "images/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><circle cx=\"5\" cy=\"5\" r=\"5\"/></svg>\n",
    );
    f.write(
        "site.yaml",
        "title: Our handbook\nlanguages: [en, nl]\nlogo: images/logo.svg\ntagline:\n  en: Training for coaches\n  nl: Training voor coaches\nfooter: \"Made by [us](https://example.org/).\"\n",
    );
    f.build_ok();
    assert!(f.exists("public/static/logo.svg"));
    let doc = f.html("nl/intro/first.html");
    assert_eq!(attrs(&doc, ".brand img", "src"), ["../../static/logo.svg"]);
    assert_eq!(
        text(&doc, ".brand-tagline").as_deref(),
        Some("Training voor coaches")
    );
    assert_eq!(
        attrs(&doc, ".site-footer-text a", "href"),
        ["https://example.org/"]
    );
    let print = f.html("en/print.html");
    assert_eq!(
        text(&print, ".cover-tagline").as_deref(),
        Some("Training for coaches")
    );
    assert_eq!(
        text(&print, ".cover-brand").as_deref(),
        Some("Our handbook")
    );
}
