"""ontology/shapes.ttl against the fixtures in tests/fixtures/shapes/.

Every fixture is loaded on top of context.ttl, a small valid graph (article, province,
organisations, post, person, evidence) that on its own produces no result at all.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, SH

from kg.namespaces import ID, VPS
from kg.ontology import shapes_graph
from kg.validate import ValidationResult, Violation, summary, validate

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "shapes"
VPSH = "https://w3id.org/vnps/shapes#"
SHAPES = (
    "Article", "Person", "Organization", "Post", "Holding", "CoordinationAgreement",
    "Event", "Participation", "Document", "AdministrativeUnit", "Evidence",
)
FILE_STEMS = {
    "Article": "article", "Person": "person", "Organization": "organization", "Post": "post",
    "Holding": "holding", "CoordinationAgreement": "coordination_agreement", "Event": "event",
    "Participation": "participation", "Document": "document",
    "AdministrativeUnit": "administrative_unit", "Evidence": "evidence",
}
# The node each invalid fixture breaks.
INVALID_FOCUS = {
    "Article": "article/001_invalid",
    "Person": "person/vu-viet-van-2008-vinh-phuc",
    "Organization": "org/2008-vinh-phuc/xa-binh-minh/dang-uy",
    "Post": "org/2008-vinh-phuc/tinh-uy/post/bi-thu",
    "Holding": "holding/7b1e0d",
    "CoordinationAgreement": "agreement/one-party",
    "Event": "article/000_test/event/2",
    "Participation": "article/000_test/event/9/participation/nguyen-thanh-tung-host",
    "Document": "document/35-nq-tw",
    "AdministrativeUnit": "place/2008/ha-tay",
    "Evidence": "article/000_test/span/500-400-bad",
}


def load(*names: str) -> Graph:
    graph = Graph()
    for name in ("context.ttl", *names):
        graph.parse(FIXTURES / name, format="turtle")
    return graph


def shape_iri(name: str) -> URIRef:
    return URIRef(VPSH + name + "Shape")


def hard(result: ValidationResult) -> list[Violation]:
    return [v for v in result.violations if v.is_violation]


def assert_bilingual_messages(result: ValidationResult, violation: Violation) -> None:
    """The report itself (not just our dataclass) carries both languages."""
    assert violation.message_vi and violation.message_en
    assert violation.message_vi != violation.message_en
    for node in result.report.subjects(SH.focusNode, violation.focus):
        if result.report.value(node, SH.sourceShape) == violation.source_shape:
            langs = {m.language for m in result.report.objects(node, SH.resultMessage) if isinstance(m, Literal)}
            assert {"vi", "en"} <= langs
            return
    pytest.fail(f"no report result for {violation.focus} / {violation.source_shape}")


def test_context_alone_has_no_results():
    result = validate(load())
    assert result.conforms
    assert result.violations == (), summary(result)


def test_every_class_has_a_named_shape():
    shapes = shapes_graph()
    for name in SHAPES:
        assert (shape_iri(name), SH.targetClass, VPS[name]) in shapes


@pytest.mark.parametrize("name", SHAPES)
def test_valid_fixture_conforms(name: str):
    result = validate(load(f"{FILE_STEMS[name]}_valid.ttl"))
    assert result.conforms, summary(result)
    assert hard(result) == []


@pytest.mark.parametrize("name", SHAPES)
def test_invalid_fixture_is_rejected_by_its_shape(name: str):
    result = validate(load(f"{FILE_STEMS[name]}_invalid.ttl"))
    assert not result.conforms
    focus = ID[INVALID_FOCUS[name]]
    violations = hard(result)
    # Only the fixture's node breaks, and it breaks the shape of its class.
    assert {v.focus for v in violations} == {focus}, summary(result)
    assert {v.shape for v in violations} == {shape_iri(name)}, summary(result)
    for violation in violations:
        assert_bilingual_messages(result, violation)


def test_every_property_shape_and_sparql_constraint_has_vi_and_en_messages():
    shapes = shapes_graph()
    constraints = set(shapes.objects(None, SH.property)) | set(shapes.objects(None, SH.sparql))
    assert constraints
    for node in constraints:
        langs = {m.language for m in shapes.objects(node, SH.message)}
        assert langs == {"vi", "en"}, node


def test_period_start_after_end_is_rejected():
    result = validate(load("coordination_agreement_period_invalid.ttl"))
    assert not result.conforms
    (violation,) = hard(result)
    assert violation.focus == ID["agreement/backwards"]
    assert violation.shape == shape_iri("CoordinationAgreement")
    assert violation.constraint == SH.SPARQLConstraintComponent
    assert "periodStart" in violation.message_en and "periodStart" in violation.message_vi
    assert_bilingual_messages(result, violation)


def test_post_province_must_be_its_organizations():
    """A post repeats its organisation's province; stating another, or none, is rejected."""
    result = validate(load("post_province_mismatch.ttl"))
    violations = hard(result)
    assert sorted((v.focus, v.value) for v in violations) == [
        (ID["org/2008-vinh-phuc/tinh-uy/post/bi-thu"], ID["place/2008/vinh-phuc"]),
        (ID["org/2008-vinh-phuc/tinh-uy/post/pho-bi-thu"], ID["place/2008/ha-tay"]),
        (ID["org/2008-vinh-phuc/tinh-uy/post/pho-bi-thu"], ID["place/2008/vinh-phuc"]),
    ]
    assert {(v.shape, v.constraint) for v in violations} == {(shape_iri("Post"), SH.SPARQLConstraintComponent)}
    assert_bilingual_messages(result, violations[0])


