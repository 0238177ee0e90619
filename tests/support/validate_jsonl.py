#!/usr/bin/python3
"""validate_jsonl.py SCHEMA_DIR FILE...: validates JSON-lines output against the output contract.

Every line of every FILE must be one JSON object with a string "schema" naming its record type, e.g.
"adasolve-seq/summary"; the record is validated against SCHEMA_DIR/<schema>.json (JSON Schema draft
2020-12) with python3-jsonschema. A file with no record fails too, so an app that printed nothing does not
pass. Prints one line per problem, "FILE:LINE: ...", and exits 0 when every record is valid, 1 otherwise,
2 on bad usage. Run it with /usr/bin/python3 (Debian's python3-jsonschema), not a python3 on PATH.

Counts are integers: a field the schema types "integer" must be written as one (104, not 104.0 or 1.04e2).
JSON Schema alone accepts 104.0 as an integer (a number with no fractional part), so the validator's type
checker is stricter: "integer" matches only what Python's json module parses as int.
"""
import json
import os
import sys

from jsonschema import Draft202012Validator, validators

StrictValidator = validators.extend(
    Draft202012Validator,
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine(
        "integer", lambda checker, instance: isinstance(instance, int) and not isinstance(instance, bool)))


def load_validator(schema_dir, name, cache):
    if name not in cache:
        path = os.path.join(schema_dir, name + ".json")
        # A name such as "../x" must not reach outside the schema folder.
        if ".." in name.split("/") or not os.path.isfile(path):
            cache[name] = None
        else:
            with open(path, encoding="utf-8") as f:
                schema = json.load(f)
            Draft202012Validator.check_schema(schema)
            cache[name] = StrictValidator(schema)
    return cache[name]


def check_file(schema_dir, path, cache):
    """The problems of one file, as "FILE:LINE: message" strings."""
    problems = []
    records = 0
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the newline that ends the last record
    for number, line in enumerate(lines, start=1):
        where = f"{path}:{number}"
        try:
            record = json.loads(line, parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c + " is not JSON")))
        except ValueError as e:
            problems.append(f"{where}: not a JSON document ({e})")
            continue
        if not isinstance(record, dict):
            problems.append(f"{where}: not a JSON object")
            continue
        name = record.get("schema")
        if not isinstance(name, str):
            problems.append(f"{where}: no \"schema\" key naming the record type")
            continue
        validator = load_validator(schema_dir, name, cache)
        if validator is None:
            problems.append(f"{where}: unknown schema '{name}' (no {name}.json in {schema_dir})")
            continue
        records += 1
        for error in sorted(validator.iter_errors(record), key=lambda e: list(e.absolute_path)):
            pointer = "/" + "/".join(str(p) for p in error.absolute_path)
            problems.append(f"{where}: {name}: at {pointer}: {error.message}")
    if records == 0 and not problems:
        problems.append(f"{path}: no records")
    return problems


def main(argv):
    if len(argv) < 3 or not os.path.isdir(argv[1]):
        print("usage: validate_jsonl.py SCHEMA_DIR FILE...", file=sys.stderr)
        return 2
    cache = {}
    problems = []
    for path in argv[2:]:
        try:
            problems += check_file(argv[1], path, cache)
        except OSError as e:
            problems.append(f"{path}: {e.strerror}")
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
