"""doccano's import of a JSONL file, without its dependencies.

This follows doccano (github.com/doccano/doccano) at commit
ab6b765ea326d07b2b806a4280cd097565e62321, backend/data_import/:

  pipeline/parsers.py  LineReader, JSONLParser: one JSON object a line
  pipeline/makers.py   ExampleMaker, LabelMaker: the text and label columns
  pipeline/data.py     TextData: the text may not be empty
  pipeline/label.py    SpanLabel, RelationLabel: what a label must be
  pipeline/labels.py   Spans.clean, Spans.id_to_span, Relations.save
  datasets.py          SequenceLabelingDataset, RelationExtractionDataset

with pandas' DataFrame (explode, dropna), pydantic's checks and Django's
database replaced by what they do here. Usage:

  python3 doccano_import.py FILE TASK ALLOW_OVERLAPPING

TASK is SequenceLabeling (the "JSONL" import of a sequence-labelling
project: columns text and label) or RelationExtraction (the "JSONL(Relation)"
import of one with relation labelling: text, entities, relations);
ALLOW_OVERLAPPING is the project's "Allow overlapping spans", false unless
a user ticks it. It prints what doccano would store, as JSON, and exits 2
where doccano's import stops with an exception.
"""
import itertools
import json
import sys

LINE = "#line_number"  # readers.LINE_NUMBER_COLUMN


def read_jsonl(path, errors):
    """parsers.JSONLParser over parsers.LineReader."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for line_num, line in enumerate(f, start=1):
            line = line.rstrip()
            try:
                row = json.loads(line)
            except json.decoder.JSONDecodeError as e:
                errors.append([line_num, str(e)])
                continue
            rows.append({LINE: line_num, **row})
    return rows


def make_examples(rows, column_data, errors):
    """makers.ExampleMaker.make with data.TextData: the rows that become
    examples, by index."""
    columns = set(itertools.chain.from_iterable(rows))
    if column_data not in columns:
        errors.append([0, "Column %s not found in the file" % column_data])
        return {}
    examples = {}
    for i, row in enumerate(rows):
        text = row.get(column_data)
        if text is None:
            errors.append([row[LINE], "Column %s not found in record" % column_data])
            continue
        if not isinstance(text, str) or not text:  # TextData.text_is_not_empty
            errors.append([row[LINE], "Invalid data in line %d" % row[LINE]])
            continue
        examples[i] = text
    return examples


def is_count(v):
    """pydantic's NonNegativeInt, for the values JSON gives."""
    return isinstance(v, int) and not isinstance(v, bool) and v >= 0


def is_name(v):
    """pydantic's constr(min_length=1)."""
    return isinstance(v, str) and len(v) >= 1


def parse_span(obj):
    """label.SpanLabel.parse and its validators; None where it raises
    ValueError, which LabelMaker passes over without a word."""
    if isinstance(obj, (list, tuple)):
        obj = dict(zip(["start_offset", "end_offset", "label"], obj))
    elif not isinstance(obj, dict):
        return None
    span = {"id": obj.get("id", -1), "label": obj.get("label"),
            "start_offset": obj.get("start_offset"), "end_offset": obj.get("end_offset")}
    if not isinstance(span["id"], int) or not is_name(span["label"]):
        return None
    if not is_count(span["start_offset"]) or not is_count(span["end_offset"]):
        return None
    if span["start_offset"] >= span["end_offset"]:  # start_offset must be less than end_offset
        return None
    return span


def parse_relation(obj):
    """label.RelationLabel.parse: cls(**obj), so obj must be a dict."""
    rel = {"id": obj.get("id", -1), "from_id": obj.get("from_id"), "to_id": obj.get("to_id"), "type": obj.get("type")}
    if not all(isinstance(rel[k], int) and not isinstance(rel[k], bool) for k in ("id", "from_id", "to_id")):
        return None
    if not is_name(rel["type"]):
        return None
    return rel


def make_labels(rows, column, parse, errors, counts):
    """makers.LabelMaker.make: DataFrame.explode(column), then each value
    parsed; one that does not parse is skipped."""
    columns = set(itertools.chain.from_iterable(rows))
    if column not in columns:
        errors.append([0, "Column %s not found in the file" % column])
        return []
    labels = []
    for i, row in enumerate(rows):
        values = row.get(column)
        if values is None:
            continue
        if not isinstance(values, list):  # explode leaves a scalar as it is
            values = [values]
        for v in values:  # explode turns [] into NaN, which dropna drops
            label = parse(v)
            if label is None:
                counts["skipped_labels"] += 1
                continue
            label["example"] = i
            labels.append(label)
    return labels


def clean_spans(spans, allow_overlapping, counts):
    """labels.Spans.clean: without overlapping, a span that starts before
    the last kept one ends is dropped."""
    if allow_overlapping:
        return spans
    kept = []
    for _, group in itertools.groupby(spans, lambda s: s["example"]):
        last_offset = -1
        for span in sorted(group, key=lambda s: s["start_offset"]):  # SpanLabel.__lt__
            if span["start_offset"] >= last_offset:
                last_offset = span["end_offset"]
                kept.append(span)
            else:
                counts["dropped_spans"] += 1
    return kept


def main():
    path, task, allow_overlapping = sys.argv[1], sys.argv[2], sys.argv[3] == "true"
    errors = []
    counts = {"skipped_labels": 0, "dropped_spans": 0}
    rows = read_jsonl(path, errors)
    if task == "SequenceLabeling":
        # datasets.SequenceLabelingDataset with catalog.ArgColumn's defaults.
        examples = make_examples(rows, "text", errors)
        spans = make_labels(rows, "label", parse_span, errors, counts)
        relations = []
    elif task == "RelationExtraction":
        # datasets.RelationExtractionDataset.
        examples = make_examples(rows, "text", errors)
        spans = make_labels(rows, "entities", parse_span, errors, counts)
        relations = make_labels(rows, "relations", parse_relation, errors, counts)
    else:
        sys.exit("unknown task " + task)
    spans = clean_spans(spans, allow_overlapping, counts)
    stored = [s for s in spans if s["example"] in examples]  # Labels.save
    # Spans.id_to_span, which only Relations.save asks for: every kept
    # span, looked up in the database by its uuid; one whose example was
    # not stored is not there.
    id_to_span = {}
    for s in spans if task == "RelationExtraction" else []:
        if s["example"] not in examples:
            print("KeyError: a span of line %d, whose example was not stored" % rows[s["example"]][LINE], file=sys.stderr)
            sys.exit(2)
        id_to_span[(s["id"], s["example"])] = s
    out_relations = []
    for r in relations:
        if r["example"] not in examples:
            continue
        try:  # RelationLabel.create
            a, b = id_to_span[(r["from_id"], r["example"])], id_to_span[(r["to_id"], r["example"])]
        except KeyError as e:
            print("KeyError: %s in Relations.save (line %d)" % (e, rows[r["example"]][LINE]), file=sys.stderr)
            sys.exit(2)
        out_relations.append([r["example"], a["start_offset"], a["end_offset"], b["start_offset"], b["end_offset"], r["type"]])
    out = {"errors": errors, **counts, "examples": []}
    for i, text in sorted(examples.items()):
        out["examples"].append({
            "line": rows[i][LINE],
            "spans": [[s["start_offset"], s["end_offset"], s["label"], text[s["start_offset"]:s["end_offset"]]]
                      for s in stored if s["example"] == i],
            "relations": [r[1:] for r in out_relations if r[0] == i],
        })
    json.dump(out, sys.stdout, ensure_ascii=False)


main()
