//! Template functions whose answer depends only on their arguments (`t()`,
//! `plural_labels()`), remembered per language: every page asks for the
//! same interface strings, and formatting them once is enough.

use std::collections::HashMap;
use std::sync::RwLock;

use rustc_hash::FxHashMap;
use tera::Value;

/// A [`tera::Function`] that remembers each answer by its arguments.
/// Errors are not remembered (they stop the render anyway).
pub struct Memoized<F> {
    inner: F,
    answers: RwLock<FxHashMap<String, Value>>,
}

impl<F> Memoized<F> {
    pub fn new(inner: F) -> Memoized<F> {
        Memoized {
            inner,
            answers: RwLock::new(FxHashMap::default()),
        }
    }
}

/// The arguments as one key: names in order, each with its value's JSON.
fn key_of(args: &HashMap<String, Value>) -> String {
    let mut names: Vec<&String> = args.keys().collect();
    names.sort();
    let mut key = String::new();
    for name in names {
        key.push_str(name);
        key.push('\u{0}');
        key.push_str(&args[name].to_string());
        key.push('\u{0}');
    }
    key
}

impl<F: tera::Function> tera::Function for Memoized<F> {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let key = key_of(args);
        if let Some(v) = self.answers.read().ok().and_then(|a| a.get(&key).cloned()) {
            return Ok(v);
        }
        let v = self.inner.call(args)?;
        if let Ok(mut a) = self.answers.write() {
            a.insert(key, v.clone());
        }
        Ok(v)
    }

    fn is_safe(&self) -> bool {
        self.inner.is_safe()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use tera::Function;

    struct Counting(AtomicUsize);
    impl tera::Function for Counting {
        fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
            self.0.fetch_add(1, Ordering::SeqCst);
            Ok(Value::String(key_of(args)))
        }
    }

    fn args(pairs: &[(&str, Value)]) -> HashMap<String, Value> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    }

    #[test]
    fn same_arguments_are_answered_once_different_ones_each() {
        let m = Memoized::new(Counting(AtomicUsize::new(0)));
        let a = args(&[("key", "nav-home".into()), ("n", 2.into())]);
        let b = args(&[("n", 2.into()), ("key", "nav-home".into())]);
        let c = args(&[("key", "nav-home".into()), ("n", "2".into())]);
        let first = m.call(&a).unwrap();
        assert_eq!(m.call(&b).unwrap(), first);
        assert_ne!(
            m.call(&c).unwrap(),
            first,
            "2 and \"2\" are different arguments"
        );
        assert_eq!(m.inner.0.load(Ordering::SeqCst), 2);
    }
}
