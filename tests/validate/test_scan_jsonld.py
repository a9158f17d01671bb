"""Where each statement of a JSON-LD text is written, as JSON-LD expansion reads it."""

from __future__ import annotations

import json

from jargraph.validate.located import Position, Sink
from jargraph.validate.scan_jsonld import scan_jsonld

JAR = "https://w3id.org/jargraph/def#"
ID = "https://w3id.org/jargraph/id/"


def _scan(doc: object) -> tuple[Sink, list[str]]:
    text = json.dumps(doc, indent=1)
    sink = Sink()
    scan_jsonld(text, sink)
    return sink, text.splitlines()


def test_terms_vocab_base_and_typed_terms() -> None:
    sink, lines = _scan({
        "@context": {"@vocab": JAR, "@base": ID, "review": {"@id": "jar:review", "@type": "@id"},
                     "jar": JAR},
        "@id": "review/jar-leeds-2008/judgement/safeguarding",
        "@type": "Judgement",
        "review": "review/jar-leeds-2008",
        "gradeWording": {"@value": "2"},
    })
    found = {(w.subject, w.predicate, w.obj) for w in sink.statements}
    node = ID + "review/jar-leeds-2008/judgement/safeguarding"
    assert found == {
        (node, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", JAR + "Judgement"),
        (node, JAR + "review", ID + "review/jar-leeds-2008"),
        (node, JAR + "gradeWording", ("literal", "2")),
    }
    wording = next(w for w in sink.statements if w.predicate == JAR + "gradeWording")
    assert lines[wording.object_at.line - 1].strip() == '"@value": "2"'
    assert (None, ID, Position(4, 3)) in sink.declarations  # "@base", the key


def test_embedded_nodes_lists_and_named_graphs() -> None:
    sink, _ = _scan({
        "@context": {"jar": JAR, "jarid": ID},
        "@id": "https://w3id.org/jargraph/graph/x",
        "@graph": [{
            "@id": "jarid:document/d",
            "jar:passage": {"@list": [{"@id": "jarid:document/d/paragraph/1"},
                                      {"@id": "jarid:document/d/paragraph/2"}]},
            "jar:area": {"@type": "jar:Area", "jar:dfeCode": "383"},
        }],
    })
    found = {(w.subject, w.predicate, w.obj) for w in sink.statements}
    assert (ID + "document/d", JAR + "passage", ID + "document/d/paragraph/2") in found
    [anonymous] = sink.anonymous.values()
    assert anonymous[:2] == (ID + "document/d", JAR + "area")
    assert (0, JAR + "dfeCode", ("literal", "383")) in found
    assert ("jarid", ID) in {(p, ns) for p, ns, _ in sink.declarations}
