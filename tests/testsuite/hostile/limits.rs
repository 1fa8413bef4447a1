//! Input too deep or too many: nesting in Fluent, YAML and raw HTML is
//! refused quickly; thousands of errors on one line cost little.

use super::*;

#[test]
fn deep_nesting_in_fluent_and_yaml_is_refused_quickly() {
    let n = 20_000;
    let fluent = format!("deep = {}\"x\"{}\n", "{ ".repeat(n), " }".repeat(n));
    let n = 100_000;
    let flow = format!("{}{}", "[".repeat(n), "]".repeat(n));
    let cases = [
        ("locales/en/main.ftl", fluent, "E020", 1),
        (
            "content/en/intro/second.md",
            format!("---\norder: 2\ntitle: {flow}\n---\nText.\n"),
            "E002",
            3,
        ),
        (
            "site.yaml",
            format!(
                "languages: [en, nl]\nfooter: {}{}\n",
                "{a: ".repeat(n),
                "}".repeat(n)
            ),
            "E005",
            2,
        ),
    ];
    for (file, text, code, line) in cases {
        let f = Fixture::small();
        f.write(file, &text);
        let before = tree(f.root());
        let r = run(&["build"], Some(f.root()), &[]);
        assert_eq!(
            r.code,
            1,
            "{file}: {}",
            &r.stderr[..r.stderr.len().min(2000)]
        );
        assert_finding(&r.stderr, code, file, line);
        assert!(r.stderr.contains("nested more than"), "{file}");
        assert!(r.cpu < Duration::from_secs(1), "{file}: {:?}", r.cpu);
        assert_eq!(tree(f.root()), before, "{file}: files changed");
    }
}

#[test]
fn thousands_of_errors_on_one_line_cost_little() {
    let f = Fixture::small();
    let links: Vec<String> = (0..8000)
        .map(|i| format!("[x{i}](missing{i}.md)"))
        .collect();
    f.write(
        "content/en/intro/second.md",
        &format!("---\ntitle: Second page\n---\n{}\n", links.join(" ")),
    );
    let before = tree(f.root());
    let r = run(&["build"], Some(f.root()), &[]);
    assert_eq!(r.code, 1);
    assert_finding(&r.stderr, "E012", "content/en/intro/second.md", 4);
    assert_eq!(r.stderr.matches("error[E012]: link to").count(), 5);
    assert!(
        r.stderr
            .contains("and 7,995 more like this in content/en/intro/second.md"),
        "{}",
        &r.stderr[..r.stderr.len().min(4000)]
    );
    assert!(
        r.stderr.len() < 20_000,
        "{} bytes of report",
        r.stderr.len()
    );
    assert!(r.cpu < Duration::from_secs(2), "{:?}", r.cpu);
    assert!(r.max_rss_kib < 200 * 1024, "{} KiB", r.max_rss_kib);
    assert_eq!(tree(f.root()), before, "files changed");

    // JSON keeps every finding.
    let j = run(&["check", "--format", "json"], Some(f.root()), &[]);
    assert_eq!(j.code, 1);
    let all: serde_json::Value = serde_json::from_str(&j.stdout).expect("JSON");
    let broken = all
        .as_array()
        .expect("array")
        .iter()
        .filter(|d| d["code"] == "E012" && d["path"] == "content/en/intro/second.md")
        .count();
    assert_eq!(broken, 8000);
}

#[test]
fn deeply_nested_raw_html_is_an_error_not_a_slow_build() {
    let f = Fixture::small();
    let n = 100_000;
    f.write(
        "content/en/intro/second.md",
        &format!(
            "---\ntitle: Second page\n---\nText.\n\n{}x{}\n",
            "<div>".repeat(n),
            "</div>".repeat(n)
        ),
    );
    let before = tree(f.root());
    let r = run(&["build"], Some(f.root()), &[]);
    assert_eq!(r.code, 1, "{}", &r.stderr[..r.stderr.len().min(2000)]);
    assert_finding(&r.stderr, "E015", "content/en/intro/second.md", 6);
    assert!(r.cpu < Duration::from_secs(5), "{:?}", r.cpu);
    assert_eq!(tree(f.root()), before, "files changed");
}