def test_agreement_with_one_party_is_flagged_not_rejected():
    """Agreements have two or more parties, but an article may name only one: a warning."""
    result = validate(load("coordination_agreement_one_party.ttl"))
    assert result.conforms and not hard(result)
    (warning,) = [v for v in result.violations if v.path == VPS.party]
    assert warning.severity == SH.Warning
    assert warning.constraint == SH.MinCountConstraintComponent
    assert_bilingual_messages(result, warning)


def test_holding_without_derivation_is_rejected():
    result = validate(load("holding_invalid.ttl"))
    (violation,) = hard(result)
    assert violation.focus == ID["holding/7b1e0d"]
    assert violation.shape == shape_iri("Holding")
    assert violation.path == PROV.wasDerivedFrom
    assert violation.constraint == SH.MinCountConstraintComponent


def test_fact_without_evidence_is_rejected():
    graph = load("holding_valid.ttl")
    graph.remove((ID["holding/3f2a9c"], VPS.evidence, None))
    (violation,) = hard(validate(graph))
    assert violation.path == VPS.evidence


def test_agreement_without_signing_date_reports_nothing():
    result = validate(load("coordination_agreement_valid.ttl"))
    assert result.violations == (), summary(result)


def test_person_without_post_is_only_a_warning():
    result = validate(load("person_warning.ttl"))
    assert result.conforms
    (warning,) = result.violations
    assert warning.severity == SH.Warning
    assert warning.shape == shape_iri("Person")
    assert warning.focus == ID["person/vu-chi-giang-2008-vinh-phuc"]
    assert "Warning" in summary(result)


def test_integer_offsets_must_be_typed_non_negative():
    result = validate(load("evidence_invalid.ttl"))
    components = {(v.path, v.constraint) for v in hard(result)}
    assert (URIRef("http://www.w3.org/ns/oa#start"), SH.DatatypeConstraintComponent) in components
    assert (URIRef("http://www.w3.org/ns/oa#end"), SH.MinInclusiveConstraintComponent) in components
    assert (URIRef("http://www.w3.org/ns/oa#start"), SH.LessThanConstraintComponent) in components


def test_dataset_is_validated_as_the_union_of_its_graphs():
    """An article graph may point at provinces that live in the reference graph."""
    context = load()
    dataset = Dataset()
    article_graph = dataset.graph(ID["article/000_test"])
    reference = dataset.graph(URIRef("https://w3id.org/vnps/graph/reference"))
    for triple in context:
        subject_type = context.value(triple[0], RDF.type)
        (reference if subject_type == VPS.Province else article_graph).add(triple)
    holding = Graph().parse(FIXTURES / "holding_invalid.ttl", format="turtle")
    for triple in holding:
        article_graph.add(triple)
    result = validate(dataset)
    assert {v.focus for v in hard(result)} == {ID["holding/7b1e0d"]}


def test_validation_does_not_modify_inputs():
    data = load("holding_valid.ttl")
    before, shapes_before = len(data), len(shapes_graph())
    validate(data)
    assert len(data) == before
    assert len(shapes_graph()) == shapes_before


def test_summary_lists_counts_and_messages():
    result = validate(load("document_invalid.ttl"))
    text = summary(result, limit=5)
    assert text.startswith("SHACL: does NOT conform")
    assert "vpsh:DocumentShape" in text
    assert "document/35-nq-tw" in text
    assert "en: " in text and "vi: " in text


def test_period_check_is_evaluated_per_agreement():
    """The SPARQL constraint is prepared once and re-bound per focus node; each
    agreement must still get its own answer."""
    graph = load("coordination_agreement_valid.ttl", "coordination_agreement_period_invalid.ttl")
    violations = hard(validate(graph))
    assert [(v.focus, v.constraint) for v in violations] == [
        (ID["agreement/backwards"], SH.SPARQLConstraintComponent)
    ]


def test_a_person_as_party_is_caught_without_inference():
    """Why validate() defaults to inference="none": with RDFS the range of vps:party
    would type the person as a vps:Organization and the sh:class check would pass."""
    graph = load("coordination_agreement_valid.ttl")
    graph.add((ID["agreement/5d41402a"], VPS.party, ID["person/nguyen-thanh-tung-2008-vinh-phuc"]))
    (violation,) = hard(validate(graph))
    assert violation.path == VPS.party
    assert violation.constraint == SH.ClassConstraintComponent
