//! Fuzzing the project-file reader: arbitrary bytes, and the built-in example saved and then cut
//! short, with a byte changed, with a value of the wrong type, or nested 100,000 deep. Every case
//! is an `Err` with a message or a valid project, never a panic or a stack overflow. Kept in
//! `tests/` so proptest's regression files land beside this file.

use std::sync::OnceLock;

use area_send_core::domain::example::example_project;
use area_send_core::domain::project_file::{ProjectFileError, from_bytes, from_json, to_json};
use proptest::prelude::*;
use serde_json::Value;

fn saved() -> &'static str {
    static SAVED: OnceLock<String> = OnceLock::new();
    SAVED.get_or_init(|| to_json(&example_project(), "2026-11-23T12:00:00Z"))
}

/// The reader's verdict, with the message checked whenever it refuses.
fn read(bytes: &[u8]) -> Result<(), ProjectFileError> {
    from_bytes(bytes).map(|_| ()).inspect_err(|e| assert!(e.to_string().len() > 10, "{e:?}"))
}

/// Every value in a JSON tree, as a path of keys and indexes.
fn paths(value: &Value, here: Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(here.clone());
    match value {
        Value::Array(items) => {
            items.iter().enumerate().for_each(|(i, v)| paths(v, [here.clone(), vec![i.to_string()]].concat(), out))
        }
        Value::Object(map) => map.iter().for_each(|(k, v)| paths(v, [here.clone(), vec![k.clone()]].concat(), out)),
        _ => {}
    }
}

fn at<'a>(value: &'a mut Value, path: &[String]) -> &'a mut Value {
    path.iter().fold(value, |v, key| match v {
        Value::Array(items) => &mut items[key.parse::<usize>().unwrap()],
        Value::Object(map) => map.get_mut(key).unwrap(),
        _ => unreachable!(),
    })
}

/// A value of a different JSON type from `old`.
fn other_type(old: &Value, pick: u8) -> Value {
    let candidates = [
        Value::Null,
        Value::Bool(true),
        Value::from(-1.5),
        Value::from(u64::MAX),
        Value::from("\u{0}\u{FFFD}"),
        Value::Array(vec![Value::Null]),
        serde_json::json!({ "unexpected": [] }),
    ];
    let same = |v: &Value| std::mem::discriminant(v) == std::mem::discriminant(old);
    let others: Vec<&Value> = candidates.iter().filter(|v| !same(v)).collect();
    others[pick as usize % others.len()].clone()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let _ = read(&bytes);
    }

    #[test]
    fn json_shaped_junk_never_panics(text in r#"[\[\]{}":,0-9a-z \\]{0,400}"#) {
        let _ = read(text.as_bytes());
        let _ = read(format!(r#"{{"format":"area-send-project","format_version":2,"project":{text}"#).as_bytes());
    }

    #[test]
    fn a_saved_project_cut_short_is_an_error(cut in 0usize..1_000_000) {
        let text = saved();
        let cut = cut % text.len();
        let err = read(&text.as_bytes()[..cut]).unwrap_err();
        prop_assert!(
            matches!(err, ProjectFileError::Truncated { .. } | ProjectFileError::Empty | ProjectFileError::NotJson { .. }),
            "cut at {}: {:?}", cut, err
        );
    }

    #[test]
    fn a_saved_project_with_a_byte_changed_never_panics(pos in 0usize..1_000_000, xor in 1u8..=255) {
        let mut bytes = saved().as_bytes().to_vec();
        let pos = pos % bytes.len();
        bytes[pos] ^= xor;
        let _ = read(&bytes);
    }

    #[test]
    fn a_value_of_the_wrong_type_never_panics(which in any::<prop::sample::Index>(), pick in any::<u8>()) {
        let mut tree: Value = serde_json::from_str(saved()).unwrap();
        let mut all = Vec::new();
        paths(&tree["project"], vec!["project".into()], &mut all);
        let path = which.get(&all);
        let node = at(&mut tree, path);
        *node = other_type(node, pick);
        let _ = read(serde_json::to_string(&tree).unwrap().as_bytes());
    }
}

#[test]
fn the_saved_example_reads_back() {
    assert_eq!(from_json(saved()), Ok(example_project()));
}

fn nested(depth: usize) -> String {
    format!("{}{}", "[".repeat(depth), "]".repeat(depth))
}

/// serde_json's recursion limit of 128 (its `unbounded_depth` feature is off) allows 127 nested
/// arrays or objects and refuses the 128th, long before the stack runs out.
#[test]
fn serde_json_recursion_limit_is_128() {
    assert!(serde_json::from_str::<Value>(&nested(127)).is_ok());
    let err = serde_json::from_str::<Value>(&nested(128)).unwrap_err();
    assert!(err.to_string().starts_with("recursion limit exceeded"), "{err}");
}

#[test]
fn nesting_100_000_deep_is_an_error_not_a_stack_overflow() {
    let deep = nested(100_000);
    let envelope = |field: &str, value: &str| {
        format!(r#"{{"format":"area-send-project","format_version":2,"saved_at":"x",{field}:{value}}}"#)
    };
    for text in [
        deep.clone(),
        format!("{{\"a\":{deep}}}"),
        envelope(r#""project""#, &deep),
        // A field the reader ignores is skipped without recursion limits of its own.
        envelope(r#""app_version""#, &deep),
        envelope(r#""project""#, &format!(r#"{{"area_name":{deep}}}"#)),
        // Cut off inside the nesting.
        envelope(r#""project""#, &"[".repeat(100_000)),
        "{".repeat(100_000),
    ] {
        let err = read(text.as_bytes()).unwrap_err();
        assert!(
            matches!(
                err,
                ProjectFileError::NotJson { .. }
                    | ProjectFileError::NotAProject
                    | ProjectFileError::Truncated { .. }
                    | ProjectFileError::Invalid(_)
            ),
            "{err:?}"
        );
    }
}
