#!/usr/bin/env python3
"""Checks scenarios/scenario.schema.json against the loader's view of the format.

Every shipped scenario, and every scenario in tests/fixtures/valid and
tests/fixtures/lint (legal scenarios that only draw warnings), must pass the schema. Each bad fixture in tests/fixtures/bad is
listed below in exactly one group: those a schema can express must fail it; those that
are not JSON at all must fail a strict JSON parse; those only the loader can catch
(references between ids) must pass the schema, which documents its limits. A fixture in
no group fails the check, so a new fixture has to be classified here.

Usage: schema_check.py REPO_ROOT. Exit 0 on success, 1 on a failed check, 77 (skip)
when python3-jsonschema (Draft 2020-12) is not installed."""
import json
import os
import sys

try:
    from jsonschema import Draft202012Validator
except ImportError:  # pragma: no cover - depends on the machine
    print("SKIP: python3-jsonschema with Draft 2020-12 support is not installed")
    sys.exit(77)

# Bad fixtures that the schema must reject: types, unknown keys, ranges, missing keys.
SCHEMA_REJECTS = {
    "event-day-and-chance.json": "an event with both day and chance (oneOf)",
    "integer-out-of-range.json": "deal_value above its maximum",
    "misspelt-key.json": "unknown key and a missing required key",
    "missing-sections.json": "missing required keys",
    "nesting-100.json": "an unknown key (the nesting itself is the loader's limit)",
    "not-an-object.json": "the top level is an array",
    "number-overflow.json": "1e999 parses as infinity, above deal_value's maximum",
    "several-mistakes.json": "wrong types, a range, a step of minutes, an enum, an unknown key",
    "wrong-case-key.json": "unknown key Quota and missing quota",
    "wrong-type-every-section.json": "every top-level section of the wrong type",
}

# Not JSON: a strict parser (no duplicates, no NaN/Infinity, UTF-8 only) must refuse them.
NOT_JSON = {
    "bom-only.json", "comment.json", "duplicate-keys.json", "embedded-nul.json", "empty.json",
    "invalid-utf8.json", "missing-comma.json", "missing-comma-in-array.json",
    "missing-comma-in-line.json", "missing-comma-in-object.json", "trailing-comma.json",
    "trailing-garbage.json", "truncated.json",
}

# Valid against the schema; only the loader sees the broken reference between ids.
LOADER_ONLY = {
    "unknown-prospect.json": "an event names a prospect id that does not exist",
    "unknown-step.json": "a step requires a step id that does not exist",
}


def jsonschema_version():
    try:
        from importlib.metadata import version
        return version("jsonschema")
    except Exception:  # pragma: no cover - very old Pythons
        return "?"


def no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("duplicate key")
    return dict(pairs)


def reject_constant(name):
    raise ValueError("not JSON: " + name)


def strict_load(path):
    with open(path, "rb") as f:
        data = f.read()
    text = data.decode("utf-8")  # raises on invalid UTF-8
    if "\x00" in text:
        raise ValueError("NUL byte")
    return json.loads(text, object_pairs_hook=no_duplicates, parse_constant=reject_constant)


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    root = sys.argv[1]
    with open(os.path.join(root, "scenarios", "scenario.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    failures = 0

    def fail(msg):
        nonlocal failures
        failures += 1
        print("FAIL " + msg)

    scen_dir = os.path.join(root, "scenarios")
    shipped = sorted(n for n in os.listdir(scen_dir)
                     if n.endswith(".json") and n != "scenario.schema.json")
    if not shipped:
        fail("no shipped scenarios found in " + scen_dir)
    for name in shipped:
        doc = strict_load(os.path.join(scen_dir, name))
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
        for e in errors:
            fail("scenarios/%s: /%s: %s" % (name, "/".join(map(str, e.path)), e.message))
        if doc.get("$schema") != "scenario.schema.json":
            fail("scenarios/%s: \"$schema\" should be \"scenario.schema.json\"" % name)
        if not errors:
            print("ok   scenarios/%s passes the schema" % name)

    for sub in ("valid", "lint"):
        valid_dir = os.path.join(root, "tests", "fixtures", sub)
        for name in sorted(n for n in os.listdir(valid_dir) if n.endswith(".json")):
            doc = strict_load(os.path.join(valid_dir, name))
            errors = list(validator.iter_errors(doc))
            for e in errors:
                fail("tests/fixtures/%s/%s: /%s: %s"
                     % (sub, name, "/".join(map(str, e.path)), e.message))
            if not errors:
                print("ok   tests/fixtures/%s/%s passes the schema" % (sub, name))

    bad_dir = os.path.join(root, "tests", "fixtures", "bad")
    fixtures = sorted(n for n in os.listdir(bad_dir) if n.endswith(".json"))
    for name in fixtures:
        path = os.path.join(bad_dir, name)
        groups = [g for g in (SCHEMA_REJECTS, NOT_JSON, LOADER_ONLY) if name in g]
        if len(groups) != 1:
            fail("%s is in %d groups of schema_check.py; put it in exactly one" % (name, len(groups)))
            continue
        if name in NOT_JSON:
            try:
                strict_load(path)
            except (ValueError, UnicodeDecodeError):
                print("ok   %s is not JSON" % name)
            else:
                fail("%s parses as strict JSON, but is listed as not JSON" % name)
            continue
        doc = strict_load(path)
        valid = validator.is_valid(doc)
        if name in SCHEMA_REJECTS and valid:
            fail("%s passes the schema, but should fail it (%s)" % (name, SCHEMA_REJECTS[name]))
        elif name in LOADER_ONLY and not valid:
            first = next(validator.iter_errors(doc))
            fail("%s should pass the schema (only the loader sees %s), but: %s"
                 % (name, LOADER_ONLY[name], first.message))
        else:
            print("ok   %s %s the schema" % (name, "fails" if not valid else "passes"))
    for name in list(SCHEMA_REJECTS) + sorted(NOT_JSON) + list(LOADER_ONLY):
        if name not in fixtures:
            fail("schema_check.py lists %s, which is not in tests/fixtures/bad" % name)

    print("%d failure(s); jsonschema %s" % (failures, jsonschema_version()))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
